package dev.ms5.timescale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ms5.timescale.spi.TimescaleAdminProvider;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimescaleAdminsTest {

    private static final String ADD_JDBC = " Add the dependency dev.ms5.timescale:ms5-timescale-jdbc (same version as"
            + " ms5-timescale-api)";

    @TempDir
    Path dir;

    @Test
    void noProviderOnTheClassPathNamesTheArtifactToAdd() {
        // The api module's own test class path has no implementation.
        ServiceLoader<TimescaleAdminProvider> loader = ServiceLoader.load(TimescaleAdminProvider.class,
                TimescaleAdminsTest.class.getClassLoader());

        assertThatThrownBy(() -> TimescaleAdmins.load(loader, null))
                .isExactlyInstanceOf(TimescaleException.class)
                .hasMessage("No ms5-timescale implementation was found on the class path or module path." + ADD_JDBC
                        + ".");
    }

    @Test
    void createFailsTheSameWayWithoutAnImplementation() {
        assertThatThrownBy(() -> TimescaleAdmin.create(null))
                .isExactlyInstanceOf(TimescaleException.class)
                .hasMessageContaining("dev.ms5.timescale:ms5-timescale-jdbc");
    }

    @Test
    void aRequestedProviderThatIsNotThereNamesTheSystemProperty() throws IOException {
        ServiceLoader<TimescaleAdminProvider> loader = loaderListing(Low.class.getName(), High.class.getName());

        assertThatThrownBy(() -> TimescaleAdmins.load(loader, "com.example.NoSuchProvider"))
                .isExactlyInstanceOf(TimescaleException.class)
                .hasMessage("The ms5-timescale implementation com.example.NoSuchProvider named by"
                        + " -Dms5.timescale.provider was not found or failed." + ADD_JDBC
                        + ", or unset ms5.timescale.provider.");
    }

    @Test
    void theHighestPriorityWins() throws IOException {
        ServiceLoader<TimescaleAdminProvider> loader = loaderListing(Low.class.getName(), High.class.getName());

        assertThat(TimescaleAdmins.load(loader, null)).isInstanceOf(High.class);
        assertThat(TimescaleAdmins.load(loader, " ")).isInstanceOf(High.class);
    }

    @Test
    void theSystemPropertyPicksAProviderByClassName() throws IOException {
        ServiceLoader<TimescaleAdminProvider> loader = loaderListing(Low.class.getName(), High.class.getName());

        assertThat(TimescaleAdmins.load(loader, " " + Low.class.getName() + " ")).isInstanceOf(Low.class);
    }

    @Test
    void aProviderThatFailsIsSkipped() throws IOException {
        ServiceLoader<TimescaleAdminProvider> loader = loaderListing(Broken.class.getName(), Low.class.getName());

        assertThat(TimescaleAdmins.load(loader, null)).isInstanceOf(Low.class);
    }

    @Test
    void whenEveryProviderFailsTheMessageSaysWhy() throws IOException {
        ServiceLoader<TimescaleAdminProvider> loader = loaderListing(Broken.class.getName());

        assertThatThrownBy(() -> TimescaleAdmins.load(loader, null))
                .isExactlyInstanceOf(TimescaleException.class)
                .hasMessageStartingWith("No ms5-timescale implementation was found on the class path or module path."
                        + " Providers that failed: " + Broken.class.getName() + ": ")
                .hasMessageContaining(Broken.REASON)
                .hasMessageEndingWith(ADD_JDBC + ".");
    }

    @Test
    void aStaleServicesEntryDoesNotHideAWorkingProvider() throws IOException {
        // A services file naming a class that is gone, e.g. left behind in a shaded jar.
        ServiceLoader<TimescaleAdminProvider> loader = loaderListing("com.example.RemovedProvider",
                Low.class.getName());

        assertThat(TimescaleAdmins.load(loader, null)).isInstanceOf(Low.class);
    }

    private ServiceLoader<TimescaleAdminProvider> loaderListing(String... providers) throws IOException {
        URL services = Files.write(dir.resolve("services"), List.of(providers)).toUri().toURL();
        String name = "META-INF/services/" + TimescaleAdminProvider.class.getName();
        ClassLoader loader = new ClassLoader(TimescaleAdminsTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String resource) throws IOException {
                return resource.equals(name) ? Collections.enumeration(List.of(services))
                        : super.getResources(resource);
            }
        };
        return ServiceLoader.load(TimescaleAdminProvider.class, loader);
    }

    /** A provider of low priority. */
    public static class Low implements TimescaleAdminProvider {
        @Override
        public String name() {
            return "low";
        }

        @Override
        public int priority() {
            return 1;
        }

        @Override
        public TimescaleAdmin create(DataSource dataSource, AdminOptions options) {
            throw new UnsupportedOperationException("test provider");
        }
    }

    /** A provider of high priority. */
    public static class High extends Low {
        @Override
        public String name() {
            return "high";
        }

        @Override
        public int priority() {
            return 10;
        }
    }

    /** A provider that cannot be instantiated, as when its driver is missing. */
    public static class Broken extends High {
        static final String REASON = "org.postgresql.Driver is not on the class path";

        public Broken() {
            throw new IllegalStateException(REASON);
        }
    }
}
