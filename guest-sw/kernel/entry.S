/* Guest kernel entry (S-mode, satp = 0): a0 = hartid, a1 = DTB physical address. */
  .section .text.entry, "ax", @progbits
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  csrw sie, zero
  csrw sscratch, zero
  la t0, trap_entry
  csrw stvec, t0
  la sp, boot_stack_top
  la t0, __bss_start
  la t1, __bss_end
1:bgeu t0, t1, 2f
  sw zero, 0(t0)
  addi t0, t0, 4
  j 1b
2:call kmain
3:wfi
  j 3b

  .section .bss.boot_stack, "aw", @nobits
  .balign 16
boot_stack:
  .space 16384
  .globl boot_stack_top
boot_stack_top:
