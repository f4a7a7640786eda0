#!/usr/bin/env bash
# Memory controller latency benchmarks (tests/memctl/bench_memctl.c) for every organisation x back
# end; prints Markdown tables (docs/memctl.md, "Measured"). Not a test (the tests are
# memctl.bench.* in CTest).
#
#   scripts/bench-memctl.sh [BUILD_DIR]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
socsim=$build/bin/socsim
elf=$build/images/memctl/bench_memctl.elf
[ -x "$socsim" ] || { echo "bench-memctl: $socsim not built (cmake --build $build)" >&2; exit 2; }
[ -e "$elf" ] || { echo "bench-memctl: $elf not built" >&2; exit 2; }

declare -A r   # r[org,backend,key] = value
configs=()
for org in table tlb; do
  for backend in sram dram; do
    configs+=("$org $backend")
    out=$("$socsim" --max-cycles 50000000 --memctl "$org" --backend "$backend" "$elf") || {
      echo "bench-memctl: bench_memctl failed on $org/$backend:" >&2; echo "$out" >&2; exit 1; }
    while read -r key value; do
      r[$org,$backend,$key]=$value
    done < <(sed -n 's/^MCB \([a-z0-9_]*\)=\(.*\)$/\1 \2/p' <<<"$out")
  done
done
v() { echo "${r[$1,$2,$3]:-—}"; }

echo "### Translation hit (cycles per load; loop of 8 loads + 2 instructions per iteration)"
echo
echo "| organisation | back end | M-mode (untranslated) | guest data (MPRV=1, MPP=S) | S-mode (fetch + data translated) | added by a hit |"
echo "|---|---|---:|---:|---:|---:|"
for c in "${configs[@]}"; do
  set -- $c
  echo "| $1 | $2 | $(v $1 $2 load_m) | $(v $1 $2 load_mprv) | $(v $1 $2 load_s) | $(v $1 $2 hit_added) |"
done
echo
echo "### TLB miss (organisation b; 16 pages, one load each, cold minus warm pass)"
echo
echo "| back end | cycles a miss adds to a load | WALK_CYCLES per miss | load, TLB hit (cycles, loop) | load, M-mode (cycles, loop) |"
echo "|---|---:|---:|---:|---:|"
for b in sram dram; do
  echo "| $b | $(v tlb $b miss_added) | $(v tlb $b walk_cycles) | $(v tlb $b touch_warm) | $(v tlb $b touch_m) |"
done
echo
echo "### Invalidation to completion (INVAL_PAGE ... + FENCE)"
echo
echo "| organisation | back end | 1 page: LAST_FENCE_CYCLES | 1 page: software (mcycle) | 256 pages: LAST_FENCE_CYCLES | 256 pages: per page | 256 pages: software |"
echo "|---|---|---:|---:|---:|---:|---:|"
for c in "${configs[@]}"; do
  set -- $c
  b256=$(v $1 $2 inval256_hw)
  per=$(awk -v x="$b256" 'BEGIN { if (x + 0 > 0) printf "%.2f", x / 256; else print "—" }')
  echo "| $1 | $2 | $(v $1 $2 inval1_hw) | $(v $1 $2 inval1_sw) | $b256 | $per | $(v $1 $2 inval256_sw) |"
done
echo
echo "### Scrubbing (SCRUB_CYCLES per 4 KiB page)"
echo
echo "| organisation | back end | 1 page, core in WFI | 16 pages, core in WFI | 1 page, core polling STATUS |"
echo "|---|---|---:|---:|---:|"
for c in "${configs[@]}"; do
  set -- $c
  echo "| $1 | $2 | $(v $1 $2 scrub1_idle) | $(v $1 $2 scrub16_idle) | $(v $1 $2 scrub1_busy) |"
done
echo
echo "### DRAM model activity over the whole benchmark run"
echo
echo "| organisation | row hits | row misses | row conflicts | refreshes |"
echo "|---|---:|---:|---:|---:|"
for o in table tlb; do
  echo "| $o | $(v $o dram row_hits) | $(v $o dram row_misses) | $(v $o dram row_conflicts) | $(v $o dram refreshes) |"
done
