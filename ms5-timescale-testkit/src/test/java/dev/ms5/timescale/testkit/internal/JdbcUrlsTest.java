package dev.ms5.timescale.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabaseAndKeepsParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=x", "db1"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/db1?user=postgres&password=x");
    }

    @Test
    void addsTheDatabaseWhereTheUrlHasNone() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://host?user=u", "db1"))
                .isEqualTo("jdbc:postgresql://host/db1?user=u");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://host:5433/", "db1"))
                .isEqualTo("jdbc:postgresql://host:5433/db1");
    }

    @Test
    void keepsSeveralHosts() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://a:5432,b:5432/postgres?targetServerType=primary", "d"))
                .isEqualTo("jdbc:postgresql://a:5432,b:5432/d?targetServerType=primary");
    }

    @Test
    void masksPasswords() {
        assertThat(JdbcUrls.mask("jdbc:postgresql://h/db?user=u&password=secret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }

    @Test
    void rejectsUrlsWithoutHostAndShowsTheExpectedForm() {
        assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:postgresql:mydb?password=secret", "d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
                .hasMessageNotContaining("secret");
    }
}
