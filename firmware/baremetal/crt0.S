/* Reset entry of bare-metal M-mode programs: the ELF entry point and the first byte of RAM. */

  .section .text.init.enter, "ax", @progbits
  .globl _start
  .type _start, @function
_start:
  /* gp must be loaded without relaxation: a relaxed `la gp` would use gp itself. */
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop

  /* Install the trap vector first so that any fault below is reported instead of looping. */
  la t0, bm_trap_entry
  csrw mtvec, t0
  csrw mie, zero

  /* The runtime is single-threaded: extra harts (none on this SoC today) park here. */
  csrr t0, mhartid
  bnez t0, .Lpark

  la sp, __stack
  la tp, __tls_base

  /* Copy initialised data if it is not already where it runs. */
  la a0, __data_start
  la a1, __data_source
  la a2, __data_end
  beq a0, a1, .Lclear_bss
.Lcopy_data:
  bgeu a0, a2, .Lclear_bss
  lw t0, 0(a1)
  sw t0, 0(a0)
  addi a0, a0, 4
  addi a1, a1, 4
  j .Lcopy_data

  /* Clear .tbss and .bss (a loader may already have, a reset from the debugger has not). */
.Lclear_bss:
  la a0, __bss_start
  la a1, __bss_end
.Lclear_loop:
  bgeu a0, a1, .Lrun
  sw zero, 0(a0)
  addi a0, a0, 4
  j .Lclear_loop

.Lrun:
  call bm_runtime_init
  li a0, 0        /* argc */
  li a1, 0        /* argv */
  li a2, 0        /* envp */
  call main
  call exit       /* runs atexit handlers, then _exit -> test finisher */

.Lpark:
  wfi
  j .Lpark
  .size _start, . - _start

/* The first thread-local word. tp points at the start of the TLS segment, and the linker resolves
 * TLS offsets against its first section; an always-present .tdata makes that section .tdata, at
 * __tls_base, even in programs with only zero-initialised (.tbss) thread-locals such as errno. */
  .section .tdata.bm_anchor, "awT", @progbits
  .balign 8
bm_tls_anchor:
  .word 0
