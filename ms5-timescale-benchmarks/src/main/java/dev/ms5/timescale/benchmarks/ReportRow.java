package dev.ms5.timescale.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the report: a target, the seed's figure, what this run measured, the in-run baseline it is compared
 * with, and whether the target is met.
 *
 * @param name     what is measured
 * @param unit     the unit of {@code measured} and {@code baseline}
 * @param seed     the seed application's own figure, as it reported it, or {@code null}
 * @param target   the target, e.g. {@code < 5} or {@code >= 0.9x baseline}, or {@code null} for information
 * @param measured the figure of this run, or {@code null} when not measured
 * @param baseline the in-run figure it is compared with, or {@code null}
 * @param ratio    measured / baseline, or {@code null}
 * @param pass     whether the target is met; {@code null} when there is no target or no figure
 * @param note     how it was measured, or why it is missing
 */
record ReportRow(String name, String unit, String seed, String target, Double measured, Double baseline,
                 Double ratio, Boolean pass, String note) {

    /**
     * Returns the row as the report's JSON object.
     *
     * @return the fields by name
     */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("unit", unit);
        json.put("measured", measured);
        json.put("target", target);
        json.put("baseline", baseline);
        json.put("ratio", ratio);
        json.put("pass", pass);
        json.put("note", note);
        json.put("seed", seed);
        return json;
    }

    /**
     * Returns the verdict as the table shows it.
     *
     * @return {@code PASS}, {@code FAIL}, {@code n/a} (a target without a figure) or {@code info}
     */
    String verdict() {
        if (pass != null) {
            return pass ? "PASS" : "FAIL";
        }
        return target == null ? "info" : "n/a";
    }
}
