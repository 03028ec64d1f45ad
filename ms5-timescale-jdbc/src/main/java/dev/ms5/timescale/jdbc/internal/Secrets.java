package dev.ms5.timescale.jdbc.internal;

import java.util.regex.Pattern;

/**
 * Masks credentials in text shown to operators or callers: a JDBC URL's {@code user:password@} and its
 * parameters that hold secrets ({@code password}, {@code sslpassword}, {@code passwd}, {@code pwd}, and any whose
 * name holds {@code secret} or {@code token}). Masking twice changes nothing.
 */
public final class Secrets {

    private static final String MASK = "****";
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#\\s]*):[^/@?#\\s]*@");
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)(\\b[\\w.-]*(?:password|passwd|pwd|secret|token)[\\w.-]*=)[^&;#\\s]*");

    private Secrets() {
    }

    /**
     * Masks the credentials in a text.
     *
     * @param text e.g. {@code jdbc:postgresql://app:s3cret@db/x?user=app&password=s3cret}
     * @return e.g. {@code jdbc:postgresql://app:****@db/x?user=app&password=****}
     */
    public static String mask(String text) {
        String masked = USER_INFO.matcher(text).replaceAll("$1:" + MASK + "@");
        return PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
