/* Never ends: for --max-cycles. */
#include "common.h"
.section .text.start
.globl _start
_start:
  j _start
