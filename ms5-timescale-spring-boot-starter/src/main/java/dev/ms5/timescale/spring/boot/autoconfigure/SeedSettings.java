package dev.ms5.timescale.spring.boot.autoconfigure;

import dev.ms5.timescale.InvalidSettingException;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.spring.boot.startup.InvalidPropertyException;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The seed's {@code TIMESCALEDB_*} settings as the Spring Environment holds them: environment variables, system
 * properties, application.properties, the command line, with Spring's precedence among those.
 */
final class SeedSettings {

    private static final String PREFIX = "TIMESCALEDB_";

    private SeedSettings() {
    }

    /**
     * Reads the settings.
     *
     * @param environment the application's environment
     * @return the settings
     * @throws InvalidPropertyException naming the setting, its value and where it was set, when one is bad
     */
    static TimescaleSettings from(ConfigurableEnvironment environment) {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> origins = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(PREFIX) && !values.containsKey(name)) {
                        values.put(name, environment.getProperty(name, ""));
                        origins.put(name, "property source '" + source.getName() + "'");
                    }
                }
            }
        }
        try {
            return TimescaleSettings.fromMap(values);
        } catch (InvalidSettingException e) {
            throw explain(e, values, origins);
        }
    }

    /** Finds the bad setting by checking each alone, to name it with where it was set. */
    private static RuntimeException explain(InvalidSettingException failure, Map<String, String> values,
                                            Map<String, String> origins) {
        for (Map.Entry<String, String> entry : values.entrySet()) {
            try {
                TimescaleSettings.fromMap(Map.of(entry.getKey(), entry.getValue()));
            } catch (InvalidSettingException e) {
                String key = entry.getKey();
                String message = e.getMessage();
                String lead = key + "='" + entry.getValue() + "' is not valid: ";
                int example = message.lastIndexOf(". Example: " + key + "=");
                String problem = message.substring(message.startsWith(lead) ? lead.length() : 0,
                        example < 0 ? message.length() : example);
                String accepted = example < 0 ? "see the problem" : message.substring(example
                        + (". Example: " + key + "=").length());
                InvalidPropertyException explained = new InvalidPropertyException(key, entry.getValue(), problem,
                        accepted, origins.get(key));
                explained.initCause(e);
                return explained;
            }
        }
        return failure;
    }
}
