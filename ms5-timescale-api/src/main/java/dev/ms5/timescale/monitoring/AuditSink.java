package dev.ms5.timescale.monitoring;

/**
 * Where audit records go: the SPI through which a host sends them to its own audit trail. The default writes
 * {@link AuditRecord#toLine()} to the slf4j logger {@code dev.ms5.timescale.audit} at INFO.
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * Records one access. Must not throw; it is called on the request's thread.
     *
     * @param record the access
     */
    void record(AuditRecord record);
}
