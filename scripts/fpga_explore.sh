#!/bin/sh
# Area exploration of the iCEBreaker board configuration (docs/fpga.md, "Resources"): synthesizes
# and packs (no place and route) the board top with parameter overrides and prints one line per
# variant: logic cells, RAM blocks, DSPs.
#   scripts/fpga_explore.sh [BUILD_DIR]    (after `cmake --build BUILD_DIR --target fpga-icebreaker`)
set -eu
build=${1:-build}
src="$(cd "$(dirname "$0")/.." && pwd)"
dir="$build/fpga/explore"
mkdir -p "$dir"
variants="board:
pipelined-core:CORE_MC=0,SV32=1
no-A:RV_A=0
no-S/U:RV_SU=0
memctl-TLB-2:MEMCTL_TLB_ENTRIES=2
memctl-queue-1:MEMCTL_QUEUE_DEPTH=1
memctl-no-counters:MEMCTL_COUNTERS=0
memctl-all-counters:MEMCTL_COUNTERS=1
memctl-32-bit-addresses:MEMCTL_MEM_ADDR_W=32
flash-streaming:SPIFLASH_STREAM=1"
printf '%-22s %6s %5s %5s\n' variant LCs RAM DSP
echo "$variants" | while IFS=: read -r name params; do
  set --
  for kv in $(echo "$params" | tr ',' ' '); do set -- "$@" --chparam "$kv"; done
  tag=$(echo "$name" | tr '/+' '__')
  python3 "$src/scripts/fpga_icebreaker.py" --sources "$build/fpga/icebreaker/sources.txt" \
    --pcf "$src/rtl/fpga/icebreaker/icebreaker.pcf" --rom-hex "$build/fpga/icebreaker/bootrom.hex" \
    --outdir "$dir/$tag" --report "$dir/$tag.json" --pack-only "$@" > "$dir/$tag.out" 2>&1 || true
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print('%-22s %6d %5d %5d' % (sys.argv[2], r['logic_cells'], r['ram_blocks'], r['dsps']))" "$dir/$tag.json" "$name" 2>/dev/null || echo "$name: failed ($dir/$tag.out)"
done
