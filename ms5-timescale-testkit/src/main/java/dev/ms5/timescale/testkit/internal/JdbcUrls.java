package dev.ms5.timescale.testkit.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Small operations on PostgreSQL JDBC URLs of the form {@code jdbc:postgresql://host[:port][/db][?params]}. */
public final class JdbcUrls {

    private static final String PREFIX = "jdbc:postgresql://";
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&]*");

    private JdbcUrls() {
    }

    /**
     * Returns the URL with its database replaced, keeping hosts and parameters.
     *
     * @param url      a URL such as {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}
     * @param database the database name
     * @return the URL of that database on the same server
     * @throws IllegalArgumentException when the URL is not of the host form
     */
    public static String withDatabase(String url, String database) {
        requireHostForm(url);
        int query = url.indexOf('?');
        String params = query < 0 ? "" : url.substring(query);
        String base = query < 0 ? url : url.substring(0, query);
        int slash = base.indexOf('/', PREFIX.length());
        String hosts = slash < 0 ? base : base.substring(0, slash);
        return hosts + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8) + params;
    }

    /**
     * Returns the URL with any password replaced by {@code ***}, for logs and messages.
     *
     * @param url a JDBC URL
     * @return the masked URL
     */
    public static String mask(String url) {
        return url == null ? null : PASSWORD.matcher(url).replaceAll("$1***");
    }

    /**
     * Checks that the URL is a PostgreSQL JDBC URL naming a host.
     *
     * @param url the URL
     * @throws IllegalArgumentException naming the expected form
     */
    public static void requireHostForm(String url) {
        if (url == null || !url.startsWith(PREFIX) || url.length() == PREFIX.length()) {
            throw new IllegalArgumentException("'" + mask(url) + "' is not a PostgreSQL JDBC URL with a host;"
                    + " expected e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        }
    }
}
