package dev.ms5.timescale.spring.boot.startup;

import dev.ms5.timescale.InvalidSettingException;
import java.util.Optional;

/**
 * A property of the starter ({@code ms5.timescale.*}) or a seed setting ({@code TIMESCALEDB_*}) has a value the
 * starter cannot use. The message names the property, the value, what is wrong and an accepted example; startup
 * stops, and the starter's failure analyzer prints the same as its description and action.
 */
public class InvalidPropertyException extends InvalidSettingException {

    private static final long serialVersionUID = 1L;

    private final String property;
    private final String value;
    private final String problem;
    private final String example;
    private final String origin;

    /**
     * Creates the exception.
     *
     * @param property the property, e.g. {@code ms5.timescale.tables.metric_hist.chunk-interval}
     * @param value    the value given, or {@code null} when a required property is missing
     * @param problem  what is wrong with it, a sentence
     * @param example  an accepted value
     * @param origin   where the value was set (a file and line, a property source), or {@code null}
     */
    public InvalidPropertyException(String property, String value, String problem, String example, String origin) {
        super(message(property, value, problem, example, origin));
        this.property = property;
        this.value = value;
        this.problem = problem;
        this.example = example;
        this.origin = origin;
    }

    /**
     * Returns a copy that says where the value was set.
     *
     * @param where the origin, e.g. {@code class path resource [application.properties] - 3:51}
     * @return the copy, with this exception's cause
     */
    public InvalidPropertyException withOrigin(String where) {
        InvalidPropertyException copy = new InvalidPropertyException(property, value, problem, example, where);
        copy.initCause(getCause());
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /**
     * Returns the property.
     *
     * @return e.g. {@code ms5.timescale.tables.metric_hist.chunk-interval}
     */
    public String property() {
        return property;
    }

    /**
     * Returns the value given.
     *
     * @return the value, empty when the property is missing
     */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /**
     * Returns what is wrong.
     *
     * @return a sentence
     */
    public String problem() {
        return problem;
    }

    /**
     * Returns an accepted value.
     *
     * @return e.g. {@code 1 hour}
     */
    public String example() {
        return example;
    }

    /**
     * Returns where the value was set.
     *
     * @return the origin, if known
     */
    public Optional<String> origin() {
        return Optional.ofNullable(origin);
    }

    private static String message(String property, String value, String problem, String example, String origin) {
        String what = value == null ? property + " is not set: " : property + "='" + value + "' is not valid: ";
        String sentence = problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem;
        return what + sentence + ". Example: " + property + "=" + example
                + (origin == null ? "" : " (set in " + origin + ")");
    }
}
