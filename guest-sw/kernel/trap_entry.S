/* S-mode trap entry and return.
 * sscratch = 0 while in the kernel; while a user process runs it holds the top of that
 * process's kernel stack, where its trapframe_t (proc.h) lives. Traps from the kernel push the
 * frame on the current stack. */

#define FRAME 144          /* sizeof(trapframe_t): x0..x31, sepc, sstatus, scause, stval */
#define F_SEPC 128
#define F_SSTATUS 132
#define F_SCAUSE 136
#define F_STVAL 140
#define SSTATUS_SPP 0x100

  .section .text.trap, "ax", @progbits
  .balign 4
  .globl trap_entry
trap_entry:
  csrrw sp, sscratch, sp
  bnez sp, 1f
  csrrw sp, sscratch, sp     /* from the kernel: back to the kernel sp, sscratch = 0 */
1:addi sp, sp, -FRAME
  sw x1, 4(sp)
  .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  sw x\n, (\n*4)(sp)
  .endr
  sw zero, 0(sp)
  csrrw t0, sscratch, zero   /* user sp (from user) or 0 (from kernel); sscratch = 0 */
  bnez t0, 2f
  addi t0, sp, FRAME
2:sw t0, 8(sp)
  csrr t0, sepc
  sw t0, F_SEPC(sp)
  csrr t0, sstatus
  sw t0, F_SSTATUS(sp)
  csrr t0, scause
  sw t0, F_SCAUSE(sp)
  csrr t0, stval
  sw t0, F_STVAL(sp)
  mv a0, sp
  call trap_handler
  mv a0, sp
  /* fall through */

/* trap_return(trapframe_t *tf): resumes the context in tf. */
  .globl trap_return
trap_return:
  mv sp, a0
  lw t0, F_SEPC(sp)
  csrw sepc, t0
  lw t0, F_SSTATUS(sp)
  csrw sstatus, t0
  andi t0, t0, SSTATUS_SPP
  bnez t0, 3f
  addi t0, sp, FRAME         /* to user: the next trap lands on top of this frame */
  csrw sscratch, t0
3:lw x1, 4(sp)
  .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
  lw x\n, (\n*4)(sp)
  .endr
  lw sp, 8(sp)
  sret

/* swtch(context_t *old, context_t *new): callee-saved registers, sp, ra. */
  .globl swtch
swtch:
  sw ra, 0(a0)
  sw sp, 4(a0)
  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11
  sw s\n, (8+\n*4)(a0)
  .endr
  lw ra, 0(a1)
  lw sp, 4(a1)
  .irp n, 0,1,2,3,4,5,6,7,8,9,10,11
  lw s\n, (8+\n*4)(a1)
  .endr
  ret
