// Everything of the iCEBreaker board top below the PLL (docs/fpga.md): reset, soc_top in the board
// configuration, the UART serializer, the LEDs. Separate from icebreaker_top so that the
// post-synthesis simulation (tests/fpga) can run this netlist with a clock of its own (the PLL has
// no simulation model). CLK_HZ and BAUD only set the UART's bit time.
module icebreaker_soc #(
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
  parameter bit          UART_MODEM_REGS        = icebreaker_cfg_pkg::UART_MODEM_REGS,
  parameter int unsigned PLIC_SOURCE_MASK       = icebreaker_cfg_pkg::PLIC_SOURCE_MASK,
  parameter int unsigned PLIC_PRIO_WIDTH        = icebreaker_cfg_pkg::PLIC_PRIO_WIDTH,
  parameter bit          CLINT_CMP_BRAM         = icebreaker_cfg_pkg::CLINT_CMP_BRAM,
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
  parameter int unsigned MEMCTL_TABLE_BRAM      = icebreaker_cfg_pkg::MEMCTL_TABLE_BRAM,
  parameter int unsigned CLK_HZ                 = icebreaker_cfg_pkg::CLK_HZ,
  parameter int unsigned BAUD                   = icebreaker_cfg_pkg::BAUD
) (
  input  logic clk_i,         // system clock (PLL output)
  input  logic pll_lock_i,
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

  // ---------------------------------------------------------------- reset
  // Asynchronous assertion (button, PLL not locked), synchronous release after 2 + 255 cycles.
  // A finisher write of 0x7777 restarts the delay (synchronous), which resets the SoC.
  logic        finish_valid;
  logic [31:0] finish_word;
  logic        rst_req;     // asynchronous reset request
  logic        sw_reset;
  logic [1:0]  rst_sync_q;
  // MEMCTL_MEM_ADDR_W is a second statement of the RAM size (the memory controller narrows its
  // machine addresses to it): the configuration must keep the two consistent.
  if ((64'd1 << MEMCTL_MEM_ADDR_W) < 64'(icebreaker_cfg_pkg::RAM_BYTES)) begin : g_addr_w_too_small
    $error("icebreaker_soc: MEMCTL_MEM_ADDR_W is too small for RAM_BYTES (icebreaker_cfg_pkg)");
  end

  logic [7:0]  por_q;
  logic        rst_n;

  assign rst_req  = !pll_lock_i || !btn_ni;
  assign sw_reset = finish_valid && (finish_word[15:0] == 16'h7777);

  always_ff @(posedge clk_i or posedge rst_req) begin
    if (rst_req) begin
      rst_sync_q <= 2'b00;
      por_q      <= '0;
      rst_n      <= 1'b0;
    end else begin
      rst_sync_q <= {rst_sync_q[0], 1'b1};
      if (sw_reset) begin
        por_q <= '0;
      end else if (rst_sync_q[1] && (por_q != 8'hFF)) begin
        por_q <= por_q + 8'd1;
      end
      rst_n <= (por_q == 8'hFF) && !sw_reset;
    end
  end

  // ---------------------------------------------------------------- SoC
  logic       tx_valid, tx_busy, tx_active, rx_valid, rx_ready;
  logic [63:0] mtime;
  logic [7:0] tx_data, rx_data;

  soc_top #(
    .CORE_MC                (CORE_MC),
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
    .SPIFLASH_STREAM        (SPIFLASH_STREAM),
    .UART_RX_FIFO_DEPTH     (UART_RX_FIFO_DEPTH),
    .UART_RX_FIFO_BRAM      (UART_RX_FIFO_BRAM),
    .UART_DIVISOR_LATCH     (UART_DIVISOR_LATCH),
    .UART_MODEM_REGS        (UART_MODEM_REGS),
    .PLIC_SOURCE_MASK       (PLIC_SOURCE_MASK),
    .PLIC_PRIO_WIDTH        (PLIC_PRIO_WIDTH),
    .CLINT_CMP_BRAM         (CLINT_CMP_BRAM),
    .FIXED_RAM_BYTES        (icebreaker_cfg_pkg::RAM_BYTES),
    .UART_TX_FLOW           (1'b1),   // board_uart: THRE/TEMT follow the serializer
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
  ) u_soc (
    .clk_i             (clk_i),
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
    .mtime_o           (mtime),
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
    .CLK_HZ (CLK_HZ),
    .BAUD   (BAUD)
  ) u_uart (
    .clk_i       (clk_i),
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
  // The heartbeat is bit 23 of the CLINT's mtime (it counts clock cycles from reset; software
  // rarely writes it) instead of a counter of its own.
  logic pass_q, fail_q;

  always_ff @(posedge clk_i or negedge rst_n) begin
    if (!rst_n) begin
      pass_q <= 1'b0;
      fail_q <= 1'b0;
    end else begin
      if (finish_valid && (finish_word[15:0] == 16'(soc_memory_map_pkg::FINISHER_PASS))) begin
        pass_q <= 1'b1;
      end
      if (finish_valid && (finish_word[15:0] == 16'(soc_memory_map_pkg::FINISHER_FAIL))) begin
        fail_q <= 1'b1;
      end
    end
  end

  assign led_green_no = !(pass_q || (!fail_q && mtime[23]));
  assign led_red_no   = !(fail_q || !rst_n);

  logic unused;
  assign unused = ^{rx_ready, finish_word[31:16], mtime[63:24], mtime[22:0]};

endmodule
