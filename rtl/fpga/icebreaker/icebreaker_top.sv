// iCEBreaker board top (iCE40UP5K-SG48), docs/fpga.md.
//
//  - 12 MHz oscillator (pin 35) -> SB_PLL40_PAD -> system clock CLK_HZ (icebreaker_cfg_pkg;
//    divider settings from `icepll -i 12 -o 24`: DIVR 0, DIVF 63, DIVQ 5, FILTER_RANGE 1).
//  - Reset: the user button (BTN_N, pin 10, active low), PLL lock and a power-on delay, through a
//    reset synchroniser (asynchronous assert, synchronous release). A finisher write of 0x7777
//    (sifive_test "reset") resets the SoC too.
//  - soc_top in the board configuration (icebreaker_cfg_pkg): boot ROM at BOOTROM_BASE (the reset
//    PC; contents BOOTROM_INIT, generated from the boot ROM image), 128 KiB of SPRAM behind the
//    memory controller (memctl_storage_spram.sv), SPI flash window, UART0 on the FT2232H's
//    channel B (FPGA RX pin 6, TX pin 9), 8N1 at BAUD.
//  - LEDs (active low): green LEDG_N blinks (about 1.4 Hz at 24 MHz) while the SoC runs and is
//    on after a finisher PASS; red LEDR_N is on while in reset and after a finisher FAIL.
module icebreaker_top #(
  parameter BOOTROM_INIT = "",
  // The board configuration (defaults: icebreaker_cfg_pkg; overridden only for area measurements,
  // scripts/fpga_explore.sh)
  parameter bit          CORE_MC                = icebreaker_cfg_pkg::CORE_MC,
  parameter bit          RV_M                   = icebreaker_cfg_pkg::RV_M,
  parameter bit          RV_A                   = icebreaker_cfg_pkg::RV_A,
  parameter bit          RV_SU                  = icebreaker_cfg_pkg::RV_SU,
  parameter bit          SV32                   = icebreaker_cfg_pkg::SV32,
  parameter int unsigned ITLB_ENTRIES           = icebreaker_cfg_pkg::ITLB_ENTRIES,
  parameter int unsigned DTLB_ENTRIES           = icebreaker_cfg_pkg::DTLB_ENTRIES,
  parameter bit          RF_BRAM                = icebreaker_cfg_pkg::RF_BRAM,
  parameter bit          BOOTROM                = icebreaker_cfg_pkg::BOOTROM,
  parameter bit          SPIFLASH               = icebreaker_cfg_pkg::SPIFLASH,
  parameter bit          SPIFLASH_STREAM        = icebreaker_cfg_pkg::SPIFLASH_STREAM,
  parameter int unsigned UART_RX_FIFO_DEPTH     = icebreaker_cfg_pkg::UART_RX_FIFO_DEPTH,
  parameter bit          UART_RX_FIFO_BRAM      = icebreaker_cfg_pkg::UART_RX_FIFO_BRAM,
  parameter bit          UART_DIVISOR_LATCH     = icebreaker_cfg_pkg::UART_DIVISOR_LATCH,
  parameter int unsigned PLIC_SOURCE_MASK       = icebreaker_cfg_pkg::PLIC_SOURCE_MASK,
  parameter int unsigned PLIC_PRIO_WIDTH        = icebreaker_cfg_pkg::PLIC_PRIO_WIDTH,
  parameter int unsigned MEMCTL_RUNTIME_CFG     = icebreaker_cfg_pkg::MEMCTL_RUNTIME_CFG,
  parameter int unsigned MEMCTL_ORG             = icebreaker_cfg_pkg::MEMCTL_ORG,
  parameter int unsigned MEMCTL_BACKEND         = icebreaker_cfg_pkg::MEMCTL_BACKEND,
  parameter int unsigned MEMCTL_PAGE_SHIFT      = icebreaker_cfg_pkg::MEMCTL_PAGE_SHIFT,
  parameter int unsigned MEMCTL_NUM_VMS         = icebreaker_cfg_pkg::MEMCTL_NUM_VMS,
  parameter int unsigned MEMCTL_GUEST_PAGES     = icebreaker_cfg_pkg::MEMCTL_GUEST_PAGES,
  parameter int unsigned MEMCTL_TLB_ENTRIES     = icebreaker_cfg_pkg::MEMCTL_TLB_ENTRIES,
  parameter int unsigned MEMCTL_COUNTERS        = icebreaker_cfg_pkg::MEMCTL_COUNTERS,
  parameter int unsigned MEMCTL_QUEUE_DEPTH     = icebreaker_cfg_pkg::MEMCTL_QUEUE_DEPTH,
  parameter int unsigned MEMCTL_SRAM_FETCH_PORT = icebreaker_cfg_pkg::MEMCTL_SRAM_FETCH_PORT,
  parameter int unsigned MEMCTL_SRAM_WAIT_STATES = icebreaker_cfg_pkg::MEMCTL_SRAM_WAIT_STATES,
  parameter int unsigned MEMCTL_MEM_ADDR_W      = icebreaker_cfg_pkg::MEMCTL_MEM_ADDR_W,
  parameter int unsigned MEMCTL_TABLE_BRAM      = icebreaker_cfg_pkg::MEMCTL_TABLE_BRAM
) (
  input  logic clk_12m_i,     // pin 35
  input  logic btn_ni,        // pin 10, user button
  input  logic uart_rx_i,     // pin 6  (FT2232H channel B TXD -> FPGA)
  output logic uart_tx_o,     // pin 9  (FPGA -> FT2232H channel B RXD)
  output logic led_red_no,    // pin 11
  output logic led_green_no,  // pin 37
  output logic flash_sck_o,   // pin 15
  output logic flash_cs_no,   // pin 16
  output logic flash_mosi_o,  // pin 14 (FLASH_IO0)
  input  logic flash_miso_i   // pin 17 (FLASH_IO1)
);

  // ---------------------------------------------------------------- clock
  logic clk, pll_lock;

  SB_PLL40_PAD #(
    .FEEDBACK_PATH ("SIMPLE"),
    .DIVR          (4'b0000),
    .DIVF          (7'b0111111),
    .DIVQ          (3'b101),
    .FILTER_RANGE  (3'b001)
  ) u_pll (
    .PACKAGEPIN    (clk_12m_i),
    .PLLOUTCORE    (),
    .PLLOUTGLOBAL  (clk),
    .EXTFEEDBACK   (1'b0),
    .DYNAMICDELAY  (8'd0),
    .LOCK          (pll_lock),
    .BYPASS        (1'b0),
    .RESETB        (1'b1),
    .LATCHINPUTVALUE (1'b0),
    .SDO           (),
    .SDI           (1'b0),
    .SCLK          (1'b0)
  );

  icebreaker_soc #(
    .BOOTROM_INIT           (BOOTROM_INIT),
    .CORE_MC                (CORE_MC),
    .RV_M                   (RV_M),
    .RV_A                   (RV_A),
    .RV_SU                  (RV_SU),
    .SV32                   (SV32),
    .ITLB_ENTRIES           (ITLB_ENTRIES),
    .DTLB_ENTRIES           (DTLB_ENTRIES),
    .RF_BRAM                (RF_BRAM),
    .BOOTROM                (BOOTROM),
    .SPIFLASH               (SPIFLASH),
    .SPIFLASH_STREAM        (SPIFLASH_STREAM),
    .UART_RX_FIFO_DEPTH     (UART_RX_FIFO_DEPTH),
    .UART_RX_FIFO_BRAM      (UART_RX_FIFO_BRAM),
    .UART_DIVISOR_LATCH     (UART_DIVISOR_LATCH),
    .PLIC_SOURCE_MASK       (PLIC_SOURCE_MASK),
    .PLIC_PRIO_WIDTH        (PLIC_PRIO_WIDTH),
    .MEMCTL_RUNTIME_CFG     (MEMCTL_RUNTIME_CFG),
    .MEMCTL_ORG             (MEMCTL_ORG),
    .MEMCTL_BACKEND         (MEMCTL_BACKEND),
    .MEMCTL_PAGE_SHIFT      (MEMCTL_PAGE_SHIFT),
    .MEMCTL_NUM_VMS         (MEMCTL_NUM_VMS),
    .MEMCTL_GUEST_PAGES     (MEMCTL_GUEST_PAGES),
    .MEMCTL_TLB_ENTRIES     (MEMCTL_TLB_ENTRIES),
    .MEMCTL_COUNTERS        (MEMCTL_COUNTERS),
    .MEMCTL_QUEUE_DEPTH     (MEMCTL_QUEUE_DEPTH),
    .MEMCTL_SRAM_FETCH_PORT (MEMCTL_SRAM_FETCH_PORT),
    .MEMCTL_SRAM_WAIT_STATES (MEMCTL_SRAM_WAIT_STATES),
    .MEMCTL_MEM_ADDR_W      (MEMCTL_MEM_ADDR_W),
    .MEMCTL_TABLE_BRAM      (MEMCTL_TABLE_BRAM)
  ) u_board (
    .clk_i        (clk),
    .pll_lock_i   (pll_lock),
    .btn_ni       (btn_ni),
    .uart_rx_i    (uart_rx_i),
    .uart_tx_o    (uart_tx_o),
    .led_red_no   (led_red_no),
    .led_green_no (led_green_no),
    .flash_sck_o  (flash_sck_o),
    .flash_cs_no  (flash_cs_no),
    .flash_mosi_o (flash_mosi_o),
    .flash_miso_i (flash_miso_i)
  );

endmodule
