package dev.ms5.timescale.jdbc.internal;

import java.util.Arrays;

/**
 * A TimescaleDB version such as {@code 2.13.1} or {@code 2.22.0-dev}, compared by its numbers.
 *
 * @param numbers the dotted numbers
 * @param text    the version as the server wrote it
 */
public record Version(int[] numbers, String text) implements Comparable<Version> {

    /**
     * Parses a version.
     *
     * @param text e.g. {@code 2.13.1}
     * @return the version
     */
    public static Version parse(String text) {
        String numeric = text.replaceFirst("[^0-9.].*$", "");
        return new Version(Arrays.stream(numeric.split("\\.")).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray(), text);
    }

    @Override
    public int compareTo(Version other) {
        return Arrays.compare(numbers, other.numbers);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Version v && Arrays.equals(numbers, v.numbers);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
        return text;
    }
}
