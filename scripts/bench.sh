#!/usr/bin/env bash
# Benchmark tables for the core and the simulator (prints Markdown; not a test).
#
#   scripts/bench.sh [BUILD_DIR] [MEM_LATENCIES]     e.g. scripts/bench.sh build "0 1 2"
#
# Table 1: CPI of the project's integer benchmarks (tests/bench), from the core's own mcycle and
#          minstret counters around each kernel (the BENCH line each program prints), for every
#          RAM wait-state setting asked for.
# Table 2: simulation speed of the whole SoC (socsim --stats: simulated cycles and retired
#          instructions per host second, tracing off), single-threaded.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
latencies=${2:-0}
socsim=$build/bin/socsim
benches=("$build"/images/bench/*.elf)
[ -x "$socsim" ] || { echo "bench: $socsim not built (cmake --build $build)" >&2; exit 2; }
[ -e "${benches[0]}" ] || { echo "bench: no images in $build/images/bench" >&2; exit 2; }

# run ELF LATENCY -> "name kcycles kinstret cycles instret seconds"
run() {
  local out err
  err=$(mktemp)
  out=$("$socsim" --stats --mem-latency "$2" --max-cycles 200000000 "$1" 2>"$err") || {
    echo "bench: $1 failed (mem latency $2):" >&2; cat "$err" >&2; rm -f "$err"; exit 1; }
  local bench_line
  bench_line=$(grep '^BENCH ' <<<"$out") || { echo "bench: no BENCH line from $1" >&2; exit 1; }
  awk -v line="$bench_line" '
    function field(s, k) { return match(s, k "=[A-Za-z0-9_]+") ? substr(s, RSTART + length(k) + 1, RLENGTH - length(k) - 1) : "?" }
    /^  cycles  /               { cyc = $2 }
    /instructions retired/      { ins = $3 }
    /host seconds/              { sec = $3 }
    END { printf "%s %s %s %s %s %s\n", field(line, "name"), field(line, "cycles"),
                 field(line, "instret"), cyc, ins, sec }' "$err"
  rm -f "$err"
}

echo "### CPI of the integer benchmarks (kernel only, hardware counters)"
echo
header="| benchmark |"; rule="|---|"
for l in $latencies; do header+=" CPI, +${l} wait |"; rule+="---:|"; done
echo "$header kernel instructions |"; echo "$rule---:|"
declare -A speed_cycles speed_instret speed_seconds
for elf in "${benches[@]}"; do
  row="| $(basename "$elf" .elf) |"; kinstret=""
  for l in $latencies; do
    read -r name kcyc kins cyc ins sec < <(run "$elf" "$l")
    row+=" $(awk -v c="$kcyc" -v i="$kins" 'BEGIN { printf "%.3f", c / i }') |"
    kinstret=$kins
    if [ "$l" = "$(set -- $latencies; echo "$1")" ]; then
      speed_cycles[$name]=$cyc; speed_instret[$name]=$ins; speed_seconds[$name]=$sec
    fi
  done
  echo "$row $kinstret |"
done

echo
echo "### Simulation speed (Verilator, whole SoC, tracing off, 1 thread)"
echo
echo "| program | simulated cycles | host seconds | cycles/s | instructions/s |"
echo "|---|---:|---:|---:|---:|"
for name in $(printf '%s\n' "${!speed_cycles[@]}" | sort); do
  awk -v n="$name" -v c="${speed_cycles[$name]}" -v i="${speed_instret[$name]}" -v s="${speed_seconds[$name]}" \
    'BEGIN { printf "| %s | %d | %.3f | %.2f M | %.2f M |\n", n, c, s, c / s / 1e6, i / s / 1e6 }'
done
