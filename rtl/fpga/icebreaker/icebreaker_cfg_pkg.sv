// The board configuration of the SoC for the iCEBreaker (iCE40UP5K-SG48), docs/fpga.md.
// One source of truth: icebreaker_top passes these to soc_top, and the board model of the
// simulator (`socsim --board icebreaker`) is verilated from soc_top with the same values
// (cmake/fpga_icebreaker.cmake reads this file). Names = soc_top parameter names.
package icebreaker_cfg_pkg;

  /* verilator lint_off UNUSEDPARAM */

  // Core: RV32IMA, M/S/U, Sv32 with small TLBs, register file in block RAM
  localparam bit          RV_M         = 1'b1;
  localparam bit          RV_A         = 1'b1;
  localparam bit          RV_SU        = 1'b1;
  localparam bit          SV32         = 1'b1;
  localparam int unsigned ITLB_ENTRIES = 2;
  localparam int unsigned DTLB_ENTRIES = 2;
  localparam bit          RF_BRAM      = 1'b1;

  // Board devices
  localparam bit          BOOTROM      = 1'b1;
  localparam bit          SPIFLASH     = 1'b1;
  localparam int unsigned UART_RX_FIFO_DEPTH = 16;

  // Memory controller: TLB + walker, 1 KiB pages, SPRAM (one port), counters (the self-test and
  // the VMM read them), a 2-entry command queue
  localparam int unsigned MEMCTL_RUNTIME_CFG     = 0;
  localparam int unsigned MEMCTL_ORG             = 1;
  localparam int unsigned MEMCTL_BACKEND         = 0;
  localparam int unsigned MEMCTL_PAGE_SHIFT      = 10;
  localparam int unsigned MEMCTL_NUM_VMS         = 2;
  localparam int unsigned MEMCTL_GUEST_PAGES     = 64;
  localparam int unsigned MEMCTL_TLB_ENTRIES     = 4;
  localparam int unsigned MEMCTL_COUNTERS        = 1;
  localparam int unsigned MEMCTL_QUEUE_DEPTH     = 2;
  localparam int unsigned MEMCTL_SRAM_FETCH_PORT = 0;

  // Board (not soc_top parameters)
  localparam int unsigned RAM_BYTES = 128 * 1024;   // 4 x SB_SPRAM256KA
  localparam int unsigned CLK_HZ    = 24_000_000;   // PLL output (icebreaker_top)
  localparam int unsigned BAUD      = 115_200;

  /* verilator lint_on UNUSEDPARAM */

endpackage
