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
    .venv/bin/uv sync --locked
    command -v npm >/dev/null 2>&1 ||
        die "npm is needed for the gazetteer's data packages. On Debian 12: apt-get install npm"
    say "Installing the locked data packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
}
