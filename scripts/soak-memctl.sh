#!/usr/bin/env bash
# Long co-verification soak of the memory controller: RTL (rtl/mem) against the SystemC reference
# model (sim/memctl_model), every organisation and back end, SEEDS random seeds of CYCLES cycles
# each (docs/memctl.md, "Co-verification").
#
#   scripts/soak-memctl.sh [SEEDS] [CYCLES] [FIRST_SEED]     default: 20 1000000 1000
#
# Environment: BUILD_DIR (default build/), JOBS (parallel runs, default 2).
# Prints one line per run and the failing runs' mismatches with the command that reproduces
# them; exit status 1 if any run failed.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
seeds=${1:-20}
cycles=${2:-1000000}
first=${3:-1000}
jobs=${JOBS:-2}
cosim=$build/bin/memctl_cosim
if [ ! -x "$cosim" ]; then
  cmake --build "$build" --target memctl_cosim -j "$jobs" >/dev/null
fi
[ -x "$cosim" ] || { echo "soak-memctl: $cosim not built" >&2; exit 2; }

logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT
runs=()
for ((s = first; s < first + seeds; s++)); do
  for org in a b; do
    for be in sram dram; do
      runs+=("$org $be $s")
    done
  done
done

run_one() {
  local org=$1 be=$2 seed=$3 log=$logdir/$1_$2_$3.log
  if "$cosim" --org "$org" --backend "$be" --seed "$seed" --cycles "$cycles" >"$log" 2>&1; then
    echo "PASS org $org $be seed $seed: $(grep -m1 '^timing' "$log" | cut -c9-90)"
  else
    echo "FAIL org $org $be seed $seed"
  fi
}
export -f run_one
export cosim cycles logdir

printf '%s\n' "${runs[@]}" | xargs -P "$jobs" -L 1 bash -c 'run_one $0 $1 $2' | tee "$logdir/summary"
failed=$(grep -c '^FAIL' "$logdir/summary" || true)
for f in $(grep '^FAIL' "$logdir/summary" | awk '{print $3"_"$4"_"$6}'); do
  echo "---- $f"
  grep -E 'MISMATCH|^FAIL' "$logdir/$f.log" | head -20
done
echo "soak: ${#runs[@]} runs of $cycles cycles, $failed failed"
[ "$failed" -eq 0 ]
