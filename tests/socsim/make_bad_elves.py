#!/usr/bin/env python3
"""Writes malformed (and one minimal valid) ELF files for the socsim loader tests.

Usage: make_bad_elves.py OUT_DIR RAM_BASE
Each file is named after what is wrong with it; tests/socsim/CMakeLists.txt pairs each name with
the error message socsim must print.
"""
import pathlib
import struct
import sys

EM_RISCV = 243
PASS_CODE = [  # finisher pass: lui t0,0x100; lui t1,0x5; addi t1,t1,0x555; sw t1,0(t0); j .
    0x001002B7, 0x00005337, 0x55530313, 0x0062A023, 0x0000006F]


def elf32(entry, segments, machine=EM_RISCV, cls=1, enc=1, etype=2, phentsize=32,
          shoff=0, shnum=0):
    """segments: list of (paddr, data bytes, memsz, filesz override or None)."""
    phoff = 52
    data_off = phoff + 32 * len(segments)
    phdrs, blobs = b"", b""
    for paddr, data, memsz, filesz in segments:
        off = data_off + len(blobs)
        fsz = len(data) if filesz is None else filesz
        phdrs += struct.pack("<8I", 1, off, paddr, paddr, fsz, memsz, 7, 4)
        blobs += data
    ident = b"\x7fELF" + bytes([cls, enc, 1]) + bytes(9)
    ehdr = ident + struct.pack("<HHIIIIIHHHHHH", etype, machine, 1, entry, phoff, shoff, 0, 52,
                               phentsize, len(segments), 40, shnum, 0)
    return ehdr + phdrs + blobs


def main():
    out = pathlib.Path(sys.argv[1])
    ram = int(sys.argv[2], 0)
    out.mkdir(parents=True, exist_ok=True)
    code = b"".join(struct.pack("<I", w) for w in PASS_CODE)
    good = elf32(ram, [(ram, code, len(code), None)])
    files = {
        "minimal_valid": good,
        "empty": b"",
        "text": b"This is a text file, not a program.\n",
        "bad_magic": b"\x7fELG" + good[4:],
        "truncated_header": good[:30],
        "elf64": good[:4] + b"\x02" + good[5:],
        "big_endian": good[:5] + b"\x02" + good[6:],
        "wrong_machine": good[:18] + struct.pack("<H", 62) + good[20:],
        "not_executable": good[:16] + struct.pack("<H", 3) + good[18:],
        "truncated_phdrs": good[:60],
        "segment_past_eof": elf32(ram, [(ram, code, 0x1000, 0x800)]),
        "filesz_gt_memsz": elf32(ram, [(ram, code, 4, None)]),
        "bad_phentsize": elf32(ram, [(ram, code, len(code), None)], phentsize=56),
        "overlapping": elf32(ram, [(ram, code, len(code), None), (ram + 8, code, len(code), None)]),
        "outside_ram": elf32(0x70000000, [(0x70000000, code, len(code), None)]),
        "huge_segment": elf32(ram, [(ram, code, 0xFFFFFF00, None)]),
        "entry_outside_ram": elf32(0x1000, [(ram, code, len(code), None)]),
        "shdrs_past_eof": elf32(ram, [(ram, code, len(code), None)], shoff=0x10000, shnum=3),
    }
    for name, data in files.items():
        (out / f"{name}.elf").write_bytes(data)


if __name__ == "__main__":
    main()
