/** The monitoring endpoints mounted in Spring MVC, with callers and access levels from the application's security. */
package dev.ms5.timescale.spring.boot.web;
