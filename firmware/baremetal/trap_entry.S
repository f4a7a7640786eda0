/* Machine-mode trap entry: saves the interrupted context as a bm_trap_frame_t on the current
 * stack, calls bm_trap_dispatch(frame) and resumes from the (possibly modified) frame, so a C
 * handler can skip an instruction (frame->mepc += 4) or change any register. */

#define XREG(n)     ((n) * 4)
#define F_MEPC      128
#define F_MCAUSE    132
#define F_MTVAL     136
#define F_MSTATUS   140
#define FRAME_SIZE  144   /* multiple of 16: keeps sp aligned for the C handler */

  .section .text.bm_trap_entry, "ax", @progbits
  .balign 4           /* mtvec direct mode needs a 4-byte aligned base */
  .globl bm_trap_entry
  .type bm_trap_entry, @function
bm_trap_entry:
  addi sp, sp, -FRAME_SIZE
  sw x1, XREG(1)(sp)
  .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sw x\n, XREG(\n)(sp)
  .endr
  sw zero, XREG(0)(sp)            /* frame->x[0] reads as zero, so x[rd] indexing just works */
  addi t0, sp, FRAME_SIZE
  sw t0, XREG(2)(sp)              /* the interrupted sp */
  csrr t0, mepc
  sw t0, F_MEPC(sp)
  csrr t0, mcause
  sw t0, F_MCAUSE(sp)
  csrr t0, mtval
  sw t0, F_MTVAL(sp)
  csrr t0, mstatus
  sw t0, F_MSTATUS(sp)

  mv a0, sp
  call bm_trap_dispatch

  lw t0, F_MEPC(sp)
  csrw mepc, t0
  lw t0, F_MSTATUS(sp)
  csrw mstatus, t0
  lw x1, XREG(1)(sp)
  .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  lw x\n, XREG(\n)(sp)
  .endr
  lw sp, XREG(2)(sp)              /* last: a handler may have changed frame->x[2] */
  mret
  .size bm_trap_entry, . - bm_trap_entry
