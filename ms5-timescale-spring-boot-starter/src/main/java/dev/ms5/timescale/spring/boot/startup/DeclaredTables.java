package dev.ms5.timescale.spring.boot.startup;

import dev.ms5.timescale.PolicySpec;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The tables the application declares, in the order they are applied, each with where its declaration came
 * from. A bean, so that the host's own code (and the health contributor, the monitoring endpoints and the
 * retention schedule) sees the same specs the starter applied.
 *
 * @param declarations the declared tables
 */
public record DeclaredTables(List<Declaration> declarations) {

    /**
     * Copies the list.
     *
     * @param declarations the declared tables
     */
    public DeclaredTables {
        declarations = List.copyOf(declarations);
    }

    /**
     * One declared table.
     *
     * @param spec   what is declared
     * @param source where, e.g. {@code ms5.timescale.tables.metric_hist} or {@code PolicySpec bean 'metricHist'}
     */
    public record Declaration(PolicySpec spec, String source) {

        /**
         * Checks the parts.
         *
         * @param spec   the spec
         * @param source the source
         */
        public Declaration {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * Returns the specs.
     *
     * @return the specs, in the order declared
     */
    public List<PolicySpec> specs() {
        return declarations.stream().map(Declaration::spec).toList();
    }

    /**
     * Returns whether no table is declared.
     *
     * @return {@code true} when there is nothing to apply
     */
    public boolean isEmpty() {
        return declarations.isEmpty();
    }

    /**
     * Describes the tables and their sources, for the startup log.
     *
     * @return e.g. {@code metric_hist (ms5.timescale.tables.metric_hist), events (PolicySpec bean 'events')}
     */
    public String describe() {
        return declarations.stream().map(d -> d.spec().table() + " (" + d.source() + ")")
                .collect(Collectors.joining(", "));
    }
}
