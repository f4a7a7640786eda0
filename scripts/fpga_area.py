#!/usr/bin/env python3
"""Per-module area of the iCEBreaker board configuration (docs/fpga.md, "Where the area goes").

  fpga_area.py --sources LIST [--rom-hex FILE] [--top icebreaker_top] [--outdir DIR]
               [--chparam NAME=VALUE ...]

Synthesizes the design with `synth_ice40 -dsp -noflatten` (module boundaries kept, so the numbers
are a little above those of the flattened build, which optimizes across boundaries) and prints one
row per module instance type: LUT4s, flip-flops, carry cells, block RAMs, DSPs, and an estimate of
the logic cells (max(LUT4, FF) + carries not next to a LUT; nextpnr's packer gives the exact total).
Rows are sorted by LUT4s; the last row is the whole design.
"""
import argparse
import os
import pathlib
import re
import subprocess
import sys


def parse_stat(text):
    """{module: {cell_type: count}} from yosys `stat` output."""
    mods = {}
    per_module, _, hierarchy = text.partition("=== design hierarchy ===")
    parts = re.split(r"^=== (\S+) ===$", per_module, flags=re.M)
    for i in range(1, len(parts), 2):
        name, body = parts[i], parts[i + 1]
        cells = {}
        for m in re.finditer(r"^\s+(SB_\w+)\s+(\d+)\s*$", body, re.M):
            cells[m.group(1)] = int(m.group(2))
        mods[name] = cells
    total = {}
    for m in re.finditer(r"^\s+(SB_\w+)\s+(\d+)\s*$", hierarchy, re.M):
        total[m.group(1)] = int(m.group(2))
    return mods, total


def short(name):
    """$paramod$hash\\rv_csr or $paramod\\rv_alu\\X=1 -> rv_csr / rv_alu."""
    if name.startswith("$paramod"):
        return name.split("\\")[1]
    return name


def row(name, cells):
    lut = cells.get("SB_LUT4", 0)
    ff = sum(v for k, v in cells.items() if k.startswith("SB_DFF"))
    carry = cells.get("SB_CARRY", 0)
    ram = cells.get("SB_RAM40_4K", 0)
    dsp = cells.get("SB_MAC16", 0)
    return (name, lut, ff, carry, ram, dsp, max(lut, ff))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", required=True)
    ap.add_argument("--rom-hex")
    ap.add_argument("--top", default="icebreaker_top")
    ap.add_argument("--outdir", default="build/fpga/area")
    ap.add_argument("--chparam", action="append", default=[])
    a = ap.parse_args()
    out = pathlib.Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    sources = [l.strip() for l in open(a.sources) if l.strip()]
    chp = [f"-set {kv.split('=', 1)[0]} {kv.split('=', 1)[1]}" for kv in a.chparam]
    if a.rom_hex:
        chp.insert(0, f'-set BOOTROM_INIT "{os.path.abspath(a.rom_hex)}"')
    script = ["read_verilog -defer -sv " + " ".join(sources)]
    if chp:
        script.append(f"chparam {' '.join(chp)} {a.top}")
    script += [f"synth_ice40 -dsp -noflatten -top {a.top}", f"tee -q -o {out / 'stat.txt'} stat"]
    (out / "area.ys").write_text("\n".join(script) + "\n")
    r = subprocess.run(["yosys", "-q", "-l", str(out / "yosys.log"), "-s", str(out / "area.ys")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        tail = (out / "yosys.log").read_text(errors="replace").splitlines()[-20:]
        sys.exit("\n".join(tail) + f"\nfpga_area: yosys failed, log {out / 'yosys.log'}")
    mods, total = parse_stat((out / "stat.txt").read_text())
    # Several parameterizations of one module are separate rows (e.g. two memctl_port).
    rows = sorted((row(short(n), c) for n, c in mods.items()), key=lambda r: -r[1])
    hdr = ("module", "LUT4", "FF", "carry", "BRAM", "DSP", "~LC")
    fmt = "%-28s %6s %6s %6s %5s %4s %6s"
    print(fmt % hdr)
    for r in rows:
        if r[1] or r[2] or r[4] or r[5]:
            print(fmt % r)
    print(fmt % row("TOTAL (" + a.top + ")", total))


if __name__ == "__main__":
    main()
