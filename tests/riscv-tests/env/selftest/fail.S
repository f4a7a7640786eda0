/* Self-test of the "p" environment: a program whose case 5 fails must be reported as failure 5
 * (tohost = (5 << 1) | 1), not as a pass. Registered as riscv-tests.env.fail*. */
#include "riscv_test.h"

RVTEST_RV32U
RVTEST_CODE_BEGIN
        li TESTNUM, 5
        RVTEST_FAIL
RVTEST_CODE_END

        .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
