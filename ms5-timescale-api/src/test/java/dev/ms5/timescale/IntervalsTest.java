package dev.ms5.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalsTest {

    private static final String ACCEPTED = "accepted: PostgreSQL interval text such as '7 days' or '1 hour', or"
            + " ISO-8601 such as P7D or PT1H";

    @ParameterizedTest(name = "''{0}'' is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            7 days        | PT168H
            1 hour        | PT1H
            90 days       | PT2160H
            1 day 2 hours | PT26H
            02:00:00      | PT2H
            1:30          | PT1H30M
            00:00:01.5    | PT1.5S
            P7D           | PT168H
            p7d           | PT168H
            PT1H          | PT1H
            P1DT2H        | PT26H
            P1W           | PT168H
            30 minutes    | PT30M
            1.5 hours     | PT1H30M
            1 day         | PT24H
            2 weeks       | PT336H
            10 secs       | PT10S
            250 ms        | PT0.25S
            3 hrs 15 min  | PT3H15M
            7days         | PT168H
            '  7 DAYS  '  | PT168H
            """)
    void parses(String text, Duration expected) {
        assertThat(Intervals.parse(text)).isEqualTo(expected);
    }

    @Test
    void parsesTheWayPostgresqlWritesADayAndATime() {
        // SELECT interval '26 hours' + interval '0 days', or a job's schedule_interval, prints as '1 day 02:00:00'.
        assertThat(Intervals.parse("1 day 02:00:00")).isEqualTo(Duration.ofHours(26));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 month", "2 mons", "1 year", "3 yrs", "1 day 1 month"})
    void rejectsMonthsAndYearsInText(String text) {
        assertThatThrownBy(() -> Intervals.parse(text))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("'" + text + "' uses months or years, which have no fixed length; give days instead,"
                        + " e.g. '30 days' or P30D");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P1M", "P1Y", "P1Y2D"})
    void rejectsMonthsAndYearsInIso(String text) {
        assertThatThrownBy(() -> Intervals.parse(text))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("'" + text + "' uses months or years, which have no fixed length; give days instead,"
                        + " e.g. '30 days' or P30D");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 days", "0 seconds", "PT0S", "P0D", "00:00:00", "P-1D", "PT-1H"})
    void rejectsZeroAndNegativeDurations(String text) {
        assertThatThrownBy(() -> Intervals.parse(text))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("'" + text + "' is not a positive interval; " + ACCEPTED);
    }

    @Test
    void rejectsANegativeNumberInText() {
        assertThatThrownBy(() -> Intervals.parse("-1 day"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("'-1 day' is not an interval; " + ACCEPTED);
    }

    @Test
    void rejectsAnUnknownUnit() {
        assertThatThrownBy(() -> Intervals.parse("7 fortnights"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("'7 fortnights' has an unknown unit 'fortnights'; " + ACCEPTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "7", "days", "7 days,", "1 day; DROP TABLE x", "P", "PXD", "25:7"})
    void rejectsGarbage(String text) {
        assertThatThrownBy(() -> Intervals.parse(text))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("'" + text + "' is not an interval; " + ACCEPTED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void rejectsAnEmptyInterval(String text) {
        assertThatThrownBy(() -> Intervals.parse(text))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("an interval is empty; " + ACCEPTED);
    }

    @Test
    void rejectsWhatIsFinerThanAMicrosecond() {
        assertThatThrownBy(() -> Intervals.parse("PT0.0000001S"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("'PT0.0000001S' is finer than a microsecond, which PostgreSQL intervals cannot hold");
    }

    @Test
    void rejectsAnIntervalTooLargeWithTheDocumentedException() {
        assertThatThrownBy(() -> Intervals.parse("999999999999 days"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("999999999999 days");
    }

    @ParameterizedTest(name = "{0} is ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            PT168H   | 7 days
            PT1H     | 1 hour
            PT1H30M  | 90 minutes
            PT24H    | 1 day
            PT2160H  | 90 days
            PT36H    | 36 hours
            PT1S     | 1 second
            PT1.5S   | 1500 milliseconds
            PT0.000001S | 1 microsecond
            """)
    void formatsInTheLargestExactUnit(Duration duration, String expected) {
        assertThat(Intervals.format(duration)).isEqualTo(expected);
        assertThat(Intervals.parse(expected)).isEqualTo(duration);
    }

    @Test
    void refusesToFormatLessThanAMicrosecond() {
        assertThatThrownBy(() -> Intervals.format(Duration.ofNanos(1500)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("PT0.0000015S is finer than a microsecond");
    }
}
