// One core-facing port of the memory controller (fetch or data): decides for each request whether
// it is translated, checks the translation, and answers it from the back end or with an error.
//
// - M-mode accesses, and every access while translation is disabled (xlate_en_i = 0), address
//   machine memory directly: inside the populated memory they go to the back end, beyond it they
//   get a bus error (no fault recorded).
// - Guest accesses (priv != 3 with translation enabled) are checked in the order of
//   docs/memctl.md: window -> (org b: GPPN < P2M_PAGES) -> V -> W (writes) / X (fetches) ->
//   MPN < MEM_PAGES. A failing check answers with err and reports the fault; a passing one goes to
//   the back end at the machine address. While the translation unit is not ready (TLB miss or
//   dirty-bit update in progress) the request is not granted.
// - The translation is looked up in the request cycle: a hit adds no cycle.
module memctl_port #(
  parameter bit          IS_FETCH    = 1'b0,
  parameter int unsigned PAGE_SHIFT  = 12,
  parameter int unsigned NUM_VMS     = 4,
  parameter int unsigned GUEST_PAGES = 4096,
  // Bits of a machine byte offset: the populated memory (mem_pages_i pages) is at most
  // 2^MEM_ADDR_W bytes. Narrows the memory-size comparisons (FPGA area); 32 = no limit.
  parameter int unsigned MEM_ADDR_W  = 32,
  // Bits of lk_entry_i that can be non-zero (the org-a table in block RAM stores only the low
  // ENTRY_W bits); the others are ignored (FPGA area). 32 = all.
  parameter int unsigned ENTRY_W     = 32,
  // 0: every valid lookup entry has MPN < MEM_PAGES (org a only: the table refuses other valid
  // entries, and mem_pages_i is static), the MACHINE check is left out (FPGA area).
  parameter bit          MPN_CHECK   = 1'b1,
  // 1: a new request may be accepted in the cycle the previous response leaves (back to back);
  // 0: only while nothing is outstanding -- one cycle more for a requester that asks that early,
  // but the response (and through it the back end's state) stays out of the grant logic (timing)
  parameter bit          ACCEPT_AT_RESPONSE = 1'b1,
  localparam int unsigned VmW        = (NUM_VMS > 1) ? $clog2(NUM_VMS) : 1,
  localparam int unsigned GpW        = $clog2(GUEST_PAGES)
) (
  input  logic           clk_i,
  input  logic           rst_ni,

  input  logic           xlate_en_i,
  input  logic [VmW-1:0] cur_vmid_i,
  input  logic [31:0]    mem_pages_i,

  // Bus slave (docs/architecture.md)
  input  logic           req_i,
  input  logic           sel_req_i,    // a superset of req_i known earlier (memctl_top)
  output logic           gnt_o,
  input  logic [31:0]    addr_i,
  input  logic           we_i,
  input  logic [3:0]     be_i,
  input  logic [31:0]    wdata_i,
  input  logic [1:0]     priv_i,
  output logic           rvalid_o,
  output logic [31:0]    rdata_o,
  output logic           err_o,

  // Translation lookup (combinational, in the request cycle)
  output logic           lk_req_o,     // a guest request inside the window wants a translation
  output logic           lk_write_o,
  output logic [GpW-1:0] lk_gppn_o,
  input  logic           lk_ready_i,   // lk_entry_i is valid and may be used now
  input  logic           lk_oor_i,     // org b: GPPN >= P2M_PAGES (fault without walk)
  input  logic           lk_hit_i,     // counts as a hit (HITS)
  input  logic [31:0]    lk_entry_i,
  // a translated guest access passed its checks and is accepted
  output logic           acc_o,
  output logic           lk_done_o,    // a request that looked up a translation was accepted

  // Back-end master
  output logic           be_sel_req_o, // a request that may need the back end (before the checks)
  output logic           be_req_o,
  input  logic           be_gnt_i,
  output logic           be_we_o,
  output logic [31:0]    be_addr_o,
  output logic [3:0]     be_be_o,
  output logic [31:0]    be_wdata_o,
  input  logic           be_rvalid_i,  // response to this port's back-end access
  input  logic [31:0]    be_rdata_i,

  // Status and events
  output logic           pend_guest_o, // a guest access of this port awaits its response
  output logic           evt_xlate_o,  // a guest access was accepted (TRANSLATIONS)
  output logic           evt_hit_o,    // ... and its lookup counts as a hit (HITS)
  output logic           evt_fault_o,  // ... and it is answered with a fault (FAULTS, FAULT_*)
  output logic [31:0]    fault_gpa_o,
  output logic [31:0]    fault_info_o
);

  typedef enum logic [1:0] {
    KindBackend = 2'd0,
    KindError   = 2'd1,   // bus error, M-mode access beyond the populated memory
    KindFault   = 2'd2,   // translation fault
    KindWait    = 2'd3 // translation not available yet
  } kind_e;

  logic [31:0] off;
  logic [31:0] page;        // off >> PAGE_SHIFT
  logic        guest, in_window, in_mem;
  logic        we;
  logic [23:0] mpn;
  kind_e       kind;
  logic [1:0]  reason;
  logic [31:0] maddr;
  logic        can_accept, hs;

  logic        pend_q, pend_d;
  logic        local_q, local_d;   // the outstanding response is an error answered locally
  logic        guest_q, guest_d;

  // mem_pages_i has at most MpW significant bits (MEM_ADDR_W); a comparison x < mem_pages_i is
  // an OR over x's upper bits and an MpW-bit comparison (no 32-bit carry chain).
  localparam int unsigned MpW = (MEM_ADDR_W >= 32) ? 32 : MEM_ADDR_W - PAGE_SHIFT + 1;
  // RAM_BASE with only bit 31 (or nothing) set: subtracting it is flipping bit 31.
  localparam bit BaseMsbOnly = (soc_memory_map_pkg::RAM_BASE & 32'h7FFF_FFFF) == 32'd0;

  function automatic logic below_mem(logic [31:0] x, logic [MpW-1:0] pages);
    below_mem = ((x >> MpW) == 32'd0) && (MpW'(x) < pages);
  endfunction

  assign we        = IS_FETCH ? 1'b0 : we_i;
  assign off       = BaseMsbOnly ? (addr_i ^ soc_memory_map_pkg::RAM_BASE)
                                 : (addr_i - soc_memory_map_pkg::RAM_BASE);
  assign page      = off >> PAGE_SHIFT;
  assign guest     = xlate_en_i && (priv_i != 2'd3);
  // GUEST_PAGES is a power of two (memctl_top)
  assign in_window = (page >> GpW) == 32'd0;
  assign in_mem    = below_mem(page, MpW'(mem_pages_i));
  assign mpn       = (ENTRY_W >= 32) ? lk_entry_i[31:8] : 24'(lk_entry_i[ENTRY_W-1:8]);

  assign lk_req_o   = req_i && guest && in_window;
  assign lk_write_o = we;
  assign lk_gppn_o  = page[GpW-1:0];

  always_comb begin
    kind   = KindBackend;
    reason = 2'(soc_memory_map_pkg::MEMCTL_FAULT_INVALID);
    maddr  = off;
    if (!guest) begin
      kind = in_mem ? KindBackend : KindError;
    end else if (!in_window || lk_oor_i) begin
      kind = KindFault;
    end else if (!lk_ready_i) begin
      kind = KindWait;
    end else if ((lk_entry_i & soc_memory_map_pkg::MEMCTL_PTE_V) == 0) begin
      kind = KindFault;
    end else if (we && ((lk_entry_i & soc_memory_map_pkg::MEMCTL_PTE_W) == 0)) begin
      kind   = KindFault;
      reason = 2'(soc_memory_map_pkg::MEMCTL_FAULT_WRITE);
    end else if (IS_FETCH && ((lk_entry_i & soc_memory_map_pkg::MEMCTL_PTE_X) == 0)) begin
      kind   = KindFault;
      reason = 2'(soc_memory_map_pkg::MEMCTL_FAULT_EXEC);
    end else if (MPN_CHECK && !below_mem(32'(mpn), MpW'(mem_pages_i))) begin
      kind   = KindFault;
      reason = 2'(soc_memory_map_pkg::MEMCTL_FAULT_MACHINE);
    end else begin
      maddr = (32'(mpn) << PAGE_SHIFT) | (off & ((32'd1 << PAGE_SHIFT) - 32'd1));
    end
  end

  // One request outstanding per port (bus rule); a new one may be accepted as the response leaves.
  assign rvalid_o   = pend_q && (local_q || be_rvalid_i);
  // rdata is defined only with rvalid && !err (docs/architecture.md): an error response passes
  // whatever the back end drives (no 32-bit gate, FPGA area).
  assign rdata_o    = be_rdata_i;
  assign err_o      = local_q;
  assign can_accept = !pend_q || (ACCEPT_AT_RESPONSE && rvalid_o);

  assign be_sel_req_o = sel_req_i && can_accept;
  assign be_req_o     = req_i && can_accept && (kind == KindBackend);
  assign be_we_o    = we;
  // The back end only sees offsets inside the populated memory: above MEM_ADDR_W they are 0.
  assign be_addr_o  = (MEM_ADDR_W >= 32) ? {maddr[31:2], 2'b00}
                                         : ({maddr[31:2], 2'b00} & ((32'd1 << MEM_ADDR_W) - 32'd1));
  assign be_be_o    = be_i;
  assign be_wdata_o = wdata_i;

  always_comb begin
    unique case (kind)
      KindBackend:         gnt_o = can_accept && be_gnt_i;
      KindError, KindFault: gnt_o = can_accept;
      default:             gnt_o = 1'b0;
    endcase
  end
  assign hs = req_i && gnt_o;

  always_comb begin
    pend_d  = pend_q;
    local_d = local_q;
    guest_d = guest_q;
    if (hs) begin
      pend_d  = 1'b1;
      local_d = (kind != KindBackend);
      guest_d = guest;
    end else if (rvalid_o) begin
      pend_d = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pend_q  <= 1'b0;
      local_q <= 1'b0;
      guest_q <= 1'b0;
    end else begin
      pend_q  <= pend_d;
      local_q <= local_d;
      guest_q <= guest_d;
    end
  end

  assign acc_o        = hs && guest && (kind == KindBackend);
  assign lk_done_o    = hs && lk_req_o;
  assign pend_guest_o = pend_q && guest_q;
  assign evt_xlate_o  = hs && guest;
  assign evt_hit_o    = hs && guest && in_window && !lk_oor_i && lk_hit_i;
  // (a fault is granted whenever the port can accept: written without hs, which also depends on
  // the back end's arbitration, so that the fault registers' enables do not wait for it: timing)
  assign evt_fault_o  = req_i && can_accept && guest && (kind == KindFault);
  assign fault_gpa_o  = addr_i;
  assign fault_info_o = {20'd0, reason, IS_FETCH, we, 8'(cur_vmid_i)};

  logic unused;
  assign unused = ^{page[31:GpW], lk_entry_i, maddr[1:0], mem_pages_i};

endmodule
