#!/usr/bin/env bash
# Builds Leadwright and runs it, installing missing Debian packages first.
# Until the desktop application lands this runs the command-line tool on
# the sample playbook: it validates it, then scores and routes a sample lead.
set -euo pipefail
cd "$(dirname "$0")/.."

build-aux/deps.sh run
[ -d _build ] || meson setup _build >/dev/null
meson compile -C _build >/dev/null

cli=_build/app/cli/leadwright-cli
if [ $# -gt 0 ]; then
  exec "$cli" "$@"
fi

"$cli" validate data/samples/b2b-playbook.json
echo
"$cli" score data/samples/b2b-playbook.json data/samples/lead-demo-request.json --at 2026-03-10T15:00:00Z
echo
"$cli" route data/samples/b2b-playbook.json data/samples/lead-demo-request.json --at 2026-03-10T15:00:00Z
