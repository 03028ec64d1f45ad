/** The service provider interface through which the API finds its implementation. */
package dev.ms5.timescale.spi;
