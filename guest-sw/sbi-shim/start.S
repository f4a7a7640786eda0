/* QEMU SBI shim: reset entry and M-mode trap entry.
 * QEMU's reset vector jumps here with a0 = hartid, a1 = DTB address, a2 = fw_dynamic_info. */

#define FRAME_SIZE 144  /* 32 registers + mepc, mcause, mtval, mstatus */

  .section .text.entry, "ax", @progbits
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  csrw mie, zero
  la t0, shim_trap_entry
  csrw mtvec, t0
  bnez a0, .Lpark            /* one hart only */
  la sp, __stack_top
  csrw mscratch, sp          /* the trap entry swaps to this stack */
  la t0, __bss_start
  la t1, __bss_end
1:bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:call shim_main             /* (hartid, dtb, fw_dynamic_info): does not return */
.Lpark:
  wfi
  j .Lpark

/* Traps from S/U (and, by mistake, from M): mscratch holds the M stack top. */
  .section .text.trap, "ax", @progbits
  .balign 4
  .globl shim_trap_entry
shim_trap_entry:
  csrrw sp, mscratch, sp
  addi sp, sp, -FRAME_SIZE
  sw x1, 4(sp)
  .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sw x\n, (\n*4)(sp)
  .endr
  sw zero, 0(sp)
  csrr t0, mscratch
  sw t0, 8(sp)               /* interrupted sp */
  csrr t0, mepc
  sw t0, 128(sp)
  csrr t0, mcause
  sw t0, 132(sp)
  csrr t0, mtval
  sw t0, 136(sp)
  csrr t0, mstatus
  sw t0, 140(sp)
  mv a0, sp
  call shim_trap
  lw t0, 128(sp)
  csrw mepc, t0
  lw t0, 140(sp)
  csrw mstatus, t0
  addi t0, sp, FRAME_SIZE
  csrw mscratch, t0
  lw x1, 4(sp)
  .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  lw x\n, (\n*4)(sp)
  .endr
  lw sp, 8(sp)
  mret
