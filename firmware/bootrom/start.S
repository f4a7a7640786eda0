/* Boot ROM reset entry (docs/bringup.md, firmware/bootrom/README.md).
 *
 * Runs from the block-RAM ROM at 0x0000_1000 (bootrom.ld) or, in the simulation variant, from RAM
 * (bootrom_ram.ld). It owns no .data/.bss: all state lives on the stack, which is placed at the
 * top of the populated RAM (memctl MEM_PAGES << PAGE_SHIFT); images are loaded below
 * top - BL_ROM_RAM_RESERVED. mscratch keeps the stack top for the trap entry.
 */
#include "soc_memory_map.h"

  .section .text.init.enter, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  la t0, bootrom_trap_entry
  csrw mtvec, t0
  csrw mie, zero
  csrr t0, mhartid
  bnez t0, .Lpark

  /* Top of RAM from the memory controller; 128 KiB if it does not answer with its ID. */
  li t0, MEMCTL_BASE
  lw t1, MEMCTL_ID(t0)
  li t2, MEMCTL_ID_VALUE
  li a0, 0x20000
  bne t1, t2, 1f
  lw t1, MEMCTL_CONFIG(t0)
  srli t1, t1, MEMCTL_CONFIG_PAGE_SHIFT_LSB
  andi t1, t1, 0x1f
  lw a0, MEMCTL_MEM_PAGES(t0)
  sll a0, a0, t1
1:
  li t0, RAM_BASE
  add sp, t0, a0
  csrw mscratch, sp
  call bootrom_main          /* a0 = populated RAM bytes; never returns */
.Lpark:
  wfi
  j .Lpark
  .size _start, . - _start

/* Any trap: back to a fresh stack, report, then serve uploads (bootrom_trap never returns). */
  .balign 4
  .globl bootrom_trap_entry
bootrom_trap_entry:
  csrr sp, mscratch
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  call bootrom_trap
  j .Lpark
