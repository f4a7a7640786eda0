#!/usr/bin/env python3
"""Generate the SoC memory map for RTL (SystemVerilog package) and software (C header).

The TOML file is the single source of truth; both outputs are build products and never edited.
Usage: gen_memory_map.py MAP.toml OUT_DIR
"""
import pathlib
import sys
import tomllib


def sv_package(regions, registers):
    lines = [
        "// Generated from rtl/soc/memory_map.toml by scripts/gen_memory_map.py. Do not edit.",
        "package soc_memory_map_pkg;",
    ]
    for r in regions:
        n = r["name"].upper()
        lines.append(f"  // {r['doc']}")
        lines.append(f"  localparam logic [31:0] {n}_BASE = 32'h{r['base']:08x};")
        lines.append(f"  localparam logic [31:0] {n}_SIZE = 32'h{r['size']:08x};")
    for block, regs in registers.items():
        lines.append(f"  // {block} registers")
        for name, value in regs.items():
            lines.append(f"  localparam int unsigned {name} = 32'h{value:x};")
    lines.append("endpackage")
    return "\n".join(lines) + "\n"


def c_header(regions, registers):
    lines = [
        "/* Generated from rtl/soc/memory_map.toml by scripts/gen_memory_map.py. Do not edit. */",
        "#ifndef SOC_MEMORY_MAP_H",
        "#define SOC_MEMORY_MAP_H",
        "",
    ]
    for r in regions:
        n = r["name"].upper()
        lines.append(f"/* {r['doc']} */")
        lines.append(f"#define {n}_BASE 0x{r['base']:08x}u")
        lines.append(f"#define {n}_SIZE 0x{r['size']:08x}u")
    for block, regs in registers.items():
        lines.append(f"/* {block} registers */")
        for name, value in regs.items():
            lines.append(f"#define {name} 0x{value:x}u")
    lines += ["", "#endif", ""]
    return "\n".join(lines)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen_memory_map.py MAP.toml OUT_DIR")
    spec = tomllib.loads(pathlib.Path(sys.argv[1]).read_text())
    regions, registers = spec["region"], spec.get("registers", {})
    out = pathlib.Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    (out / "soc_memory_map_pkg.sv").write_text(sv_package(regions, registers))
    (out / "soc_memory_map.h").write_text(c_header(regions, registers))


if __name__ == "__main__":
    main()
