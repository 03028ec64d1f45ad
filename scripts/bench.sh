#!/usr/bin/env bash
# The benchmark report: builds the shaded JMH jar, loads the reference data where it is missing, runs the suites
# and prints each target with the seed's figure, the measured figure, its in-run baseline, and PASS or FAIL.
#
#   scripts/bench.sh             the default profile: fits a 2-core machine in under 15 minutes
#   scripts/bench.sh --quick     a smoke look in under 3 minutes (fewer, shorter iterations; 2 days of data)
#   scripts/bench.sh --precise   longer: 2 forks, more and longer iterations
#   scripts/bench.sh --jit-off   (with any profile) benchmark sessions run with jit = off; recorded in the report
#   scripts/bench.sh -- <JMH options>   passed on to JMH last, e.g. -- IngestBenchmark
#
# Without MS5_TIMESCALE_URL it installs TimescaleDB for the local PostgreSQL if needed and runs its own server
# (one for all JMH forks) whose data directory stays in MS5_BENCH_PGDATA (default
# /var/tmp/ms5-timescale-bench-<uid>), so the loaded data is reused by the next run; the server is stopped at the
# end. With MS5_TIMESCALE_URL (a JDBC URL of a superuser, for the file baseline) it uses that server and keeps
# the ms5_bench_* databases there.
# Output: ms5-timescale-benchmarks/target/{jmh-result.json,jmh.log,bench-server.json,bench-report.json}.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

profile=default
jit_jvm=()
jit_jmh=()
extra=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) profile=quick ;;
        --precise) profile=precise ;;
        --jit-off) jit_jvm=(-Dms5.bench.jit=off); jit_jmh=(-jvmArgsAppend -Dms5.bench.jit=off) ;;
        --) shift; extra=("$@"); break ;;
        *) echo "bench: unknown option $1 (use --quick, --precise, --jit-off, -- <JMH options>)" >&2; exit 2 ;;
    esac
    shift
done

case "$profile" in
    quick) data_set=100m-2d-10s; rows=50000; jmh=(-f 1 -wi 1 -i 2 -w 1s -r 1s) ;;
    default) data_set=100m-7d-10s; rows=200000; jmh=(-f 1 -wi 2 -i 5 -w 2s -r 2s) ;;
    precise) data_set=100m-7d-10s; rows=200000; jmh=(-f 2 -wi 3 -i 10 -w 5s -r 5s) ;;
esac

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi
}
say() { echo "bench: $*" >&2; }

if ! command -v mvn >/dev/null; then
    say "Maven is missing; installing it with apt"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
fi
if [ -z "${MS5_TIMESCALE_URL:-}" ]; then
    as_root scripts/install-timescaledb.sh >&2
fi

target=ms5-timescale-benchmarks/target
jar=$target/benchmarks.jar
started=$(date +%s)
say "building $jar"
mvn -q -B -ntp -Dstyle.color=never -DskipTests -Dmaven.test.skip=true package -pl ms5-timescale-benchmarks -am >&2

if [ -z "${MS5_TIMESCALE_URL:-}" ]; then
    # shellcheck source=scripts/bench-server.sh
    source scripts/bench-server.sh
    bench_server_start
    trap bench_server_stop EXIT
    export MS5_TIMESCALE_URL=$BENCH_SERVER_URL
else
    say "using the server of MS5_TIMESCALE_URL"
fi

say "preparing data set $data_set (loaded once, then reused)"
edition=$(java "${jit_jvm[@]}" -cp "$jar" dev.ms5.timescale.benchmarks.BenchPrepare "$data_set" \
    "$target/bench-server.json" | sed -n 's/^edition=//p')
params=(-p "dataSet=$data_set" -p "rows=$rows")
if [ "$edition" = apache ]; then
    say "the server runs the Apache edition: no compression, so only storage=rowstore"
    params+=(-p storage=rowstore)
fi

say "running JMH ($profile profile); the full log goes to $target/jmh.log"
set +e
java -jar "$jar" "${jmh[@]}" "${params[@]}" "${jit_jmh[@]}" -rf json -rff "$target/jmh-result.json" "${extra[@]}" \
    2>&1 | tee "$target/jmh.log" | grep --line-buffered -E '^# (Run progress|Benchmark:|Parameters)|^Iteration|ms5_bench_|Exception|ERROR' >&2
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
    say "JMH exited with $status; the report shows what was measured (see $target/jmh.log)"
fi

java -cp "$jar" dev.ms5.timescale.benchmarks.BenchReport "$target/jmh-result.json" "$target/bench-server.json" \
    "$target/bench-report.json"
say "done in $(( $(date +%s) - started )) s"
