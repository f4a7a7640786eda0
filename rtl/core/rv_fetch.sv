// Instruction fetch unit.
//
// Fetches sequentially from pc_q with at most one ibus request outstanding, into a 2-entry
// instruction queue. The queue head (or the response arriving this cycle, when the queue is empty)
// is the instruction in EX, so a single-cycle memory gives one instruction per cycle.
// A request is only issued when the queue is guaranteed room for its response, which keeps the
// issue decision independent of whether EX consumes this cycle (no combinational path from the
// data port or the EX stall logic to ibus_req_o).
//
// redirect_i (taken branch/jump from EX, trap/xRET/serialisation from WB) empties the queue; a
// response still in flight is dropped. A request that is waiting for its grant is kept stable as
// the bus protocol requires, and its response is dropped too.
//
// Translation faults are delivered as a queue entry flagged pf/af, after which fetching halts
// until the next redirect (the faulting entry will trap or be flushed).
//
// NO_BYPASS = 1 (FPGA: register file in block RAM, rv_core's RF_BRAM): every response goes
// through the queue, which then has 3 entries (one instruction per cycle without making the
// issue decision depend on EX), and next_rs1_o/next_rs2_o give the source registers of the
// instruction that is the queue head in the next cycle, so the register file can be read at the
// clock edge before that instruction is in EX. Costs one cycle of fetch latency (a taken branch
// or a redirect takes one more cycle).
module rv_fetch #(
  parameter bit NO_BYPASS = 1'b0
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [31:0] boot_addr_i,
  input  logic        redirect_i,
  input  logic [31:0] redirect_pc_i,
  input  rv_core_pkg::priv_t       priv_i,
  input  logic        translate_i,    // Sv32 active for instruction fetch
  // ITLB lookup of pc_q
  output logic [31:0] itlb_va_o,
  input  logic        itlb_hit_i,
  input  logic [31:0] itlb_pa_i,
  // page-table walker
  output logic        walk_req_o,
  input  logic        walk_done_i,
  input  logic        walk_fault_i,
  input  logic        walk_fault_page_i,
  // ibus
  output logic        ibus_req_o,
  input  logic        ibus_gnt_i,
  output logic [31:0] ibus_addr_o,
  output rv_core_pkg::priv_t       ibus_priv_o,
  input  logic        ibus_rvalid_i,
  input  logic [31:0] ibus_rdata_i,
  input  logic        ibus_err_i,
  // to EX
  output logic        valid_o,
  output logic [31:0] pc_o,
  output logic [31:0] insn_o,
  output logic        af_o,           // instruction access fault
  output logic        pf_o,           // instruction page fault
  input  logic        pop_i,
  // NO_BYPASS only: source registers of the next cycle's queue head (don't care when the queue
  // will be empty)
  output logic [4:0]  next_rs1_o,
  output logic [4:0]  next_rs2_o
);

  localparam int unsigned Depth = NO_BYPASS ? 3 : 2;
  localparam int unsigned IdxW  = $clog2(Depth);

  logic        boot_q;
  logic [31:0] pc_q, pc_d;
  // outstanding request (granted, response pending)
  logic        out_q, out_d;
  logic        discard_q, discard_d;
  logic [31:0] out_pc_q, out_pc_d;
  // request presented but not granted yet
  logic        hold_q, hold_d;
  logic        hold_stale_q, hold_stale_d;
  logic [31:0] hold_addr_q, hold_pc_q;
  rv_core_pkg::priv_t       hold_priv_q;
  // translation fault waiting to be queued
  logic        fault_q, fault_d, fault_page_q;
  logic        halted_q, halted_d;
  // queue: entry 0 is the head. Each entry is a pc, an instruction word and the access/page
  // fault flags, kept as separate signals: as one 66-bit struct the verilated model would copy
  // and re-pack multi-word values every cycle.
  logic [31:0]      q_pc_q   [Depth];
  logic [31:0]      q_insn_q [Depth];
  logic [Depth-1:0] q_af_q, q_pf_q;
  logic [1:0]       cnt_q, cnt_d;
  // queue writes of this cycle: the pop shifts entry i+1 to i, a push writes entry push_idx
  logic             q_shift, q_push;
  logic [IdxW-1:0]  push_idx;

  logic        resp_now, resp_push;
  logic [31:0] resp_insn;
  assign resp_now  = out_q && ibus_rvalid_i;
  assign resp_push = resp_now && !discard_q;
  // a faulting fetch reports insn = 0 (its rdata is meaningless)
  assign resp_insn = ibus_err_i ? 32'd0 : ibus_rdata_i;

  // room for one more response even if EX does not consume anything until it arrives
  logic room, can_fetch, new_req;
  assign room      = ({1'b0, cnt_q} + {2'b0, resp_push}) < 3'(Depth);
  assign can_fetch = !boot_q && !halted_q && !fault_q && (!out_q || ibus_rvalid_i) && room;
  assign new_req   = !hold_q && can_fetch && (!translate_i || itlb_hit_i);

  assign itlb_va_o   = pc_q;
  assign walk_req_o  = !boot_q && !halted_q && !fault_q && translate_i && !itlb_hit_i && !hold_q;

  assign ibus_req_o  = hold_q || new_req;
  assign ibus_addr_o = hold_q ? hold_addr_q : (translate_i ? itlb_pa_i : pc_q);
  assign ibus_priv_o = hold_q ? hold_priv_q : priv_i;

  logic granted;
  assign granted = ibus_req_o && ibus_gnt_i;

  // a queued translation fault goes in once nothing older can still arrive
  logic push_fault;
  assign push_fault = fault_q && !out_q && !hold_q && (cnt_q < 2'(Depth));

  // output: queue head, or the response bypassing an empty queue (not with NO_BYPASS)
  assign valid_o = (cnt_q != 2'd0) || (!NO_BYPASS && resp_push);
  always_comb begin
    if (NO_BYPASS || (cnt_q != 2'd0)) begin
      pc_o   = q_pc_q[0];
      insn_o = q_insn_q[0];
      af_o   = q_af_q[0];
      pf_o   = q_pf_q[0];
    end else begin
      pc_o   = out_pc_q;
      insn_o = resp_insn;
      af_o   = ibus_err_i;
      pf_o   = 1'b0;
    end
  end

  always_comb begin
    pc_d         = pc_q;
    out_d        = out_q;
    discard_d    = discard_q;
    out_pc_d     = out_pc_q;
    hold_d       = hold_q;
    hold_stale_d = hold_stale_q;
    fault_d      = fault_q;
    halted_d     = halted_q;
    cnt_d        = cnt_q;
    q_shift      = 1'b0;
    q_push       = 1'b0;
    push_idx     = '0;

    // ---- bus side ----
    if (resp_now) begin
      out_d     = 1'b0;
      discard_d = 1'b0;
    end
    if (granted) begin
      out_d        = 1'b1;
      out_pc_d     = hold_q ? hold_pc_q : pc_q;
      discard_d    = hold_q && hold_stale_q;
      hold_d       = 1'b0;
      hold_stale_d = 1'b0;
    end else if (new_req) begin
      hold_d = 1'b1;  // must keep presenting this request until granted
    end
    if (new_req) pc_d = pc_q + 32'd4;

    // ---- walker ----
    if (walk_done_i && walk_fault_i) fault_d = 1'b1;

    // ---- queue ----
    if (pop_i && cnt_q != 2'd0) begin
      q_shift = 1'b1;
      cnt_d   = cnt_q - 2'd1;
    end
    if (resp_push || push_fault) begin
      // a pushed entry lands at the tail; when the queue was empty and EX popped, the response
      // was consumed directly and nothing is stored
      if (!(cnt_q == 2'd0 && pop_i)) begin
        q_push   = 1'b1;
        push_idx = IdxW'(cnt_d);
        cnt_d    = cnt_d + 2'd1;
      end
    end
    if (push_fault) begin
      fault_d  = 1'b0;
      halted_d = 1'b1;
    end

    if (boot_q) pc_d = boot_addr_i;

    // ---- redirect overrides everything fetched so far ----
    if (redirect_i) begin
      pc_d         = redirect_pc_i;
      cnt_d        = 2'd0;
      fault_d      = 1'b0;
      halted_d     = 1'b0;
      discard_d    = out_d;         // whatever is still in flight belongs to the old path
      hold_stale_d = hold_d;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      boot_q       <= 1'b1;
      pc_q         <= '0;
      out_q        <= 1'b0;
      discard_q    <= 1'b0;
      out_pc_q     <= '0;
      hold_q       <= 1'b0;
      hold_stale_q <= 1'b0;
      hold_addr_q  <= '0;
      hold_pc_q    <= '0;
      hold_priv_q  <= rv_core_pkg::PRIV_M;
      fault_q      <= 1'b0;
      fault_page_q <= 1'b0;
      halted_q     <= 1'b0;
      for (int unsigned i = 0; i < Depth; i++) begin
        q_pc_q[i]   <= '0;
        q_insn_q[i] <= '0;
      end
      q_af_q       <= '0;
      q_pf_q       <= '0;
      cnt_q        <= '0;
    end else begin
      boot_q       <= 1'b0;
      pc_q         <= pc_d;
      out_q        <= out_d;
      discard_q    <= discard_d;
      out_pc_q     <= out_pc_d;
      hold_q       <= hold_d;
      hold_stale_q <= hold_stale_d;
      if (new_req) begin
        hold_addr_q <= ibus_addr_o;
        hold_pc_q   <= pc_q;
        hold_priv_q <= priv_i;
      end
      fault_q      <= fault_d;
      if (walk_done_i) fault_page_q <= walk_fault_page_i;
      halted_q     <= halted_d;
      if (q_shift) begin
        for (int unsigned i = 0; i + 1 < Depth; i++) begin
          q_pc_q[i]   <= q_pc_q[i+1];
          q_insn_q[i] <= q_insn_q[i+1];
          q_af_q[i]   <= q_af_q[i+1];
          q_pf_q[i]   <= q_pf_q[i+1];
        end
      end
      // a push to entry 0 overrides the shift (the queue held at most one entry then)
      if (q_push) begin
        // a queued translation fault is an entry with insn = 0 and the fault flag
        q_pc_q[push_idx]   <= resp_push ? out_pc_q : pc_q;
        q_insn_q[push_idx] <= resp_push ? resp_insn : 32'd0;
        q_af_q[push_idx]   <= resp_push ? ibus_err_i : !fault_page_q;
        q_pf_q[push_idx]   <= resp_push ? 1'b0 : fault_page_q;
      end
      cnt_q        <= cnt_d;
    end
  end

  // Source registers of the next cycle's head: the same selection as the queue update above.
  if (NO_BYPASS) begin : g_next
    logic [31:0] next_insn;
    always_comb begin
      next_insn = q_insn_q[0];
      if (q_shift) next_insn = q_insn_q[1];
      if (q_push && (push_idx == '0)) next_insn = resp_push ? resp_insn : 32'd0;
    end
    assign next_rs1_o = next_insn[19:15];
    assign next_rs2_o = next_insn[24:20];
    logic unused_next;
    assign unused_next = ^{next_insn[31:25], next_insn[14:0]};
  end else begin : g_no_next
    assign next_rs1_o = '0;
    assign next_rs2_o = '0;
  end

endmodule
