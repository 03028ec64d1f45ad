package dev.ms5.timescale.testkit.internal;

/** Which of the run's servers a provider is asked for. */
public enum ServerRole {
    /** The server most test classes share; its edition is whatever is installed. */
    PRIMARY,
    /** A server that runs the Apache edition, for classes that ask for it on a full installation. */
    APACHE
}
