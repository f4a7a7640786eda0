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
// decode is purely combinational, so the RAM keeps one access per cycle per port. CLINT, PLIC,
// UART0, the test finisher and the boot ROM's data port must be always ready and respond in the
// next cycle (their grant and rvalid inputs are not looked at), and only the boot ROM of them may
// answer with an error.
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

  // base and size are constants. A region whose size is a power of two and whose base is aligned
  // to it (all regions of the memory map) is decoded by comparing the upper address bits: a few
  // LUTs instead of a 32-bit subtraction and comparison (same result). The comparison is written
  // nibble by nibble, so that the regions share the LUT of a nibble they have in common (yosys
  // merges equal comparisons; one big comparison per region is left to abc, which shares less).
  function automatic logic in_region(logic [31:0] addr, logic [31:0] base, logic [31:0] size);
    logic [31:0] off;
    logic [31:0] m;
    if (((size & (size - 32'd1)) == 32'd0) && ((base & (size - 32'd1)) == 32'd0)) begin
      m = ~(size - 32'd1);
      in_region = 1'b1;
      for (int k = 0; k < 8; k++) begin
        if (m[4*k +: 4] == 4'hF) in_region = in_region && (addr[4*k +: 4] == base[4*k +: 4]);
        else if (m[4*k +: 4] != 4'h0)
          in_region = in_region && (((addr[4*k +: 4] ^ base[4*k +: 4]) & m[4*k +: 4]) == 4'h0);
      end
    end else begin
      off       = addr - base;
      in_region = off < size;
    end
  endfunction

  // ------------------------------------------------------------------ ibus
  logic ibus_to_ram, ibus_to_rom;
  logic ibus_hs;
  logic ibus_pend_q;                  // a request is outstanding
  logic ibus_ram_q;                   // ... and it went to the RAM
  logic ibus_rom_q;                   // ... or to the boot ROM (neither: error response)

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

  // Responses: AND-OR of the slaves' responses with the remembered selection (the error
  // response is the case in which neither is selected).
  assign ibus_rvalid_o = ibus_pend_q && (ibus_ram_q ? ram_fetch_rvalid_i :
                                         (HAS_BOOTROM && ibus_rom_q) ? rom_fetch_rvalid_i : 1'b1);
  assign ibus_err_o    = ibus_ram_q ? ram_fetch_err_i : !(HAS_BOOTROM && ibus_rom_q);
  assign ibus_rdata_o  = (ram_fetch_rdata_i & {32{ibus_ram_q}}) |
                         (rom_fetch_rdata_i & {32{HAS_BOOTROM && ibus_rom_q}});

  // ------------------------------------------------------------------ dbus
  // One-hot selection of the slave; the one of the outstanding request is remembered.
  localparam int unsigned NSel   = 9;
  localparam int unsigned SRam   = 0;
  localparam int unsigned SClint = 1;
  localparam int unsigned SPlic  = 2;
  localparam int unsigned SUart  = 3;
  localparam int unsigned SFin   = 4;
  localparam int unsigned SMemc  = 5;
  localparam int unsigned SRom   = 6;
  localparam int unsigned SFlash = 7;
  localparam int unsigned SErr   = 8;

  logic [NSel-1:0] dsel, dsel_q;
  logic            dbus_pend_q;
  logic            dbus_hs;

  always_comb begin
    dsel         = '0;
    dsel[SRam]   = in_region(dbus_addr_i, soc_memory_map_pkg::RAM_BASE,
                             soc_memory_map_pkg::RAM_SIZE) ||
                   (guest_xlate_i && (dbus_priv_i != 2'd3));
    dsel[SClint] = in_region(dbus_addr_i, soc_memory_map_pkg::CLINT_BASE,
                             soc_memory_map_pkg::CLINT_SIZE);
    dsel[SPlic]  = in_region(dbus_addr_i, soc_memory_map_pkg::PLIC_BASE,
                             soc_memory_map_pkg::PLIC_SIZE);
    dsel[SUart]  = in_region(dbus_addr_i, soc_memory_map_pkg::UART0_BASE,
                             soc_memory_map_pkg::UART0_SIZE);
    dsel[SFin]   = in_region(dbus_addr_i, soc_memory_map_pkg::FINISHER_BASE,
                             soc_memory_map_pkg::FINISHER_SIZE);
    dsel[SMemc]  = in_region(dbus_addr_i, soc_memory_map_pkg::MEMCTL_BASE,
                             soc_memory_map_pkg::MEMCTL_SIZE);
    dsel[SRom]   = HAS_BOOTROM && in_region(dbus_addr_i, soc_memory_map_pkg::BOOTROM_BASE,
                                            soc_memory_map_pkg::BOOTROM_SIZE);
    dsel[SFlash] = HAS_SPIFLASH && in_region(dbus_addr_i, soc_memory_map_pkg::SPIFLASH_BASE,
                                             soc_memory_map_pkg::SPIFLASH_SIZE);
    // The device regions do not overlap; a guest access goes to the RAM port whatever its address.
    if (dsel[SRam]) dsel[SFlash:SClint] = '0;
    dsel[SErr]   = dsel[SFlash:SRam] == '0;
  end

  assign ram_data_req_o   = dbus_req_i && dsel[SRam];
  assign clint_req_o      = dbus_req_i && dsel[SClint];
  assign plic_req_o       = dbus_req_i && dsel[SPlic];
  assign uart_req_o       = dbus_req_i && dsel[SUart];
  assign finisher_req_o   = dbus_req_i && dsel[SFin];
  assign memctl_req_o     = dbus_req_i && dsel[SMemc];
  assign rom_req_o        = dbus_req_i && dsel[SRom];
  assign flash_req_o      = dbus_req_i && dsel[SFlash];

  assign ram_data_addr_o  = dbus_addr_i;
  assign ram_data_we_o    = dbus_we_i;
  assign ram_data_be_o    = dbus_be_i;
  assign ram_data_wdata_o = dbus_wdata_i;
  assign ram_data_priv_o  = dbus_priv_i;

  assign periph_addr_o    = dbus_addr_i;
  assign periph_we_o      = dbus_we_i;
  assign periph_be_o      = dbus_be_i;
  assign periph_wdata_o   = dbus_wdata_i;

  logic [NSel-1:0] gnt_v, rvalid_v, err_v;
  // CLINT, PLIC, UART0, the test finisher and the boot ROM's data port are always ready and
  // respond in the next cycle (each documents it), and only the boot ROM of them answers with an
  // error: their grant, rvalid and error inputs are not looked at (constants here, fewer LUTs).
  assign gnt_v    = {1'b1, flash_gnt_i, 1'b1, memctl_gnt_i, 1'b1, 1'b1,
                     1'b1, 1'b1, ram_data_gnt_i};
  assign rvalid_v = {1'b1, flash_rvalid_i, 1'b1, memctl_rvalid_i, 1'b1,
                     1'b1, 1'b1, 1'b1, ram_data_rvalid_i};
  assign err_v    = {1'b1, flash_err_i, rom_err_i, memctl_err_i, 1'b0, 1'b0,
                     1'b0, 1'b0, ram_data_err_i};

  assign dbus_gnt_o    = (dsel & gnt_v) != '0;   // the error responder is always ready
  assign dbus_hs       = dbus_req_i && dbus_gnt_o;
  assign dbus_rvalid_o = dbus_pend_q && ((dsel_q & rvalid_v) != '0);
  assign dbus_err_o    = (dsel_q & err_v) != '0;

  // Read data: an OR of the slaves' read data. CLINT, PLIC, UART0 and the SPI flash reader drive
  // zero except in the cycle of their own response (each documents it), so only the RAM, the
  // memory controller's registers and the boot ROM, whose read data lingers, are gated with the
  // remembered selection: 3 LUTs per bit instead of a 9-way multiplexer. The test finisher reads
  // as zero (its read data is not used).
  assign dbus_rdata_o = (ram_data_rdata_i & {32{dsel_q[SRam]}}) |
                        (memctl_rdata_i   & {32{dsel_q[SMemc]}}) |
                        (rom_rdata_i      & {32{dsel_q[SRom]}}) |
                        clint_rdata_i | plic_rdata_i | uart_rdata_i | flash_rdata_i;

  logic unused;
  assign unused = ^{finisher_rdata_i, clint_gnt_i, clint_rvalid_i, clint_err_i, plic_gnt_i,
                    plic_rvalid_i, plic_err_i, uart_gnt_i, uart_rvalid_i, uart_err_i,
                    finisher_gnt_i, finisher_rvalid_i, finisher_err_i, rom_gnt_i, rom_rvalid_i};

  // ------------------------------------------------------------------ state
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ibus_pend_q <= 1'b0;
      ibus_ram_q  <= 1'b0;
      ibus_rom_q  <= 1'b0;
      dbus_pend_q <= 1'b0;
      dsel_q      <= NSel'(1) << SErr;
    end else begin
      if (ibus_hs) begin
        ibus_pend_q <= 1'b1;
        ibus_ram_q  <= ibus_to_ram;
        ibus_rom_q  <= ibus_to_rom;
      end else if (ibus_rvalid_o) begin
        ibus_pend_q <= 1'b0;
      end
      if (dbus_hs) begin
        dbus_pend_q <= 1'b1;
        dsel_q      <= dsel;
      end else if (dbus_rvalid_o) begin
        dbus_pend_q <= 1'b0;
      end
    end
  end

endmodule
