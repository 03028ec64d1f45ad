/**
 * What the starter does at startup: the declared tables, their policies applied after the migrations, retention
 * enforced on a schedule, and the failure analyzer that explains a stopped startup.
 */
package dev.ms5.timescale.spring.boot.startup;
