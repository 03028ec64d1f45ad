package dev.ms5.timescale.jdbc.internal.http;

import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TimescaleException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a raw query string strictly: every parameter must be one the endpoint accepts, given once, with a value.
 * Nothing from it reaches SQL except through the statistics API, whose arguments are bound.
 */
final class Query {

    /** The longest raw query accepted. */
    static final int MAX_LENGTH = 2048;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_OFFSET = 10_000_000;

    private Query() {
    }

    /**
     * The parameters of a request to the chunks endpoint.
     *
     * @param table  the hypertable, as given, or empty for all
     * @param limit  the page size
     * @param offset the chunks to skip
     */
    record Chunks(Optional<String> table, int limit, int offset) {

        /** A key that tells two requests for the same page apart from others, for the cache. */
        String key() {
            return "chunks?table=" + table.map(t -> TableName.parse(t).toString()).orElse("") + "&limit=" + limit
                    + "&offset=" + offset;
        }
    }

    /**
     * Reads the parameters of a request.
     *
     * @param raw   the raw query, without {@code ?}
     * @param route the endpoint, which says what it accepts
     * @return the decoded parameters, in the order given
     * @throws BadRequest when the query is too long, malformed, repeats or has an unknown parameter
     */
    static Map<String, String> parameters(String raw, Route route) {
        if (raw.length() > MAX_LENGTH) {
            throw new BadRequest("The query is " + raw.length() + " characters long; at most " + MAX_LENGTH
                    + " are accepted");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            if (!route.parameters().contains(name)) {
                throw new BadRequest("Unknown query parameter '" + shorten(name) + "'; " + accepted(route));
            }
            if (equals < 0 || equals == pair.length() - 1) {
                throw new BadRequest("Query parameter '" + name + "' has no value; e.g. " + example(name));
            }
            if (parameters.put(name, decode(pair.substring(equals + 1))) != null) {
                throw new BadRequest("Query parameter '" + name + "' is given twice; give it once");
            }
        }
        return parameters;
    }

    /**
     * Reads and checks the chunks endpoint's parameters.
     *
     * @param parameters the decoded parameters
     * @return the page asked for
     * @throws BadRequest when the table name cannot name a table or a number is out of range
     */
    static Chunks chunks(Map<String, String> parameters) {
        Optional<String> table = Optional.ofNullable(parameters.get("table_name"));
        table.ifPresent(Query::tableName);
        int limit = number(parameters, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = number(parameters, "offset", 0, 0, MAX_OFFSET);
        return new Chunks(table, limit, offset);
    }

    private static void tableName(String text) {
        try {
            TableName.parse(text);
        } catch (TimescaleException e) {
            throw new BadRequest("Query parameter 'table_name' cannot name a table: " + e.getMessage());
        }
    }

    private static int number(Map<String, String> parameters, String name, int fallback, int min, int max) {
        String text = parameters.get(name);
        if (text == null) {
            return fallback;
        }
        // Digits only: no sign, no spaces, and at most 9 so that parsing cannot overflow.
        if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
            throw new BadRequest("Query parameter '" + name + "' must be a whole number from " + min + " to " + max
                    + ", was '" + shorten(text) + "'; e.g. " + example(name));
        }
        return Integer.parseInt(text);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("The query has a malformed %-escape in '" + shorten(text) + "'; encode it as"
                    + " UTF-8 with %XX escapes");
        }
    }

    private static String accepted(Route route) {
        return route.parameters().isEmpty() ? route.path() + " takes no parameters"
                : "accepted: " + String.join(", ", route.parameters());
    }

    private static String example(String name) {
        return switch (name) {
            case "table_name" -> "table_name=metric_hist";
            case "limit" -> "limit=" + DEFAULT_LIMIT;
            default -> "offset=0";
        };
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
