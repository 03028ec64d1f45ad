#!/usr/bin/env bash
# The library's main job, as a host application runs it at boot, on the reference MS5 tables:
# creates them where absent, applies their policies from the environment (the seed's TIMESCALEDB_* variables
# and their per-table forms), and prints the plan, the report and a health summary.
#
# Without MS5_TIMESCALE_URL it installs TimescaleDB for the local PostgreSQL if needed and works on a
# temporary database of a local server started through the testkit. With MS5_TIMESCALE_URL (a JDBC URL with
# credentials) it works on that database itself, so the result stays; a second run finds everything in place.
# Exits non-zero when a policy failed. Rebuilds only when the sources changed, so several copies may run at
# once, as several instances of a host application boot at once.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi
}

if ! command -v mvn >/dev/null; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
fi
if [ -z "${MS5_TIMESCALE_URL:-}" ]; then
    as_root scripts/install-timescaledb.sh >&2
fi

jar=ms5-timescale-benchmarks/target/benchmarks.jar
stamp=ms5-timescale-benchmarks/target/demo-sources.sha256
sources_hash() {
    find pom.xml ms5-timescale-*/pom.xml ms5-timescale-*/src -type f -print0 | sort -z | xargs -0 sha256sum \
        | sha256sum | cut -d' ' -f1
}
mkdir -p ms5-timescale-benchmarks/target
(
    # One build at a time; the others wait for it and then find the jar up to date.
    flock 9
    hash=$(sources_hash)
    if [ ! -f "$jar" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
        echo "demo: building (sources changed)" >&2
        mvn -q -B -ntp -Dstyle.color=never -DskipTests -Dmaven.test.skip=true package -pl ms5-timescale-benchmarks -am >&2
        echo "$hash" > "$stamp"
    fi
) 9>ms5-timescale-benchmarks/target/.demo-build.lock

exec java -cp "$jar" dev.ms5.timescale.benchmarks.Demo "$@"
