#!/usr/bin/env python3
"""Convert a RISC-V ELF image into the boot ROM's $readmemh file (docs/fpga.md).

Usage: fpga_rom_hex.py IMAGE.elf ROM_BASE ROM_SIZE OUT.hex

Every PT_LOAD segment with file contents must lie inside [ROM_BASE, ROM_BASE + ROM_SIZE) (by its
physical address); the output has ROM_SIZE / 4 lines, one little-endian 32-bit word each, word 0
at ROM_BASE, unused words 0. Fails (exit 1) with a message if the image does not fit.
"""
import struct
import sys


def load_segments(path):
    data = open(path, "rb").read()
    if data[:4] != b"\x7fELF":
        sys.exit(f"{path}: not an ELF file")
    if data[4] != 1 or data[5] != 1:
        sys.exit(f"{path}: not a 32-bit little-endian ELF")
    (e_phoff,) = struct.unpack_from("<I", data, 28)
    e_phentsize, e_phnum = struct.unpack_from("<HH", data, 42)
    segs = []
    for i in range(e_phnum):
        p_type, p_offset, _vaddr, p_paddr, p_filesz, _memsz, _flags, _align = struct.unpack_from(
            "<8I", data, e_phoff + i * e_phentsize)
        if p_type == 1 and p_filesz:
            segs.append((p_paddr, data[p_offset:p_offset + p_filesz]))
    return segs


def main():
    if len(sys.argv) != 5:
        sys.exit("usage: fpga_rom_hex.py IMAGE.elf ROM_BASE ROM_SIZE OUT.hex")
    path, base, size, out = sys.argv[1], int(sys.argv[2], 0), int(sys.argv[3], 0), sys.argv[4]
    rom = bytearray(size)
    for addr, blob in load_segments(path):
        if addr < base or addr + len(blob) > base + size:
            sys.exit(f"{path}: segment [0x{addr:08x}, 0x{addr + len(blob):08x}) is outside the "
                     f"boot ROM [0x{base:08x}, 0x{base + size:08x})")
        rom[addr - base:addr - base + len(blob)] = blob
    used = max((a - base + len(b) for a, b in load_segments(path)), default=0)
    with open(out, "w") as f:
        for i in range(0, size, 4):
            f.write("%08x\n" % struct.unpack_from("<I", rom, i))
    print(f"{out}: {used} of {size} bytes used")


if __name__ == "__main__":
    main()
