/* Self-test of the "v" environment: the body must run at a virtual address of the user window
 * (case 2: its own pc is inside it, not at the physical address it was loaded at), and an access
 * outside the window must fault (case 3: a load from VA 0 is a load page fault), which ends the
 * program as failure 1024 + 3. Registered as riscv-tests.env.vm*. */
#include "riscv_test.h"

RVTEST_RV32U
RVTEST_CODE_BEGIN
        li TESTNUM, 2
        auipc a0, 0
        li a1, RVT_USER_VA
        bltu a0, a1, fail
        li a1, RVT_USER_VA + 0x400000
        bgeu a0, a1, fail

        li TESTNUM, 3
        lw a0, 0(zero)
        /* not reached when the load faults */
fail:
        RVTEST_FAIL
RVTEST_CODE_END

        .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
