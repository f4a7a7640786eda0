/* Self-test of the "p" environment: an exception the program has no handler for (here an M-mode
 * CSR read from U-mode during case 7) must end the program as failure 1024 + 7; mcause (2,
 * illegal instruction) is left in rvt_trap_cause for a debugger. Registered as
 * riscv-tests.env.trap*. */
#include "riscv_test.h"

RVTEST_RV32U
RVTEST_CODE_BEGIN
        li TESTNUM, 7
        csrr a0, mscratch
        RVTEST_PASS
RVTEST_CODE_END

        .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
