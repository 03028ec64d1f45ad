package dev.ms5.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminOptionsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AdminOptions options = AdminOptions.defaults();

        assertThat(options.lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.statementTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.advisoryLockDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.removeUndeclaredPolicies()).isFalse();
        assertThat(options.failOnError()).isTrue();
        assertThat(options.healthTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void eachWitherChangesOnlyItsValue() {
        AdminOptions options = AdminOptions.defaults()
                .lockTimeout(Duration.ofSeconds(1))
                .statementTimeout(Duration.ofHours(1))
                .advisoryLockDeadline(Duration.ofMinutes(2))
                .removeUndeclaredPolicies(true)
                .failOnError(false)
                .healthTimeout(Duration.ofSeconds(2))
                .resumePausedJobs(true)
                .recompressChunks(true);

        assertThat(options).isEqualTo(new AdminOptions(Duration.ofSeconds(1), Duration.ofHours(1),
                Duration.ofMinutes(2), true, false, Duration.ofSeconds(2), true, true));
        assertThat(AdminOptions.defaults().resumePausedJobs()).isFalse();
        assertThat(AdminOptions.defaults().recompressChunks()).isFalse();
    }

    @Test
    void rejectsNonPositiveTimeoutsNamingTheOption() {
        AdminOptions options = AdminOptions.defaults();

        assertThatThrownBy(() -> options.lockTimeout(Duration.ZERO))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("lockTimeout must be a positive duration, was PT0S; e.g. Duration.ofSeconds(5)");
        assertThatThrownBy(() -> options.statementTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("statementTimeout must be a positive duration, was PT-1S; e.g. Duration.ofMinutes(5)");
        assertThatThrownBy(() -> options.advisoryLockDeadline(null))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("advisoryLockDeadline must be a positive duration, was null; e.g. Duration.ofSeconds(30)");
        assertThatThrownBy(() -> options.healthTimeout(Duration.ZERO))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessage("healthTimeout must be a positive duration, was PT0S; e.g. Duration.ofSeconds(5)");
    }
}
