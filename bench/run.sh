#!/bin/sh
# bench/run.sh -- time the real binary as whole processes on synthetic plans and ledgers.
#
#   bench/run.sh                 # every size, then Taskwarrior side by side; Markdown on stdout
#   SIZES="seed 1000:10000" bench/run.sh   # a subset; TW=0 skips Taskwarrior
#
# Installs hyperfine (and taskwarrior) with apt when missing, builds the release binary
# and the examples (gen, naive, hello), generates data into a temp dir (removed at the
# end; KEEP=1 keeps it), and prints median wall times (hyperfine) and peak memory
# (/usr/bin/time %M, one run). Ratios: to `hello` (a Rust process that only prints),
# to `naive` (parses the same plan and ledger with serde into a Vec and counts overdue,
# examples/naive.rs) and to `status` on the same data (for week, report and list --json
# from interleaved rounds, bench/ratio.py). Benchmarks never run in `cargo test`.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-"seed 1000:10000 10000:100000 10000:1000000"}
TW=${TW:-1}
TODAY=2014-06-20

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine || { [ "$TW" = 1 ] && ! need task; } || [ ! -x /usr/bin/time ]; then
    echo "installing hyperfine, taskwarrior and time with apt-get" >&2
    apt-get update -qq >&2 && apt-get install -y -qq hyperfine taskwarrior time >&2
fi

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
# NO_BUILD=1 times binaries already in $CARGO_TARGET_DIR/release (e.g. a saved baseline).
[ "${NO_BUILD:-0}" = 1 ] || cargo build --release --quiet --bin chunjiang --example gen --example naive --example hello >&2
BIN=$CARGO_TARGET_DIR/release/chunjiang
EX=$CARGO_TARGET_DIR/release/examples

WORK=$(mktemp -d)
[ "${KEEP:-0}" = 1 ] && echo "data kept in $WORK" >&2 || trap 'rm -rf "$WORK"' EXIT

# runs_for SIZE -- how many timed runs for a case: fewer for the slow ones (BIG_RUNS).
runs_for() {
    case $1 in
        seed) echo 50 ;;
        1000:*) echo 20 ;;
        *:100000) echo "${BIG_RUNS:-10}" ;;
        *) echo "${BIG_RUNS:-10}" ;;
    esac
}

# median_ms CMD... -- median wall time in ms over $RUNS runs (after warm-up), via hyperfine.
median_ms() {
    json=$WORK/h.json
    warm=2
    [ "$RUNS" -lt 5 ] && warm=0
    hyperfine -N --style none --warmup "$warm" --runs "$RUNS" --export-json "$json" "$@" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
}

# peak_mib CMD... -- peak resident memory of one run, in MiB.
peak_mib() {
    /usr/bin/time -f %M -o "$WORK/mem" "$@" >/dev/null 2>&1 || true
    awk '{printf "%.1f", $1/1024}' "$WORK/mem"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a/b; else print "-" }'; }

# One hello-world run, shared by every case.
RUNS=50
HELLO=$(median_ms "$EX/hello")
echo "machine: $(nproc) cores, $(uname -sr); $(date -u +%Y-%m-%dT%H:%MZ); hello-world $HELLO ms"
echo
echo "| plan (steps / items) | events | ledger | command | median ms | peak MiB | × hello | × naive | × status |"
echo "|---|---:|---:|---|---:|---:|---:|---:|---:|"

for size in $SIZES; do
    D=$WORK/$size
    if [ "$size" = seed ]; then
        "$EX/gen" --plan plan.toml --events 10 --out "$D" 2>/dev/null
        steps=8
    else
        steps=${size%%:*}
        "$EX/gen" --steps "$steps" --events "${size#*:}" --out "$D" 2>/dev/null
    fi
    RUNS=$(runs_for "$size")
    P=$D/plan.toml
    L=$D/plan.ledger.jsonl
    items=$("$BIN" --plan "$P" --today $TODAY --json list | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
    events=$(wc -l <"$L")
    mib=$(awk -v b="$(wc -c <"$L")" 'BEGIN { printf "%.1f MiB", b/1048576 }')
    # An item that is not done, so that `done` really appends.
    open_id=$("$BIN" --plan "$P" --today $TODAY --json list --state open | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')

    naive=$(median_ms "$EX/naive $P $L $TODAY")
    naive_mem=$(peak_mib "$EX/naive" "$P" "$L" $TODAY)
    echo "| $steps / $items | $events | $mib | naive reference | $naive | $naive_mem | $(ratio "$naive" "$HELLO") | 1.00 | |"

    # The × status column comes from interleaved rounds (bench/ratio.py): timing each
    # command's runs one after another lets a machine whose speed drifts skew the ratio.
    ratios=$(python3 "$ROOT/bench/ratio.py" "$RUNS" "status=$BIN --plan $P --today $TODAY status" \
        "week=$BIN --plan $P --today $TODAY week" "report=$BIN --plan $P --today $TODAY report" \
        "list --json=$BIN --plan $P --today $TODAY --json list")
    status=
    for cmd in status week report "--json list" done; do
        if [ "$cmd" = done ]; then
            cp "$L" "$WORK/copy.jsonl"
            ms=$(median_ms --prepare "cp $L $WORK/copy.jsonl" "$BIN --plan $P --ledger $WORK/copy.jsonl --today $TODAY done $open_id")
            cp "$L" "$WORK/copy.jsonl"
            mem=$(peak_mib "$BIN" --plan "$P" --ledger "$WORK/copy.jsonl" --today $TODAY done "$open_id")
            label="done $open_id (fresh copy)"
        else
            # shellcheck disable=SC2086 # $cmd is two words for `--json list`
            ms=$(median_ms "$BIN --plan $P --today $TODAY $cmd")
            # shellcheck disable=SC2086
            mem=$(peak_mib "$BIN" --plan "$P" --today $TODAY $cmd)
            label=$cmd
            [ "$cmd" = "--json list" ] && label="list --json"
        fi
        [ -z "$status" ] && status=$ms
        # Interleaved for the read-only commands; `done` (a fresh copy each run) from medians.
        times=$(echo "$ratios" | awk -F' \\| ' -v l="$label" '$1 == "| " l { print $5 }')
        [ -n "$times" ] || times=$(ratio "$ms" "$status")
        echo "| $steps / $items | $events | $mib | $label | $ms | $mem | $(ratio "$ms" "$HELLO") | $(ratio "$ms" "$naive") | $times |"
    done
done

[ "$TW" = 1 ] || exit 0

# Taskwarrior 2.6 at 10,000 items, around today's real date (it cannot fix its clock).
TWS=$ROOT/../shared/bench/tw_setup.sh
if [ ! -f "$TWS" ]; then
    echo
    echo "(Taskwarrior comparison skipped: $TWS not found)"
    exit 0
fi
REAL_TODAY=$(date +%Y-%m-%d)
sh "$TWS" 10000 "$WORK/tw" >/dev/null
# shellcheck disable=SC1091
. "$WORK/tw/env"
export TASKRC TASKDATA
D=$WORK/tw-cj
"$EX/gen" --steps 5000 --events 10000 --today "$REAL_TODAY" --out "$D" 2>/dev/null
P=$D/plan.toml
RUNS=${TW_RUNS:-10}
echo
echo "Taskwarrior $(task --version) with 10,000 tasks vs chunjiang with 5,000 steps (10,000 items, 10,000 events), today $REAL_TODAY"
echo
echo "| TZ | chunjiang | ms | Taskwarrior | ms | Taskwarrior / chunjiang |"
echo "|---|---|---:|---|---:|---:|"
for tz in default UTC; do
    # TZ is set for hyperfine itself, so both tools inherit it and no `env` process is timed.
    tz_ms() { if [ "$tz" = UTC ]; then (TZ=UTC; export TZ; median_ms "$@"); else median_ms "$@"; fi; }
    cs=$(tz_ms "$BIN --plan $P status")
    to=$(tz_ms "task overdue")
    echo "| $tz | status | $cs | task overdue | $to | $(ratio "$to" "$cs") |"
    cr=$(tz_ms "$BIN --plan $P report")
    tb=$(tz_ms "task burndown.weekly")
    echo "| $tz | report | $cr | task burndown.weekly | $tb | $(ratio "$tb" "$cr") |"
done
