/* Entering and leaving guest (S-mode) code for the self-test (selftest.c).
 *
 *   uint32_t st_guest_call(uint32_t (*fn)(uint32_t), uint32_t arg)
 *     runs fn(arg) in S-mode on the current stack and returns its result. fn returns into
 *     st_guest_exit, whose ECALL the M-mode trap handler turns into a return to st_guest_resume
 *     in M-mode, with a0 = fn's result.
 *   uint32_t st_g_lw(uint32_t addr), void st_g_sw(uint32_t addr, uint32_t value)
 *     one guest load / store; a faulting access is skipped by the trap handler (mepc += 4), so
 *     st_g_lw then returns its argument.
 */
  .section .text.guest, "ax", @progbits
  .balign 4
  .globl st_guest_call
st_guest_call:
  addi sp, sp, -16
  sw ra, 12(sp)
  csrw mepc, a0
  li t0, 0x1800          /* mstatus.MPP = S */
  csrc mstatus, t0
  li t0, 0x0800
  csrs mstatus, t0
  mv a0, a1
  la ra, st_guest_exit
  mret
  .globl st_guest_resume
st_guest_resume:
  lw ra, 12(sp)
  addi sp, sp, 16
  ret

  .globl st_guest_exit
st_guest_exit:
  ecall
  j st_guest_exit

  .globl st_g_lw
st_g_lw:
  lw a0, 0(a0)
  ret

  .globl st_g_sw
st_g_sw:
  sw a1, 0(a0)
  ret
