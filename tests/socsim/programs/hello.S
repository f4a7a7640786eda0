/* Prints a greeting on UART0 and passes through the finisher. */
#include "common.h"
.section .text.start
.globl _start
_start:
  PUTS msg
  PASS
.section .rodata
msg: .asciz "hello from socsim\n"
