// Organisation (b): a fully associative TLB of TLB_ENTRIES entries tagged {VM, GPPN}, filled by
// memctl_walker from the P2M tables in machine memory.
//
// - Two lookup ports (fetch, data), compared combinationally in the request cycle: a hit adds no
//   cycle. A GPPN >= P2M_PAGES[vm] is reported out of range (the port faults, no walk).
// - A lookup is ready when the TLB (or the walker's result for exactly this request) has the
//   entry and the access does not need a dirty-bit update (a write through a valid, writable entry
//   whose page exists and whose D is 0). Otherwise the walker is started for it (data port first).
// - Fill: a walked valid entry overwrites the entry with the same tag, else the round-robin victim.
// - Invalidation: by page {vm, gppn}, by vm, or all.
module memctl_xlate_tlb #(
  parameter int unsigned PAGE_SHIFT  = 12,
  parameter int unsigned NUM_VMS     = 4,
  parameter int unsigned GUEST_PAGES = 4096,
  parameter int unsigned TLB_ENTRIES = 16,
  // 1 (memctl_top with RUNTIME_CFG): en_i switches the organisation off; 0: en_i is ignored and
  // the logic is always on (no gating hardware in the FPGA build).
  parameter bit          HAS_EN      = 1'b0,
  localparam int unsigned VmW        = (NUM_VMS > 1) ? $clog2(NUM_VMS) : 1,
  localparam int unsigned GpW        = $clog2(GUEST_PAGES)
) (
  input  logic           clk_i,
  input  logic           rst_ni,

  // 1: this organisation is selected. 0 (HAS_EN, the table selected): nothing is looked up,
  // walked or filled, every output is 0, and the verilated model skips all of the logic.
  input  logic           en_i,

  input  logic [31:0]    mem_pages_i,
  input  logic [VmW-1:0] cur_vmid_i,
  input  logic [31:0]    p2m_base_i,    // of the current VM
  input  logic [GpW:0]   p2m_pages_i,   // of the current VM

  // Lookup ports: 0 = fetch, 1 = data
  input  logic [1:0]     lk_req_i,
  input  logic [1:0]     lk_write_i,
  input  logic [2*GpW-1:0] lk_gppn_i,    // port p: bits [p*GpW +: GpW]
  output logic [1:0]     lk_ready_o,
  output logic [1:0]     lk_oor_o,
  output logic [1:0]     lk_hit_o,
  output logic [63:0]      lk_entry_o,   // port p: bits [p*32 +: 32]
  input  logic [1:0]     lk_done_i,

  // Invalidation (one command per cycle)
  input  logic           inval_i,
  input  logic [1:0]     inval_kind_i,  // 1 page, 2 vm, 3 all (MEMCTL_CMD_INVAL_*)
  input  logic [VmW-1:0] inval_vm_i,
  input  logic [GpW-1:0] inval_gppn_i,

  // Walker's back-end master
  output logic           be_req_o,
  input  logic           be_gnt_i,
  output logic           be_we_o,
  output logic [31:0]    be_addr_o,
  output logic [31:0]    be_wdata_o,
  input  logic           be_rvalid_i,
  input  logic [31:0]    be_rdata_i,

  output logic           walk_busy_o,
  output logic           evt_miss_o
);

  localparam int unsigned E    = TLB_ENTRIES;
  localparam int unsigned IdxW = (E > 1) ? $clog2(E) : 1;

  logic [E-1:0]   valid_q, valid_d;
  logic [VmW-1:0] vm_q    [E];
  logic [GpW-1:0] gppn_q  [E];
  logic [31:0]    entry_q [E];
  logic [IdxW-1:0] rr_q, rr_d;

  // Walker
  logic           w_start, w_start_port, w_idle;
  logic           w_ins;
  logic [VmW-1:0] w_ins_vm;
  logic [GpW-1:0] w_ins_gppn;
  logic [31:0]    w_ins_entry;
  logic           w_res_valid, w_res_port, w_res_miss, w_res_reg_valid;
  logic [VmW-1:0] w_res_vm;
  logic [GpW-1:0] w_res_gppn;
  logic [31:0]    w_res_entry;

  logic [1:0]     tlb_hit, res_hit, found, need_d, want_walk;
  logic [63:0]    tlb_entry;
  logic [GpW-1:0] w_start_gppn;
  logic           w_start_write, w_start_miss;

  logic en;
  assign en = !HAS_EN || en_i;

  // Lookups, and the start of a walk. Everything is under en, and the TLB searches only run
  // while there is something to look up (keeps the simulation cheap while the core runs
  // untranslated or the table organisation is selected).
  always_comb begin
    tlb_hit       = '0;
    tlb_entry     = '0;
    res_hit       = '0;
    found         = '0;
    need_d        = '0;
    want_walk     = '0;
    lk_oor_o      = '0;
    lk_entry_o    = '0;
    lk_ready_o    = '0;
    lk_hit_o      = '0;
    w_start_port  = 1'b0;
    w_start       = 1'b0;
    w_start_gppn  = '0;
    w_start_write = 1'b0;
    w_start_miss  = 1'b0;
    if (en) begin
      for (int p = 0; p < 2; p++) begin
        if (lk_req_i[p]) for (int unsigned i = 0; i < E; i++) begin
          if (valid_q[i] && (vm_q[i] == cur_vmid_i) && (gppn_q[i] == lk_gppn_i[p*GpW +: GpW])) begin
            tlb_hit[p]            = 1'b1;
            tlb_entry[p*32 +: 32] = entry_q[i];
          end
        end
        lk_oor_o[p]   = {1'b0, lk_gppn_i[p*GpW +: GpW]} >= p2m_pages_i;
        res_hit[p]    = w_res_valid && (w_res_port == 1'(p)) && (w_res_vm == cur_vmid_i) &&
                        (w_res_gppn == lk_gppn_i[p*GpW +: GpW]);
        found[p]      = res_hit[p] || tlb_hit[p];
        lk_entry_o[p*32 +: 32] = res_hit[p] ? w_res_entry : tlb_entry[p*32 +: 32];
        need_d[p]     = lk_write_i[p] &&
                        ((lk_entry_o[p*32 +: 32] & soc_memory_map_pkg::MEMCTL_PTE_V) != 0) &&
                        ((lk_entry_o[p*32 +: 32] & soc_memory_map_pkg::MEMCTL_PTE_W) != 0) &&
                        ((lk_entry_o[p*32 +: 32] & soc_memory_map_pkg::MEMCTL_PTE_D) == 0) &&
                        (32'(lk_entry_o[p*32 + 8 +: 24]) < mem_pages_i);
        lk_ready_o[p] = found[p] && !need_d[p];
        lk_hit_o[p]   = res_hit[p] ? !w_res_miss : tlb_hit[p];
        want_walk[p]  = lk_req_i[p] && !lk_oor_o[p] && !lk_ready_o[p];
      end
      // Start a walk for the data port first. The result register is single: do not start a walk
      // for one port while the other port's result waits to be used.
      w_start_port  = want_walk[1];
      w_start       = w_idle && (want_walk != 2'b00) &&
                      (!w_res_reg_valid || (w_res_port == w_start_port));
      w_start_gppn  = lk_gppn_i[w_start_port*GpW +: GpW];
      w_start_write = lk_write_i[w_start_port];
      w_start_miss  = !found[w_start_port];
    end
  end

  memctl_walker #(
    .PAGE_SHIFT  (PAGE_SHIFT),
    .NUM_VMS     (NUM_VMS),
    .GUEST_PAGES (GUEST_PAGES),
    .HAS_EN      (HAS_EN)
  ) u_walker (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .en_i            (en_i),
    .mem_pages_i     (mem_pages_i),
    .cur_vmid_i      (cur_vmid_i),
    .start_i         (w_start),
    .start_port_i    (w_start_port),
    .start_gppn_i    (w_start_gppn),
    .start_write_i   (w_start_write),
    .start_miss_i    (w_start_miss),
    .start_base_i    (p2m_base_i),
    .idle_o          (w_idle),
    .lk_req_i        (lk_req_i),
    .lk_gppn_i       (lk_gppn_i),
    .lk_done_i       (lk_done_i),
    .inval_i         (inval_i),
    .inval_kind_i    (inval_kind_i),
    .inval_vm_i      (inval_vm_i),
    .inval_gppn_i    (inval_gppn_i),
    .be_req_o        (be_req_o),
    .be_gnt_i        (be_gnt_i),
    .be_we_o         (be_we_o),
    .be_addr_o       (be_addr_o),
    .be_wdata_o      (be_wdata_o),
    .be_rvalid_i     (be_rvalid_i),
    .be_rdata_i      (be_rdata_i),
    .ins_o           (w_ins),
    .ins_vm_o        (w_ins_vm),
    .ins_gppn_o      (w_ins_gppn),
    .ins_entry_o     (w_ins_entry),
    .res_valid_o     (w_res_valid),
    .res_port_o      (w_res_port),
    .res_vm_o        (w_res_vm),
    .res_gppn_o      (w_res_gppn),
    .res_entry_o     (w_res_entry),
    .res_miss_o      (w_res_miss),
    .res_reg_valid_o (w_res_reg_valid),
    .busy_o          (walk_busy_o),
    .evt_miss_o      (evt_miss_o)
  );

  // Fill and invalidation.
  logic            ins_match;
  logic [IdxW-1:0] ins_idx, ins_match_idx;

  always_comb begin
    ins_match     = 1'b0;
    ins_match_idx = '0;
    if (w_ins) for (int unsigned i = 0; i < E; i++) begin
      if (valid_q[i] && (vm_q[i] == w_ins_vm) && (gppn_q[i] == w_ins_gppn)) begin
        ins_match     = 1'b1;
        ins_match_idx = IdxW'(i);
      end
    end
    ins_idx = ins_match ? ins_match_idx : rr_q;
  end

  always_comb begin
    valid_d = valid_q;
    rr_d    = rr_q;
    if (inval_i) begin
      for (int unsigned i = 0; i < E; i++) begin
        unique case (inval_kind_i)
          2'd1:    if ((vm_q[i] == inval_vm_i) && (gppn_q[i] == inval_gppn_i)) valid_d[i] = 1'b0;
          2'd2:    if (vm_q[i] == inval_vm_i) valid_d[i] = 1'b0;
          default: valid_d[i] = 1'b0;
        endcase
      end
    end
    // A fill in the same cycle as an invalidation is for another tag (else the walk is stale).
    if (w_ins) begin
      valid_d[ins_idx] = 1'b1;
      if (!ins_match) begin
        rr_d = (rr_q == IdxW'(E - 1)) ? '0 : rr_q + IdxW'(1);
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q <= '0;
      rr_q    <= '0;
    end else begin
      valid_q <= valid_d;
      rr_q    <= rr_d;
    end
  end

  // Tags and entries need no reset (guarded by valid_q).
  always_ff @(posedge clk_i) begin
    if (w_ins) begin
      vm_q[ins_idx]    <= w_ins_vm;
      gppn_q[ins_idx]  <= w_ins_gppn;
      entry_q[ins_idx] <= w_ins_entry;
    end
  end

endmodule
