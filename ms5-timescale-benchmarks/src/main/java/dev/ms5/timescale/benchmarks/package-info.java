/**
 * JMH suites on the reference MS5 workload, and the demo of the library's main job.
 */
package dev.ms5.timescale.benchmarks;
