/**
 * The auto-configurations of the Spring Boot starter and the {@code ms5.timescale.*} properties. The classes
 * other than {@link dev.ms5.timescale.spring.boot.autoconfigure.TimescaleProperties} carry no compatibility
 * guarantee; they are found through {@code META-INF/spring}.
 */
package dev.ms5.timescale.spring.boot.autoconfigure;
