/* Sv32 permissions: read-only pages (store/AMO -> 15), execute-only pages (load -> 13 unless
 * mstatus.MXR), pages without X (fetch -> 12); the U bit: S access to U pages only with SUM, S
 * never executes U pages, U cannot touch S pages and runs code from a U|X page; MPRV in M-mode
 * with MPP = S / U (loads and stores translated with that privilege, SUM and MXR honoured,
 * fetches untranslated, MPP = M means no translation). mtval = the faulting VA throughout. */
#include "test.h"

#define VA      0x40000000
#define VA_R    (VA + 0x0000)          /* page_a  R           (S) */
#define VA_RW   (VA + 0x1000)          /* page_a  RW          (S) */
#define VA_XO   (VA + 0x2000)          /* user_code X only    (S) */
#define VA_U    (VA + 0x3000)          /* page_b  RW          (U) */
#define VA_UX   (VA + 0x4000)          /* user_code RX        (U) */
#define VA_UXO  (VA + 0x5000)          /* user_code X only    (U) */
#define VA_SX   (VA + 0x6000)          /* user_code RX        (S) */
#define AD      (PTE_A | PTE_D)

.macro MAP4K va, sym, flags
  li a0, \va
  la a1, \sym
  li a2, \flags
  call pt_map_4k
.endm

/* In the current mode: \insn on a1 = \va must raise \cause with mtval = \va, s1 unwritten. */
.macro FAULT n, cause, va, insn
  TEST \n
  li s1, 0x5a5a5a5a
  li a1, \va
  EXPECT_MTRAP .Lfr_\@
.Lfi_\@:
  \insn
.Lfr_\@:
  CHECK_MTRAP \cause, .Lfi_\@
  CHECK_MEM m_trap_tval, \va
  CHECK s1, 0x5a5a5a5a
.endm

/* Run user_code snippet \entry in U-mode at its VA_UX alias with a1 = \va. The snippet's first
 * instruction is the access (result in s1), then it returns to M. \cause = 0: no trap expected;
 * otherwise that cause with mtval = \va. */
.macro URUN n, entry, va, cause
  TEST \n
  li s1, 0x5a5a5a5a
  li a1, \va
  la s0, .Lur_\@
  la t0, \entry
  la t1, user_code
  sub t0, t0, t1
  li t1, VA_UX
  add t0, t0, t1                     /* VA of the snippet */
  .if \cause
  EXPECT_MTRAP .Lur_\@               /* then point the resume at the snippet's 2nd insn (VA) */
  addi t1, t0, 4
  sw t1, -4(t5)
  .endif
  li t1, MSTATUS_MPP | MSTATUS_MPIE
  csrc mstatus, t1
  csrw mepc, t0
  mret
.Lur_\@:
  .if \cause
  CHECK_MEM m_trap_cause, \cause
  CHECK_MEM m_trap_tval, \va
  .endif
.endm

.macro MSTATUS_SET bits
  li t5, \bits
  csrs mstatus, t5
.endm
.macro MSTATUS_CLR bits
  li t5, \bits
  csrc mstatus, t5
.endm

TEST_MAIN
  call pt_identity
  MAP4K VA_R, page_a, PTE_V | PTE_R | PTE_A
  MAP4K VA_RW, page_a, PTE_V | PTE_R | PTE_W | AD
  MAP4K VA_XO, user_code, PTE_V | PTE_X | PTE_A
  MAP4K VA_U, page_b, PTE_V | PTE_R | PTE_W | PTE_U | AD
  MAP4K VA_UX, user_code, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A
  MAP4K VA_UXO, user_code, PTE_V | PTE_X | PTE_U | PTE_A
  MAP4K VA_SX, user_code, PTE_V | PTE_R | PTE_X | PTE_A
  call pt_enable
  MSTATUS_CLR MSTATUS_SUM | MSTATUS_MXR

  GOTO_S 1f
1:
  /* ------------------------------------------------ R / W / X in S-mode */
  TEST 1
  li a1, VA_R
  lw a0, 0(a1)
  CHECK a0, 0xaaaa0000
  FAULT 2, CAUSE_STORE_PAGE_FAULT, VA_R + 8, "sw s1, 0(a1)"
  FAULT 3, CAUSE_STORE_PAGE_FAULT, VA_R + 12, "amoadd.w s1, a1, (a1)"
  FAULT 4, CAUSE_STORE_PAGE_FAULT, VA_R, "sb s1, 0(a1)"
  FAULT 5, CAUSE_LOAD_PAGE_FAULT, VA_XO, "lw s1, 0(a1)"
  TEST 6                             /* MXR: execute-only pages become readable */
  li a1, MSTATUS_MXR
  csrs sstatus, a1
  li a1, VA_XO
  lw a0, 0(a1)
  CHECK a0, 0x05500513               /* li a0, 0x55 */
  li a1, MSTATUS_MXR
  csrc sstatus, a1
  TEST 7                             /* execute-only pages execute */
  li a1, VA_XO
  li a0, 0
  jalr ra, 0(a1)
  CHECK a0, 0x55
  TEST 8                             /* RW page: no X */
  li a1, VA_RW
  EXPECT_MTRAP 2f
  jalr ra, 0(a1)
2:
  CHECK_MEM m_trap_cause, CAUSE_FETCH_PAGE_FAULT
  CHECK_MEM m_trap_tval, VA_RW
  /* ------------------------------------------------ U pages from S: SUM */
  FAULT 9, CAUSE_LOAD_PAGE_FAULT, VA_U, "lw s1, 0(a1)"
  FAULT 10, CAUSE_STORE_PAGE_FAULT, VA_U + 4, "sw s1, 0(a1)"
  TEST 11
  li a1, MSTATUS_SUM
  csrs sstatus, a1
  li a1, VA_U
  lw a0, 0(a1)
  CHECK a0, 0xbbbb0000
  TEST 12
  li a2, 0x1234
  sw a2, 4(a1)
  lw a0, 4(a1)
  CHECK a0, 0x1234
  TEST 13                            /* S never executes U pages, even with SUM */
  li a1, VA_UX
  EXPECT_MTRAP 2f
  jalr ra, 0(a1)
2:
  CHECK_MEM m_trap_cause, CAUSE_FETCH_PAGE_FAULT
  CHECK_MEM m_trap_tval, VA_UX
  TEST 14                            /* SUM does not make execute-only U pages readable */
  li a1, VA_UXO
  EXPECT_MTRAP 2f
1:
  lw s1, 0(a1)
2:
  CHECK_MTRAP CAUSE_LOAD_PAGE_FAULT, 1b
  TEST 15                            /* ... MXR does (with SUM) */
  li a1, MSTATUS_MXR
  csrs sstatus, a1
  li a1, VA_UXO
  lw a0, 0(a1)
  CHECK a0, 0x05500513
  li a1, MSTATUS_MXR | MSTATUS_SUM
  csrc sstatus, a1
  TEST 16                            /* S code at another RX alias */
  li a1, VA_SX
  li a0, 0
  jalr ra, 0(a1)
  CHECK a0, 0x55
  GOTO_M 1f
1:
  /* ------------------------------------------------ U-mode */
  URUN 17, u_load, VA_U, 0
  CHECK s1, 0xbbbb0000
  URUN 18, u_store, VA_U + 8, 0
  la a1, page_b
  lw a0, 8(a1)
  CHECK a0, 0x5a5a5a5a
  URUN 19, u_load, VA_RW, CAUSE_LOAD_PAGE_FAULT
  CHECK s1, 0x5a5a5a5a
  URUN 20, u_store, VA_RW + 4, CAUSE_STORE_PAGE_FAULT
  URUN 21, u_load, VA_UXO, CAUSE_LOAD_PAGE_FAULT
  URUN 22, u_fetch, VA_SX, CAUSE_FETCH_PAGE_FAULT
  URUN 23, u_fetch, VA_U, CAUSE_FETCH_PAGE_FAULT
  URUN 24, u_load, RAM_BASE, CAUSE_LOAD_PAGE_FAULT      /* identity map is S-only */
  TEST 25                            /* SUM has no effect on U */
  MSTATUS_SET MSTATUS_SUM
  URUN 26, u_load, VA_RW, CAUSE_LOAD_PAGE_FAULT
  MSTATUS_CLR MSTATUS_SUM
  TEST 27                            /* MXR lets U read its execute-only page */
  MSTATUS_SET MSTATUS_MXR
  URUN 28, u_load, VA_UXO, 0
  CHECK s1, 0x05500513
  MSTATUS_CLR MSTATUS_MXR

  /* ------------------------------------------------ MPRV in M-mode */
  TEST 29                            /* MPP = S: translated as S */
  MSTATUS_CLR MSTATUS_MPP
  MSTATUS_SET MSTATUS_MPRV | MSTATUS_MPP_S
  li a1, VA_RW
  lw s1, 0(a1)
  li a2, 0x4242
  sw a2, 16(a1)
  MSTATUS_CLR MSTATUS_MPRV
  CHECK s1, 0xaaaa0000
  la a1, page_a
  lw a0, 16(a1)
  CHECK a0, 0x4242
  TEST 30                            /* MPP = S, SUM = 0: U page faults (trap to M, mtval) */
  li s1, 0x5a5a5a5a
  EXPECT_MTRAP 2f
  MSTATUS_CLR MSTATUS_MPP
  MSTATUS_SET MSTATUS_MPRV | MSTATUS_MPP_S
  li a1, VA_U
1:
  lw s1, 0(a1)
2:
  MSTATUS_CLR MSTATUS_MPRV
  CHECK_MTRAP CAUSE_LOAD_PAGE_FAULT, 1b
  CHECK_MEM m_trap_tval, VA_U
  CHECK s1, 0x5a5a5a5a
  CHECK_MEM_MASK m_trap_status, MSTATUS_MPP, MSTATUS_MPP_M   /* the trap came from M */
  TEST 31                            /* MPP = S, SUM = 1: allowed */
  MSTATUS_CLR MSTATUS_MPP
  MSTATUS_SET MSTATUS_MPRV | MSTATUS_MPP_S | MSTATUS_SUM
  li a1, VA_U
  lw s1, 0(a1)
  MSTATUS_CLR MSTATUS_MPRV | MSTATUS_SUM
  CHECK s1, 0xbbbb0000
  TEST 32                            /* MPP = U: U page fine, S page faults */
  MSTATUS_CLR MSTATUS_MPP
  MSTATUS_SET MSTATUS_MPRV
  li a1, VA_U
  lw s1, 0(a1)
  MSTATUS_CLR MSTATUS_MPRV
  CHECK s1, 0xbbbb0000
  TEST 33
  EXPECT_MTRAP 2f
  MSTATUS_CLR MSTATUS_MPP
  MSTATUS_SET MSTATUS_MPRV
  li a1, VA_RW + 0x20
1:
  sw s1, 0(a1)
2:
  MSTATUS_CLR MSTATUS_MPRV
  CHECK_MTRAP CAUSE_STORE_PAGE_FAULT, 1b
  CHECK_MEM m_trap_tval, VA_RW + 0x20
  TEST 34                            /* MPP = S with MXR: execute-only page readable */
  MSTATUS_CLR MSTATUS_MPP
  MSTATUS_SET MSTATUS_MPRV | MSTATUS_MPP_S | MSTATUS_MXR
  li a1, VA_XO
  lw s1, 0(a1)
  MSTATUS_CLR MSTATUS_MPRV | MSTATUS_MXR
  CHECK s1, 0x05500513
  TEST 35                            /* MPP = M: no translation */
  MSTATUS_SET MSTATUS_MPRV | MSTATUS_MPP_M
  la a1, page_b
  lw s1, 0(a1)
  MSTATUS_CLR MSTATUS_MPRV
  CHECK s1, 0xbbbb0000
  TEST 36                            /* MPRV = 0: M is untranslated whatever MPP says */
  MSTATUS_CLR MSTATUS_MPP
  MSTATUS_SET MSTATUS_MPP_S
  la a1, page_b
  lw s1, 0(a1)
  CHECK s1, 0xbbbb0000
  TEST_PASS

  .section .text.user, "ax"
  .align 12
user_code:
user_fn:
  li a0, 0x55
  ret
u_load:
  lw s1, 0(a1)
  j u_back
u_store:
  sw s1, 0(a1)
  j u_back
u_fetch:
  jalr zero, 0(a1)
u_back:
  mv a0, s0
  li a7, SVC_GOTO_M
  ecall

  .section .data.pages, "aw"
  .align 12
page_a:
  .word 0xaaaa0000
  .skip 4092
page_b:
  .word 0xbbbb0000
  .skip 4092
