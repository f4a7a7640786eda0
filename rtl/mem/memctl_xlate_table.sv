// Organisation (a): the direct translation table, NUM_VMS x GUEST_PAGES P2M entries on chip.
//
// - Two lookup ports (fetch, data), read combinationally in the request cycle: a translation adds
//   no cycle. Lookups are always ready.
// - The register block reads and writes the entry selected by TBL_VMID / TBL_GPPN. A write takes
//   effect at the clock edge that accepts it.
// - Dirty bit: when a guest write through an entry with D = 0 is accepted, D is set in the table
//   at the same edge. The table has one write port: in that cycle tbl_busy_o tells the register
//   block not to accept a TBL_ENTRY write (only possible when a testbench drives the data and the
//   register port at once; the core never does).
// - The table is not reset: it is zero (every entry invalid) at power-up. In simulation the
//   initial block clears it; on an FPGA block RAM the bitstream does.
// FPGA note: three combinational read ports do not map onto block RAM; an FPGA build with a BRAM
// table would register the lookup (one added cycle) or keep a small table in registers.
module memctl_xlate_table #(
  parameter int unsigned NUM_VMS     = 4,
  parameter int unsigned GUEST_PAGES = 4096,
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

  // Register access to the selected entry
  input  logic [VmW-1:0] sel_vm_i,
  input  logic [GpW-1:0] sel_gppn_i,
  output logic [31:0]    sel_rdata_o,
  input  logic           sel_we_i,
  input  logic [31:0]    sel_wdata_i,
  output logic           tbl_busy_o
);

  localparam int unsigned Entries = NUM_VMS * GUEST_PAGES;
  localparam int unsigned IdxW    = $clog2(Entries);

  logic [31:0] tbl [Entries];

  function automatic logic [IdxW-1:0] index(logic [VmW-1:0] vm, logic [GpW-1:0] gppn);
    index = IdxW'(32'(vm) * GUEST_PAGES + 32'(gppn));
  endfunction

  initial begin
    for (int unsigned i = 0; i < Entries; i++) begin
      tbl[i] = 32'd0;
    end
  end

  logic [2*IdxW-1:0] lk_idx;
  logic            dset;
  logic [1:0]      dset_port;

  for (genvar p = 0; p < 2; p++) begin : g_lookup
    assign lk_idx[p*IdxW +: IdxW] = index(cur_vmid_i, lk_gppn_i[p*GpW +: GpW]);
    // Read only for a lookup (keeps the simulation cheap while the core runs untranslated).
    always_comb begin
      lk_entry_o[p*32 +: 32] = '0;
      if (lk_req_i[p]) lk_entry_o[p*32 +: 32] = tbl[lk_idx[p*IdxW +: IdxW]];
    end
    assign lk_ready_o[p] = 1'b1;
    assign lk_oor_o[p]   = 1'b0;
    assign lk_hit_o[p]   = (lk_entry_o[p*32 +: 32] & soc_memory_map_pkg::MEMCTL_PTE_V) != 0;
    assign dset_port[p]  = acc_i[p] && lk_write_i[p] &&
                           ((lk_entry_o[p*32 +: 32] & soc_memory_map_pkg::MEMCTL_PTE_D) == 0);
  end

  // Only the data port writes; the fetch port never does.
  assign dset       = dset_port[1];
  assign tbl_busy_o = dset;
  assign sel_rdata_o = tbl[index(sel_vm_i, sel_gppn_i)];

  always_ff @(posedge clk_i) begin
    if (dset) begin
      tbl[lk_idx[2*IdxW-1:IdxW]] <= lk_entry_o[63:32] | soc_memory_map_pkg::MEMCTL_PTE_D;
    end else if (sel_we_i) begin
      tbl[index(sel_vm_i, sel_gppn_i)] <= sel_wdata_i;
    end
  end

  logic unused;
  assign unused = ^{rst_ni, dset_port[0]};

endmodule
