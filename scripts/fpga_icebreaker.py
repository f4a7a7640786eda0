#!/usr/bin/env python3
"""FPGA flow for the iCEBreaker (iCE40UP5K-SG48): yosys synth_ice40 -dsp, nextpnr-ice40, icepack,
and the resource / timing report (docs/fpga.md).

  fpga_icebreaker.py --sources LIST --pcf FILE --rom-hex FILE --outdir DIR --report FILE
                     [--target-mhz 24] [--chparam NAME=VALUE ...] [--pack-only] [--netlist FILE]
                     [--seed N] [--seeds K] [--no-fail] [--check-goals | --check-fit]
                     [--synth-only --netlist FILE]

Place and route starts with placer seed N (default 1); when the design misses the target clock
with it, the next seeds N+1, ... are tried, up to K seeds in all (default 5), and the first that
meets it is kept (a seed sweep: the placement is a randomized search; the report says which seed
and what every seed reached).

LIST is a file with one SystemVerilog source per line (compile order). The report (printed and
written as JSON) has logic_cells, logic_cells_total, ram_blocks, spram, dsps, fmax_mhz,
target_mhz, the goal checks and the run times. Exit status 1 if a tool fails or (unless
--no-fail) the design does not fit or timing is not met at the target clock; with --check-goals
also when the issue's goals (>= 10 % logic cells free, Fmax >= 24 MHz) are not met; with
--check-fit when the design was not placed and routed with >= 10 % of the logic cells free
(the timing goal is then reported, not enforced).
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import time

GOAL_FREE_PCT = 10.0   # >= 10 % of the logic cells free
GOAL_FMAX_MHZ = 24.0   # closes timing at >= 24 MHz


def run(cmd, log, may_fail=False):
    t0 = time.monotonic()
    with open(log, "w") as f:
        r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT)
    dt = time.monotonic() - t0
    if may_fail:
        return dt, r.returncode
    if r.returncode != 0:
        tail = pathlib.Path(log).read_text(errors="replace").splitlines()[-25:]
        sys.stderr.write("\n".join(tail) + "\n")
        sys.exit(f"fpga: {cmd[0]} failed (status {r.returncode}), log: {log}")
    return dt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", required=True)
    ap.add_argument("--top", default="icebreaker_top")
    ap.add_argument("--pcf", required=True)
    ap.add_argument("--rom-hex", required=True)
    ap.add_argument("--outdir", required=True)
    ap.add_argument("--report", required=True)
    ap.add_argument("--target-mhz", type=float, default=24.0)
    ap.add_argument("--chparam", action="append", default=[])
    ap.add_argument("--pack-only", action="store_true")
    ap.add_argument("--netlist", help="also write the synthesized netlist (Verilog) here")
    ap.add_argument("--seed", type=int, default=1, help="first placer seed")
    ap.add_argument("--seeds", type=int, default=5,
                    help="seeds to try (N, N+1, ...) until timing is met at the target")
    ap.add_argument("--no-fail", action="store_true",
                    help="report, but exit 0, when the design does not fit or misses timing")
    ap.add_argument("--check-goals", action="store_true",
                    help="exit 1 unless >= 10 %% of the logic cells are free and Fmax >= 24 MHz")
    ap.add_argument("--check-fit", action="store_true",
                    help="exit 1 unless placed and routed with >= 10 %% of the logic cells free")
    ap.add_argument("--synth-only", action="store_true",
                    help="only synthesize (with --netlist: for the post-synthesis simulation)")
    a = ap.parse_args()

    out = pathlib.Path(a.outdir)
    out.mkdir(parents=True, exist_ok=True)
    sources = [l.strip() for l in open(a.sources) if l.strip()]
    rom = os.path.abspath(a.rom_hex)
    chp = " ".join(f"-set {kv.split('=', 1)[0]} {kv.split('=', 1)[1]}" for kv in a.chparam)
    script = [
        "read_verilog -defer -sv " + " ".join(sources),
        f'chparam -set BOOTROM_INIT "{rom}" {chp} {a.top}',
        f"synth_ice40 -dsp -top {a.top} -json {out / 'top.json'}",
    ]
    if a.netlist:
        script.append(f"write_verilog -noattr {a.netlist}")
    (out / "synth.ys").write_text("\n".join(script) + "\n")
    t_synth = run(["yosys", "-q", "-l", str(out / "yosys.log"), "-s", str(out / "synth.ys")],
                  str(out / "yosys.out"))
    if a.synth_only:
        print(f"fpga: synthesized {a.top} in {t_synth:.0f} s" +
              (f", netlist {a.netlist}" if a.netlist else ""))
        return

    def place_and_route(seed):
        """One nextpnr run (and icepack when it routed); returns (status, fmax, util, seconds)."""
        pnr = ["nextpnr-ice40", "--up5k", "--package", "sg48", "--json", str(out / "top.json"),
               "--pcf", a.pcf, "--freq", str(a.target_mhz), "--threads", "1", "--seed", str(seed),
               "--report", str(out / "nextpnr-report.json"), "--timing-allow-fail"]
        if a.pack_only:
            pnr.append("--pack-only")
        else:
            pnr += ["--asc", str(out / "top.asc")]
        for stale in ("nextpnr-report.json", "icebreaker.bin", "top.asc"):
            (out / stale).unlink(missing_ok=True)
        dt, rc = run(pnr, str(out / "nextpnr.log"), may_fail=True)
        if rc == 0 and not a.pack_only:
            dt += run(["icepack", str(out / "top.asc"), str(out / "icebreaker.bin")],
                      str(out / "icepack.log"))
        # Utilization: the packer's numbers (the log lists them after packing; the JSON report
        # has them too once placement ran).
        log = (out / "nextpnr.log").read_text(errors="replace")
        util = {}
        for m in re.finditer(r"^Info:\s+(\w+):\s+(\d+)/\s*(\d+)\s+\d+%", log, re.M):
            util[m.group(1)] = (int(m.group(2)), int(m.group(3)))
        fmax = None
        rep_path = out / "nextpnr-report.json"
        if rep_path.exists():
            rep = json.loads(rep_path.read_text())
            for k, v in rep.get("utilization", {}).items():
                util[k] = (v["used"], v["available"])
            clocks = rep.get("fmax", {})
            if clocks:
                fmax = min(c["achieved"] for c in clocks.values())
        return rc, fmax, util, dt

    # Seed sweep: the files of the last run are the ones kept, so a seed that is not the last
    # one tried is never left behind by a later, worse one.
    tries = []
    t_pnr = 0.0
    for seed in range(a.seed, a.seed + max(1, a.seeds)):
        pnr_rc, fmax, util, dt = place_and_route(seed)
        t_pnr += dt
        tries.append({"seed": seed, "fmax_mhz": None if fmax is None else round(fmax, 2)})
        if a.pack_only or pnr_rc != 0 or fmax is None or fmax >= a.target_mhz:
            break
        if seed + 1 < a.seed + max(1, a.seeds):
            print(f"fpga: seed {seed}: Fmax {fmax:.2f} MHz < {a.target_mhz:g} MHz, trying seed {seed + 1}")

    def u(name):
        return util.get(name, (0, 0))

    lc, lc_total = u("ICESTORM_LC")
    free_pct = 100.0 * (lc_total - lc) / lc_total if lc_total else 0.0
    fits = all(used <= avail for used, avail in util.values()) and pnr_rc == 0
    r = {
        "fits": fits,
        "device": "iCE40UP5K-SG48",
        "top": a.top,
        "chparam": a.chparam,
        "logic_cells": lc,
        "logic_cells_total": lc_total,
        "logic_cells_free_pct": round(free_pct, 1),
        "ram_blocks": u("ICESTORM_RAM")[0],
        "ram_blocks_total": u("ICESTORM_RAM")[1],
        "spram": u("ICESTORM_SPRAM")[0],
        "spram_total": u("ICESTORM_SPRAM")[1],
        "dsps": u("ICESTORM_DSP")[0],
        "dsps_total": u("ICESTORM_DSP")[1],
        "plls": u("ICESTORM_PLL")[0],
        "fmax_mhz": None if fmax is None else round(fmax, 2),
        "target_mhz": a.target_mhz,
        "timing_met": None if fmax is None else fmax >= a.target_mhz,
        "goals": {
            "logic_cells_free_pct_min": GOAL_FREE_PCT,
            "fmax_mhz_min": GOAL_FMAX_MHZ,
            "logic_cells_met": free_pct >= GOAL_FREE_PCT,
            "fmax_met": None if fmax is None else fmax >= GOAL_FMAX_MHZ,
        },
        "seed": tries[-1]["seed"],
        "seed_tries": tries,
        "seconds": {"synth": round(t_synth, 1), "pnr": round(t_pnr, 1)},   # pnr: all seeds, icepack
        "bitstream": str(out / "icebreaker.bin") if (fits and not a.pack_only) else None,
    }
    pathlib.Path(a.report).parent.mkdir(parents=True, exist_ok=True)
    pathlib.Path(a.report).write_text(json.dumps(r, indent=2) + "\n")

    ok = lambda b: "ok" if b else ("n/a" if b is None else "NOT MET")
    print(f"fpga-icebreaker report ({a.report})")
    print(f"  logic cells    {lc:5d} / {lc_total}  ({100 - free_pct:.1f} % used, {free_pct:.1f} % free)")
    print(f"  RAM blocks     {r['ram_blocks']:5d} / {r['ram_blocks_total']}")
    print(f"  SPRAM          {r['spram']:5d} / {r['spram_total']}")
    print(f"  DSPs           {r['dsps']:5d} / {r['dsps_total']}")
    if fmax is not None:
        print(f"  Fmax           {fmax:8.2f} MHz   (target {a.target_mhz:g} MHz: {ok(fmax >= a.target_mhz)};"
              f" placer seed {tries[-1]['seed']})")
        if len(tries) > 1:
            print("  seeds tried     " + ", ".join(f"{t['seed']}: {t['fmax_mhz']} MHz" for t in tries))
    print(f"  goal: >= {GOAL_FREE_PCT:g} % logic cells free: {ok(free_pct >= GOAL_FREE_PCT)}")
    if fmax is not None:
        print(f"  goal: timing closed at >= {GOAL_FMAX_MHZ:g} MHz: {ok(fmax >= GOAL_FMAX_MHZ)}")
    print(f"  time: synthesis {t_synth:.0f} s, place and route and icepack {t_pnr:.0f} s")
    if not fits:
        over = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in util.items() if v[0] > v[1])
        msg = f"the design does not fit the UP5K ({over})" if over else \
              f"nextpnr-ice40 failed (status {pnr_rc}), log: {out / 'nextpnr.log'}"
        if a.no_fail:
            print("fpga: " + msg + " (--no-fail)")
        else:
            sys.exit("fpga: " + msg)
    if fmax is not None and fmax < a.target_mhz and not a.no_fail:
        sys.exit(f"fpga: timing NOT met: Fmax {fmax:.2f} MHz < target {a.target_mhz:g} MHz")
    if a.check_goals:
        missed = []
        if free_pct < GOAL_FREE_PCT:
            missed.append(f"{free_pct:.1f} % logic cells free < {GOAL_FREE_PCT:g} %")
        if fmax is None or fmax < GOAL_FMAX_MHZ:
            missed.append("no Fmax (not placed)" if fmax is None else
                          f"Fmax {fmax:.2f} MHz < {GOAL_FMAX_MHZ:g} MHz")
        if missed:
            sys.exit("fpga: goals NOT met: " + "; ".join(missed))
        print("fpga: goals met")
    if a.check_fit:
        if not (fits and fmax is not None and free_pct >= GOAL_FREE_PCT):
            sys.exit(f"fpga: fit goal NOT met: placed {fits and fmax is not None}, "
                     f"{free_pct:.1f} % logic cells free (goal >= {GOAL_FREE_PCT:g} %)")
        print(f"fpga: placed and routed, {free_pct:.1f} % logic cells free: fit goal met")


if __name__ == "__main__":
    main()
