#!/usr/bin/env bash
# Soak: random programs (bin/rvgen) in lockstep (socsim --cosim) over a range of seeds.
# docs/verification.md, "Random programs".
#
#   scripts/soak-random.sh FIRST_SEED COUNT [LENGTH]
#
# Seed s uses mix MIXES[s mod n] (default: every mix of `rvgen --list-mixes`) and LENGTH
# instructions (default 10000). Each failing seed is printed with its exit status, the first
# line of the report and the commands that reproduce it; its program is kept in
# $OUT_DIR/seed_<s>.{S,elf,log}. Exit status: 0 if every seed passed, 1 otherwise, 2 bad usage.
#
# Environment:
#   BUILD_DIR   the host build (default: build/ next to scripts/)
#   JOBS        parallel runs (default 2)
#   MIXES       space-separated mixes to cycle through
#   RVGEN_ARGS  extra rvgen options for every seed (e.g. "--clint")
#   SOCSIM_ARGS extra socsim options (e.g. "--mem-latency 3")
#   ISS_TOO=1   also run each program on the ISS alone (bin/rviss)
#   OUT_DIR     where failing programs are kept (default: a new directory under /tmp)
#   RVGEN_CC    the cross compiler rvgen calls (default riscv64-unknown-elf-gcc)
set -u

here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_DIR:-$here/../build}
build=$(cd "$build" 2>/dev/null && pwd) || { echo "soak-random: no build directory $build" >&2; exit 2; }
rvgen=$build/bin/rvgen
socsim=$build/bin/socsim
rviss=$build/bin/rviss

# internal: one seed (called through xargs); prints one line "PASS s" or "FAIL s ..."
if [ "${1:-}" = "--one" ]; then
  work=$2 length=$3 out=$4 s=$5 mix=$6
  bin=${SOAK_BIN:-$build/bin}
  rvgen_run=$bin/rvgen socsim_run=$bin/socsim rviss_run=$bin/rviss
  base=$work/seed_$s
  gen="$rvgen --seed $s --mix $mix --length $length ${RVGEN_ARGS:-}"
  if ! "$rvgen_run" --seed "$s" --mix "$mix" --length "$length" ${RVGEN_ARGS:-} -o "$base.S" --elf "$base.elf" >"$base.log" 2>&1; then
    mkdir -p "$out" && cp "$base".* "$out"/
    echo "FAIL $s mix=$mix: rvgen failed: $(head -1 "$base.log")"
    echo "     reproduce: $gen --elf /tmp/seed_$s.elf"
    exit 0
  fi
  timeout 600 "$socsim_run" --cosim --max-cycles 100000000 ${SOCSIM_ARGS:-} "$base.elf" >"$base.log" 2>&1
  st=$?
  why=
  if [ $st -ne 0 ]; then
    why="socsim --cosim exit $st: $(grep -m1 -E '^(cosim:|socsim:)' "$base.log")"
  elif [ "${ISS_TOO:-0}" = 1 ]; then
    "$rviss_run" --max-insns 100000000 "$base.elf" >"$base.iss.log" 2>&1
    st=$?
    [ $st -ne 0 ] && why="rviss exit $st: $(head -1 "$base.iss.log")"
  fi
  if [ -n "$why" ]; then
    mkdir -p "$out" && cp "$base".* "$out"/
    echo "FAIL $s mix=$mix: $why"
    echo "     reproduce: $gen --elf /tmp/seed_$s.elf && $socsim --cosim ${SOCSIM_ARGS:-} /tmp/seed_$s.elf"
    echo "     kept:      $out/seed_$s.{S,elf,log}"
  else
    echo "PASS $s"
  fi
  rm -f "$base".*
  exit 0
fi

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: $0 FIRST_SEED COUNT [LENGTH]" >&2
  exit 2
fi
first=$1 count=$2 length=${3:-10000}
case "$first$count$length" in *[!0-9]*) echo "soak-random: numbers expected" >&2; exit 2;; esac
for t in "$rvgen" "$socsim"; do
  [ -x "$t" ] || { echo "soak-random: $t not built (cmake --build $build)" >&2; exit 2; }
done
read -r -a mixes <<<"${MIXES:-$("$rvgen" --list-mixes | awk '{print $1}' | tr '\n' ' ')}"
work=$(mktemp -d /tmp/soak-random.XXXXXX)
out=${OUT_DIR:-$work/failures}
trap 'rm -rf "$work"/seed_* "$work"/results "$work"/bin; rmdir "$work" 2>/dev/null' EXIT
# private copies: a rebuild of the tree during a long soak must not break running seeds
mkdir -p "$work/bin"
cp "$rvgen" "$socsim" "$work/bin/"
[ -x "$rviss" ] && cp "$rviss" "$work/bin/"
export SOAK_BIN=$work/bin

start=$(date +%s)
results=$work/results
for ((i = 0; i < count; i++)); do
  s=$((first + i))
  printf '%s %s\n' "$s" "${mixes[$((s % ${#mixes[@]}))]}"
done | xargs -P "${JOBS:-2}" -L 1 "$0" --one "$work" "$length" "$out" | tee "$results" | grep -v '^PASS'

passed=$(grep -c '^PASS' "$results")
failed=$(grep -c '^FAIL' "$results")
echo "soak-random: seeds $first..$((first + count - 1)), length $length: $passed passed, $failed failed" \
     "($(($(date +%s) - start)) s)"
[ "$failed" -eq 0 ] || echo "soak-random: failing programs kept in $out"
[ "$failed" -eq 0 ] && [ "$passed" -eq "$count" ]
