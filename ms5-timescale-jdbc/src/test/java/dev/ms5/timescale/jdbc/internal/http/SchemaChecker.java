package dev.ms5.timescale.jdbc.internal.http;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed JSON value against the OpenAPI 3.0 schema subset the monitoring document uses: {@code $ref} to
 * {@code #/components/...}, {@code type}, {@code nullable}, {@code properties}, {@code required},
 * {@code additionalProperties} (false or a schema), {@code items}, {@code enum} and the formats {@code int32},
 * {@code int64}, {@code date-time} and {@code duration}. Anything else in a schema is a mistake of the document and
 * fails the check, so the document cannot use what is not checked.
 */
final class SchemaChecker {

    private static final List<String> KNOWN = List.of("$ref", "type", "nullable", "properties", "required",
            "additionalProperties", "items", "enum", "format", "description", "minimum", "maximum", "default",
            "minLength");

    private final Map<String, Object> document;

    SchemaChecker(Map<String, Object> document) {
        this.document = document;
    }

    /** Resolves {@code $ref} chains, e.g. {@code #/components/schemas/Problem}. */
    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> node) {
        Map<String, Object> at = node;
        while (at.containsKey("$ref")) {
            String ref = (String) at.get("$ref");
            if (!ref.startsWith("#/")) {
                throw new IllegalArgumentException("only local $ref are checked: " + ref);
            }
            Object target = document;
            for (String part : ref.substring(2).split("/")) {
                target = ((Map<String, Object>) target).get(part);
                if (target == null) {
                    throw new IllegalArgumentException("$ref " + ref + " points at nothing");
                }
            }
            at = (Map<String, Object>) target;
        }
        return at;
    }

    /**
     * Checks a value.
     *
     * @return the mismatches, each as {@code $.path: what}; empty when the value matches
     */
    List<String> check(Object value, Map<String, Object> schema) {
        List<String> errors = new ArrayList<>();
        check("$", value, schema, errors);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private void check(String path, Object value, Map<String, Object> raw, List<String> errors) {
        Map<String, Object> schema = resolve(raw);
        schema.keySet().stream().filter(k -> !KNOWN.contains(k))
                .forEach(k -> errors.add(path + ": the schema uses '" + k + "', which is not checked"));
        if (value == null) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                errors.add(path + ": null, but the schema is not nullable");
            }
            return;
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value)) {
            errors.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        String type = (String) schema.get("type");
        if (type == null) {
            errors.add(path + ": the schema has no type");
            return;
        }
        switch (type) {
            case "object" -> object(path, value, schema, errors);
            case "array" -> array(path, value, schema, errors);
            case "string" -> string(path, value, (String) schema.get("format"), errors);
            case "integer" -> integer(path, value, (String) schema.get("format"), errors);
            case "number" -> expect(path, value instanceof BigDecimal, "a number", value, errors);
            case "boolean" -> expect(path, value instanceof Boolean, "a boolean", value, errors);
            default -> errors.add(path + ": unknown type " + type);
        }
    }

    @SuppressWarnings("unchecked")
    private void object(String path, Object value, Map<String, Object> schema, List<String> errors) {
        if (!(value instanceof Map<?, ?>)) {
            errors.add(path + ": expected an object, was " + value);
            return;
        }
        Map<String, Object> object = (Map<String, Object>) value;
        Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
        for (Object name : (List<Object>) schema.getOrDefault("required", List.of())) {
            if (!object.containsKey(name)) {
                errors.add(path + ": required field '" + name + "' is missing");
            }
        }
        Object additional = schema.get("additionalProperties");
        object.forEach((name, member) -> {
            if (properties.containsKey(name)) {
                check(path + "." + name, member, (Map<String, Object>) properties.get(name), errors);
            } else if (Boolean.FALSE.equals(additional)) {
                errors.add(path + ": field '" + name + "' is not in the schema");
            } else if (additional instanceof Map<?, ?> each) {
                check(path + "." + name, member, (Map<String, Object>) each, errors);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void array(String path, Object value, Map<String, Object> schema, List<String> errors) {
        if (!(value instanceof List<?> list)) {
            errors.add(path + ": expected an array, was " + value);
            return;
        }
        Map<String, Object> items = (Map<String, Object>) schema.get("items");
        if (items == null) {
            errors.add(path + ": the array schema has no items");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            check(path + "[" + i + "]", list.get(i), items, errors);
        }
    }

    private static void string(String path, Object value, String format, List<String> errors) {
        if (!(value instanceof String text)) {
            errors.add(path + ": expected a string, was " + value);
            return;
        }
        try {
            if ("date-time".equals(format)) {
                Instant.parse(text);
            } else if ("duration".equals(format)) {
                Duration.parse(text);
            }
        } catch (DateTimeParseException e) {
            errors.add(path + ": '" + text + "' is not a " + format);
        }
    }

    private static void integer(String path, Object value, String format, List<String> errors) {
        if (!(value instanceof BigDecimal number) || number.scale() > 0) {
            errors.add(path + ": expected an integer, was " + value);
            return;
        }
        long max = "int32".equals(format) ? Integer.MAX_VALUE : Long.MAX_VALUE;
        if (number.abs().compareTo(BigDecimal.valueOf(max)) > 0) {
            errors.add(path + ": " + number + " does not fit " + format);
        }
    }

    private static void expect(String path, boolean ok, String what, Object value, List<String> errors) {
        if (!ok) {
            errors.add(path + ": expected " + value + " to be " + what);
        }
    }
}
