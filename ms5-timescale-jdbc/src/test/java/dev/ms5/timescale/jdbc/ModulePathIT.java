package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** On the module path, the API finds the JDBC implementation through module-info's {@code provides}. */
class ModulePathIT {

    @Test
    void apiFindsTheJdbcImplementationOnTheModulePath() throws Exception {
        String modulePath = System.getProperty("ms5.test.module-path");
        assertThat(modulePath).as("ms5.test.module-path, set by the build").isNotBlank();
        ModuleFinder finder = ModuleFinder.of(Arrays.stream(modulePath.split(File.pathSeparator))
                .filter(p -> !p.isBlank()).map(Path::of).toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolveAndBind(finder, ModuleFinder.of(), Set.of("dev.ms5.timescale"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration,
                ClassLoader.getPlatformClassLoader());

        Class<?> admins = layer.findLoader("dev.ms5.timescale").loadClass("dev.ms5.timescale.TimescaleAdmins");
        Object provider = admins.getMethod("provider").invoke(null);

        assertThat(provider.getClass().getName())
                .isEqualTo("dev.ms5.timescale.jdbc.internal.JdbcTimescaleAdminProvider");
        assertThat(provider.getClass().getModule().getName()).isEqualTo("dev.ms5.timescale.jdbc");
        assertThat(provider.getClass().getModule().isNamed()).isTrue();
    }
}
