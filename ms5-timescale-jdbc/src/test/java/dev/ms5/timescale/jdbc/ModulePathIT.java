package dev.ms5.timescale.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import javax.sql.DataSource;
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
        assertThat(openApi(layer, provider)).startsWith("{\n  \"openapi\": \"3.0.3\"");
    }

    /** The monitoring endpoints work in a named module too: their OpenAPI document is a resource of it. */
    private static String openApi(ModuleLayer layer, Object provider) throws Exception {
        ClassLoader loader = layer.findLoader("dev.ms5.timescale");
        Class<?> adminOptions = loader.loadClass("dev.ms5.timescale.AdminOptions");
        Class<?> monitoringOptions = loader.loadClass("dev.ms5.timescale.monitoring.MonitoringOptions");
        DataSource unused = (DataSource) Proxy.newProxyInstance(ModulePathIT.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException("not connected in this test");
                });
        Object admin = loader.loadClass("dev.ms5.timescale.spi.TimescaleAdminProvider")
                .getMethod("create", DataSource.class, adminOptions)
                .invoke(provider, unused, adminOptions.getMethod("defaults").invoke(null));
        Object endpoints = loader.loadClass("dev.ms5.timescale.TimescaleAdmin")
                .getMethod("monitoring", monitoringOptions)
                .invoke(admin, monitoringOptions.getMethod("defaults").invoke(null));
        return (String) loader.loadClass("dev.ms5.timescale.monitoring.MonitoringEndpoints").getMethod("openApi")
                .invoke(endpoints);
    }
}
