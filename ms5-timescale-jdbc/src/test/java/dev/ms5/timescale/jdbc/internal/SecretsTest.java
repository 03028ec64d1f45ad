package dev.ms5.timescale.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void secretsAreMaskedWhereverTheyAppear() {
        assertThat(Secrets.mask("jdbc:postgresql://app:s3cret@db/ms5?password=s3cret&sslpassword=k;PWD=x&user=a"
                + "&apiToken=t&tcpKeepAlive=true")).isEqualTo("jdbc:postgresql://app:****@db/ms5?password=****"
                + "&sslpassword=****;PWD=****&user=a&apiToken=****&tcpKeepAlive=true");
        assertThat(Secrets.mask("jdbc:postgresql://db/ms5?user=app")).isEqualTo("jdbc:postgresql://db/ms5?user=app");
        assertThat(Secrets.mask("FATAL: password authentication failed for user \"app\"")).isEqualTo(
                "FATAL: password authentication failed for user \"app\"");
    }

    @Test
    void maskingTwiceChangesNothing() {
        String once = Secrets.mask("jdbc:postgresql://app:pw@db/ms5?password=pw");

        assertThat(Secrets.mask(once)).isEqualTo(once);
    }
}
