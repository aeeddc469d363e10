#!/usr/bin/env bash
# syntect's two regex engines on one workload: cold `deckhand build`s (no .deckhand/ cache, no
# previous output) of the synthetic workshop, the two binaries interleaved in each repetition.
# Prints the median wall and CPU (user + system) seconds of each, and their ratio.
#
#   bench/engines.sh [chapters (200)] [repetitions (5)]
#
# Builds the default engine (Oniguruma) into target/release and fancy-regex into
# target/engine-fancy (a second release build: minutes). The workload comes from
# ../shared/workload/gen_workload.py (or $DECKHAND_WORKLOAD_GEN), generated once into
# target/bench-workloads/n<chapters>/.
set -euo pipefail
cd "$(dirname "$0")/.."
chapters=${1:-200}
repetitions=${2:-5}
gen=${DECKHAND_WORKLOAD_GEN:-../shared/workload/gen_workload.py}
workshop=target/bench-workloads/n$chapters/deckhand
[ -f "$workshop/workshop.toml" ] ||
  python3 "$gen" -n "$chapters" --out "target/bench-workloads/n$chapters" --formats deckhand

cargo build --release --quiet
cargo build --release --quiet --no-default-features --features regex-fancy --target-dir target/engine-fancy
declare -A binary=([onig]=target/release/deckhand [fancy]=target/engine-fancy/release/deckhand)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
TIMEFORMAT='%R %U %S'
for ((i = 0; i < repetitions; i++)); do
  for engine in onig fancy; do
    rm -rf "$workshop/.deckhand" "$out/site"
    # bash's `time` reports the child's wall, user and system seconds.
    { time "${binary[$engine]}" build "$workshop" --out "$out/site" >/dev/null 2>&1; } 2>>"$out/$engine"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "cold deckhand build, $chapters chapters, $repetitions repetitions; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| engine | wall median | CPU median |"
echo "|---|---:|---:|"
for engine in onig fancy; do
  wall=$(awk '{ print $1 }' "$out/$engine" | median)
  cpu=$(awk '{ print $2 + $3 }' "$out/$engine" | median)
  echo "| $engine | ${wall} s | ${cpu} s |"
  eval "cpu_$engine=$cpu"
done
echo
awk -v a="$cpu_fancy" -v b="$cpu_onig" 'BEGIN { printf "fancy-regex CPU ÷ Oniguruma CPU: %.2f×\n", a / b }'
