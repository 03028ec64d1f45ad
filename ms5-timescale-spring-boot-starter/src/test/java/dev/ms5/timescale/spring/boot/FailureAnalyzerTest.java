package dev.ms5.timescale.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.PolicyApplicationException;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TableReport;
import dev.ms5.timescale.spring.boot.startup.TimescaleFailureAnalyzer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What a stopped startup prints: Spring Boot's failure report, written by the starter's analyzer. */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalyzerTest {

    @Test
    void aBadPropertyStopsStartupWithTheAnalyzersReport(CapturedOutput output) {
        // The declared tables are checked before any connection: no database is needed.
        SpringApplicationBuilder application = new SpringApplicationBuilder(TestApplication.class)
                .web(WebApplicationType.NONE).properties("spring.flyway.enabled=false",
                        "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none",
                        "ms5.timescale.tables.metric_hist.chunk-interval=3 parsecs");

        assertThatThrownBy(application::run).isNotNull();

        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("Invalid TimescaleDB configuration:")
                .contains("Property: ms5.timescale.tables.metric_hist.chunk-interval")
                .contains("Value: \"3 parsecs\"")
                .contains("Origin: \"ms5.timescale.tables.metric_hist.chunk-interval\" from property source")
                .contains("Reason: '3 parsecs' has an unknown unit 'parsecs'")
                .contains("Set ms5.timescale.tables.metric_hist.chunk-interval to an accepted value, for example:")
                .contains("ms5.timescale.tables.metric_hist.chunk-interval=1 hour");
    }

    @Test
    void failedTablesAreDescribedWithTheirFixes() {
        TableReport failed = new TableReport(TableName.parse("metric_hist"), List.of(), List.of(), List.of(),
                List.of(), Optional.of(new TableFailure(TableFailure.Kind.TABLE_NOT_FOUND, "42P01",
                        "metric_hist does not exist", "create it before applying, e.g. in a Flyway migration")),
                Duration.ZERO);
        TableReport applied = new TableReport(TableName.parse("events"), List.of(), List.of("chunk interval"),
                List.of(), List.of(), Optional.empty(), Duration.ZERO);

        FailureAnalysis analysis = new TimescaleFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new PolicyApplicationException(new ApplyReport(List.of(failed, applied), Duration.ZERO))));

        assertThat(analysis.getDescription()).isEqualTo("""
                TimescaleDB policies could not be applied at startup: 1 of 2 tables failed.

                    metric_hist: metric_hist does not exist (SQLState 42P01)

                The other 1 table was applied or already as declared.""");
        assertThat(analysis.getAction()).startsWith("metric_hist: create it before applying, e.g. in a Flyway"
                + " migration\n\nTo start anyway and report the failures").contains("ms5.timescale.fail-on-error=false")
                .contains("ms5.timescale.enabled=false");
    }
}
