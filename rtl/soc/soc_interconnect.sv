// Address decoder and response router between the core's two master ports and the SoC slaves.
//
// - ibus (instruction fetch) reaches the RAM's fetch port (and, with HAS_BOOTROM, the boot ROM)
//   only; any other address gets an error response.
// - dbus (loads, stores, AMOs, page-table walks) reaches the RAM's data port, CLINT, PLIC, UART0,
//   the memory controller's registers and the test finisher, and in the board configuration the
//   boot ROM (HAS_BOOTROM) and the SPI flash window (HAS_SPIFLASH); unmapped addresses get an
//   error response.
// - The "RAM" ports are the memory controller's fetch and data ports (docs/memctl.md). While it
//   translates (guest_xlate_i = CTRL.ENABLE), every guest access (priv != M) goes to those ports
//   whatever its address, so the controller answers guest accesses to device addresses with a
//   translation fault (the VMM emulates the devices).
//
// Bus rules (docs/architecture.md): each master has at most one request outstanding, so the
// router remembers the slave of the outstanding request and returns that slave's response. A new
// request may be presented (and routed elsewhere) in the cycle the previous response arrives. The
// decode is purely combinational, so the RAM keeps one access per cycle per port.
module soc_interconnect #(
  parameter bit HAS_BOOTROM  = 1'b0,
  parameter bit HAS_SPIFLASH = 1'b0
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic        guest_xlate_i,   // memctl CTRL.ENABLE: route guest accesses to the RAM ports

  // Master: core instruction port
  input  logic        ibus_req_i,
  output logic        ibus_gnt_o,
  input  logic [31:0] ibus_addr_i,
  input  logic [1:0]  ibus_priv_i,
  output logic        ibus_rvalid_o,
  output logic [31:0] ibus_rdata_o,
  output logic        ibus_err_o,

  // Master: core data port
  input  logic        dbus_req_i,
  output logic        dbus_gnt_o,
  input  logic [31:0] dbus_addr_i,
  input  logic        dbus_we_i,
  input  logic [3:0]  dbus_be_i,
  input  logic [31:0] dbus_wdata_i,
  input  logic [1:0]  dbus_priv_i,
  output logic        dbus_rvalid_o,
  output logic [31:0] dbus_rdata_o,
  output logic        dbus_err_o,

  // Slave: RAM fetch port
  output logic        ram_fetch_req_o,
  input  logic        ram_fetch_gnt_i,
  output logic [31:0] ram_fetch_addr_o,
  output logic [1:0]  ram_fetch_priv_o,
  input  logic        ram_fetch_rvalid_i,
  input  logic [31:0] ram_fetch_rdata_i,
  input  logic        ram_fetch_err_i,

  // Slave: RAM data port
  output logic        ram_data_req_o,
  input  logic        ram_data_gnt_i,
  output logic [31:0] ram_data_addr_o,
  output logic        ram_data_we_o,
  output logic [3:0]  ram_data_be_o,
  output logic [31:0] ram_data_wdata_o,
  output logic [1:0]  ram_data_priv_o,
  input  logic        ram_data_rvalid_i,
  input  logic [31:0] ram_data_rdata_i,
  input  logic        ram_data_err_i,

  // Slave: CLINT
  output logic        clint_req_o,
  input  logic        clint_gnt_i,
  input  logic        clint_rvalid_i,
  input  logic [31:0] clint_rdata_i,
  input  logic        clint_err_i,

  // Slave: PLIC
  output logic        plic_req_o,
  input  logic        plic_gnt_i,
  input  logic        plic_rvalid_i,
  input  logic [31:0] plic_rdata_i,
  input  logic        plic_err_i,

  // Slave: UART0
  output logic        uart_req_o,
  input  logic        uart_gnt_i,
  input  logic        uart_rvalid_i,
  input  logic [31:0] uart_rdata_i,
  input  logic        uart_err_i,

  // Slave: memory controller registers
  output logic        memctl_req_o,
  input  logic        memctl_gnt_i,
  input  logic        memctl_rvalid_i,
  input  logic [31:0] memctl_rdata_i,
  input  logic        memctl_err_i,

  // Slave: test finisher
  output logic        finisher_req_o,
  input  logic        finisher_gnt_i,
  input  logic        finisher_rvalid_i,
  input  logic [31:0] finisher_rdata_i,
  input  logic        finisher_err_i,

  // Board configuration: boot ROM (fetch and data port) and SPI flash window (data)
  output logic        rom_fetch_req_o,
  input  logic        rom_fetch_gnt_i,
  input  logic        rom_fetch_rvalid_i,
  input  logic [31:0] rom_fetch_rdata_i,
  output logic        rom_req_o,
  input  logic        rom_gnt_i,
  input  logic        rom_rvalid_i,
  input  logic [31:0] rom_rdata_i,
  input  logic        rom_err_i,
  output logic        flash_req_o,
  input  logic        flash_gnt_i,
  input  logic        flash_rvalid_i,
  input  logic [31:0] flash_rdata_i,
  input  logic        flash_err_i,
  // Shared request fields of the peripheral slaves (taken from dbus)
  output logic [31:0] periph_addr_o,
  output logic        periph_we_o,
  output logic [3:0]  periph_be_o,
  output logic [31:0] periph_wdata_o
);

  typedef enum logic [3:0] {
    SelRam      = 4'd0,
    SelClint    = 4'd1,
    SelPlic     = 4'd2,
    SelUart     = 4'd3,
    SelFinisher = 4'd4,
    SelMemctl   = 4'd5,
    SelErr      = 4'd6,
    SelRom      = 4'd7,
    SelFlash    = 4'd8
  } dsel_e;

  // base and size are constants. A region whose size is a power of two and whose base is aligned
  // to it (all regions of the memory map) is decoded by comparing the upper address bits: a few
  // LUTs instead of a 32-bit subtraction and comparison (same result).
  function automatic logic in_region(logic [31:0] addr, logic [31:0] base, logic [31:0] size);
    logic [31:0] off;
    if (((size & (size - 32'd1)) == 32'd0) && ((base & (size - 32'd1)) == 32'd0)) begin
      in_region = ((addr ^ base) & ~(size - 32'd1)) == 32'd0;
    end else begin
      off       = addr - base;
      in_region = off < size;
    end
  endfunction

  // ------------------------------------------------------------------ ibus
  logic ibus_to_ram, ibus_to_rom;
  logic ibus_hs;
  logic ibus_pend_q, ibus_pend_d;     // a request is outstanding
  logic ibus_ram_q, ibus_ram_d;       // ... and it went to the RAM
  logic ibus_rom_q, ibus_rom_d;       // ... or to the boot ROM (neither: error response)

  assign ibus_to_ram      = in_region(ibus_addr_i, soc_memory_map_pkg::RAM_BASE,
                                      soc_memory_map_pkg::RAM_SIZE) ||
                            (guest_xlate_i && (ibus_priv_i != 2'd3));
  assign ibus_to_rom      = HAS_BOOTROM && !ibus_to_ram &&
                            in_region(ibus_addr_i, soc_memory_map_pkg::BOOTROM_BASE,
                                      soc_memory_map_pkg::BOOTROM_SIZE);
  assign ram_fetch_req_o  = ibus_req_i && ibus_to_ram;
  assign ram_fetch_addr_o = ibus_addr_i;
  assign ram_fetch_priv_o = ibus_priv_i;
  assign rom_fetch_req_o  = ibus_req_i && ibus_to_rom;
  // The error responder is always ready.
  assign ibus_gnt_o       = ibus_to_ram ? ram_fetch_gnt_i :
                            ibus_to_rom ? rom_fetch_gnt_i : 1'b1;
  assign ibus_hs          = ibus_req_i && ibus_gnt_o;

  always_comb begin
    ibus_pend_d = ibus_pend_q;
    ibus_ram_d  = ibus_ram_q;
    ibus_rom_d  = ibus_rom_q;
    if (ibus_hs) begin
      ibus_pend_d = 1'b1;
      ibus_ram_d  = ibus_to_ram;
      ibus_rom_d  = ibus_to_rom;
    end else if (ibus_rvalid_o) begin
      ibus_pend_d = 1'b0;
    end
  end

  always_comb begin
    if (ibus_ram_q) begin
      ibus_rvalid_o = ibus_pend_q && ram_fetch_rvalid_i;
      ibus_rdata_o  = ram_fetch_rdata_i;
      ibus_err_o    = ram_fetch_err_i;
    end else if (HAS_BOOTROM && ibus_rom_q) begin
      ibus_rvalid_o = ibus_pend_q && rom_fetch_rvalid_i;
      ibus_rdata_o  = rom_fetch_rdata_i;
      ibus_err_o    = 1'b0;
    end else begin
      ibus_rvalid_o = ibus_pend_q;
      ibus_rdata_o  = 32'd0;
      ibus_err_o    = 1'b1;
    end
  end

  // ------------------------------------------------------------------ dbus
  dsel_e dbus_sel;
  dsel_e dbus_sel_q, dbus_sel_d;
  logic  dbus_pend_q, dbus_pend_d;
  logic  dbus_hs;

  always_comb begin
    if (in_region(dbus_addr_i, soc_memory_map_pkg::RAM_BASE, soc_memory_map_pkg::RAM_SIZE) ||
        (guest_xlate_i && (dbus_priv_i != 2'd3))) begin
      dbus_sel = SelRam;
    end else if (in_region(dbus_addr_i, soc_memory_map_pkg::CLINT_BASE,
                           soc_memory_map_pkg::CLINT_SIZE)) begin
      dbus_sel = SelClint;
    end else if (in_region(dbus_addr_i, soc_memory_map_pkg::PLIC_BASE,
                           soc_memory_map_pkg::PLIC_SIZE)) begin
      dbus_sel = SelPlic;
    end else if (in_region(dbus_addr_i, soc_memory_map_pkg::UART0_BASE,
                           soc_memory_map_pkg::UART0_SIZE)) begin
      dbus_sel = SelUart;
    end else if (in_region(dbus_addr_i, soc_memory_map_pkg::FINISHER_BASE,
                           soc_memory_map_pkg::FINISHER_SIZE)) begin
      dbus_sel = SelFinisher;
    end else if (in_region(dbus_addr_i, soc_memory_map_pkg::MEMCTL_BASE,
                           soc_memory_map_pkg::MEMCTL_SIZE)) begin
      dbus_sel = SelMemctl;
    end else if (HAS_BOOTROM && in_region(dbus_addr_i, soc_memory_map_pkg::BOOTROM_BASE,
                                          soc_memory_map_pkg::BOOTROM_SIZE)) begin
      dbus_sel = SelRom;
    end else if (HAS_SPIFLASH && in_region(dbus_addr_i, soc_memory_map_pkg::SPIFLASH_BASE,
                                           soc_memory_map_pkg::SPIFLASH_SIZE)) begin
      dbus_sel = SelFlash;
    end else begin
      dbus_sel = SelErr;
    end
  end

  assign ram_data_req_o   = dbus_req_i && (dbus_sel == SelRam);
  assign clint_req_o      = dbus_req_i && (dbus_sel == SelClint);
  assign plic_req_o       = dbus_req_i && (dbus_sel == SelPlic);
  assign uart_req_o       = dbus_req_i && (dbus_sel == SelUart);
  assign finisher_req_o   = dbus_req_i && (dbus_sel == SelFinisher);
  assign memctl_req_o     = dbus_req_i && (dbus_sel == SelMemctl);
  assign rom_req_o        = dbus_req_i && (dbus_sel == SelRom);
  assign flash_req_o      = dbus_req_i && (dbus_sel == SelFlash);

  assign ram_data_addr_o  = dbus_addr_i;
  assign ram_data_we_o    = dbus_we_i;
  assign ram_data_be_o    = dbus_be_i;
  assign ram_data_wdata_o = dbus_wdata_i;
  assign ram_data_priv_o  = dbus_priv_i;

  assign periph_addr_o    = dbus_addr_i;
  assign periph_we_o      = dbus_we_i;
  assign periph_be_o      = dbus_be_i;
  assign periph_wdata_o   = dbus_wdata_i;

  always_comb begin
    unique case (dbus_sel)
      SelRam:      dbus_gnt_o = ram_data_gnt_i;
      SelClint:    dbus_gnt_o = clint_gnt_i;
      SelPlic:     dbus_gnt_o = plic_gnt_i;
      SelUart:     dbus_gnt_o = uart_gnt_i;
      SelFinisher: dbus_gnt_o = finisher_gnt_i;
      SelMemctl:   dbus_gnt_o = memctl_gnt_i;
      SelRom:      dbus_gnt_o = rom_gnt_i;
      SelFlash:    dbus_gnt_o = flash_gnt_i;
      default:     dbus_gnt_o = 1'b1;  // error responder
    endcase
  end
  assign dbus_hs = dbus_req_i && dbus_gnt_o;

  always_comb begin
    dbus_pend_d = dbus_pend_q;
    dbus_sel_d  = dbus_sel_q;
    if (dbus_hs) begin
      dbus_pend_d = 1'b1;
      dbus_sel_d  = dbus_sel;
    end else if (dbus_rvalid_o) begin
      dbus_pend_d = 1'b0;
    end
  end

  always_comb begin
    dbus_rvalid_o = 1'b0;
    dbus_rdata_o  = 32'd0;
    dbus_err_o    = 1'b0;
    unique case (dbus_sel_q)
      SelRam: begin
        dbus_rvalid_o = ram_data_rvalid_i;
        dbus_rdata_o  = ram_data_rdata_i;
        dbus_err_o    = ram_data_err_i;
      end
      SelClint: begin
        dbus_rvalid_o = clint_rvalid_i;
        dbus_rdata_o  = clint_rdata_i;
        dbus_err_o    = clint_err_i;
      end
      SelPlic: begin
        dbus_rvalid_o = plic_rvalid_i;
        dbus_rdata_o  = plic_rdata_i;
        dbus_err_o    = plic_err_i;
      end
      SelUart: begin
        dbus_rvalid_o = uart_rvalid_i;
        dbus_rdata_o  = uart_rdata_i;
        dbus_err_o    = uart_err_i;
      end
      SelFinisher: begin
        dbus_rvalid_o = finisher_rvalid_i;
        dbus_rdata_o  = finisher_rdata_i;
        dbus_err_o    = finisher_err_i;
      end
      SelMemctl: begin
        dbus_rvalid_o = memctl_rvalid_i;
        dbus_rdata_o  = memctl_rdata_i;
        dbus_err_o    = memctl_err_i;
      end
      SelRom: begin
        dbus_rvalid_o = rom_rvalid_i;
        dbus_rdata_o  = rom_rdata_i;
        dbus_err_o    = rom_err_i;
      end
      SelFlash: begin
        dbus_rvalid_o = flash_rvalid_i;
        dbus_rdata_o  = flash_rdata_i;
        dbus_err_o    = flash_err_i;
      end
      default: begin
        dbus_rvalid_o = 1'b1;
        dbus_err_o    = 1'b1;
      end
    endcase
    dbus_rvalid_o = dbus_rvalid_o && dbus_pend_q;
  end

  // ------------------------------------------------------------------ state
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ibus_pend_q <= 1'b0;
      ibus_ram_q  <= 1'b0;
      ibus_rom_q  <= 1'b0;
      dbus_pend_q <= 1'b0;
      dbus_sel_q  <= SelErr;
    end else begin
      ibus_pend_q <= ibus_pend_d;
      ibus_ram_q  <= ibus_ram_d;
      ibus_rom_q  <= ibus_rom_d;
      dbus_pend_q <= dbus_pend_d;
      dbus_sel_q  <= dbus_sel_d;
    end
  end

endmodule
