// The SoC: rv_core, the interconnect, the memory controller (memctl: page remapping, scrubber,
// SRAM or DRAM-timing back end; docs/memctl.md), CLINT, PLIC, UART0 and the test finisher.
// Addresses come from soc_memory_map_pkg (generated from rtl/soc/memory_map.toml).
// The simulator (sim/) drives the ports below; the FPGA board top (rtl/fpga/icebreaker) wraps it
// in the board configuration (docs/fpga.md: BOOTROM, SPIFLASH, RF_BRAM, the memctl parameters).
module soc_top #(
  // rv_core parameters
  parameter bit          RV_M         = 1'b1,
  parameter bit          RV_A         = 1'b1,
  parameter bit          RV_SU        = 1'b1,
  parameter bit          SV32         = 1'b1,
  parameter int unsigned ITLB_ENTRIES = 8,
  parameter int unsigned DTLB_ENTRIES = 8,
  parameter logic [31:0] MHARTID      = 32'd0,
  parameter bit          RF_BRAM      = 1'b0,   // register file in block RAM (docs/core.md)
  parameter bit          TEST_BUG     = 1'b0,   // test aid: a planted core bug (docs/verification.md)
  // 1: the multi-cycle, area-oriented core rv_core_mc (needs SV32 = 0; docs/core.md,
  // "Multi-cycle implementation (rv_core_mc)"); 0: the pipelined rv_core
  parameter bit          CORE_MC      = 1'b0,
  // Board devices (docs/fpga.md): boot ROM at BOOTROM_BASE (contents: BOOTROM_INIT, $readmemh),
  // SPI flash window at SPIFLASH_BASE. Without them those addresses get bus errors.
  parameter bit          BOOTROM      = 1'b0,
  parameter              BOOTROM_INIT = "",
  parameter bit          SPIFLASH     = 1'b0,
  parameter int unsigned SPIFLASH_WAKE_CYCLES = 256,
  parameter bit          SPIFLASH_STREAM      = 1'b1,  // sequential words without a new command
  // SoC parameters
  // != 0: the populated RAM has this many bytes and ram_size_i is ignored, so the memory
  // controller's comparisons with the memory size are against a constant (FPGA: fewer LUTs, no
  // carry chain in the grant path); 0: ram_size_i says it (the simulator)
  parameter int unsigned FIXED_RAM_BYTES    = 0,
  parameter int unsigned UART_RX_FIFO_DEPTH = 16,
  parameter bit          UART_TX_FLOW       = 1'b0,  // board: uart_tx_busy_i / _active_i used
  parameter bit          UART_RX_FIFO_BRAM  = 1'b0,  // RX FIFO in block RAM (board)
  parameter bit          UART_DIVISOR_LATCH = 1'b1,  // 0: DLL/DLM fixed (board: fixed baud rate)
  parameter bit          UART_MODEM_REGS    = 1'b1,  // 0: LCR[6:0], MCR, SCR read 0 (board)
  // PLIC: implemented sources (bit id = source id) and priority bits (docs/memory-map.md)
  parameter int unsigned PLIC_SOURCE_MASK   = 32'hFFFF_FFFE,
  parameter int unsigned PLIC_PRIO_WIDTH    = 3,
  // CLINT: mtimecmp in block RAM, compared word-serially (FPGA board; docs/memory-map.md)
  parameter bit          CLINT_CMP_BRAM     = 1'b0,
  // Memory controller (docs/memctl.md). MEMCTL_RUNTIME_CFG = 1 (simulation) builds both
  // organisations and both back ends and lets memctl_org_i / memctl_backend_i choose; an FPGA top
  // sets it to 0 and picks MEMCTL_ORG / MEMCTL_BACKEND.
  parameter int unsigned MEMCTL_RUNTIME_CFG = 1,
  parameter int unsigned MEMCTL_ORG         = 0,
  parameter int unsigned MEMCTL_BACKEND     = 0,
  parameter int unsigned MEMCTL_PAGE_SHIFT  = 12,
  parameter int unsigned MEMCTL_NUM_VMS     = 4,
  parameter int unsigned MEMCTL_GUEST_PAGES = 4096,
  parameter int unsigned MEMCTL_TLB_ENTRIES = 16,
  parameter int unsigned MEMCTL_COUNTERS    = 1,
  parameter int unsigned MEMCTL_QUEUE_DEPTH = soc_memory_map_pkg::MEMCTL_QUEUE_DEPTH,
  parameter int unsigned MEMCTL_SRAM_FETCH_PORT = 1, // SRAM back end: fetches on their own port
  parameter int unsigned MEMCTL_SRAM_WAIT_STATES = 1, // 0: mem_latency_i ignored (no wait states)
  parameter int unsigned MEMCTL_MEM_ADDR_W  = 32, // RAM at most 2^N bytes (memctl area); 32: any
  parameter int unsigned MEMCTL_TABLE_BRAM  = 0   // org a: table in block RAM (+1 cycle)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [31:0] boot_addr_i,     // registered: set it before/during reset

  // Board configuration (runtime; registered, so set it before/during reset and keep it)
  input  logic [7:0]  mem_latency_i,   // RAM wait cycles per access (SRAM back end)
  input  logic [31:0] ram_size_i,      // populated RAM bytes from RAM_BASE; beyond: error response
  input  logic        memctl_org_i,    // MEMCTL_RUNTIME_CFG only: 0 direct table, 1 TLB + walker
  input  logic        memctl_backend_i,// MEMCTL_RUNTIME_CFG only: 0 SRAM, 1 DRAM timing model

  // UART0 byte interface
  output logic        uart_tx_valid_o,
  output logic [7:0]  uart_tx_data_o,
  input  logic        uart_tx_busy_i,    // UART_TX_FLOW: serializer cannot take a byte (THRE = 0)
  input  logic        uart_tx_active_i,  // UART_TX_FLOW: serializer still sending (TEMT = 0)
  input  logic        uart_rx_valid_i,
  input  logic [7:0]  uart_rx_data_i,
  output logic        uart_rx_ready_o,
  output logic [15:0] uart_divisor_o,

  // SPI flash (SPIFLASH only)
  output logic        spi_sck_o,
  output logic        spi_cs_no,
  output logic        spi_mosi_o,
  input  logic        spi_miso_i,

  // Test finisher: the raw word written
  output logic        finish_valid_o,
  output logic [31:0] finish_word_o,

  // The CLINT's mtime (the FPGA board's LED heartbeat)
  output logic [63:0] mtime_o,

  // Retirement trace and performance counters of the core
  output logic        rvfi_valid_o,
  output logic [63:0] rvfi_order_o,
  output logic [31:0] rvfi_insn_o,
  output logic        rvfi_trap_o,
  output logic        rvfi_intr_o,
  output logic [1:0]  rvfi_mode_o,
  output logic [4:0]  rvfi_rs1_addr_o,
  output logic [4:0]  rvfi_rs2_addr_o,
  output logic [31:0] rvfi_rs1_rdata_o,
  output logic [31:0] rvfi_rs2_rdata_o,
  output logic [4:0]  rvfi_rd_addr_o,
  output logic [31:0] rvfi_rd_wdata_o,
  output logic [31:0] rvfi_pc_rdata_o,
  output logic [31:0] rvfi_pc_wdata_o,
  output logic [31:0] rvfi_mem_addr_o,
  output logic [3:0]  rvfi_mem_rmask_o,
  output logic [3:0]  rvfi_mem_wmask_o,
  output logic [31:0] rvfi_mem_rdata_o,
  output logic [31:0] rvfi_mem_wdata_o,
  output logic [31:0] rvfi_trap_cause_o,
  output logic [63:0] perf_cycle_o,
  output logic [63:0] perf_instret_o
);

  // ------------------------------------------------------------------ core buses
  logic        ibus_req, ibus_gnt, ibus_rvalid, ibus_err;
  logic [31:0] ibus_addr, ibus_rdata;
  logic [1:0]  ibus_priv;
  logic        dbus_req, dbus_gnt, dbus_we, dbus_rvalid, dbus_err;
  logic [31:0] dbus_addr, dbus_wdata, dbus_rdata;
  logic [3:0]  dbus_be;
  logic [1:0]  dbus_priv;

  logic        irq_msoft, irq_mtimer;
  logic [1:0]  irq_ext;  // 0 = M external, 1 = S external
  logic [63:0] mtime;

  // ------------------------------------------------------------------ board configuration
  // boot_addr_i, ram_size_i and mem_latency_i are static while the SoC runs (boot_addr_i only has
  // to be stable during reset and the cycle after it), so they are registered here: the
  // verilated model re-evaluates every combinational path from a top-level input on each eval(),
  // i.e. twice per clock cycle, and these registers cut all such paths into the core and RAM.
  // The registers load during the reset cycles.
  logic [31:0] boot_addr_q, ram_size_q;
  logic [7:0]  mem_latency_q;
  logic        memctl_org_q, memctl_backend_q;
  always_ff @(posedge clk_i) begin
    boot_addr_q      <= boot_addr_i;
    ram_size_q       <= ram_size_i;
    mem_latency_q    <= mem_latency_i;
    memctl_org_q     <= memctl_org_i;
    memctl_backend_q <= memctl_backend_i;
  end

  // Both alternatives are named g_core, so the core's hierarchical path is the same for either
  // (the simulator reads soc_top.g_core.u_core.u_csr's mcause/scause for the lockstep check).
  if (CORE_MC) begin : g_core
    rv_core_mc #(
      .RV_M         (RV_M),
      .RV_A         (RV_A),
      .RV_SU        (RV_SU),
      .SV32         (SV32),
      .ITLB_ENTRIES (ITLB_ENTRIES),
      .DTLB_ENTRIES (DTLB_ENTRIES),
      .MHARTID      (MHARTID),
      .RF_BRAM      (RF_BRAM),
      .TEST_BUG     (TEST_BUG)
    ) u_core (
      .clk_i             (clk_i),
      .rst_ni            (rst_ni),
      .boot_addr_i       (boot_addr_q),
      .ibus_req_o        (ibus_req),
      .ibus_gnt_i        (ibus_gnt),
      .ibus_addr_o       (ibus_addr),
      .ibus_priv_o       (ibus_priv),
      .ibus_rvalid_i     (ibus_rvalid),
      .ibus_rdata_i      (ibus_rdata),
      .ibus_err_i        (ibus_err),
      .dbus_req_o        (dbus_req),
      .dbus_gnt_i        (dbus_gnt),
      .dbus_addr_o       (dbus_addr),
      .dbus_we_o         (dbus_we),
      .dbus_be_o         (dbus_be),
      .dbus_wdata_o      (dbus_wdata),
      .dbus_priv_o       (dbus_priv),
      .dbus_rvalid_i     (dbus_rvalid),
      .dbus_rdata_i      (dbus_rdata),
      .dbus_err_i        (dbus_err),
      .irq_msoft_i       (irq_msoft),
      .irq_mtimer_i      (irq_mtimer),
      .irq_mext_i        (irq_ext[0]),
      .irq_sext_i        (irq_ext[1]),
      .mtime_i           (mtime),
      .rvfi_valid_o      (rvfi_valid_o),
      .rvfi_order_o      (rvfi_order_o),
      .rvfi_insn_o       (rvfi_insn_o),
      .rvfi_trap_o       (rvfi_trap_o),
      .rvfi_intr_o       (rvfi_intr_o),
      .rvfi_mode_o       (rvfi_mode_o),
      .rvfi_rs1_addr_o   (rvfi_rs1_addr_o),
      .rvfi_rs2_addr_o   (rvfi_rs2_addr_o),
      .rvfi_rs1_rdata_o  (rvfi_rs1_rdata_o),
      .rvfi_rs2_rdata_o  (rvfi_rs2_rdata_o),
      .rvfi_rd_addr_o    (rvfi_rd_addr_o),
      .rvfi_rd_wdata_o   (rvfi_rd_wdata_o),
      .rvfi_pc_rdata_o   (rvfi_pc_rdata_o),
      .rvfi_pc_wdata_o   (rvfi_pc_wdata_o),
      .rvfi_mem_addr_o   (rvfi_mem_addr_o),
      .rvfi_mem_rmask_o  (rvfi_mem_rmask_o),
      .rvfi_mem_wmask_o  (rvfi_mem_wmask_o),
      .rvfi_mem_rdata_o  (rvfi_mem_rdata_o),
      .rvfi_mem_wdata_o  (rvfi_mem_wdata_o),
      .rvfi_trap_cause_o (rvfi_trap_cause_o),
      .perf_cycle_o      (perf_cycle_o),
      .perf_instret_o    (perf_instret_o)
    );
  end else begin : g_core
    rv_core #(
      .RV_M         (RV_M),
      .RV_A         (RV_A),
      .RV_SU        (RV_SU),
      .SV32         (SV32),
      .ITLB_ENTRIES (ITLB_ENTRIES),
      .DTLB_ENTRIES (DTLB_ENTRIES),
      .MHARTID      (MHARTID),
      .RF_BRAM      (RF_BRAM),
      .TEST_BUG     (TEST_BUG)
    ) u_core (
      .clk_i             (clk_i),
      .rst_ni            (rst_ni),
      .boot_addr_i       (boot_addr_q),
      .ibus_req_o        (ibus_req),
      .ibus_gnt_i        (ibus_gnt),
      .ibus_addr_o       (ibus_addr),
      .ibus_priv_o       (ibus_priv),
      .ibus_rvalid_i     (ibus_rvalid),
      .ibus_rdata_i      (ibus_rdata),
      .ibus_err_i        (ibus_err),
      .dbus_req_o        (dbus_req),
      .dbus_gnt_i        (dbus_gnt),
      .dbus_addr_o       (dbus_addr),
      .dbus_we_o         (dbus_we),
      .dbus_be_o         (dbus_be),
      .dbus_wdata_o      (dbus_wdata),
      .dbus_priv_o       (dbus_priv),
      .dbus_rvalid_i     (dbus_rvalid),
      .dbus_rdata_i      (dbus_rdata),
      .dbus_err_i        (dbus_err),
      .irq_msoft_i       (irq_msoft),
      .irq_mtimer_i      (irq_mtimer),
      .irq_mext_i        (irq_ext[0]),
      .irq_sext_i        (irq_ext[1]),
      .mtime_i           (mtime),
      .rvfi_valid_o      (rvfi_valid_o),
      .rvfi_order_o      (rvfi_order_o),
      .rvfi_insn_o       (rvfi_insn_o),
      .rvfi_trap_o       (rvfi_trap_o),
      .rvfi_intr_o       (rvfi_intr_o),
      .rvfi_mode_o       (rvfi_mode_o),
      .rvfi_rs1_addr_o   (rvfi_rs1_addr_o),
      .rvfi_rs2_addr_o   (rvfi_rs2_addr_o),
      .rvfi_rs1_rdata_o  (rvfi_rs1_rdata_o),
      .rvfi_rs2_rdata_o  (rvfi_rs2_rdata_o),
      .rvfi_rd_addr_o    (rvfi_rd_addr_o),
      .rvfi_rd_wdata_o   (rvfi_rd_wdata_o),
      .rvfi_pc_rdata_o   (rvfi_pc_rdata_o),
      .rvfi_pc_wdata_o   (rvfi_pc_wdata_o),
      .rvfi_mem_addr_o   (rvfi_mem_addr_o),
      .rvfi_mem_rmask_o  (rvfi_mem_rmask_o),
      .rvfi_mem_wmask_o  (rvfi_mem_wmask_o),
      .rvfi_mem_rdata_o  (rvfi_mem_rdata_o),
      .rvfi_mem_wdata_o  (rvfi_mem_wdata_o),
      .rvfi_trap_cause_o (rvfi_trap_cause_o),
      .perf_cycle_o      (perf_cycle_o),
      .perf_instret_o    (perf_instret_o)
    );
  end

  // ------------------------------------------------------------------ interconnect
  logic        ram_fetch_req, ram_fetch_gnt, ram_fetch_rvalid, ram_fetch_err;
  logic [31:0] ram_fetch_addr, ram_fetch_rdata;
  logic [1:0]  ram_fetch_priv;
  logic        ram_data_req, ram_data_gnt, ram_data_we, ram_data_rvalid, ram_data_err;
  logic [31:0] ram_data_addr, ram_data_wdata, ram_data_rdata;
  logic [3:0]  ram_data_be;
  logic [1:0]  ram_data_priv;

  logic        clint_req, clint_gnt, clint_rvalid, clint_err;
  logic [31:0] clint_rdata;
  logic        plic_req, plic_gnt, plic_rvalid, plic_err;
  logic [31:0] plic_rdata;
  logic        uart_req, uart_gnt, uart_rvalid, uart_err;
  logic [31:0] uart_rdata;
  logic        finisher_req, finisher_gnt, finisher_rvalid, finisher_err;
  logic [31:0] finisher_rdata;
  logic        memctl_req, memctl_gnt, memctl_rvalid, memctl_err;
  logic [31:0] memctl_rdata;
  logic        memctl_xlate_en, memctl_irq;

  logic [31:0] periph_addr, periph_wdata;
  logic        periph_we;
  logic [3:0]  periph_be;

  logic        rom_fetch_req, rom_fetch_gnt, rom_fetch_rvalid;
  logic [31:0] rom_fetch_rdata;
  logic        rom_req, rom_gnt, rom_rvalid, rom_err;
  logic [31:0] rom_rdata;
  logic        flash_req, flash_gnt, flash_rvalid, flash_err;
  logic [31:0] flash_rdata;

  soc_interconnect #(
    .HAS_BOOTROM  (BOOTROM),
    .HAS_SPIFLASH (SPIFLASH)
  ) u_interconnect (
    .clk_i              (clk_i),
    .rst_ni             (rst_ni),
    .guest_xlate_i      (memctl_xlate_en),
    .ibus_req_i         (ibus_req),
    .ibus_gnt_o         (ibus_gnt),
    .ibus_addr_i        (ibus_addr),
    .ibus_priv_i        (ibus_priv),
    .ibus_rvalid_o      (ibus_rvalid),
    .ibus_rdata_o       (ibus_rdata),
    .ibus_err_o         (ibus_err),
    .dbus_req_i         (dbus_req),
    .dbus_gnt_o         (dbus_gnt),
    .dbus_addr_i        (dbus_addr),
    .dbus_we_i          (dbus_we),
    .dbus_be_i          (dbus_be),
    .dbus_wdata_i       (dbus_wdata),
    .dbus_priv_i        (dbus_priv),
    .dbus_rvalid_o      (dbus_rvalid),
    .dbus_rdata_o       (dbus_rdata),
    .dbus_err_o         (dbus_err),
    .ram_fetch_req_o    (ram_fetch_req),
    .ram_fetch_gnt_i    (ram_fetch_gnt),
    .ram_fetch_addr_o   (ram_fetch_addr),
    .ram_fetch_priv_o   (ram_fetch_priv),
    .ram_fetch_rvalid_i (ram_fetch_rvalid),
    .ram_fetch_rdata_i  (ram_fetch_rdata),
    .ram_fetch_err_i    (ram_fetch_err),
    .ram_data_req_o     (ram_data_req),
    .ram_data_gnt_i     (ram_data_gnt),
    .ram_data_addr_o    (ram_data_addr),
    .ram_data_we_o      (ram_data_we),
    .ram_data_be_o      (ram_data_be),
    .ram_data_wdata_o   (ram_data_wdata),
    .ram_data_priv_o    (ram_data_priv),
    .ram_data_rvalid_i  (ram_data_rvalid),
    .ram_data_rdata_i   (ram_data_rdata),
    .ram_data_err_i     (ram_data_err),
    .clint_req_o        (clint_req),
    .clint_gnt_i        (clint_gnt),
    .clint_rvalid_i     (clint_rvalid),
    .clint_rdata_i      (clint_rdata),
    .clint_err_i        (clint_err),
    .plic_req_o         (plic_req),
    .plic_gnt_i         (plic_gnt),
    .plic_rvalid_i      (plic_rvalid),
    .plic_rdata_i       (plic_rdata),
    .plic_err_i         (plic_err),
    .uart_req_o         (uart_req),
    .uart_gnt_i         (uart_gnt),
    .uart_rvalid_i      (uart_rvalid),
    .uart_rdata_i       (uart_rdata),
    .uart_err_i         (uart_err),
    .memctl_req_o       (memctl_req),
    .memctl_gnt_i       (memctl_gnt),
    .memctl_rvalid_i    (memctl_rvalid),
    .memctl_rdata_i     (memctl_rdata),
    .memctl_err_i       (memctl_err),
    .finisher_req_o     (finisher_req),
    .finisher_gnt_i     (finisher_gnt),
    .finisher_rvalid_i  (finisher_rvalid),
    .finisher_rdata_i   (finisher_rdata),
    .finisher_err_i     (finisher_err),
    .rom_fetch_req_o    (rom_fetch_req),
    .rom_fetch_gnt_i    (rom_fetch_gnt),
    .rom_fetch_rvalid_i (rom_fetch_rvalid),
    .rom_fetch_rdata_i  (rom_fetch_rdata),
    .rom_req_o          (rom_req),
    .rom_gnt_i          (rom_gnt),
    .rom_rvalid_i       (rom_rvalid),
    .rom_rdata_i        (rom_rdata),
    .rom_err_i          (rom_err),
    .flash_req_o        (flash_req),
    .flash_gnt_i        (flash_gnt),
    .flash_rvalid_i     (flash_rvalid),
    .flash_rdata_i      (flash_rdata),
    .flash_err_i        (flash_err),
    .periph_addr_o      (periph_addr),
    .periph_we_o        (periph_we),
    .periph_be_o        (periph_be),
    .periph_wdata_o     (periph_wdata)
  );

  // ------------------------------------------------------------------ memory controller
  memctl_top #(
    .ORG         (MEMCTL_ORG),
    .PAGE_SHIFT  (MEMCTL_PAGE_SHIFT),
    .NUM_VMS     (MEMCTL_NUM_VMS),
    .GUEST_PAGES (MEMCTL_GUEST_PAGES),
    .TLB_ENTRIES (MEMCTL_TLB_ENTRIES),
    .BACKEND     (MEMCTL_BACKEND),
    .RUNTIME_CFG (MEMCTL_RUNTIME_CFG),
    .COUNTERS    (MEMCTL_COUNTERS),
    .QUEUE_DEPTH (MEMCTL_QUEUE_DEPTH),
    .SRAM_FETCH_PORT (MEMCTL_SRAM_FETCH_PORT),
    .SRAM_WAIT_STATES (MEMCTL_SRAM_WAIT_STATES),
    .MEM_ADDR_W  (MEMCTL_MEM_ADDR_W),
    .TABLE_BRAM  (MEMCTL_TABLE_BRAM)
  ) u_memctl (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .mem_pages_i    (((FIXED_RAM_BYTES != 0) ? 32'(FIXED_RAM_BYTES) : ram_size_q) >> MEMCTL_PAGE_SHIFT),
    .mem_latency_i  (mem_latency_q),
    .org_sel_i      (memctl_org_q),
    .backend_sel_i  (memctl_backend_q),
    .fetch_sel_req_i (ibus_req),
    .data_sel_req_i  (dbus_req),
    .fetch_req_i    (ram_fetch_req),
    .fetch_gnt_o    (ram_fetch_gnt),
    .fetch_addr_i   (ram_fetch_addr),
    .fetch_priv_i   (ram_fetch_priv),
    .fetch_rvalid_o (ram_fetch_rvalid),
    .fetch_rdata_o  (ram_fetch_rdata),
    .fetch_err_o    (ram_fetch_err),
    .data_req_i     (ram_data_req),
    .data_gnt_o     (ram_data_gnt),
    .data_addr_i    (ram_data_addr),
    .data_we_i      (ram_data_we),
    .data_be_i      (ram_data_be),
    .data_wdata_i   (ram_data_wdata),
    .data_priv_i    (ram_data_priv),
    .data_rvalid_o  (ram_data_rvalid),
    .data_rdata_o   (ram_data_rdata),
    .data_err_o     (ram_data_err),
    .regs_req_i     (memctl_req),
    .regs_gnt_o     (memctl_gnt),
    .regs_addr_i    (periph_addr),
    .regs_we_i      (periph_we),
    .regs_be_i      (periph_be),
    .regs_wdata_i   (periph_wdata),
    .regs_rvalid_o  (memctl_rvalid),
    .regs_rdata_o   (memctl_rdata),
    .regs_err_o     (memctl_err),
    .irq_o          (memctl_irq),
    .xlate_en_o     (memctl_xlate_en)
  );

  // ------------------------------------------------------------------ peripherals
  assign mtime_o = mtime;

  soc_clint #(
    .CMP_BRAM (CLINT_CMP_BRAM)
  ) u_clint (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .req_i        (clint_req),
    .gnt_o        (clint_gnt),
    .addr_i       (periph_addr),
    .we_i         (periph_we),
    .be_i         (periph_be),
    .wdata_i      (periph_wdata),
    .rvalid_o     (clint_rvalid),
    .rdata_o      (clint_rdata),
    .err_o        (clint_err),
    .irq_msoft_o  (irq_msoft),
    .irq_mtimer_o (irq_mtimer),
    .mtime_o      (mtime)
  );

  logic                                                 uart_irq;
  logic [soc_memory_map_pkg::PLIC_NUM_SOURCES-1:0]      plic_sources;

  always_comb begin
    plic_sources = '0;
    plic_sources[soc_memory_map_pkg::PLIC_IRQ_UART0] = uart_irq;
    plic_sources[soc_memory_map_pkg::PLIC_IRQ_MEMCTL] = memctl_irq;
  end

  soc_plic #(
    .NumSources  (soc_memory_map_pkg::PLIC_NUM_SOURCES),
    .NumContexts (2),
    .PrioWidth   (PLIC_PRIO_WIDTH),
    .SourceMask  (32'(PLIC_SOURCE_MASK))
  ) u_plic (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .req_i         (plic_req),
    .gnt_o         (plic_gnt),
    .addr_i        (periph_addr),
    .we_i          (periph_we),
    .be_i          (periph_be),
    .wdata_i       (periph_wdata),
    .rvalid_o      (plic_rvalid),
    .rdata_o       (plic_rdata),
    .err_o         (plic_err),
    .irq_sources_i (plic_sources),
    .irq_o         (irq_ext)
  );

  soc_uart16550 #(
    .RxFifoDepth   (UART_RX_FIFO_DEPTH),
    .TX_FLOW       (UART_TX_FLOW),
    .RX_FIFO_BRAM  (UART_RX_FIFO_BRAM),
    .DIVISOR_LATCH (UART_DIVISOR_LATCH),
    .MODEM_REGS    (UART_MODEM_REGS)
  ) u_uart0 (
    .clk_i      (clk_i),
    .rst_ni     (rst_ni),
    .req_i      (uart_req),
    .gnt_o      (uart_gnt),
    .addr_i     (periph_addr),
    .we_i       (periph_we),
    .be_i       (periph_be),
    .wdata_i    (periph_wdata),
    .rvalid_o   (uart_rvalid),
    .rdata_o    (uart_rdata),
    .err_o      (uart_err),
    .tx_valid_o (uart_tx_valid_o),
    .tx_data_o  (uart_tx_data_o),
    .tx_busy_i   (uart_tx_busy_i),
    .tx_active_i (uart_tx_active_i),
    .rx_valid_i (uart_rx_valid_i),
    .rx_data_i  (uart_rx_data_i),
    .rx_ready_o (uart_rx_ready_o),
    .divisor_o  (uart_divisor_o),
    .irq_o      (uart_irq)
  );

  soc_finisher u_finisher (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .req_i          (finisher_req),
    .gnt_o          (finisher_gnt),
    .addr_i         (periph_addr),
    .we_i           (periph_we),
    .be_i           (periph_be),
    .wdata_i        (periph_wdata),
    .rvalid_o       (finisher_rvalid),
    .rdata_o        (finisher_rdata),
    .err_o          (finisher_err),
    .finish_valid_o (finish_valid_o),
    .finish_word_o  (finish_word_o)
  );

  // ------------------------------------------------------------------ board devices
  if (BOOTROM) begin : g_bootrom
    soc_bootrom #(
      .INIT_FILE (BOOTROM_INIT)
    ) u_bootrom (
      .clk_i      (clk_i),
      .rst_ni     (rst_ni),
      .f_req_i    (rom_fetch_req),
      .f_gnt_o    (rom_fetch_gnt),
      .f_addr_i   (ibus_addr),
      .f_rvalid_o (rom_fetch_rvalid),
      .f_rdata_o  (rom_fetch_rdata),
      .d_req_i    (rom_req),
      .d_gnt_o    (rom_gnt),
      .d_addr_i   (periph_addr),
      .d_we_i     (periph_we),
      .d_rvalid_o (rom_rvalid),
      .d_rdata_o  (rom_rdata),
      .d_err_o    (rom_err)
    );
  end else begin : g_no_bootrom
    assign rom_fetch_gnt    = 1'b0;
    assign rom_fetch_rvalid = 1'b0;
    assign rom_fetch_rdata  = '0;
    assign rom_gnt          = 1'b0;
    assign rom_rvalid       = 1'b0;
    assign rom_rdata        = '0;
    assign rom_err          = 1'b0;
    logic unused_rom;
    assign unused_rom = ^{rom_fetch_req, rom_req};
  end

  if (SPIFLASH) begin : g_spiflash
    soc_spiflash #(
      .WAKE_CYCLES (SPIFLASH_WAKE_CYCLES),
      .STREAM      (SPIFLASH_STREAM)
    ) u_spiflash (
      .clk_i    (clk_i),
      .rst_ni   (rst_ni),
      .req_i    (flash_req),
      .gnt_o    (flash_gnt),
      .addr_i   (periph_addr),
      .we_i     (periph_we),
      .rvalid_o (flash_rvalid),
      .rdata_o  (flash_rdata),
      .err_o    (flash_err),
      .sck_o    (spi_sck_o),
      .cs_no    (spi_cs_no),
      .mosi_o   (spi_mosi_o),
      .miso_i   (spi_miso_i)
    );
  end else begin : g_no_spiflash
    assign flash_gnt    = 1'b0;
    assign flash_rvalid = 1'b0;
    assign flash_rdata  = '0;
    assign flash_err    = 1'b0;
    assign spi_sck_o    = 1'b0;
    assign spi_cs_no    = 1'b1;
    assign spi_mosi_o   = 1'b0;
    logic unused_flash;
    assign unused_flash = ^{flash_req, spi_miso_i};
  end

endmodule
