package dev.ms5.timescale;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intervals as the settings and PostgreSQL write them: PostgreSQL interval text ({@code "7 days"},
 * {@code "1 hour 30 minutes"}, {@code "02:00:00"}) or ISO-8601 ({@code P7D}, {@code PT1H}). Months and years are
 * refused: they have no fixed length.
 */
public final class Intervals {

    private static final Pattern PART = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]+)\\s*");
    private static final Pattern CLOCK = Pattern.compile("(\\d+):(\\d{2})(?::(\\d{2}(?:\\.\\d{1,6})?))?");
    private static final Map<String, Duration> UNITS = Map.ofEntries(
            Map.entry("microsecond", Duration.ofNanos(1000)), Map.entry("us", Duration.ofNanos(1000)),
            Map.entry("usec", Duration.ofNanos(1000)),
            Map.entry("millisecond", Duration.ofMillis(1)), Map.entry("ms", Duration.ofMillis(1)),
            Map.entry("msec", Duration.ofMillis(1)),
            Map.entry("second", Duration.ofSeconds(1)), Map.entry("sec", Duration.ofSeconds(1)),
            Map.entry("s", Duration.ofSeconds(1)),
            Map.entry("minute", Duration.ofMinutes(1)), Map.entry("min", Duration.ofMinutes(1)),
            Map.entry("m", Duration.ofMinutes(1)),
            Map.entry("hour", Duration.ofHours(1)), Map.entry("hr", Duration.ofHours(1)),
            Map.entry("h", Duration.ofHours(1)),
            Map.entry("day", Duration.ofDays(1)), Map.entry("d", Duration.ofDays(1)),
            Map.entry("week", Duration.ofDays(7)), Map.entry("w", Duration.ofDays(7)));
    private static final String EXAMPLE = "PostgreSQL interval text such as '7 days' or '1 hour', or ISO-8601 such"
            + " as P7D or PT1H";

    private Intervals() {
    }

    /**
     * Parses an interval.
     *
     * @param text the interval, e.g. {@code "7 days"} or {@code P7D}
     * @return the duration, positive
     * @throws InvalidArgumentException saying what is wrong and what is accepted
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidArgumentException("an interval is empty; accepted: " + EXAMPLE);
        }
        String value = text.strip();
        Duration duration;
        try {
            duration = value.charAt(0) == 'P' || value.charAt(0) == 'p' ? parseIso(value) : parseText(value);
        } catch (ArithmeticException e) {
            throw new InvalidArgumentException("'" + text + "' is too large for an interval", e);
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new InvalidArgumentException("'" + text + "' is not a positive interval; accepted: " + EXAMPLE);
        }
        if (duration.getNano() % 1000 != 0) {
            throw new InvalidArgumentException("'" + text + "' is finer than a microsecond, which PostgreSQL"
                    + " intervals cannot hold");
        }
        return duration;
    }

    /**
     * Formats a duration as PostgreSQL interval text in its largest exact unit.
     *
     * @param duration a positive duration of whole microseconds
     * @return e.g. {@code "7 days"}, {@code "1 hour"}, {@code "90 minutes"}
     */
    public static String format(Duration duration) {
        String[] names = {"day", "hour", "minute", "second", "millisecond", "microsecond"};
        Duration[] units = {Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(1),
            Duration.ofMillis(1), Duration.ofNanos(1000)};
        for (int i = 0; i < units.length; i++) {
            long nanosPerUnit = units[i].toNanos();
            if (duration.toNanos() % nanosPerUnit == 0) {
                long count = duration.toNanos() / nanosPerUnit;
                return count + " " + names[i] + (count == 1 ? "" : "s");
            }
        }
        throw new InvalidArgumentException(duration + " is finer than a microsecond");
    }

    private static Duration parseIso(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        try {
            return Duration.parse(upper);
        } catch (DateTimeParseException notDuration) {
            try {
                Period period = Period.parse(upper);
                if (period.getYears() != 0 || period.getMonths() != 0) {
                    throw monthsOrYears(value);
                }
                return Duration.ofDays(period.getDays());
            } catch (DateTimeParseException e) {
                throw new InvalidArgumentException("'" + value + "' is not an interval; accepted: " + EXAMPLE, e);
            }
        }
    }

    /** Reads unit parts ({@code 1 day 2 hours}) followed by an optional clock part ({@code 02:00:00}). */
    private static Duration parseText(String value) {
        Matcher part = PART.matcher(value);
        Duration total = Duration.ZERO;
        int end = 0;
        while (part.lookingAt()) {
            BigDecimal nanos = new BigDecimal(unit(part.group(2), value).toNanos())
                    .multiply(new BigDecimal(part.group(1)));
            total = total.plusNanos(nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact());
            end = part.end();
            part.region(end, value.length());
        }
        Matcher clock = CLOCK.matcher(value.substring(end).strip());
        if (clock.matches()) {
            Duration seconds = clock.group(3) == null ? Duration.ZERO
                    : Duration.ofNanos(new BigDecimal(clock.group(3)).movePointRight(9).longValueExact());
            return total.plusHours(Long.parseLong(clock.group(1))).plusMinutes(Long.parseLong(clock.group(2)))
                    .plus(seconds);
        }
        if (end != value.length()) {
            throw new InvalidArgumentException("'" + value + "' is not an interval; accepted: " + EXAMPLE);
        }
        return total;
    }

    private static Duration unit(String word, String value) {
        String unit = word.toLowerCase(Locale.ROOT);
        if (unit.matches("(mon|month|months|mons|y|yr|yrs|year|years)")) {
            throw monthsOrYears(value);
        }
        Duration found = UNITS.get(unit);
        if (found == null && unit.endsWith("s")) {
            found = UNITS.get(unit.substring(0, unit.length() - 1));
        }
        if (found == null) {
            throw new InvalidArgumentException("'" + value + "' has an unknown unit '" + word + "'; accepted: "
                    + EXAMPLE);
        }
        return found;
    }

    private static InvalidArgumentException monthsOrYears(String value) {
        return new InvalidArgumentException("'" + value + "' uses months or years, which have no fixed length;"
                + " give days instead, e.g. '30 days' or P30D");
    }
}
