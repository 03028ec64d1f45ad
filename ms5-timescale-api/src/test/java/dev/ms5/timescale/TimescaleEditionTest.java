package dev.ms5.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimescaleEditionTest {

    @Test
    void readsTheLicenseSetting() {
        assertThat(TimescaleEdition.fromLicense("apache")).isEqualTo(TimescaleEdition.APACHE);
        assertThat(TimescaleEdition.fromLicense(" Timescale ")).isEqualTo(TimescaleEdition.TIMESCALE);
        assertThat(TimescaleEdition.APACHE.license()).isEqualTo("apache");
        assertThat(TimescaleEdition.TIMESCALE.license()).isEqualTo("timescale");
    }

    @Test
    void onlyTheTimescaleLicenseHasPolicies() {
        assertThat(TimescaleEdition.TIMESCALE.hasPolicies()).isTrue();
        assertThat(TimescaleEdition.APACHE.hasPolicies()).isFalse();
    }

    @Test
    void rejectsAnUnknownLicense() {
        assertThatThrownBy(() -> TimescaleEdition.fromLicense("enterprise"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Unknown timescaledb.license value 'enterprise': expected 'apache' or 'timescale'");
        assertThatThrownBy(() -> TimescaleEdition.fromLicense(null))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Unknown timescaledb.license value 'null': expected 'apache' or 'timescale'");
    }
}
