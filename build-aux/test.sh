#!/usr/bin/env bash
# Builds Leadwright and runs every test: the whole suite under Xvfb and a
# private D-Bus session, then the engine tests again under AddressSanitizer
# and UndefinedBehaviorSanitizer. Installs missing Debian packages first.
# Ends with one line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

build-aux/deps.sh test || exit 1

werror=false
[ "${CI:-}" = true ] && werror=true

passed=0
failed=0
skipped=0

# Adds the counts of a `meson test` log to the totals.
count() {
  local log=$1 ok xfail fail xpass timeout skip
  ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  xfail=$(sed -n 's/^Expected Fail: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  xpass=$(sed -n 's/^Unexpected Pass: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  timeout=$(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  skip=$(sed -n 's/^Skipped: *\([0-9]*\).*/\1/p' "$log" | tail -1)
  passed=$((passed + ${ok:-0} + ${xfail:-0}))
  failed=$((failed + ${fail:-0} + ${xpass:-0} + ${timeout:-0}))
  skipped=$((skipped + ${skip:-0}))
}

# A step that fails before tests run still counts as a failure.
step() {
  if ! "$@"; then
    echo "FAILED: $*" >&2
    failed=$((failed + 1))
    return 1
  fi
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT

if [ ! -d _build-test ]; then
  step meson setup _build-test -Dwerror=$werror
else
  step meson configure _build-test -Dwerror=$werror
fi
if step meson compile -C _build-test; then
  xvfb-run -a -s '-screen 0 1280x1024x24' dbus-run-session -- \
    meson test -C _build-test --print-errorlogs 2>&1 | tee "$log"
  count "$log"
fi

if [ ! -d _build-asan ]; then
  step meson setup _build-asan -Dgui=false -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=$werror
fi
# The sanitizers make the engine several times slower: the large CSV
# imports take minutes.
if step meson compile -C _build-asan; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp \
    meson test -C _build-asan --suite engine --timeout-multiplier 3 --print-errorlogs 2>&1 | tee "$log"
  count "$log"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
