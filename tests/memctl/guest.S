/* Entering and leaving guest (S-mode) code for the memctl test programs (memctl_test.h).
 *
 *   uint32_t guest_call(uint32_t (*fn)(uint32_t), uint32_t arg)
 *     runs fn(arg) in S-mode on the current stack and returns its result. fn returns into
 *     guest_exit, whose ECALL the M-mode trap handler (mt_trap) turns into a return to
 *     guest_resume in M-mode, with a0 = fn's result.
 *   uint32_t g_lw(uint32_t addr), void g_sw(uint32_t addr, uint32_t value)
 *     one load / store each: a faulting access is skipped by mt_trap (mepc += 4), so g_lw then
 *     returns its argument.
 */
  .section .text.guest, "ax", @progbits
  .balign 4
  .globl guest_call
guest_call:
  addi sp, sp, -16
  sw ra, 12(sp)
  csrw mepc, a0
  li t0, 0x1800          /* mstatus.MPP = S */
  csrc mstatus, t0
  li t0, 0x0800
  csrs mstatus, t0
  mv a0, a1
  la ra, guest_exit
  mret
  .globl guest_resume
guest_resume:
  lw ra, 12(sp)
  addi sp, sp, 16
  ret

  .globl guest_exit
guest_exit:
  ecall
  j guest_exit

  .globl g_lw
g_lw:
  lw a0, 0(a0)
  ret

  .globl g_sw
g_sw:
  sw a1, 0(a0)
  ret
