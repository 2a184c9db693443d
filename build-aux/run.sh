#!/usr/bin/env bash
# Builds Leadwright and starts it, installing missing Debian packages first.
#
#   build-aux/run.sh              the desktop application
#   build-aux/run.sh cli ARGS...  leadwright-cli (build-aux/run.sh cli --help)
#
# Without a display it runs the command-line tool on the sample playbook.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/deps.sh run
[ -d _build ] || meson setup _build >/dev/null
meson compile -C _build >/dev/null

cli=_build/app/cli/leadwright-cli
if [ "${1:-}" = cli ]; then
  shift
  exec "$cli" "$@"
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: showing the command-line tool on the sample playbook instead."
  echo
  "$cli" validate data/samples/b2b-playbook.json
  echo
  "$cli" route data/samples/b2b-playbook.json data/samples/lead-demo-request.json --at 2026-03-10T15:00:00Z
  exit 0
fi

# Run from the build tree: its compiled settings schema and the samples.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export LW_SAMPLES_DIR="$PWD/data/samples"
exec _build/app/gui/leadwright "$@"
