package dev.ms5.timescale.jdbc.internal.monitor;

import java.util.regex.Pattern;

/** Hides secrets in what operators are shown: a JDBC URL's password parameters and {@code user:password@}. */
final class Masking {

    private static final String MASK = "****";
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?#]*):[^/@?#]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;][^=&;#]*(?:password|secret|token|key)[^=&;#]*=)[^&;#]*");

    private Masking() {
    }

    /**
     * Masks a JDBC URL's secrets.
     *
     * @param url e.g. {@code jdbc:postgresql://u:pw@host/db?password=pw&user=u}
     * @return e.g. {@code jdbc:postgresql://u:****@host/db?password=****&user=u}
     */
    static String url(String url) {
        String masked = USER_INFO.matcher(url).replaceAll("$1:" + MASK + "@");
        return SECRET_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
