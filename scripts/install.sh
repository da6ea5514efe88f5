#!/usr/bin/env bash
# Installs what Pontes needs, from the project's own files, into a virtual
# environment of the project (.venv, or $VENV): the system Python is never
# changed, so this works where it refuses pip installs (PEP 668).
#   scripts/install.sh app     the app and the command line (what `make app` needs)
#   scripts/install.sh test    also the test tools: the test extras (pytest,
#                              ruff, mypy, selenium ...), Debian's chromium and
#                              chromedriver (never a downloaded browser) and the
#                              Neo4j Community jars from Maven Central
# Idempotent: what is done already is skipped quickly.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${VENV:-.venv}
WHAT=${1:-app}

sudo_if_needed() { if [[ $(id -u) -ne 0 ]]; then sudo "$@"; else "$@"; fi; }
apt_install() {
  echo "installing Debian's $* (apt-get)" >&2
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq "$@" >/dev/null
}

if [[ ! -x "$VENV/bin/python" ]]; then
  if ! "$PY" -m venv "$VENV" 2>/dev/null; then
    # Debian and Ubuntu ship venv's pip bootstrap in a package of its own
    rm -rf "$VENV"
    apt_install python3-venv
    "$PY" -m venv "$VENV"
  fi
fi
PIP=("$VENV/bin/python" -m pip install --quiet --disable-pip-version-check)
if [[ "$WHAT" == "test" ]]; then
  "${PIP[@]}" -e ".[test]"
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    apt_install chromium chromium-driver
  fi
  if [[ -z "${NEO4J_URI:-}" ]]; then
    command -v java >/dev/null || { echo "Java 17 is needed for the local Neo4j server (or set NEO4J_URI)" >&2; exit 1; }
    command -v mvn >/dev/null || apt_install maven
    "$VENV/bin/pontes" server fetch
  fi
else
  "${PIP[@]}" -e .
fi
