#!/bin/sh
# VP speed table (docs/simulator.md, "Virtual platform", Speed): instructions/s of socsim --model vp
# on each benchmark (tracing off, whole program), next to the ISS alone (rviss), best of N runs.
#   tests/vp/bench_vp.sh [BUILD_DIR] [N]
build=${1:-build}
n=${2:-5}
rate() {  # command... -> best "instructions/s" of n runs (integer)
  best=0
  i=0
  while [ $i -lt "$n" ]; do
    r=$("$@" 2>&1 >/dev/null | awk '/instructions\/s/ {printf "%d", $2}')
    [ "${r:-0}" -gt "$best" ] && best=$r
    i=$((i + 1))
  done
  echo "$best"
}
echo "| benchmark | instructions | VP instructions/s | ISS alone (rviss) instructions/s |"
echo "|---|---:|---:|---:|"
for elf in "$build"/images/bench/*.elf; do
  name=$(basename "$elf" .elf)
  insns=$("$build/bin/socsim" --model vp --stats "$elf" 2>&1 >/dev/null | awk '/instructions retired/ {print $3}')
  vp=$(rate "$build/bin/socsim" --model vp --stats "$elf")
  iss=$(rate "$build/bin/rviss" --stats "$elf")
  printf '| %s | %s | %d M | %d M |\n' "$name" "$insns" $((vp / 1000000)) $((iss / 1000000))
done
