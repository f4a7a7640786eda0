/* Fails through the finisher with code FAIL_CODE (set on the command line). */
#include "common.h"
.section .text.start
.globl _start
_start:
  PUTS msg
  FAIL FAIL_CODE
.section .rodata
msg: .asciz "failing on purpose\n"
