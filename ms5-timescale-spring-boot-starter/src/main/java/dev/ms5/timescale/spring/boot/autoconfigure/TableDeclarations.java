package dev.ms5.timescale.spring.boot.autoconfigure;

import dev.ms5.timescale.InvalidPolicyException;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TimescaleSettings;
import dev.ms5.timescale.spring.boot.startup.DeclaredTables;
import dev.ms5.timescale.spring.boot.startup.DeclaredTables.Declaration;
import dev.ms5.timescale.spring.boot.startup.InvalidPropertyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the declared tables, in this order of precedence: a {@link PolicySpec} bean declares its table whole;
 * a table under {@code ms5.timescale.tables} takes each part from its own property, else from the
 * {@code TIMESCALEDB_*} settings (per table, then global), else from the settings' defaults.
 */
final class TableDeclarations {

    private static final Logger LOG = LoggerFactory.getLogger(TableDeclarations.class);

    private TableDeclarations() {
    }

    /**
     * Declares the tables.
     *
     * @param beans      the PolicySpec beans by name, in registration order
     * @param properties the tables of {@code ms5.timescale.tables}, in the order given
     * @param settings   the seed's settings
     * @return the tables, beans first
     * @throws InvalidPropertyException naming the property when a property is bad
     * @throws InvalidPolicyException   when two beans declare one table
     */
    static DeclaredTables declare(Map<String, PolicySpec> beans, Map<String, TimescaleProperties.Table> properties,
                                  TimescaleSettings settings) {
        Map<TableName, Declaration> declared = new LinkedHashMap<>();
        beans.forEach((name, spec) -> {
            Declaration declaration = new Declaration(spec, "PolicySpec bean '" + name + "'");
            Declaration earlier = declared.putIfAbsent(spec.table(), declaration);
            if (earlier != null) {
                throw new InvalidPolicyException(spec.table() + " is declared twice, by " + earlier.source() + " and"
                        + " by " + declaration.source() + "; declare each table once");
            }
        });
        properties.forEach((key, table) -> {
            PropertyTable property = new PropertyTable(key, table, settings);
            PolicySpec spec = property.spec();
            Declaration earlier = declared.putIfAbsent(spec.table(), new Declaration(spec, property.prefix()));
            if (earlier != null && earlier.source().startsWith("PolicySpec bean")) {
                LOG.warn("{}: declared by {} and by {}.*; the bean wins and those properties are ignored",
                        spec.table(), earlier.source(), property.prefix());
            } else if (earlier != null) {
                throw new InvalidPropertyException(property.prefix() + ".table", spec.table().toString(), "the table"
                        + " is declared twice, also by " + earlier.source(), "another table's name", null);
            }
        });
        return new DeclaredTables(new ArrayList<>(declared.values()));
    }
}
