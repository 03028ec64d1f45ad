package dev.ms5.timescale.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A host application: Spring Boot's auto-configuration, nothing of its own. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {
}
