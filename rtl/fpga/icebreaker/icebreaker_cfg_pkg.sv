// The board configuration of the SoC for the iCEBreaker (iCE40UP5K-SG48), docs/fpga.md.
// One source of truth: icebreaker_top passes these to soc_top, and the board model of the
// simulator (`socsim --board icebreaker`) is verilated from soc_top with the same values
// (cmake/fpga_icebreaker.cmake reads this file). Names = soc_top parameter names.
package icebreaker_cfg_pkg;

  /* verilator lint_off UNUSEDPARAM */

  // Core: the multi-cycle rv_core_mc (docs/core.md), RV32IMA, M/S/U, no Sv32 (guests run with
  // satp bare; the memory controller's remapping isolates them), register file in block RAM.
  // ITLB/DTLB_ENTRIES are unused by rv_core_mc (kept: soc_top parameters, CORE_MC = 0 needs them).
  localparam bit          CORE_MC      = 1'b1;
  localparam bit          RV_M         = 1'b1;
  localparam bit          RV_A         = 1'b1;
  localparam bit          RV_SU        = 1'b1;
  localparam bit          SV32         = 1'b0;
  localparam int unsigned ITLB_ENTRIES = 2;
  localparam int unsigned DTLB_ENTRIES = 2;
  localparam bit          RF_BRAM      = 1'b1;

  // Board devices
  localparam bit          BOOTROM      = 1'b1;
  localparam bit          SPIFLASH     = 1'b1;
  localparam bit          SPIFLASH_STREAM    = 1'b0;  // every flash word is a READ command (130 cycles)
  localparam int unsigned UART_RX_FIFO_DEPTH = 16;
  localparam bit          UART_RX_FIFO_BRAM  = 1'b1;  // the 16-byte RX FIFO in one block RAM
  localparam bit          UART_DIVISOR_LATCH = 1'b0;  // fixed baud rate: DLL/DLM not stored
  localparam bit          UART_MODEM_REGS    = 1'b0;  // 8N1, no modem: LCR[6:0], MCR, SCR read 0
  // PLIC: only the sources the board has, UART0 (10) and the memory controller (11), 1-bit
  // priorities
  localparam int unsigned PLIC_SOURCE_MASK   = 3072;  // (1 << 10) | (1 << 11)
  localparam int unsigned PLIC_PRIO_WIDTH    = 1;
  // CLINT: mtimecmp in two block RAMs, word-serial comparison (the timer interrupt a few cycles
  // late, never early; docs/memory-map.md)
  localparam bit          CLINT_CMP_BRAM     = 1'b1;

  // Memory controller: the direct table (org a) in block RAM (one added cycle per translated
  // access), 1 KiB pages, SPRAM (one port), the minimal counter set (what the self-test and a VMM
  // read: INVAL_CYCLES, SCRUB_PAGES, SCRUB_CYCLES), a 2-entry command queue, comparisons and
  // registers narrowed to the 17 bits of a 128 KiB machine address. MEMCTL_TLB_ENTRIES is unused
  // in org a (kept: a soc_top parameter).
  localparam int unsigned MEMCTL_RUNTIME_CFG     = 0;
  localparam int unsigned MEMCTL_ORG             = 0;
  localparam int unsigned MEMCTL_TABLE_BRAM      = 1;
  localparam int unsigned MEMCTL_BACKEND         = 0;
  localparam int unsigned MEMCTL_PAGE_SHIFT      = 10;
  localparam int unsigned MEMCTL_NUM_VMS         = 2;
  localparam int unsigned MEMCTL_GUEST_PAGES     = 64;
  localparam int unsigned MEMCTL_TLB_ENTRIES     = 4;
  localparam int unsigned MEMCTL_COUNTERS        = 2;    // minimal set (docs/memctl.md)
  localparam int unsigned MEMCTL_QUEUE_DEPTH     = 2;
  localparam int unsigned MEMCTL_SRAM_FETCH_PORT = 0;
  localparam int unsigned MEMCTL_SRAM_WAIT_STATES = 0;   // SPRAM answers in the next cycle
  localparam int unsigned MEMCTL_MEM_ADDR_W      = 17;   // 128 KiB = RAM_BYTES

  // Board (not soc_top parameters)
  localparam int unsigned RAM_BYTES = 128 * 1024;   // 4 x SB_SPRAM256KA
  localparam int unsigned CLK_HZ    = 24_000_000;   // PLL output (icebreaker_top)
  localparam int unsigned BAUD      = 115_200;

  /* verilator lint_on UNUSEDPARAM */

endpackage
