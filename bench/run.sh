#!/bin/sh
# bench/run.sh: builds the benchmarks in a release build and runs each of
# them RUNS times; prints every run and then the medians, spreads and the
# machine's load (see bench/README.md).
#
#   bench/run.sh                  # 3 runs of everything, 1M leads
#   RUNS=5 bench/run.sh
#   LEADS=100000 bench/run.sh     # a quicker look (targets are for 1M)
#   ONLY="engine whatif" bench/run.sh
#
# Environment: BUILD_DIR (default _build-bench), BIN_DIR (run the programs
# found there, as they are, instead of building: to measure the same
# binaries again), RUNS (3), LEADS (1000000),
# WHATIF_LEADS (100000), DAYS (30), SEED (7), QUERY_REPEAT (9),
# ONLY (any of: store engine raw queries whatif; default all),
# WORK_DIR (default a new directory under /tmp, removed at the end).
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${BUILD_DIR:-$src/_build-bench}
runs=${RUNS:-3}
leads=${LEADS:-1000000}
whatif_leads=${WHATIF_LEADS:-100000}
days=${DAYS:-30}
seed=${SEED:-7}
query_repeat=${QUERY_REPEAT:-9}
only=${ONLY:-store engine raw queries whatif}

wants () {
  case " $only " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

# ---- build ------------------------------------------------------------------------

if [ -n "${BIN_DIR:-}" ]; then
  bin=$BIN_DIR
  buildtype=prebuilt
else
  if [ ! -d "$build" ]; then
    meson setup "$build" -Dgui=false --buildtype=release
  fi
  buildtype=$(meson introspect --buildoptions "$build" |
              python3 -c 'import json, sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "buildtype"))')
  if [ "$buildtype" != release ]; then
    echo "run.sh: $build is a $buildtype build; the recorded figures are for a release build" >&2
    echo "        (meson setup $build -Dgui=false --buildtype=release)" >&2
  fi
  targets="bench/bench-simulate bench/bench-sqlite-raw bench/bench-queries"
  # shellcheck disable=SC2086
  if ! meson compile -C "$build" $targets >/dev/null; then
    # A build directory configured before bench/ had targets: reconfigure.
    meson setup --reconfigure "$build" >/dev/null
    meson compile -C "$build" $targets >/dev/null
  fi
  bin=$build/bench
fi

# ---- helpers ---------------------------------------------------------------------

if [ -n "${WORK_DIR:-}" ]; then
  work=$WORK_DIR
  mkdir -p "$work"
else
  work=$(mktemp -d /tmp/lw-bench-XXXXXX)
  trap 'rm -rf "$work"' EXIT INT TERM
fi

load () {
  cut -d' ' -f1-3 /proc/loadavg
}

# run NAME COMMAND...: runs a benchmark, shows its output, and appends its
# RESULT lines (with the load average before the run) to $work/NAME.txt.
run () {
  name=$1
  shift
  before=$(load)
  echo "--- $name (load average before: $before)"
  "$@" > "$work/out.txt"
  cat "$work/out.txt"
  sed -n "s/^RESULT /RESULT load1=${before%% *} /p" "$work/out.txt" >> "$work/$name.txt"
}

# stats FILE FIELD [FILTER]: "median min max" of FIELD over the RESULT lines
# of FILE (that contain FILTER).
stats () {
  grep -e "${3:-RESULT}" "$1" | sed -n "s/.* $2=\([^ ]*\).*/\1/p" | sort -g |
    awk '{ v[NR] = $1 }
         END { if (NR == 0) { print "- - -"; exit }
               m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
               print m, v[1], v[NR] }'
}

# fmt SCALE DIGITS "median min max": "m (min-max)" scaled.
fmt () {
  echo "$3" | awk -v s="$1" -v d="$2" '$1 == "-" { print "-"; exit }
    { printf "%.*f (%.*f-%.*f)", d, $1 * s, d, $2 * s, d, $3 * s }'
}

first () {
  echo "$1" | cut -d' ' -f1
}

# ---- the benchmarks --------------------------------------------------------------

echo "Leadwright benchmarks: $(date -u '+%Y-%m-%d %H:%M UTC'), $buildtype build, programs in $bin"
echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), \
$(awk '/MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
echo "sample playbook, default scenario, $days days, seed $seed; $runs runs each"
if [ -z "${BIN_DIR:-}" ] && git -C "$src" rev-parse --short HEAD >/dev/null 2>&1; then
  echo "source: commit $(git -C "$src" rev-parse --short HEAD)," \
       "$(git -C "$src" status --porcelain -- app/engine | wc -l) engine files changed since"
fi
echo

workspace=$work/workspace.leadwright
trace=$work/trace.txt

i=0
while [ "$i" -lt "$runs" ]; do
  i=$((i + 1))
  if wants store; then
    rm -f "$workspace" "$workspace-wal" "$workspace-shm"
    run store "$bin/bench-simulate" store --leads "$leads" --days "$days" --seed "$seed" \
      --db "$workspace" --trace "$trace"
  fi
  if wants engine; then
    run engine "$bin/bench-simulate" engine --leads "$leads" --days "$days" --seed "$seed"
  fi
done

if { wants raw || wants queries; } && [ ! -f "$workspace" ]; then
  echo "--- making the $leads-lead workspace for the raw and query benchmarks"
  "$bin/bench-simulate" store --leads "$leads" --days "$days" --seed "$seed" \
    --db "$workspace" --trace "$trace" > /dev/null
fi

i=0
while [ "$i" -lt "$runs" ]; do
  i=$((i + 1))
  if wants raw; then
    run raw "$bin/bench-sqlite-raw" --source "$workspace" --trace "$trace"
  fi
  if wants queries; then
    run queries "$bin/bench-queries" --db "$workspace" --repeat "$query_repeat"
  fi
  if wants whatif; then
    run whatif "$bin/bench-simulate" whatif --leads "$whatif_leads" --days "$days" --seed "$seed" --repeat 5
  fi
done

# ---- summary -----------------------------------------------------------------------

echo
echo "=== summary: median (min-max) of $runs runs; load averages (1 min) seen: \
$(cat "$work"/*.txt 2>/dev/null | sed -n 's/.* load1=\([^ ]*\).*/\1/p' | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) print lo "-" hi }')"

if wants store; then
  f=$work/store.txt
  wall=$(stats "$f" wall_s)
  store_s=$(stats "$f" store_s)
  echo "(1) store, $leads leads: wall $(fmt 1 2 "$wall") s, $(fmt 1 0 "$(stats "$f" leads_per_s)") leads/s"
  persist_s=$(stats "$f" persist_s)
  store_cpu=$(stats "$f" store_cpu_s)
  echo "    CPU $(fmt 1 2 "$(stats "$f" cpu_s)") s (leads/s on CPU time:" \
       "$(awk -v l="$leads" -v c="$(first "$(stats "$f" cpu_s)")" 'BEGIN { printf "%.0f", l / c }'))"
  echo "    inside lw_store_append_*: $(fmt 1 2 "$store_s") s (CPU $(fmt 1 2 "$store_cpu") s);" \
       "lw_lead_encode: $(fmt 1 2 "$(stats "$f" encode_s)") s; persisting in all: $(fmt 1 2 "$persist_s") s"
  echo "    peak RSS $(fmt 0.0009765625 1 "$(stats "$f" maxrss_kb)") MiB (ru_maxrss)," \
       "$(fmt 0.0009765625 1 "$(stats "$f" vmhwm_kb)") MiB (VmHWM)"
fi
if wants engine; then
  f=$work/engine.txt
  echo "(2) engine, $leads leads: $(fmt 1 0 "$(stats "$f" leads_per_s)") leads/s;" \
       "wall $(fmt 1 2 "$(stats "$f" wall_s)") s, CPU $(fmt 1 2 "$(stats "$f" cpu_s)") s" \
       "(leads/s on CPU time: $(awk -v l="$leads" -v c="$(first "$(stats "$f" cpu_s)")" 'BEGIN { printf "%.0f", l / c }'));" \
       "peak RSS $(fmt 0.0009765625 1 "$(stats "$f" maxrss_kb)") MiB"
fi
if wants raw; then
  f=$work/raw.txt
  raw=$(stats "$f" raw_s)
  raw_cpu=$(stats "$f" cpu_s)
  echo "(3) raw SQLite, same rows and transactions: $(fmt 1 2 "$raw") s," \
       "$(fmt 1 0 "$(stats "$f" leads_per_s)") leads/s, CPU $(fmt 1 2 "$raw_cpu") s"
  if wants store; then
    ratio () {
      awk -v a="$(first "$1")" -v b="$(first "$2")" 'BEGIN { printf "%.2f", a / b }'
    }
    echo "    ratios of (1) to raw, from medians (raw time / (1)'s time, = (1)'s rate / raw rate):"
    echo "      inside the store (lw_store_append_*), wall: $(ratio "$raw" "$store_s")," \
         "CPU: $(ratio "$raw_cpu" "$store_cpu")"
    echo "      all persisting (+ lw_lead_encode), wall: $(ratio "$raw" "$persist_s")"
    echo "      end to end ((1)'s whole wall time): $(awk -v r="$(first "$raw")" -v w="$(first "$wall")" 'BEGIN { printf "%.3f", r / w }')"
  fi
fi
if wants queries; then
  f=$work/queries.txt
  for q in funnel sla routing sources open_timers open_timers_top50; do
    echo "(4) $q: median $(fmt 1 1 "$(stats "$f" median_ms "query=$q ")") ms" \
         "(CPU $(fmt 1 1 "$(stats "$f" cpu_median_ms "query=$q ")") ms)," \
         "first $(fmt 1 1 "$(stats "$f" first_ms "query=$q ")") ms"
  done
fi
if wants whatif; then
  f=$work/whatif.txt
  echo "(5) what-if, $whatif_leads leads in memory: median $(fmt 1 0 "$(stats "$f" median_ms)") ms" \
       "(each run: median of 5; CPU $(fmt 1 0 "$(stats "$f" cpu_median_ms)") ms)," \
       "first $(fmt 1 0 "$(stats "$f" first_ms)") ms"
fi
