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
  parameter bit          RV_M                   = icebreaker_cfg_pkg::RV_M,
  parameter bit          RV_A                   = icebreaker_cfg_pkg::RV_A,
  parameter bit          RV_SU                  = icebreaker_cfg_pkg::RV_SU,
  parameter bit          SV32                   = icebreaker_cfg_pkg::SV32,
  parameter int unsigned ITLB_ENTRIES           = icebreaker_cfg_pkg::ITLB_ENTRIES,
  parameter int unsigned DTLB_ENTRIES           = icebreaker_cfg_pkg::DTLB_ENTRIES,
  parameter bit          RF_BRAM                = icebreaker_cfg_pkg::RF_BRAM,
  parameter bit          BOOTROM                = icebreaker_cfg_pkg::BOOTROM,
  parameter bit          SPIFLASH               = icebreaker_cfg_pkg::SPIFLASH,
  parameter int unsigned UART_RX_FIFO_DEPTH     = icebreaker_cfg_pkg::UART_RX_FIFO_DEPTH,
  parameter int unsigned MEMCTL_RUNTIME_CFG     = icebreaker_cfg_pkg::MEMCTL_RUNTIME_CFG,
  parameter int unsigned MEMCTL_ORG             = icebreaker_cfg_pkg::MEMCTL_ORG,
  parameter int unsigned MEMCTL_BACKEND         = icebreaker_cfg_pkg::MEMCTL_BACKEND,
  parameter int unsigned MEMCTL_PAGE_SHIFT      = icebreaker_cfg_pkg::MEMCTL_PAGE_SHIFT,
  parameter int unsigned MEMCTL_NUM_VMS         = icebreaker_cfg_pkg::MEMCTL_NUM_VMS,
  parameter int unsigned MEMCTL_GUEST_PAGES     = icebreaker_cfg_pkg::MEMCTL_GUEST_PAGES,
  parameter int unsigned MEMCTL_TLB_ENTRIES     = icebreaker_cfg_pkg::MEMCTL_TLB_ENTRIES,
  parameter int unsigned MEMCTL_COUNTERS        = icebreaker_cfg_pkg::MEMCTL_COUNTERS,
  parameter int unsigned MEMCTL_QUEUE_DEPTH     = icebreaker_cfg_pkg::MEMCTL_QUEUE_DEPTH,
  parameter int unsigned MEMCTL_SRAM_FETCH_PORT = icebreaker_cfg_pkg::MEMCTL_SRAM_FETCH_PORT
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

  // ---------------------------------------------------------------- reset
  logic       finish_valid;
  logic [31:0] finish_word;
  logic       rst_req;     // asynchronous reset request
  logic [1:0] rst_sync_q;
  logic       rst_n;
  logic [7:0] por_q;       // power-on / button-release delay (256 cycles)
  logic       sw_reset_q;  // finisher 0x7777

  assign rst_req = !pll_lock || !btn_ni || sw_reset_q;

  always_ff @(posedge clk or posedge rst_req) begin
    if (rst_req) begin
      rst_sync_q <= 2'b00;
    end else begin
      rst_sync_q <= {rst_sync_q[0], 1'b1};
    end
  end

  always_ff @(posedge clk or negedge rst_sync_q[1]) begin
    if (!rst_sync_q[1]) begin
      por_q <= '0;
    end else if (por_q != 8'hFF) begin
      por_q <= por_q + 8'd1;
    end
  end
  assign rst_n = (por_q == 8'hFF);

  // a finisher reset request pulses the reset for one cycle (it re-runs the power-on delay)
  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      sw_reset_q <= 1'b0;
    end else begin
      sw_reset_q <= finish_valid && (finish_word[15:0] == 16'h7777);
    end
  end

  // ---------------------------------------------------------------- SoC
  logic       tx_valid, tx_busy, tx_active, rx_valid, rx_ready;
  logic [7:0] tx_data, rx_data;

  soc_top #(
    .RV_M                   (RV_M),
    .RV_A                   (RV_A),
    .RV_SU                  (RV_SU),
    .SV32                   (SV32),
    .ITLB_ENTRIES           (ITLB_ENTRIES),
    .DTLB_ENTRIES           (DTLB_ENTRIES),
    .RF_BRAM                (RF_BRAM),
    .BOOTROM                (BOOTROM),
    .BOOTROM_INIT           (BOOTROM_INIT),
    .SPIFLASH               (SPIFLASH),
    .UART_RX_FIFO_DEPTH     (UART_RX_FIFO_DEPTH),
    .MEMCTL_RUNTIME_CFG     (MEMCTL_RUNTIME_CFG),
    .MEMCTL_ORG             (MEMCTL_ORG),
    .MEMCTL_BACKEND         (MEMCTL_BACKEND),
    .MEMCTL_PAGE_SHIFT      (MEMCTL_PAGE_SHIFT),
    .MEMCTL_NUM_VMS         (MEMCTL_NUM_VMS),
    .MEMCTL_GUEST_PAGES     (MEMCTL_GUEST_PAGES),
    .MEMCTL_TLB_ENTRIES     (MEMCTL_TLB_ENTRIES),
    .MEMCTL_COUNTERS        (MEMCTL_COUNTERS),
    .MEMCTL_QUEUE_DEPTH     (MEMCTL_QUEUE_DEPTH),
    .MEMCTL_SRAM_FETCH_PORT (MEMCTL_SRAM_FETCH_PORT)
  ) u_soc (
    .clk_i             (clk),
    .rst_ni            (rst_n),
    .boot_addr_i       (soc_memory_map_pkg::BOOTROM_BASE),
    .mem_latency_i     (8'd0),
    .ram_size_i        (32'(icebreaker_cfg_pkg::RAM_BYTES)),
    .memctl_org_i      (1'b0),
    .memctl_backend_i  (1'b0),
    .uart_tx_valid_o   (tx_valid),
    .uart_tx_data_o    (tx_data),
    .uart_tx_busy_i    (tx_busy),
    .uart_tx_active_i  (tx_active),
    .uart_rx_valid_i   (rx_valid),
    .uart_rx_data_i    (rx_data),
    .uart_rx_ready_o   (rx_ready),
    .uart_divisor_o    (),
    .spi_sck_o         (flash_sck_o),
    .spi_cs_no         (flash_cs_no),
    .spi_mosi_o        (flash_mosi_o),
    .spi_miso_i        (flash_miso_i),
    .finish_valid_o    (finish_valid),
    .finish_word_o     (finish_word),
    .rvfi_valid_o      (),
    .rvfi_order_o      (),
    .rvfi_insn_o       (),
    .rvfi_trap_o       (),
    .rvfi_intr_o       (),
    .rvfi_mode_o       (),
    .rvfi_rs1_addr_o   (),
    .rvfi_rs2_addr_o   (),
    .rvfi_rs1_rdata_o  (),
    .rvfi_rs2_rdata_o  (),
    .rvfi_rd_addr_o    (),
    .rvfi_rd_wdata_o   (),
    .rvfi_pc_rdata_o   (),
    .rvfi_pc_wdata_o   (),
    .rvfi_mem_addr_o   (),
    .rvfi_mem_rmask_o  (),
    .rvfi_mem_wmask_o  (),
    .rvfi_mem_rdata_o  (),
    .rvfi_mem_wdata_o  (),
    .rvfi_trap_cause_o (),
    .perf_cycle_o      (),
    .perf_instret_o    ()
  );

  board_uart #(
    .CLK_HZ (icebreaker_cfg_pkg::CLK_HZ),
    .BAUD   (icebreaker_cfg_pkg::BAUD)
  ) u_uart (
    .clk_i       (clk),
    .rst_ni      (rst_n),
    .tx_valid_i  (tx_valid),
    .tx_data_i   (tx_data),
    .tx_busy_o   (tx_busy),
    .tx_active_o (tx_active),
    .rx_valid_o  (rx_valid),
    .rx_data_o   (rx_data),
    .txd_o       (uart_tx_o),
    .rxd_i       (uart_rx_i)
  );

  // ---------------------------------------------------------------- LEDs
  logic [23:0] beat_q;
  logic        pass_q, fail_q;

  always_ff @(posedge clk or negedge rst_n) begin
    if (!rst_n) begin
      beat_q <= '0;
      pass_q <= 1'b0;
      fail_q <= 1'b0;
    end else begin
      beat_q <= beat_q + 24'd1;
      if (finish_valid && (finish_word[15:0] == 16'(soc_memory_map_pkg::FINISHER_PASS))) begin
        pass_q <= 1'b1;
      end
      if (finish_valid && (finish_word[15:0] == 16'(soc_memory_map_pkg::FINISHER_FAIL))) begin
        fail_q <= 1'b1;
      end
    end
  end

  assign led_green_no = !(pass_q || (!fail_q && beat_q[23]));
  assign led_red_no   = !(fail_q || !rst_n);

  logic unused;
  assign unused = ^{rx_ready, finish_word[31:16]};

endmodule
