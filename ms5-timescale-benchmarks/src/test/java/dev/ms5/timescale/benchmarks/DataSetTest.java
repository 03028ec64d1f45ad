package dev.ms5.timescale.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DataSetTest {

    @Test
    void theReferenceIsAWeekOfAHundredMetricsEveryTenSeconds() {
        DataSet reference = DataSet.parse(DataSet.REFERENCE);

        assertThat(reference).isEqualTo(new DataSet(100, 7, Duration.ofSeconds(10)));
        assertThat(reference.rows()).isEqualTo(6_048_000);
        assertThat(reference.key()).isEqualTo("100m_7d_10s");
    }

    @Test
    void refusesSetsTheQueriesCannotUse() {
        assertThatThrownBy(() -> DataSet.parse("3m-2d-600s")).hasMessageContaining("at least 21 metrics");
        assertThatThrownBy(() -> DataSet.parse("100m-1d-10s")).hasMessageContaining("2 days");
        assertThatThrownBy(() -> DataSet.parse("100m-7d-7s")).hasMessageContaining("divides a day");
        assertThatThrownBy(() -> DataSet.parse("a week")).hasMessageContaining("e.g. 100m-7d-10s");
    }

    @Test
    void databaseUrlsKeepHostAndParameters() {
        assertThat(BenchServer.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=x",
                "ms5_bench_seed")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/ms5_bench_seed?user=postgres&password=x");
        assertThat(BenchServer.withDatabase("jdbc:postgresql://h1:5432,h2:5433/", "db"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db");
    }
}
