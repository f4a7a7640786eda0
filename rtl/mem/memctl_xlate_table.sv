// Organisation (a): the direct translation table, NUM_VMS x GUEST_PAGES P2M entries on chip.
//
// - Two lookup ports (fetch, data). BRAM = 0: read combinationally in the request cycle, a
//   translation adds no cycle and lookups are always ready. BRAM = 1 (FPGA block RAM, see below):
//   the lookup is registered, a translation adds one cycle.
// - The register block reads and writes the entry selected by TBL_VMID / TBL_GPPN. A write takes
//   effect at the clock edge that accepts it.
// - Dirty bit: when a guest write through an entry with D = 0 is accepted, D is set in the table
//   at the same edge. The table has one write port: in that cycle tbl_busy_o tells the register
//   block not to accept a TBL_ENTRY write (only possible when a testbench drives the data and the
//   register port at once; the core never does).
// - The table is not reset: it is zero (every entry invalid) at power-up. In simulation the
//   initial block clears it; on an FPGA block RAM the bitstream does.
//
// BRAM = 1: every read is synchronous (address in one cycle, data in the next), one read port
// and one write port per memory, so that yosys maps the table onto iCE40 SB_RAM40_4K. Two copies
// with the same write port: copy 1 is read by the data port, copy 0 by the fetch port and by
// TBL_ENTRY register reads (a register read waiting for the table takes copy 0 for one cycle; the
// register block does not grant it until sel_ready_o). Each copy is read every cycle at the
// index its port presents now; a lookup is ready when last cycle's read was for a lookup request
// of that port that was not accepted in that cycle, at the same {VM, GPPN}, and no table write
// happened in that cycle (a write makes every read of its cycle stale: the port reads again). So
// every lookup costs exactly one cycle more, also a request for the page of the one before. Only the low ENTRY_W bits of an entry are stored (the board: V, W, X, D, the
// reserved bits 7:4 and a 7-bit MPN = 15 bits, one 256 x 16 block RAM per copy); the others read 0.
module memctl_xlate_table #(
  parameter int unsigned NUM_VMS     = 4,
  parameter int unsigned GUEST_PAGES = 4096,
  parameter bit          BRAM        = 1'b0,
  parameter int unsigned ENTRY_W     = 32,   // stored bits of an entry (BRAM = 1), 9..32
  localparam int unsigned VmW        = (NUM_VMS > 1) ? $clog2(NUM_VMS) : 1,
  localparam int unsigned GpW        = $clog2(GUEST_PAGES)
) (
  input  logic           clk_i,
  input  logic           rst_ni,

  input  logic [VmW-1:0] cur_vmid_i,

  // Lookup ports: 0 = fetch, 1 = data
  input  logic [1:0]     lk_req_i,
  input  logic [1:0]     lk_write_i,
  input  logic [2*GpW-1:0] lk_gppn_i,    // port p: bits [p*GpW +: GpW]
  output logic [1:0]     lk_ready_o,
  output logic [1:0]     lk_oor_o,
  output logic [1:0]     lk_hit_o,
  output logic [63:0]      lk_entry_o,   // port p: bits [p*32 +: 32]
  input  logic [1:0]     acc_i,
  input  logic [1:0]     lk_done_i,      // BRAM: the port accepted its lookup request

  // Register access to the selected entry
  input  logic [VmW-1:0] sel_vm_i,
  input  logic [GpW-1:0] sel_gppn_i,
  input  logic           sel_rd_req_i,   // BRAM: a TBL_ENTRY read waits for sel_ready_o
  output logic           sel_ready_o,    // sel_rdata_o is the selected entry
  output logic [31:0]    sel_rdata_o,
  input  logic           sel_we_i,
  input  logic [31:0]    sel_wdata_i,
  output logic           tbl_busy_o
);

  localparam int unsigned Entries = NUM_VMS * GUEST_PAGES;
  localparam int unsigned IdxW    = $clog2(Entries);

  function automatic logic [IdxW-1:0] index(logic [VmW-1:0] vm, logic [GpW-1:0] gppn);
    index = IdxW'(32'(vm) * GUEST_PAGES + 32'(gppn));
  endfunction

  logic [2*IdxW-1:0] lk_idx;
  logic            dset;
  logic [1:0]      dset_port;

  for (genvar p = 0; p < 2; p++) begin : g_port
    assign lk_idx[p*IdxW +: IdxW] = index(cur_vmid_i, lk_gppn_i[p*GpW +: GpW]);
    assign lk_oor_o[p]   = 1'b0;
    assign lk_hit_o[p]   = (lk_entry_o[p*32 +: 32] & soc_memory_map_pkg::MEMCTL_PTE_V) != 0;
    assign dset_port[p]  = acc_i[p] && lk_write_i[p] &&
                           ((lk_entry_o[p*32 +: 32] & soc_memory_map_pkg::MEMCTL_PTE_D) == 0);
  end

  // Only the data port writes; the fetch port never does.
  assign dset       = dset_port[1];
  assign tbl_busy_o = dset;

  if (!BRAM) begin : g_comb
    logic [31:0] tbl [Entries];

    initial begin
      for (int unsigned i = 0; i < Entries; i++) begin
        tbl[i] = 32'd0;
      end
    end

    for (genvar p = 0; p < 2; p++) begin : g_lookup
      // Read only for a lookup (keeps the simulation cheap while the core runs untranslated).
      always_comb begin
        lk_entry_o[p*32 +: 32] = '0;
        if (lk_req_i[p]) lk_entry_o[p*32 +: 32] = tbl[lk_idx[p*IdxW +: IdxW]];
      end
      assign lk_ready_o[p] = 1'b1;
    end

    assign sel_rdata_o = tbl[index(sel_vm_i, sel_gppn_i)];
    assign sel_ready_o = 1'b1;

    always_ff @(posedge clk_i) begin
      if (dset) begin
        tbl[lk_idx[2*IdxW-1:IdxW]] <= lk_entry_o[63:32] | soc_memory_map_pkg::MEMCTL_PTE_D;
      end else if (sel_we_i) begin
        tbl[index(sel_vm_i, sel_gppn_i)] <= sel_wdata_i;
      end
    end

    logic unused;
    assign unused = ^{rst_ni, dset_port[0], sel_rd_req_i, lk_done_i};
  end else begin : g_bram
    localparam int unsigned EW = (ENTRY_W > 32) ? 32 : ENTRY_W;

    logic [EW-1:0]   tbl0 [Entries];   // fetch port and register reads
    logic [EW-1:0]   tbl1 [Entries];   // data port
    logic [EW-1:0]   rd0_q, rd1_q;
    logic [IdxW-1:0] ra0, ra1, ra0_q, ra1_q, sel_idx, wa;
    logic [EW-1:0]   wd;
    logic            we, sel_rd, sel_rd_q, ok_q;
    logic [1:0]      pend_q;   // last cycle's read was for a waiting lookup of port p

    initial begin
      for (int unsigned i = 0; i < Entries; i++) begin
        tbl0[i] = '0;
        tbl1[i] = '0;
      end
    end

    assign sel_idx     = index(sel_vm_i, sel_gppn_i);
    // A register read takes copy 0 until its data is there (at most one cycle in two: the
    // register block answers in the next cycle, so the fetch port is never starved).
    assign sel_ready_o = sel_rd_q && ok_q;
    assign sel_rd      = sel_rd_req_i && !sel_ready_o;
    assign ra0         = sel_rd ? sel_idx : lk_idx[IdxW-1:0];
    assign ra1         = lk_idx[2*IdxW-1:IdxW];

    // The one write port: a dirty-bit update (data port, entry as read) or a TBL_ENTRY write.
    assign we = dset || sel_we_i;
    assign wa = dset ? ra1 : sel_idx;
    assign wd = dset ? (rd1_q | EW'(soc_memory_map_pkg::MEMCTL_PTE_D)) : sel_wdata_i[EW-1:0];

    always_ff @(posedge clk_i) begin
      if (we) begin
        tbl0[wa] <= wd;
        tbl1[wa] <= wd;
      end
      // No read in a write cycle: its result would be stale anyway (ok_q), and a read that
      // cannot collide with the write needs no collision logic around the block RAM.
      if (!we) begin
        rd0_q <= tbl0[ra0];
        rd1_q <= tbl1[ra1];
      end
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        ra0_q    <= '0;
        ra1_q    <= '0;
        sel_rd_q <= 1'b0;
        ok_q     <= 1'b0;
        pend_q   <= '0;
      end else begin
        pend_q   <= lk_req_i & ~lk_done_i;
        ra0_q    <= ra0;
        ra1_q    <= ra1;
        sel_rd_q <= sel_rd;
        ok_q     <= !we;
      end
    end

    assign lk_ready_o[0] = ok_q && pend_q[0] && !sel_rd_q && (ra0_q == lk_idx[IdxW-1:0]);
    assign lk_ready_o[1] = ok_q && pend_q[1] && (ra1_q == lk_idx[2*IdxW-1:IdxW]);
    assign lk_entry_o    = {32'(rd1_q), 32'(rd0_q)};
    assign sel_rdata_o   = 32'(rd0_q);

    logic unused;
    assign unused = ^{dset_port[0], sel_wdata_i};
  end

endmodule
