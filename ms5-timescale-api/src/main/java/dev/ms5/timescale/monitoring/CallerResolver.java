package dev.ms5.timescale.monitoring;

import java.util.List;
import java.util.Map;

/**
 * Tells who sends an HTTP request, for the JDK server adapter ({@link MonitoringEndpoints#serve}); hosts that
 * mount the endpoints in their own framework resolve the caller themselves and pass it in the request.
 */
@FunctionalInterface
public interface CallerResolver {

    /**
     * Resolves the caller of a request.
     *
     * @param headers the request's headers; names in lower case
     * @return the caller, {@link Caller#anonymous()} when unknown
     */
    Caller resolve(Map<String, List<String>> headers);

    /**
     * Returns the resolver that knows nobody.
     *
     * @return a resolver that always answers anonymous
     */
    static CallerResolver anonymous() {
        return headers -> Caller.anonymous();
    }
}
