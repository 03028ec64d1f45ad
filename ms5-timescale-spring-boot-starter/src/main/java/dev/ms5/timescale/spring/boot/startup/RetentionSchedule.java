package dev.ms5.timescale.spring.boot.startup;

import dev.ms5.timescale.Intervals;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TimescaleAdmin;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Enforces the declared retention with {@code drop_chunks} at a fixed delay ({@code ms5.timescale.retention
 * .enforce-every}), for the Apache edition, which has no retention jobs. Runs on the application's
 * {@link TaskScheduler} when it has one, else on a single daemon thread of its own, which it shuts down with the
 * context. The first run is when the context has started. A failed run is logged at WARN and the next one comes
 * as planned.
 */
public final class RetentionSchedule implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final TimescaleAdmin admin;
    private final List<PolicySpec> specs;
    private final Duration every;
    private final TaskScheduler hostScheduler;
    private ThreadPoolTaskScheduler ownScheduler;
    private ScheduledFuture<?> task;

    /**
     * Creates the schedule.
     *
     * @param admin         the admin
     * @param tables        the declared tables; those without retention are left alone
     * @param every         the delay between runs
     * @param hostScheduler the application's scheduler, or {@code null} to use a thread of the starter's own
     */
    public RetentionSchedule(TimescaleAdmin admin, DeclaredTables tables, Duration every, TaskScheduler hostScheduler) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.specs = tables.specs().stream().filter(s -> s.retention().isPresent()).toList();
        this.every = Objects.requireNonNull(every, "every");
        this.hostScheduler = hostScheduler;
    }

    @Override
    public synchronized void start() {
        if (specs.isEmpty()) {
            LOG.info("timescaledb retention: no declared table has retention; nothing to enforce");
            return;
        }
        TaskScheduler scheduler = hostScheduler;
        if (scheduler == null) {
            ownScheduler = new ThreadPoolTaskScheduler();
            ownScheduler.setThreadNamePrefix("ms5-timescale-retention-");
            ownScheduler.setDaemon(true);
            ownScheduler.initialize();
            scheduler = ownScheduler;
        }
        task = scheduler.scheduleWithFixedDelay(this::enforce, Instant.now(), every);
        LOG.info("timescaledb retention: enforcing the retention of {} table{} every {} on {}", specs.size(),
                specs.size() == 1 ? "" : "s", Intervals.format(every),
                hostScheduler == null ? "the starter's own thread" : "the application's TaskScheduler");
    }

    @Override
    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (ownScheduler != null) {
            ownScheduler.shutdown();
            ownScheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return task != null;
    }

    /** One run: drops what is past each table's retention (the library logs each table); never throws. */
    void enforce() {
        try {
            admin.enforceRetention(specs);
        } catch (RuntimeException e) {
            LOG.warn("timescaledb retention: enforcing failed, trying again in {}: {}", Intervals.format(every),
                    e.toString());
        }
    }
}
