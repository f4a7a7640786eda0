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
no-Sv32:SV32=0
no-S/U-no-Sv32:RV_SU=0,SV32=0
no-M:RV_M=0
no-A:RV_A=0
RV32I-M-mode-only:RV_M=0,RV_A=0,RV_SU=0,SV32=0
TLBs-1+1:ITLB_ENTRIES=1,DTLB_ENTRIES=1
TLBs-4+4:ITLB_ENTRIES=4,DTLB_ENTRIES=4
memctl-TLB-1:MEMCTL_TLB_ENTRIES=1
memctl-TLB-8:MEMCTL_TLB_ENTRIES=8
memctl-no-counters:MEMCTL_COUNTERS=0
memctl-queue-8:MEMCTL_QUEUE_DEPTH=8
regfile-in-flops:RF_BRAM=0"
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
