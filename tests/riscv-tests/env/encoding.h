/* Constants of the RISC-V privileged architecture that the official riscv-tests ISA programs
 * (and this environment) refer to by name. Written for this project from the RISC-V privileged
 * specification (v1.12); only the names the rv32ui/um/ua/mi/si programs use are defined.
 * Usable from assembler (.S) and C. */
#ifndef BALLOON_RVTEST_ENCODING_H
#define BALLOON_RVTEST_ENCODING_H

/* mstatus / sstatus fields */
#define MSTATUS_SIE   0x00000002
#define MSTATUS_MIE   0x00000008
#define MSTATUS_SPIE  0x00000020
#define MSTATUS_UBE   0x00000040
#define MSTATUS_MPIE  0x00000080
#define MSTATUS_SPP   0x00000100
#define MSTATUS_VS    0x00000600
#define MSTATUS_MPP   0x00001800
#define MSTATUS_FS    0x00006000
#define MSTATUS_XS    0x00018000
#define MSTATUS_MPRV  0x00020000
#define MSTATUS_SUM   0x00040000
#define MSTATUS_MXR   0x00080000
#define MSTATUS_TVM   0x00100000
#define MSTATUS_TW    0x00200000
#define MSTATUS_TSR   0x00400000
#define MSTATUS32_SD  0x80000000
#define MSTATUS_SD    MSTATUS32_SD

#define SSTATUS_SIE   MSTATUS_SIE
#define SSTATUS_SPIE  MSTATUS_SPIE
#define SSTATUS_SPP   MSTATUS_SPP
#define SSTATUS_VS    MSTATUS_VS
#define SSTATUS_FS    MSTATUS_FS
#define SSTATUS_XS    MSTATUS_XS
#define SSTATUS_SUM   MSTATUS_SUM
#define SSTATUS_MXR   MSTATUS_MXR
#define SSTATUS32_SD  MSTATUS32_SD
#define SSTATUS_SD    SSTATUS32_SD

/* privilege levels */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* interrupt numbers and mip/mie/sip/sie bits */
#define IRQ_S_SOFT   1
#define IRQ_M_SOFT   3
#define IRQ_S_TIMER  5
#define IRQ_M_TIMER  7
#define IRQ_S_EXT    9
#define IRQ_M_EXT    11
#define MIP_SSIP     (1 << IRQ_S_SOFT)
#define MIP_MSIP     (1 << IRQ_M_SOFT)
#define MIP_STIP     (1 << IRQ_S_TIMER)
#define MIP_MTIP     (1 << IRQ_M_TIMER)
#define MIP_SEIP     (1 << IRQ_S_EXT)
#define MIP_MEIP     (1 << IRQ_M_EXT)
#define SIP_SSIP     MIP_SSIP
#define SIP_STIP     MIP_STIP

/* exception codes (mcause/scause with the interrupt bit clear) */
#define CAUSE_MISALIGNED_FETCH     0x0
#define CAUSE_FETCH_ACCESS         0x1
#define CAUSE_ILLEGAL_INSTRUCTION  0x2
#define CAUSE_BREAKPOINT           0x3
#define CAUSE_MISALIGNED_LOAD      0x4
#define CAUSE_LOAD_ACCESS          0x5
#define CAUSE_MISALIGNED_STORE     0x6
#define CAUSE_STORE_ACCESS         0x7
#define CAUSE_USER_ECALL           0x8
#define CAUSE_SUPERVISOR_ECALL     0x9
#define CAUSE_MACHINE_ECALL        0xb
#define CAUSE_FETCH_PAGE_FAULT     0xc
#define CAUSE_LOAD_PAGE_FAULT      0xd
#define CAUSE_STORE_PAGE_FAULT     0xf

/* satp (Sv32) */
#define SATP32_MODE     0x80000000
#define SATP32_ASID     0x7FC00000
#define SATP32_PPN      0x003FFFFF
#define SATP_MODE       SATP32_MODE
#define SATP_MODE_OFF   0
#define SATP_MODE_SV32  1
#define SATP_MODE_SV39  8   /* RV64 modes: only named by #if branches of the shared rv64 sources */
#define SATP_MODE_SV48  9

/* where RAM (and every image) starts: RAM_BASE of soc_memory_map.h (the SoC, its board
 * configuration and QEMU virt agree) */
#define DRAM_BASE       RAM_BASE

/* page-table entries */
#define PTE_V     0x001
#define PTE_R     0x002
#define PTE_W     0x004
#define PTE_X     0x008
#define PTE_U     0x010
#define PTE_G     0x020
#define PTE_A     0x040
#define PTE_D     0x080
#define PTE_PPN_SHIFT 10
#define RISCV_PGSHIFT 12
#define RISCV_PGSIZE  (1 << RISCV_PGSHIFT)
#define RISCV_PGLEVEL_BITS 10

/* PMP configuration bits */
#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_A     0x18
#define PMP_TOR   0x08
#define PMP_NA4   0x10
#define PMP_NAPOT 0x18
#define PMP_L     0x80
#define PMP_SHIFT 2

/* debug trigger (Sdtrig) mcontrol fields, for rv64mi/breakpoint */
#define MCONTROL_LOAD     (1 << 0)
#define MCONTROL_STORE    (1 << 1)
#define MCONTROL_EXECUTE  (1 << 2)
#define MCONTROL_U        (1 << 3)
#define MCONTROL_S        (1 << 4)
#define MCONTROL_M        (1 << 6)

#endif
