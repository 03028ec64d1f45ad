package dev.ms5.timescale;

import dev.ms5.timescale.spi.TimescaleAdminProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds the implementation of {@link TimescaleAdmin} with {@link ServiceLoader}, on the class path or the
 * module path. The system property {@value #PROVIDER_PROPERTY} picks one by class name; otherwise the one with
 * the highest {@link TimescaleAdminProvider#priority()} wins. Broken providers are skipped, their errors kept for
 * the message when none is left. Only a success is cached.
 */
public final class TimescaleAdmins {

    /** The system property naming the provider class to use. */
    public static final String PROVIDER_PROPERTY = "ms5.timescale.provider";

    private static volatile TimescaleAdminProvider cached;

    private TimescaleAdmins() {
    }

    /**
     * Returns the implementation.
     *
     * @return the provider
     * @throws TimescaleException when none is found, naming the artifact to add
     */
    public static TimescaleAdminProvider provider() {
        TimescaleAdminProvider provider = cached;
        if (provider == null) {
            provider = load(ServiceLoader.load(TimescaleAdminProvider.class, TimescaleAdmins.class.getClassLoader()),
                    System.getProperty(PROVIDER_PROPERTY));
            cached = provider;
        }
        return provider;
    }

    /**
     * Chooses among the providers a loader finds.
     *
     * @param loader    the service loader
     * @param requested the class name the system property asks for, or {@code null}
     * @return the chosen provider
     * @throws TimescaleException when none can be used
     */
    static TimescaleAdminProvider load(ServiceLoader<TimescaleAdminProvider> loader, String requested) {
        List<String> problems = new ArrayList<>();
        List<TimescaleAdminProvider> found = new ArrayList<>();
        Iterator<ServiceLoader.Provider<TimescaleAdminProvider>> providers = loader.stream().iterator();
        while (true) {
            ServiceLoader.Provider<TimescaleAdminProvider> provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError e) {
                // A stale or broken entry must not hide the providers listed after it.
                problems.add(reason(e));
                continue;
            }
            if (requested != null && !requested.isBlank() && !provider.type().getName().equals(requested.strip())) {
                continue;
            }
            try {
                found.add(provider.get());
            } catch (ServiceConfigurationError | RuntimeException e) {
                problems.add(provider.type().getName() + ": " + reason(e));
            }
        }
        return found.stream().max(Comparator.comparingInt(TimescaleAdminProvider::priority))
                .orElseThrow(() -> new TimescaleException(missing(requested, problems)));
    }

    private static String reason(Throwable e) {
        Throwable cause = e.getCause();
        return e.getMessage() + (cause == null || cause == e ? "" : " (" + cause + ")");
    }

    private static String missing(String requested, List<String> problems) {
        String text = requested == null || requested.isBlank()
                ? "No ms5-timescale implementation was found on the class path or module path."
                : "The ms5-timescale implementation " + requested + " named by -D" + PROVIDER_PROPERTY
                        + " was not found or failed.";
        if (!problems.isEmpty()) {
            text += " Providers that failed: " + String.join("; ", problems) + ".";
        }
        return text + " Add the dependency dev.ms5.timescale:ms5-timescale-jdbc (same version as"
                + " ms5-timescale-api)" + (requested == null ? "" : ", or unset " + PROVIDER_PROPERTY) + ".";
    }
}
