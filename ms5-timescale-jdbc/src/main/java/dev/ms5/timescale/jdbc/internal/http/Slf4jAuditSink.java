package dev.ms5.timescale.jdbc.internal.http;

import dev.ms5.timescale.monitoring.AuditRecord;
import dev.ms5.timescale.monitoring.AuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default audit: {@link AuditRecord#toLine()} at INFO on the logger {@code dev.ms5.timescale.audit}. */
final class Slf4jAuditSink implements AuditSink {

    /** The logger's name, so that hosts route audit lines apart from the library's other logs. */
    static final String LOGGER = "dev.ms5.timescale.audit";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    @Override
    public void record(AuditRecord record) {
        LOG.info("{}", record.toLine());
    }
}
