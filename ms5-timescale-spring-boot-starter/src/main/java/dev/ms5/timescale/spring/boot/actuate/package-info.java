/** The {@code timescaledb} Actuator health contributor. */
package dev.ms5.timescale.spring.boot.actuate;
