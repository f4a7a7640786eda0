/* rv_disasm: RV32IMA + Zicsr + Zifencei + privileged-instruction disassembler (one line, objdump-like
 * syntax with ABI register names). C11, no dependencies beyond libc. */
#ifndef RV_DISASM_H
#define RV_DISASM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes the disassembly of insn at pc into buf (always NUL-terminated when len > 0), e.g.
 * "addi a0, a0, 1", "beq a0, zero, 0x80000010", "csrrw t0, mscratch, t0", "unknown 0x0000ffff".
 * Returns the length of the text (as snprintf). */
int rv_disasm(uint32_t pc, uint32_t insn, char *buf, size_t len);

/* ABI name of x0..x31 ("zero", "ra", ...). */
const char *rv_reg_name(unsigned r);
/* Name of a CSR number, or NULL if it has no standard name known to the disassembler. */
const char *rv_csr_name(uint32_t csr);

#ifdef __cplusplus
}
#endif
#endif /* RV_DISASM_H */
