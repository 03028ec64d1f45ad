package dev.ms5.timescale.spring.boot;

import dev.ms5.timescale.ApplyReport;
import dev.ms5.timescale.HealthReport;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A TimescaleAdmin without a database, for unit tests: records what it is asked to apply, answers a set health. */
final class StubAdmin {

    final List<List<PolicySpec>> applied = new CopyOnWriteArrayList<>();
    volatile HealthReport health = HealthReport.of(List.of(), Duration.ZERO);
    final TimescaleAdmin admin;

    /** A stub's admin, for tests that need no records. */
    static TimescaleAdmin stubbed() {
        return new StubAdmin().admin;
    }

    @SuppressWarnings("unchecked")
    StubAdmin() {
        admin = (TimescaleAdmin) Proxy.newProxyInstance(TimescaleAdmin.class.getClassLoader(),
                new Class<?>[] {TimescaleAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "applyPolicies" -> {
                        applied.add((List<PolicySpec>) args[0]);
                        yield new ApplyReport(List.of(), Duration.ZERO);
                    }
                    case "health" -> health;
                    case "toString" -> "stub admin";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
