package dev.ms5.timescale.monitoring;

import dev.ms5.timescale.TableName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The effective policy configuration (settings and specs) next to what the database has, with each difference
 * named. Secrets are never shown: a JDBC URL's password and {@code user:password@} are masked.
 *
 * @param database the database, as a JDBC URL with its secrets masked, when known
 * @param settings the effective {@code TIMESCALEDB_*} settings, by name
 * @param tables   per declared table, what is declared and how the database differs
 */
public record ConfigurationReport(Optional<String> database, Map<String, String> settings,
                                  List<TableConfiguration> tables) {

    /**
     * Copies the map and list.
     *
     * @param database the masked URL
     * @param settings the settings
     * @param tables   the tables
     */
    public ConfigurationReport {
        Objects.requireNonNull(database, "database");
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        tables = List.copyOf(tables);
    }

    /**
     * One declared table.
     *
     * @param table       the table
     * @param declared    what its spec declares, by part (e.g. {@code chunk_interval} = {@code 1 hour})
     * @param inPlace     the declared parts the database has as declared
     * @param differences each difference, named: what {@code applyPolicies} would change, and what it leaves
     *                    in place (paused jobs, chunks compressed with older settings)
     * @param unsupported the declared parts this server cannot do, with the reason
     * @param failure     why the table cannot be applied, if it cannot
     */
    public record TableConfiguration(TableName table, Map<String, String> declared, List<String> inPlace,
                                     List<String> differences, List<String> unsupported, Optional<String> failure) {

        /**
         * Copies the collections.
         *
         * @param table       the table
         * @param declared    the declared parts
         * @param inPlace     the parts in place
         * @param differences the differences
         * @param unsupported the unsupported parts
         * @param failure     the failure
         */
        public TableConfiguration {
            Objects.requireNonNull(table, "table");
            declared = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(declared));
            inPlace = List.copyOf(inPlace);
            differences = List.copyOf(differences);
            unsupported = List.copyOf(unsupported);
        }
    }
}
