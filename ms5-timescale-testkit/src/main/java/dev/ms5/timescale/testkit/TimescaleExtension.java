package dev.ms5.timescale.testkit;

import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.testkit.internal.FixtureSettings;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link TimescaleTest}: a database per test class on the shared server, the
 * edition requirements of {@link RequiresEdition}, and injection of {@link DataSource} and
 * {@link TimescaleDatabase}. Nested classes share their enclosing class's database.
 */
public final class TimescaleExtension
        implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(TimescaleExtension.class);
    private static final String SERVER = "server";
    private static final String DATABASE = "database";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<TimescaleEdition> required = required(context.getElement());
        TimescaleDatabase database = database(context);
        if (context.getTestMethod().isPresent() || database != null) {
            // A method, or a nested class that shares its enclosing class's database: the requirement is met by
            // that database's edition, or not.
            if (required.isPresent() && database != null && database.edition() != required.get()) {
                return unmet(required.get(), database);
            }
            return ConditionEvaluationResult.enabled(database == null || required.isEmpty()
                    ? "uses the enclosing class's database" : "edition requirement met");
        }
        try {
            TimescaleServer server = SharedTimescale.server(required.orElse(null));
            context.getStore(NAMESPACE).put(SERVER, server);
            return ConditionEvaluationResult.enabled("TimescaleDB server: " + server.description());
        } catch (EditionUnavailableException e) {
            if (required.orElse(null) == TimescaleEdition.TIMESCALE && FixtureSettings.fromEnvironment()
                    .requireFullEdition()) {
                throw new EditionUnavailableException(e.getMessage() + " MS5_TIMESCALE_REQUIRE_FULL_EDITION"
                        + " (ms5.timescale.require-full-edition) says it must be there.", e);
            }
            return ConditionEvaluationResult.disabled(e.getMessage());
        }
    }

    private static ConditionEvaluationResult unmet(TimescaleEdition required, TimescaleDatabase database) {
        if (required == TimescaleEdition.TIMESCALE && FixtureSettings.fromEnvironment().requireFullEdition()) {
            throw new EditionUnavailableException("Needs the Timescale-License edition, but the class's database "
                    + database + " runs the Apache edition, and MS5_TIMESCALE_REQUIRE_FULL_EDITION"
                    + " (ms5.timescale.require-full-edition) says it must be there. Point MS5_TIMESCALE_URL at a server"
                    + " with the full edition, or unset the switch to skip such tests");
        }
        return ConditionEvaluationResult.disabled(required == TimescaleEdition.TIMESCALE
                ? "Needs the Timescale-License edition (compression, policies, jobs), but the class's database "
                + database + " runs the Apache edition. Run against a full TimescaleDB installation, e.g. set"
                + " MS5_TIMESCALE_URL to a server that has it"
                : "Needs the Apache edition, but the class's database " + database + " runs the Timescale-License"
                + " edition; put @RequiresEdition(APACHE) on the class to get an Apache-mode server");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(DATABASE) != null) {
            return;
        }
        TimescaleServer server = store.get(SERVER, TimescaleServer.class);
        if (server == null) {
            server = SharedTimescale.server(required(context.getElement()).orElse(null));
        }
        String hint = context.getRequiredTestClass().getSimpleName();
        store.put(DATABASE, server.createDatabase(hint));
        store.put(DATABASE + ".owner", context.getUniqueId());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (context.getUniqueId().equals(store.get(DATABASE + ".owner"))) {
            TimescaleDatabase database = store.remove(DATABASE, TimescaleDatabase.class);
            if (database != null) {
                database.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == DataSource.class || type == TimescaleDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TimescaleDatabase database = database(extensionContext);
        if (database == null) {
            throw new ParameterResolutionException("No TimescaleDB database for " + extensionContext.getDisplayName()
                    + ": the class's database is created before all tests; annotate the class with @TimescaleTest"
                    + " instead of registering the extension on a method");
        }
        return parameterContext.getParameter().getType() == DataSource.class ? database.dataSource() : database;
    }

    private static TimescaleDatabase database(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(DATABASE, TimescaleDatabase.class);
    }

    private static Optional<TimescaleEdition> required(Optional<AnnotatedElement> element) {
        return AnnotationSupport.findAnnotation(element, RequiresEdition.class).map(RequiresEdition::value);
    }
}
