package dev.ms5.timescale.jdbc.internal.http;

import java.util.regex.Pattern;

/**
 * Masks credentials in text shown to callers: a JDBC URL's {@code password=} parameters and {@code user:password@}.
 * The statistics already mask what they return; this is the second line, for URLs and server messages that reach
 * an answer some other way.
 */
final class Secrets {

    private static final Pattern PARAMETER = Pattern.compile("(?i)\\b((?:ssl)?password|passwd|pwd)=[^&;\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("//([^/:@\\s]*):[^/@\\s]*@");

    private Secrets() {
    }

    /**
     * Masks the credentials in a text.
     *
     * @param text e.g. {@code jdbc:postgresql://db/x?user=app&password=s3cret}
     * @return e.g. {@code jdbc:postgresql://db/x?user=app&password=***}
     */
    static String mask(String text) {
        String masked = PARAMETER.matcher(text).replaceAll("$1=***");
        return USER_INFO.matcher(masked).replaceAll("//$1:***@");
    }
}
