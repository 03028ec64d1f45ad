package dev.ms5.timescale.jdbc.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.ms5.timescale.AdminOptions;
import dev.ms5.timescale.Outstanding;
import dev.ms5.timescale.PolicyAction;
import dev.ms5.timescale.PolicyAction.Kind;
import dev.ms5.timescale.PolicySpec;
import dev.ms5.timescale.TableFailure;
import dev.ms5.timescale.TableName;
import dev.ms5.timescale.TablePlan;
import dev.ms5.timescale.TimescaleEdition;
import dev.ms5.timescale.Unsupported;
import dev.ms5.timescale.jdbc.internal.Dialect;
import dev.ms5.timescale.jdbc.internal.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner on table states captured from real servers ({@link StateCapture}): TimescaleDB 2.13 (compression
 * names, settings per hypertable only), 2.14 (per-chunk settings keyed by the compressed chunk), 2.22 (columnstore
 * names, settings keyed by the chunk), 2.28, and the Apache edition on 2.19 and 2.28. Every action and drift the
 * database tests cover is planned here without a server, so CI (which has only the Apache edition) sees the
 * full edition's paths too.
 */
class PlannerTest {

    private static final Path STATES = Path.of("src/test/resources/states");
    private static final Planner.RowCheck EMPTY = relation -> false;

    /** One captured server. */
    record Captured(String file, Dialect dialect, Map<String, Object> content) {
        TableState state(String table) {
            return StateCapture.state(content, table);
        }

        boolean full() {
            return dialect.edition() == TimescaleEdition.TIMESCALE;
        }

        boolean atLeast(String version) {
            return dialect.timescaleVersion().compareTo(Version.parse(version)) >= 0;
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Captured> servers() throws IOException {
        try (Stream<Path> files = Files.list(STATES)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(PlannerTest::captured).toList()
                    .stream();
        }
    }

    /** The captures of the Timescale-License edition, which has compression, policies and jobs. */
    static Stream<Captured> fullServers() throws IOException {
        return servers().filter(Captured::full);
    }

    /** The captures with per-chunk compression settings: 2.14 and newer, Timescale-License edition. */
    static Stream<Captured> perChunkServers() throws IOException {
        return fullServers().filter(c -> c.atLeast("2.14.0"));
    }

    /** TimescaleDB 2.13, which refuses new settings while chunks are compressed. */
    static Stream<Captured> oldServers() throws IOException {
        return fullServers().filter(c -> !c.atLeast("2.14.0"));
    }

    private static Captured captured(Path file) {
        try {
            Map<String, Object> content = StateCapture.read(file);
            return new Captured(file.getFileName().toString(), new Dialect("capture", (String) content.get("postgresql"),
                    Version.parse((String) content.get("timescaledb")),
                    TimescaleEdition.fromLicense((String) content.get("edition")), "public"), content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theCapturesCoverEveryVersionBoundaryAndBothEditions() throws IOException {
        assertThat(servers().map(Captured::file)).contains("2.13.1-timescale.json", "2.14.2-timescale.json",
                "2.22.1-timescale.json", "2.28.3-timescale.json", "2.19.3-apache.json", "2.28.3-apache.json");
        assertThat(servers()).allSatisfy(c -> assertThat((Map<?, ?>) c.content().get("skipped")).as(c.file()).isEmpty());
    }

    /** The declared spec of the drift tables: 1-day chunks, compression by device after 7 days, 90 days kept. */
    private static PolicySpec.Builder spec(String table) {
        return PolicySpec.builder(table, "ts").chunkInterval(Duration.ofDays(1))
                .compression(PolicySpec.Compression.after(Duration.ofDays(7)).segmentBy("device").orderBy("ts DESC"))
                .retention(Duration.ofDays(90));
    }

    private static TablePlan plan(Captured server, PolicySpec spec) {
        return plan(server, AdminOptions.defaults(), spec, spec.table().name());
    }

    private static TablePlan plan(Captured server, AdminOptions options, PolicySpec spec, String table) {
        return new Planner(server.dialect(), options).plan(spec, server.state(table), EMPTY).plan();
    }

    private static List<Kind> kinds(TablePlan plan) {
        return plan.actions().stream().map(PolicyAction::kind).toList();
    }

    private static int jobId(Captured server, String table, TableState.PolicyKind kind) {
        return server.state(table).jobs(kind).get(0).id();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aPlainTableBecomesAHypertableWithEveryPolicyInThisVersionsNames(Captured server) {
        TablePlan plan = plan(server, spec("plain").build());

        assertThat(plan.failure()).isEmpty();
        assertThat(plan.outstanding()).isEmpty();
        PolicyAction create = plan.actions().get(0);
        assertThat(create.kind()).isEqualTo(Kind.CREATE_HYPERTABLE);
        assertThat(create.description()).isEqualTo("create hypertable on ts with chunk interval 1 day");
        assertThat(create.sql()).contains("\"public\".create_hypertable(relation => ?::oid::regclass",
                "\"public\".by_range(");
        if (!server.full()) {
            assertThat(kinds(plan)).containsExactly(Kind.CREATE_HYPERTABLE);
            assertThat(plan.unsupported()).extracting(Unsupported::what)
                    .containsExactly("compression", "retention policy");
            assertThat(plan.unsupported().get(1).reason()).contains("enforceRetention", "90 days");
            return;
        }
        assertThat(kinds(plan)).containsExactly(Kind.CREATE_HYPERTABLE, Kind.SET_COMPRESSION, Kind.ADD_POLICY,
                Kind.ADD_POLICY);
        boolean columnstore = server.atLeast("2.18.0");
        assertThat(plan.actions().get(1).sql()).contains(columnstore
                ? "timescaledb.enable_columnstore = true, timescaledb.segmentby = '\"device\"', timescaledb.orderby"
                + " = '\"ts\" DESC NULLS FIRST'"
                : "timescaledb.compress = true, timescaledb.compress_segmentby = '\"device\"',"
                + " timescaledb.compress_orderby = '\"ts\" DESC NULLS FIRST'");
        assertThat(plan.actions().get(2).sql()).startsWith(columnstore ? "CALL \"public\".add_columnstore_policy("
                : "SELECT \"public\".add_compression_policy(");
        assertThat(plan.actions().get(3).sql()).startsWith("SELECT \"public\".add_retention_policy(");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aPlainTableWithRowsIsRefusedUnlessItsRowsMayMove(Captured server) {
        PolicySpec spec = spec("plain").build();

        TablePlan refused = new Planner(server.dialect(), AdminOptions.defaults())
                .plan(spec, server.state("plain"), relation -> true).plan();
        TablePlan moved = new Planner(server.dialect(), AdminOptions.defaults())
                .plan(spec.toBuilder().migrateData(true).build(), server.state("plain"), relation -> true).plan();

        assertThat(refused.failure()).get().extracting(TableFailure::kind).isEqualTo(TableFailure.Kind.NOT_A_HYPERTABLE);
        assertThat(refused.failure().get().fix()).contains("migrateData(true)");
        assertThat(moved.actions().get(0).description()).endsWith(", moving existing rows into chunks");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aFreshHypertableGetsItsChunkIntervalAndPolicies(Captured server) {
        TablePlan plan = plan(server, spec("fresh").build());

        assertThat(plan.actions().get(0)).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                Kind.SET_CHUNK_INTERVAL, "chunk interval: 1 day (was 7 days; applies to new chunks)");
        assertThat(kinds(plan)).containsExactlyElementsOf(server.full()
                ? List.of(Kind.SET_CHUNK_INTERVAL, Kind.SET_COMPRESSION, Kind.ADD_POLICY, Kind.ADD_POLICY)
                : List.of(Kind.SET_CHUNK_INTERVAL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aTableAsDeclaredHasNothingToDo(Captured server) {
        TablePlan plan = plan(server, spec("declared").build());

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.outstanding()).isEmpty();
        assertThat(plan.failure()).isEmpty();
        if (server.full()) {
            assertThat(plan.converged()).isTrue();
            assertThat(plan.inPlace()).containsExactly("hypertable on ts", "chunk interval 1 day",
                    "compression: segment by device, order by ts DESC", "compression policy: after 7 days",
                    "retention policy: drop after 90 days");
        } else {
            assertThat(plan.inPlace()).containsExactly("hypertable on ts", "chunk interval 1 day");
            assertThat(plan.unsupported()).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void compressionDisabledIsEnabledWithItsPolicy(Captured server) {

        TablePlan plan = plan(server, spec("compression_off").build());

        assertThat(plan.actions()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.SET_COMPRESSION, "compression: segment by device, order by ts DESC (was disabled)"),
                tuple(Kind.ADD_POLICY, "compression policy: add, after 7 days"),
                tuple(Kind.ADD_POLICY, "retention policy: add, drop after 90 days"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void segmentByAndOrderByChangedByHandAreSetBack(Captured server) {

        assertThat(plan(server, spec("segment_drift").build()).actions())
                .extracting(PolicyAction::kind, PolicyAction::description).containsExactly(tuple(Kind.SET_COMPRESSION,
                        "compression: segment by device, order by ts DESC (was segment by site, order by ts DESC)"));
        assertThat(plan(server, spec("order_drift").build()).actions())
                .extracting(PolicyAction::kind, PolicyAction::description).containsExactly(tuple(Kind.SET_COMPRESSION,
                        "compression: segment by device, order by ts DESC (was segment by device, order by ts)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void policiesWithAnotherAgeAreRemovedAndAddedAgain(Captured server) {
        int compression = jobId(server, "compression_age", TableState.PolicyKind.COMPRESSION);
        int retention = jobId(server, "retention_age", TableState.PolicyKind.RETENTION);
        int createdBefore = jobId(server, "retention_created_before", TableState.PolicyKind.RETENTION);

        assertThat(plan(server, spec("compression_age").build()).actions())
                .extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                        tuple(Kind.REMOVE_POLICY, "compression policy: after 7 days (was compress_after 3 days):"
                                + " remove job " + compression + " and add it again"),
                        tuple(Kind.ADD_POLICY, "compression policy: add, after 7 days"));
        assertThat(plan(server, spec("retention_age").build()).actions())
                .extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                        tuple(Kind.REMOVE_POLICY, "retention policy: drop after 90 days (was drop_after 30 days):"
                                + " remove job " + retention + " and add it again"),
                        tuple(Kind.ADD_POLICY, "retention policy: add, drop after 90 days"));
        assertThat(plan(server, spec("retention_created_before").build()).actions())
                .extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                        tuple(Kind.REMOVE_POLICY, "retention policy: drop after 90 days (was drop_created_before"
                                + " 90 days): remove job " + createdBefore + " and add it again"),
                        tuple(Kind.ADD_POLICY, "retention policy: add, drop after 90 days"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void aScheduleIsSetBackOnlyWhenDeclared(Captured server) {
        int job = jobId(server, "compression_schedule", TableState.PolicyKind.COMPRESSION);
        PolicySpec scheduled = spec("compression_schedule").compression(PolicySpec.Compression.after(Duration.ofDays(7))
                .segmentBy("device").orderBy("ts DESC").schedule(Duration.ofHours(12))).build();

        TablePlan plan = plan(server, scheduled);

        assertThat(plan.actions()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.ALTER_POLICY, "compression policy: every 12 hours (was 2 hours)"));
        assertThat(plan.actions().get(0).parameters()).containsExactly(String.valueOf(job), "12 hours",
                String.valueOf(job));
        assertThat(plan(server, spec("compression_schedule").build()).actions()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void aDuplicateJobIsRemovedAndTheOldestStays(Captured server) {
        List<TableState.Job> jobs = server.state("retention_duplicate").jobs(TableState.PolicyKind.RETENTION);

        TablePlan plan = plan(server, spec("retention_duplicate").build());

        assertThat(plan.actions()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.REMOVE_POLICY, "retention policy: remove duplicate job " + jobs.get(1).id() + " (job "
                        + jobs.get(0).id() + " stays)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void aReorderPolicyOnAnotherIndexIsMoved(Captured server) {
        int job = jobId(server, "reorder_index", TableState.PolicyKind.REORDER);
        PolicySpec spec = PolicySpec.builder("reorder_index", "ts").reorder("reorder_index_ts_idx").build();

        assertThat(plan(server, spec).actions()).extracting(PolicyAction::kind, PolicyAction::description)
                .containsExactly(tuple(Kind.REMOVE_POLICY, "reorder policy: index reorder_index_ts_idx (was"
                                + " reorder_index_device_ts_idx): remove job " + job + " and add it again"),
                        tuple(Kind.ADD_POLICY, "reorder policy: add, on index reorder_index_ts_idx"));
        assertThat(plan(server, PolicySpec.builder("reorder_index", "ts").reorder("reorder_index_device_ts_idx")
                .build()).actions()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void undeclaredPoliciesStayUnlessRemovalIsAsked(Captured server) {
        PolicySpec withoutRetention = spec("declared").retention((Duration) null).build();
        int job = jobId(server, "declared", TableState.PolicyKind.RETENTION);

        assertThat(plan(server, withoutRetention).actions()).isEmpty();
        assertThat(plan(server, AdminOptions.defaults().removeUndeclaredPolicies(true), withoutRetention,
                "declared").actions()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.REMOVE_POLICY, "retention policy: remove job " + job + ", no longer declared"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void aPausedJobIsReportedAndLeftPausedByDefault(Captured server) {
        int job = jobId(server, "retention_paused", TableState.PolicyKind.RETENTION);

        TablePlan plan = plan(server, spec("retention_paused").build());

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.converged()).isFalse();
        assertThat(plan.inPlace()).contains("retention policy: drop after 90 days (paused)");
        assertThat(plan.outstanding()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outstanding.Kind.PAUSED_JOB);
            assertThat(o.description()).isEqualTo("retention policy: job " + job + " is paused; it is left paused");
            assertThat(o.fix()).contains("SELECT alter_job(" + job + ", scheduled => true)",
                    "AdminOptions.resumePausedJobs(true)", "declare the policy paused");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void aPausedJobIsResumedWhenAskedAndKeptWhenDeclaredPaused(Captured server) {
        int job = jobId(server, "retention_paused", TableState.PolicyKind.RETENTION);
        PolicySpec declaredPaused = spec("retention_paused")
                .retention(new PolicySpec.Retention(Duration.ofDays(90), Optional.empty(), true)).build();

        TablePlan resumed = plan(server, AdminOptions.defaults().resumePausedJobs(true),
                spec("retention_paused").build(), "retention_paused");
        TablePlan kept = plan(server, declaredPaused);
        TablePlan paused = plan(server, spec("declared")
                .retention(new PolicySpec.Retention(Duration.ofDays(90), Optional.empty(), true)).build());

        assertThat(resumed.actions()).extracting(PolicyAction::kind, PolicyAction::description, PolicyAction::sql)
                .containsExactly(tuple(Kind.RESUME_POLICY, "retention policy: resume job " + job + " (was paused)",
                        "SELECT \"public\".alter_job(?::integer, scheduled => ?::boolean)"));
        assertThat(resumed.outstanding()).isEmpty();
        assertThat(kept.converged()).isTrue();
        assertThat(kept.inPlace()).contains("retention policy: drop after 90 days (paused, as declared)");
        assertThat(paused.actions()).extracting(PolicyAction::kind, PolicyAction::parameters).containsExactly(
                tuple(Kind.PAUSE_POLICY, List.of(String.valueOf(jobId(server, "declared",
                        TableState.PolicyKind.RETENTION)), "false")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullServers")
    void aPausedJobWhoseAgeDriftedIsCorrectedWithoutResumingIt(Captured server) {
        int job = jobId(server, "retention_paused", TableState.PolicyKind.RETENTION);
        PolicySpec spec = spec("retention_paused").retention(Duration.ofDays(60)).build();

        TablePlan plan = plan(server, spec);

        assertThat(plan.actions()).extracting(PolicyAction::kind, PolicyAction::description).containsExactly(
                tuple(Kind.REMOVE_POLICY, "retention policy: drop after 60 days (was drop_after 90 days): remove"
                        + " job " + job + " and add it again"),
                tuple(Kind.ADD_POLICY, "retention policy: add, drop after 60 days"),
                tuple(Kind.PAUSE_POLICY, "retention policy: pause the new job, as job " + job + " was"));
        assertThat(plan.actions().get(2).parameters()).endsWith("policy_retention");
        assertThat(plan.outstanding()).extracting(Outstanding::kind).containsExactly(Outstanding.Kind.PAUSED_JOB);
        assertThat(plan(server, AdminOptions.defaults().resumePausedJobs(true), spec, "retention_paused").actions())
                .extracting(PolicyAction::kind).containsExactly(Kind.REMOVE_POLICY, Kind.ADD_POLICY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perChunkServers")
    void chunksCompressedWithOlderSettingsAreNamedUntilRecompressed(Captured server) {
        PolicySpec spec = spec("old_chunks").compression(PolicySpec.Compression.after(Duration.ofDays(7))
                .segmentBy("site").orderBy("ts DESC")).build();

        TablePlan plan = plan(server, spec);
        TablePlan recompress = plan(server, AdminOptions.defaults().recompressChunks(true), spec, "old_chunks");

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.inPlace()).contains("compression: segment by site, order by ts DESC");
        assertThat(plan.converged()).isFalse();
        assertThat(plan.outstanding()).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(Outstanding.Kind.CHUNKS_WITH_OLD_COMPRESSION);
            assertThat(o.description()).matches("compression: 4 compressed chunks keep the settings they were"
                    + " compressed with \\(4 chunks from \\S+Z to \\S+Z with segment by device, order by ts DESC\\);"
                    + " segment by site, order by ts DESC applies to chunks compressed from now on");
            assertThat(o.fix()).contains("TimescaleAdmin.recompressChunks(\"public.old_chunks\")",
                    "AdminOptions.recompressChunks(true)");
        });
        assertThat(recompress.outstanding()).isEmpty();
        assertThat(recompress.actions()).extracting(PolicyAction::kind).containsExactly(Kind.RECOMPRESS_CHUNKS);
        assertThat(recompress.actions().get(0).description()).startsWith("compression: recompress 4 compressed"
                + " chunks with segment by site, order by ts DESC (4 chunks from ");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perChunkServers")
    void changingSettingsBackNamesTheChunksThatKeepTheInterimOnes(Captured server) {

        TablePlan plan = plan(server, spec("old_chunks").build());

        // The chunks were compressed by device, the table was switched to site: going back to device suits them.
        assertThat(plan.actions()).extracting(PolicyAction::description).containsExactly(
                "compression: segment by device, order by ts DESC (was segment by site, order by ts DESC)");
        assertThat(plan.outstanding()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oldServers")
    void timescale213RefusesNewSettingsWhileChunksAreCompressedAndSaysHowToProceed(Captured server) {
        assertThat(((Map<?, ?>) server.content().get("refused")).keySet()).extracting(Object::toString)
                .containsExactly("old_chunks");
        PolicySpec spec = spec("old_chunks").compression(PolicySpec.Compression.after(Duration.ofDays(7))
                .segmentBy("site").orderBy("ts DESC")).build();

        TablePlan plan = plan(server, spec);

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.failure()).get().satisfies(f -> {
            assertThat(f.sqlState()).isEqualTo("0A000");
            assertThat(f.message()).matches("public.old_chunks: TimescaleDB 2.13.1 cannot change compression"
                    + " settings while compressed chunks exist, and it has 4 \\(from \\S+Z to \\S+Z\\)");
            assertThat(f.fix()).contains("TimescaleAdmin.decompressChunks(\"public.old_chunks\", ",
                    "compressChunks", "2.14");
        });
        assertThat(plan(server, spec("old_chunks").build()).converged()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void specsThatCannotApplyFailWithTheFix(Captured server) {
        TablePlan view = plan(server, spec("a_view").build());
        TablePlan missingColumn = plan(server, spec("declared").compression(PolicySpec.Compression
                .after(Duration.ofDays(7)).segmentBy("nope")).build());
        TablePlan integerAges = plan(server, AdminOptions.defaults(), PolicySpec.builder("int_time", "t")
                .retention(Duration.ofDays(1)).build(), "int_time");
        TablePlan missing = new Planner(server.dialect(), AdminOptions.defaults()).plan(spec("gone").build(),
                new TableState(TableName.parse("gone"), Optional.empty(), List.of(), Optional.empty(), List.of(),
                        List.of()), EMPTY).plan();

        assertThat(view.failure()).get().extracting(TableFailure::kind, TableFailure::sqlState)
                .containsExactly(TableFailure.Kind.NOT_A_TABLE, "42809");
        assertThat(missingColumn.failure()).get().extracting(TableFailure::kind, TableFailure::sqlState)
                .containsExactly(TableFailure.Kind.INVALID_SPEC, "42703");
        assertThat(integerAges.failure()).get().extracting(TableFailure::kind).isEqualTo(TableFailure.Kind.INVALID_SPEC);
        assertThat(missing.failure()).get().extracting(TableFailure::kind).isEqualTo(TableFailure.Kind.TABLE_NOT_FOUND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void anIntegerTimeColumnsChunkIntervalIsLeftToTheHost(Captured server) {
        TablePlan plan = plan(server, AdminOptions.defaults(), PolicySpec.builder("int_time", "t")
                .chunkInterval(Duration.ofDays(1)).build(), "int_time");

        assertThat(plan.actions()).isEmpty();
        assertThat(plan.unsupported()).extracting(Unsupported::what).containsExactly("chunk interval");
    }
}
