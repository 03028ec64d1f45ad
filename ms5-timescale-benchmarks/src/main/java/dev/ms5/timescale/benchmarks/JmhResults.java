package dev.ms5.timescale.benchmarks;

import dev.ms5.timescale.jdbc.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The results in JMH's JSON file ({@code -rf json}), looked up by benchmark method and parameters.
 */
final class JmhResults {

    /**
     * One benchmark's result.
     *
     * @param method    {@code Class.method}, without the package
     * @param params    its parameters
     * @param score     the primary score
     * @param unit      the primary score's unit, e.g. {@code ms/op}, {@code ops/s}
     * @param p50       the median for sampled modes, else the score
     * @param p99       the 99th percentile for sampled modes, else the score
     * @param secondary the secondary scores (JMH's percentiles and aux counters) by name
     */
    record Result(String method, Map<String, String> params, double score, String unit, double p50, double p99,
                  Map<String, Double> secondary) {

        /**
         * Returns the median time in milliseconds.
         *
         * @return the median, converted from the result's unit
         */
        double p50Millis() {
            return p50 * millisPer(unit);
        }

        /**
         * Returns the 99th percentile of the time in milliseconds.
         *
         * @return the percentile, converted from the result's unit
         */
        double p99Millis() {
            return p99 * millisPer(unit);
        }

        /**
         * Returns the score of a single-shot or average time in milliseconds.
         *
         * @return the score, converted from the result's unit
         */
        double scoreMillis() {
            return score * millisPer(unit);
        }

        /**
         * Returns a throughput score per second.
         *
         * @return operations per second
         */
        double perSecond() {
            return switch (unit) {
                case "ops/s" -> score;
                case "ops/ms" -> score * 1e3;
                case "ops/us" -> score * 1e6;
                case "ops/ns" -> score * 1e9;
                case "ops/min" -> score / 60;
                default -> throw new IllegalArgumentException("not a throughput unit: " + unit);
            };
        }

        private static double millisPer(String unit) {
            return switch (unit) {
                case "s/op" -> 1e3;
                case "ms/op" -> 1;
                case "us/op" -> 1e-3;
                case "ns/op" -> 1e-6;
                case "min/op" -> 60e3;
                default -> throw new IllegalArgumentException("not a time unit: " + unit);
            };
        }
    }

    private final List<Result> results;

    private JmhResults(List<Result> results) {
        this.results = List.copyOf(results);
    }

    /**
     * Reads JMH's JSON.
     *
     * @param json the file's text
     * @return the results
     */
    @SuppressWarnings("unchecked")
    static JmhResults parse(String json) {
        List<Result> results = new ArrayList<>();
        for (Object item : (List<Object>) Json.parse(json)) {
            Map<String, Object> entry = (Map<String, Object>) item;
            String benchmark = (String) entry.get("benchmark");
            String[] parts = benchmark.split("\\.");
            String method = parts[parts.length - 2] + "." + parts[parts.length - 1];
            Map<String, String> params = new java.util.LinkedHashMap<>();
            Object rawParams = entry.get("params");
            if (rawParams instanceof Map<?, ?> map) {
                map.forEach((k, v) -> params.put((String) k, String.valueOf(v)));
            }
            Map<String, Object> primary = (Map<String, Object>) entry.get("primaryMetric");
            double score = number(primary.get("score"));
            Object percentiles = primary.get("scorePercentiles");
            double p50 = percentile(entry, percentiles, "50.0", score);
            double p99 = percentile(entry, percentiles, "99.0", score);
            Map<String, Double> secondary = new java.util.LinkedHashMap<>();
            Object rawSecondary = entry.get("secondaryMetrics");
            if (rawSecondary instanceof Map<?, ?> map) {
                map.forEach((k, v) -> secondary.put((String) k, number(((Map<String, Object>) v).get("score"))));
            }
            results.add(new Result(method, params, score, (String) primary.get("scoreUnit"), p50, p99,
                    secondary));
        }
        return new JmhResults(results);
    }

    /**
     * Finds a result.
     *
     * @param method {@code Class.method}
     * @param params parameters it must have, as name, value, name, value...
     * @return the first result that matches
     */
    Optional<Result> find(String method, String... params) {
        return results.stream().filter(r -> r.method().equals(method)).filter(r -> {
            for (int i = 0; i + 1 < params.length; i += 2) {
                if (!params[i + 1].equals(r.params().get(params[i]))) {
                    return false;
                }
            }
            return true;
        }).findFirst();
    }

    /**
     * Finds the results of a method, whatever their parameters.
     *
     * @param method {@code Class.method}
     * @return its results, in the file's order
     */
    List<Result> all(String method) {
        return results.stream().filter(r -> r.method().equals(method)).toList();
    }

    private static double percentile(Map<String, Object> entry, Object percentiles, String which, double score) {
        if ("sample".equals(entry.get("mode")) && percentiles instanceof Map<?, ?> map && map.get(which) != null) {
            return number(map.get(which));
        }
        return score;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
