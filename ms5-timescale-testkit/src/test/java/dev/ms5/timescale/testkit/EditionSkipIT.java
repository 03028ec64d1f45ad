package dev.ms5.timescale.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.ms5.timescale.TimescaleEdition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** A method needing the full edition, in a class on an Apache-mode server, is skipped and says why. */
class EditionSkipIT {

    static final Map<String, Object> SEEN = new ConcurrentHashMap<>();

    @Test
    void aFullEditionMethodInAnApacheClassIsSkippedWithTheReason() {
        SEEN.clear();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(OnApache.class)).execute();
        List<Event> skippedClasses = results.containerEvents().skipped().list();
        if (!skippedClasses.isEmpty()) {
            Assumptions.abort("No Apache-mode server here: " + skippedClasses.get(0).getPayload(String.class)
                    .orElse("?"));
        }

        assertThat(results.allEvents().failed().count()).isZero();
        assertThat(SEEN.get("edition")).isEqualTo(TimescaleEdition.APACHE);
        assertThat(results.testEvents().skipped().list()).singleElement()
                .satisfies(e -> assertThat(e.getTestDescriptor().getDisplayName()).startsWith("needsTheFullEdition"))
                .satisfies(e -> assertThat(e.getPayload(String.class)).hasValueSatisfying(reason -> assertThat(reason)
                        .startsWith("Needs the Timescale-License edition (compression, policies, jobs)")
                        .contains("runs the Apache edition")));
    }

    @Test
    void withTheSwitchAFullEditionMethodFailsInsteadOfBeingSkipped() {
        EngineExecutionResults results;
        System.setProperty("ms5.timescale.require-full-edition", "true");
        try {
            results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(OnApache.class)).execute();
        } finally {
            System.clearProperty("ms5.timescale.require-full-edition");
        }
        List<Event> skippedClasses = results.containerEvents().skipped().list();
        if (!skippedClasses.isEmpty()) {
            Assumptions.abort("No Apache-mode server here: " + skippedClasses.get(0).getPayload(String.class)
                    .orElse("?"));
        }

        assertThat(results.testEvents().skipped().count()).isZero();
        assertThat(results.testEvents().failed().list()).singleElement().satisfies(e -> {
            assertThat(e.getTestDescriptor().getDisplayName()).startsWith("needsTheFullEdition");
            Throwable thrown = e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                    .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).orElseThrow();
            // JUnit wraps what a condition throws; ours is the cause.
            assertThat(thrown).hasRootCauseInstanceOf(EditionUnavailableException.class)
                    .rootCause().hasMessageContaining("MS5_TIMESCALE_REQUIRE_FULL_EDITION")
                    .hasMessageContaining("runs the Apache edition");
        });
    }

    @TimescaleTest
    @RequiresEdition(TimescaleEdition.APACHE)
    static class OnApache {
        @Test
        void runs(TimescaleDatabase database) {
            SEEN.put("edition", database.edition());
        }

        @Test
        @RequiresEdition(TimescaleEdition.TIMESCALE)
        void needsTheFullEdition() {
            throw new AssertionError("must not run: the class's database runs the Apache edition");
        }
    }
}
