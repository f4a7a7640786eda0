/* Timed loops of the memctl benchmark (bench_memctl.c). Each returns the cycles its loop took,
 * read with rdcycle (M-mode, or S-mode with mcounteren.CY = 1).
 *
 *   uint32_t bench_loads(uint32_t addr, uint32_t iters)        8 loads from addr per iteration
 *   uint32_t bench_loads_mprv(uint32_t addr, uint32_t iters)   the same with mstatus.MPRV = 1
 *                                                              (M-mode only; MPP selects the
 *                                                              privilege of the loads)
 *   uint32_t bench_touch(uint32_t addr, uint32_t stride, uint32_t n, uint32_t mprv)
 *                                                              n loads, addr += stride
 */
  .section .text.bench, "ax", @progbits
  .balign 64
  .globl bench_loads
bench_loads:
  rdcycle t2
1:
  lw t0, 0(a0)
  lw t0, 4(a0)
  lw t0, 8(a0)
  lw t0, 12(a0)
  lw t0, 16(a0)
  lw t0, 20(a0)
  lw t0, 24(a0)
  lw t0, 28(a0)
  addi a1, a1, -1
  bnez a1, 1b
  rdcycle t3
  sub a0, t3, t2
  ret

  .balign 64
  .globl bench_loads_mprv
bench_loads_mprv:
  li t1, 0x20000          /* mstatus.MPRV */
  csrs mstatus, t1
  rdcycle t2
1:
  lw t0, 0(a0)
  lw t0, 4(a0)
  lw t0, 8(a0)
  lw t0, 12(a0)
  lw t0, 16(a0)
  lw t0, 20(a0)
  lw t0, 24(a0)
  lw t0, 28(a0)
  addi a1, a1, -1
  bnez a1, 1b
  rdcycle t3
  csrc mstatus, t1
  sub a0, t3, t2
  ret

  .balign 64
  .globl bench_touch
bench_touch:
  li t1, 0x20000
  beqz a3, 1f
  csrs mstatus, t1
1:
  rdcycle t2
2:
  lw t0, 0(a0)
  add a0, a0, a1
  addi a2, a2, -1
  bnez a2, 2b
  rdcycle t3
  csrc mstatus, t1
  sub a0, t3, t2
  ret
