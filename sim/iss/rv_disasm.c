/* rv_disasm: see rv_disasm.h. Encodings from the RISC-V unprivileged specification (20191213),
 * chapter 24 "RV32/64G Instruction Set Listings", and the privileged specification 1.12. */
#include "rv_disasm.h"

#include <stdio.h>

static const char *const reg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

const char *rv_reg_name(unsigned r) { return reg_names[r & 31]; }

const char *rv_csr_name(uint32_t csr) {
  switch (csr) {
    case 0x100: return "sstatus";
    case 0x104: return "sie";
    case 0x105: return "stvec";
    case 0x106: return "scounteren";
    case 0x10A: return "senvcfg";
    case 0x140: return "sscratch";
    case 0x141: return "sepc";
    case 0x142: return "scause";
    case 0x143: return "stval";
    case 0x144: return "sip";
    case 0x180: return "satp";
    case 0x300: return "mstatus";
    case 0x301: return "misa";
    case 0x302: return "medeleg";
    case 0x303: return "mideleg";
    case 0x304: return "mie";
    case 0x305: return "mtvec";
    case 0x306: return "mcounteren";
    case 0x30A: return "menvcfg";
    case 0x310: return "mstatush";
    case 0x31A: return "menvcfgh";
    case 0x320: return "mcountinhibit";
    case 0x340: return "mscratch";
    case 0x341: return "mepc";
    case 0x342: return "mcause";
    case 0x343: return "mtval";
    case 0x344: return "mip";
    case 0x3A0: return "pmpcfg0";
    case 0x3B0: return "pmpaddr0";
    case 0xB00: return "mcycle";
    case 0xB02: return "minstret";
    case 0xB80: return "mcycleh";
    case 0xB82: return "minstreth";
    case 0xC00: return "cycle";
    case 0xC01: return "time";
    case 0xC02: return "instret";
    case 0xC80: return "cycleh";
    case 0xC81: return "timeh";
    case 0xC82: return "instreth";
    case 0xF11: return "mvendorid";
    case 0xF12: return "marchid";
    case 0xF13: return "mimpid";
    case 0xF14: return "mhartid";
    case 0xF15: return "mconfigptr";
    default: return NULL;
  }
}

static int32_t imm_i(uint32_t in) { return (int32_t)in >> 20; }
static int32_t imm_s(uint32_t in) {
  return ((int32_t)(in & 0xFE000000u) >> 20) | (int32_t)((in >> 7) & 0x1F);
}
static int32_t imm_b(uint32_t in) {
  return ((int32_t)(in & 0x80000000u) >> 19) | (int32_t)((in & 0x80) << 4) |
         (int32_t)((in >> 20) & 0x7E0) | (int32_t)((in >> 7) & 0x1E);
}
static int32_t imm_j(uint32_t in) {
  return ((int32_t)(in & 0x80000000u) >> 11) | (int32_t)(in & 0xFF000) |
         (int32_t)((in >> 9) & 0x800) | (int32_t)((in >> 20) & 0x7FE);
}

int rv_disasm(uint32_t pc, uint32_t in, char *buf, size_t len) {
  const uint32_t opc = in & 0x7F, f3 = (in >> 12) & 7, f7 = in >> 25;
  const char *rd = reg_names[(in >> 7) & 31], *rs1 = reg_names[(in >> 15) & 31],
             *rs2 = reg_names[(in >> 20) & 31];
  const unsigned rs1n = (in >> 15) & 31, rs2n = (in >> 20) & 31;
  if ((in & 3) != 3) goto unknown;
  switch (opc) {
    case 0x37: return snprintf(buf, len, "lui %s, 0x%x", rd, in >> 12);
    case 0x17: return snprintf(buf, len, "auipc %s, 0x%x", rd, in >> 12);
    case 0x6F: return snprintf(buf, len, "jal %s, 0x%08x", rd, pc + (uint32_t)imm_j(in));
    case 0x67:
      if (f3) goto unknown;
      return snprintf(buf, len, "jalr %s, %d(%s)", rd, imm_i(in), rs1);
    case 0x63: {
      static const char *const n[8] = {"beq", "bne", NULL, NULL, "blt", "bge", "bltu", "bgeu"};
      if (!n[f3]) goto unknown;
      return snprintf(buf, len, "%s %s, %s, 0x%08x", n[f3], rs1, rs2, pc + (uint32_t)imm_b(in));
    }
    case 0x03: {
      static const char *const n[8] = {"lb", "lh", "lw", NULL, "lbu", "lhu", NULL, NULL};
      if (!n[f3]) goto unknown;
      return snprintf(buf, len, "%s %s, %d(%s)", n[f3], rd, imm_i(in), rs1);
    }
    case 0x23: {
      static const char *const n[8] = {"sb", "sh", "sw", NULL, NULL, NULL, NULL, NULL};
      if (!n[f3]) goto unknown;
      return snprintf(buf, len, "%s %s, %d(%s)", n[f3], rs2, imm_s(in), rs1);
    }
    case 0x13: {
      static const char *const n[8] = {"addi", "slli", "slti", "sltiu", "xori", "srli", "ori",
                                       "andi"};
      if (f3 == 1) {
        if (f7) goto unknown;
        return snprintf(buf, len, "slli %s, %s, %u", rd, rs1, rs2n);
      }
      if (f3 == 5) {
        if (f7 != 0 && f7 != 0x20) goto unknown;
        return snprintf(buf, len, "%s %s, %s, %u", f7 ? "srai" : "srli", rd, rs1, rs2n);
      }
      return snprintf(buf, len, "%s %s, %s, %d", n[f3], rd, rs1, imm_i(in));
    }
    case 0x33: {
      static const char *const base[8] = {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"};
      static const char *const m[8] = {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem",
                                       "remu"};
      const char *name;
      if (f7 == 0) name = base[f3];
      else if (f7 == 1) name = m[f3];
      else if (f7 == 0x20 && f3 == 0) name = "sub";
      else if (f7 == 0x20 && f3 == 5) name = "sra";
      else goto unknown;
      return snprintf(buf, len, "%s %s, %s, %s", name, rd, rs1, rs2);
    }
    case 0x0F:
      if (f3 == 0) return snprintf(buf, len, "fence");
      if (f3 == 1) return snprintf(buf, len, "fence.i");
      goto unknown;
    case 0x2F: {
      if (f3 != 2) goto unknown;
      const char *name;
      switch (in >> 27) {
        case 0x02:
          if (rs2n) goto unknown;
          return snprintf(buf, len, "lr.w%s%s %s, (%s)", (in >> 26) & 1 ? ".aq" : "",
                          (in >> 25) & 1 ? ".rl" : "", rd, rs1);
        case 0x03: name = "sc.w"; break;
        case 0x01: name = "amoswap.w"; break;
        case 0x00: name = "amoadd.w"; break;
        case 0x04: name = "amoxor.w"; break;
        case 0x0C: name = "amoand.w"; break;
        case 0x08: name = "amoor.w"; break;
        case 0x10: name = "amomin.w"; break;
        case 0x14: name = "amomax.w"; break;
        case 0x18: name = "amominu.w"; break;
        case 0x1C: name = "amomaxu.w"; break;
        default: goto unknown;
      }
      return snprintf(buf, len, "%s%s%s %s, %s, (%s)", name, (in >> 26) & 1 ? ".aq" : "",
                      (in >> 25) & 1 ? ".rl" : "", rd, rs2, rs1);
    }
    case 0x73: {
      if (f3 == 0) {
        switch (in) {
          case 0x00000073u: return snprintf(buf, len, "ecall");
          case 0x00100073u: return snprintf(buf, len, "ebreak");
          case 0x30200073u: return snprintf(buf, len, "mret");
          case 0x10200073u: return snprintf(buf, len, "sret");
          case 0x10500073u: return snprintf(buf, len, "wfi");
          default: break;
        }
        if (f7 == 0x09 && ((in >> 7) & 31) == 0)
          return snprintf(buf, len, "sfence.vma %s, %s", rs1, rs2);
        goto unknown;
      }
      if (f3 == 4) goto unknown;
      static const char *const n[8] = {NULL, "csrrw", "csrrs", "csrrc", NULL, "csrrwi", "csrrsi",
                                       "csrrci"};
      uint32_t csr = in >> 20;
      char cbuf[16];
      const char *cname = rv_csr_name(csr);
      if (!cname) {
        snprintf(cbuf, sizeof cbuf, "0x%03x", csr);
        cname = cbuf;
      }
      if (f3 & 4) return snprintf(buf, len, "%s %s, %s, %u", n[f3], rd, cname, rs1n);
      return snprintf(buf, len, "%s %s, %s, %s", n[f3], rd, cname, rs1);
    }
    default:
      break;
  }
unknown:
  return snprintf(buf, len, "unknown 0x%08x", in);
}
