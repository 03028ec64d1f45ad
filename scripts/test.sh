#!/usr/bin/env bash
# The project's test command: makes sure TimescaleDB is installed for the local PostgreSQL (building the
# distribution's Apache-2 edition when none is), then runs every unit and database test with Maven.
#
# Extra arguments go to Maven, e.g.  scripts/test.sh -pl ms5-timescale-testkit
# MS5_TIMESCALE_URL=jdbc:postgresql://host:5432/postgres?user=... runs the database tests on that server.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else "$@"; fi
}

if ! command -v mvn >/dev/null; then
    echo "test: Maven is missing; installing it with apt" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
fi
as_root scripts/install-timescaledb.sh
exec mvn -B -ntp verify "$@"
