package dev.ms5.timescale.monitoring;

import java.net.InetSocketAddress;

/** The monitoring endpoints served by the JDK's built-in HTTP server; {@link #close()} stops it. */
public interface MonitoringServer extends AutoCloseable {

    /**
     * Returns where it listens.
     *
     * @return the bound address, with the port chosen when 0 was asked
     */
    InetSocketAddress address();

    /** Stops serving: waits up to a second for requests under way, then releases the port and its threads. */
    @Override
    void close();
}
