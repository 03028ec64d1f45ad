package dev.ms5.timescale.spring.boot;

import dev.ms5.timescale.testkit.SharedTimescale;
import dev.ms5.timescale.testkit.TimescaleDatabase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own per Spring test class, on the testkit's shared server, its URL given to the context by
 * a {@code @DynamicPropertySource}. Declared before {@code @SpringBootTest}, so that its after-all callback runs
 * after Spring's (which closes the context, with {@code @DirtiesContext}): the pool is closed before the
 * database is dropped.
 */
final class SpringDatabases implements AfterAllCallback {

    private static final Map<Class<?>, TimescaleDatabase> DATABASES = new ConcurrentHashMap<>();

    /** The test class's database, created on first use. */
    static TimescaleDatabase of(Class<?> testClass) {
        return DATABASES.computeIfAbsent(testClass, c -> SharedTimescale.server().createDatabase(c.getSimpleName()));
    }

    /** Gives the context the test class's database. */
    static void register(DynamicPropertyRegistry registry, Class<?> testClass) {
        registry.add("spring.datasource.url", () -> of(testClass).jdbcUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TimescaleDatabase database = DATABASES.remove(context.getRequiredTestClass());
        if (database != null) {
            database.close();
        }
    }
}
