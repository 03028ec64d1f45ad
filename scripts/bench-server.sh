# Sourced by scripts/bench.sh: the benchmarks' own local PostgreSQL + TimescaleDB server, one for all JMH forks.
# Its data directory stays (MS5_BENCH_PGDATA, default /var/tmp/ms5-timescale-bench-<uid>/pg<major>) so that the
# loaded reference data is reused by the next run; the server itself runs only while bench.sh does. Settings as
# the testkit's throwaway servers: durability off (fsync, synchronous_commit, full_page_writes), everything else
# PostgreSQL's defaults; the report records them. One run at a time uses the directory (flock).

bench_as_server_user() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bench_pg_bin() {
    if [ -n "${MS5_TIMESCALE_PG_BIN:-}" ]; then echo "$MS5_TIMESCALE_PG_BIN"; return; fi
    local bin
    for bin in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [ -f "$(dirname "$bin")/lib/timescaledb.so" ]; then echo "$bin"; return; fi
    done
    echo "bench: no PostgreSQL with TimescaleDB under /usr/lib/postgresql; run sudo scripts/install-timescaledb.sh" \
        "or set MS5_TIMESCALE_PG_BIN or MS5_TIMESCALE_URL" >&2
    return 1
}

bench_free_port() {
    local port=${1:-25432}
    while (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    echo "$port"
}

bench_server_start() {
    local bin major base data
    bin=$(bench_pg_bin)
    major=$(basename "$(dirname "$bin")")
    base=${MS5_BENCH_PGDATA:-/var/tmp/ms5-timescale-bench-$(id -u)}/pg$major
    data=$base/data
    mkdir -p "$base"
    chmod 755 "$base"
    exec 8>"$base/lock"
    if ! flock -n 8; then
        echo "bench: another benchmark run uses $base; waiting for it" >&2
        flock 8
    fi
    if [ ! -f "$data/PG_VERSION" ]; then
        echo "bench: creating the benchmark server's data directory $data" >&2
        rm -rf "$data" "$base/run"
        mkdir -p "$data" "$base/run"
        head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$base/password"
        chmod 600 "$base/password"
        cp "$base/password" "$base/run/pwfile"
        if [ "$(id -u)" -eq 0 ]; then chown -R postgres "$data" "$base/run"; fi
        bench_as_server_user "$bin/initdb" -D "$data" -U postgres --pwfile="$base/run/pwfile" \
            --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C --no-sync >"$base/initdb.log" 2>&1 \
            || { echo "bench: initdb failed:" >&2; tail -20 "$base/initdb.log" >&2; return 1; }
        rm -f "$base/run/pwfile"
        cat >>"$data/postgresql.conf" <<EOF

# ms5-timescale benchmarks (scripts/bench-server.sh): durability off as in the testkit; the rest is default.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$base/run'
shared_preload_libraries = 'timescaledb'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
max_worker_processes = 48
timescaledb.max_background_workers = 32
EOF
    fi
    BENCH_SERVER_BASE=$base
    BENCH_SERVER_BIN=$bin
    BENCH_SERVER_PORT=$(bench_free_port 25432)
    echo "bench: starting PostgreSQL $major ($bin) on 127.0.0.1:$BENCH_SERVER_PORT, data in $data" >&2
    bench_as_server_user "$bin/postgres" -D "$data" -p "$BENCH_SERVER_PORT" >>"$base/server.log" 2>&1 &
    BENCH_SERVER_PID=$!
    local i
    for i in $(seq 1 120); do
        if "$bin/pg_isready" -q -h 127.0.0.1 -p "$BENCH_SERVER_PORT"; then break; fi
        if ! kill -0 "$BENCH_SERVER_PID" 2>/dev/null; then
            echo "bench: the server did not start:" >&2; tail -20 "$base/server.log" >&2; return 1
        fi
        sleep 0.5
    done
    BENCH_SERVER_URL="jdbc:postgresql://127.0.0.1:$BENCH_SERVER_PORT/postgres?user=postgres&password=$(cat "$base/password")"
}

bench_server_stop() {
    if [ -n "${BENCH_SERVER_PID:-}" ]; then
        bench_as_server_user "$BENCH_SERVER_BIN/pg_ctl" -D "$BENCH_SERVER_BASE/data" -m fast -w -t 60 stop \
            >/dev/null 2>&1 || true
        wait "$BENCH_SERVER_PID" 2>/dev/null || true
        BENCH_SERVER_PID=
    fi
}
