#!/usr/bin/env bash
# Installs TimescaleDB (Apache-2 edition) into the local PostgreSQL on Debian or Ubuntu.
#
# When the installed PostgreSQL already has TimescaleDB, it prints which version and edition and changes
# nothing. Otherwise it installs the PostgreSQL server and its development headers from the distribution,
# builds the distribution's own `timescaledb` source package against that PostgreSQL major version and
# installs it. Everything comes from the distribution's archive through apt.
#
# Settings (environment):
#   PG_MAJOR               PostgreSQL major version to use (default: the newest installed, else the
#                          distribution's default)
#   TIMESCALEDB_SUITE      archive suite whose source package is built (default: this release's suite when
#                          it has one, else Debian's "trixie")
#   TIMESCALEDB_MIRROR     archive URL (default: the deb.debian.org or archive.ubuntu.com mirror)
#
# A failed step is named, and what the script installed up to then is removed again.
set -euo pipefail

readonly PROG=install-timescaledb
step_name="start"
work_dir=""
packages_before=""
installed_files=()

say() { printf '%s: %s\n' "$PROG" "$*"; }

step() {
    step_name=$1
    say "step: $1"
}

on_exit() {
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        say "FAILED at step '$step_name' (exit code $rc); undoing what this run changed"
        undo
        say "the system is as it was before; fix the cause above and run again: sudo $0"
    fi
    [ -n "$work_dir" ] && rm -rf "$work_dir"
    exit "$rc"
}

undo() {
    local f
    for f in "${installed_files[@]}"; do
        rm -f "$f"
    done
    if [ -n "$packages_before" ]; then
        local added
        added=$(comm -13 <(printf '%s\n' "$packages_before") <(installed_packages) | tr '\n' ' ')
        if [ -n "${added// /}" ]; then
            say "removing the packages this run installed: $added"
            # shellcheck disable=SC2086
            apt-get purge -y -qq $added >/dev/null || say "could not remove: $added (remove them by hand)"
        fi
    fi
}

installed_packages() {
    dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' | awk '$1 == "ii" { print $2 }' | sort
}

require_root() {
    if [ "$(id -u)" -ne 0 ]; then
        say "needs root, since it installs packages and files into PostgreSQL's directories."
        say "run it as: sudo $0"
        exit 1
    fi
    command -v apt-get >/dev/null || { say "needs apt-get (Debian or Ubuntu); install TimescaleDB by hand elsewhere"; exit 1; }
}

newest_pg_major() {
    local d best=""
    for d in /usr/lib/postgresql/*/bin/postgres; do
        [ -x "$d" ] || continue
        d=${d#/usr/lib/postgresql/}
        d=${d%%/*}
        if [ -z "$best" ] || [ "$d" -gt "$best" ]; then best=$d; fi
    done
    printf '%s' "$best"
}

# Prints "version edition" of the TimescaleDB installed for $1 (a PostgreSQL major), or nothing.
installed_timescaledb() {
    local ext_dir=/usr/share/postgresql/$1/extension lib_dir=/usr/lib/postgresql/$1/lib version
    [ -f "$ext_dir/timescaledb.control" ] && [ -f "$lib_dir/timescaledb.so" ] || return 0
    version=$(sed -n "s/^default_version *= *'\(.*\)'.*/\1/p" "$ext_dir/timescaledb.control")
    if [ -f "$lib_dir/timescaledb-tsl-$version.so" ]; then
        printf '%s %s' "$version" "timescale"
    else
        printf '%s %s' "$version" "apache"
    fi
}

default_suite() {
    # shellcheck disable=SC1091
    . /etc/os-release
    case "${ID:-}" in
        ubuntu) printf '%s' "${VERSION_CODENAME}" ;;
        *) printf 'trixie' ;;
    esac
}

default_mirror() {
    # shellcheck disable=SC1091
    . /etc/os-release
    case "${ID:-}" in
        ubuntu) printf 'http://archive.ubuntu.com/ubuntu' ;;
        *) printf 'http://deb.debian.org/debian' ;;
    esac
}

default_keyring() {
    local k
    for k in /usr/share/keyrings/debian-archive-keyring.gpg /usr/share/keyrings/ubuntu-archive-keyring.gpg; do
        [ -f "$k" ] && { printf '%s' "$k"; return; }
    done
}

# apt with a private source list that has only the deb-src line of the chosen suite: the system's own
# apt configuration is never edited.
apt_src() {
    apt-get -o APT::Sandbox::User=root -o Dir::Etc::sourcelist="$work_dir/apt/sources.list" -o Dir::Etc::sourceparts=- \
        -o Dir::State::Lists="$work_dir/apt/lists" -o Dir::Cache="$work_dir/apt/cache" "$@"
}

main() {
    step "find PostgreSQL"
    local major=${PG_MAJOR:-$(newest_pg_major)} found
    if [ -n "$major" ]; then
        found=$(installed_timescaledb "$major")
        if [ -n "$found" ]; then
            say "TimescaleDB ${found% *} (${found#* } edition) is already installed for PostgreSQL $major; nothing changed."
            exit 0
        fi
    fi

    # Nothing is changed before this point, so a user without root learns only now that it is needed.
    require_root
    trap on_exit EXIT
    packages_before=$(installed_packages)
    step "install PostgreSQL ${major:-(distribution default)} and build tools with apt"
    apt-get update -qq
    local server_pkg=postgresql
    [ -n "$major" ] && server_pkg=postgresql-$major
    apt-get install -y -qq --no-install-recommends "$server_pkg" cmake make gcc dpkg-dev xz-utils \
        libssl-dev libkrb5-dev ca-certificates >/dev/null
    major=${major:-$(newest_pg_major)}
    [ -n "$major" ] || { say "no PostgreSQL server found after installing $server_pkg"; exit 1; }
    apt-get install -y -qq --no-install-recommends "postgresql-server-dev-$major" >/dev/null

    step "download the timescaledb source package"
    work_dir=$(mktemp -d /tmp/install-timescaledb.XXXXXX)
    local suite=${TIMESCALEDB_SUITE:-$(default_suite)} mirror=${TIMESCALEDB_MIRROR:-$(default_mirror)}
    local keyring components=main
    keyring=$(default_keyring)
    [[ $mirror == *ubuntu* ]] && components="main universe"
    mkdir -p "$work_dir/apt/lists/partial" "$work_dir/apt/cache/archives/partial" "$work_dir/src"
    printf 'deb-src [signed-by=%s] %s %s %s\n' "$keyring" "$mirror" "$suite" "$components" \
        > "$work_dir/apt/sources.list"
    apt_src update -qq
    (cd "$work_dir/src" && apt_src source -qq timescaledb) >/dev/null 2>"$work_dir/source.log" \
        || { cat "$work_dir/source.log" >&2; say "no timescaledb source package in $mirror $suite; set TIMESCALEDB_SUITE"; exit 1; }
    local src
    src=$(find "$work_dir/src" -mindepth 1 -maxdepth 1 -type d -name 'timescaledb-*' | head -n 1)
    say "building $(basename "$src") (Apache-2 edition) for PostgreSQL $major"

    step "configure (cmake)"
    cmake -S "$src" -B "$work_dir/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DPG_CONFIG="/usr/lib/postgresql/$major/bin/pg_config" -DAPACHE_ONLY=ON \
        -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF -DSEND_TELEMETRY_DEFAULT=OFF -DUSE_TELEMETRY=OFF \
        -DWARNINGS_AS_ERRORS=OFF >"$work_dir/configure.log" 2>&1 \
        || { tail -n 30 "$work_dir/configure.log" >&2; exit 1; }

    step "compile"
    make -C "$work_dir/build" -j "$(nproc)" >"$work_dir/build.log" 2>&1 \
        || { tail -n 30 "$work_dir/build.log" >&2; exit 1; }
    make -C "$work_dir/build" install DESTDIR="$work_dir/stage" >"$work_dir/stage.log" 2>&1 \
        || { tail -n 30 "$work_dir/stage.log" >&2; exit 1; }

    step "install the extension files"
    install_staged "$work_dir/stage"

    found=$(installed_timescaledb "$major")
    [ -n "$found" ] || { say "the installed files do not form a usable extension"; exit 1; }
    say "installed TimescaleDB ${found% *} (${found#* } edition) for PostgreSQL $major."
    say "servers load it with: shared_preload_libraries = 'timescaledb'"
}

# Copies the staged files into place, the control file last: until it is there, PostgreSQL sees no
# timescaledb extension, so a failure in between leaves no half-installed extension visible.
install_staged() {
    local stage=$1 f target control=""
    while IFS= read -r f; do
        target=/${f#"$stage"/}
        if [[ $target == *.control ]]; then control=$f; continue; fi
        [ -e "$target" ] && continue
        installed_files+=("$target")
        install -D -m 0644 "$f" "$target"
    done < <(find "$stage" -type f | sort)
    [ -n "$control" ] || { say "the build staged no timescaledb.control"; exit 1; }
    target=/${control#"$stage"/}
    installed_files+=("$target")
    install -D -m 0644 "$control" "$target"
}

main "$@"
