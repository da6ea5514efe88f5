#!/usr/bin/env bash
# Installs what Pontes needs on a fresh machine, from the project's own files.
#   scripts/install.sh          the app and library (Python packages)
#   scripts/install.sh test     also the test tools: test extras, Debian's
#                               chromium + chromedriver, and the Neo4j jars
# Idempotent: steps that are already done are skipped quickly.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

"$PY" -m pip install --quiet --disable-pip-version-check -e ".[test]"

if [[ "${1:-}" == "test" ]]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "installing Debian's chromium and chromedriver (browser test)" >&2
    SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  command -v java >/dev/null || { echo "Java 17 is needed for the local Neo4j server (or set NEO4J_URI)" >&2; exit 1; }
  if [[ -z "${NEO4J_URI:-}" ]]; then
    "$PY" -m graph.neo4j_server fetch
  fi
fi
