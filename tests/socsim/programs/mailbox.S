/* Reads the word at MAILBOX, stores it plus one at MAILBOX + 4, stores a checksum of 256 words
 * it wrote and read back at MAILBOX + 8, then passes. The API test runs it on two boards. */
#include "common.h"
.section .text.start
.globl _start
_start:
  li s0, MAILBOX
  lw s1, 0(s0)
  addi s2, s1, 1
  sw s2, 4(s0)
  /* Write 256 words derived from the mailbox value, read them back and sum them. */
  li s3, MAILBOX + 0x100
  li s4, 256
  mv s5, s1
1: sw s5, 0(s3)
  addi s5, s5, 3
  addi s3, s3, 4
  addi s4, s4, -1
  bnez s4, 1b
  li s3, MAILBOX + 0x100
  li s4, 256
  li s6, 0
2: lw s5, 0(s3)
  add s6, s6, s5
  addi s3, s3, 4
  addi s4, s4, -1
  bnez s4, 2b
  sw s6, 8(s0)
  PASS
