// Platform-level interrupt controller, a subset of the RISC-V PLIC specification.
//
// Sources 1..NumSources-1 (source 0 is reserved), PrioWidth-bit priorities, NumContexts contexts
// (context 0 = M-mode external interrupt, context 1 = S-mode external interrupt).
// Level-triggered gateways: a source whose level is high becomes pending unless it has been
// claimed and not yet completed; after completion it becomes pending again while its level is
// still high. A claim returns the pending, enabled source with the highest priority above the
// context's threshold (ties: the lowest id), or 0, and clears its pending bit.
//
// SourceMask selects the implemented sources (bit id = source id; bit 0 is ignored). An
// unimplemented source has no state: its priority, pending and enable bits read as zero and
// ignore writes (the PLIC specification allows hard-wired zero priorities). The default implements
// all of them; the FPGA board implements only the sources it has (docs/fpga.md).
//
// Register layout (offsets from PLIC_BASE, from soc_memory_map_pkg):
//   PLIC_PRIORITY + 4*id                               priority of source id (id 0 reads 0)
//   PLIC_PENDING                                       pending bits 31..0 (read only)
//   PLIC_ENABLE + PLIC_ENABLE_STRIDE*ctx               enable bits of context ctx
//   PLIC_CONTEXT + PLIC_CONTEXT_STRIDE*ctx + PLIC_THRESHOLD   threshold
//   PLIC_CONTEXT + PLIC_CONTEXT_STRIDE*ctx + PLIC_CLAIM       claim (read) / complete (write)
// Other offsets read as zero and ignore writes. Registers are written as whole words.
// The read data is zero except in the cycle after a read (the interconnect ORs such responses).
module soc_plic #(
  parameter int unsigned NumSources  = 32,  // including the reserved source 0; 2..32
  parameter int unsigned NumContexts = 2,   // 1..2
  parameter int unsigned PrioWidth   = 3,
  parameter logic [31:0] SourceMask  = 32'hFFFF_FFFF  // implemented sources
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,

  // Bus slave (always ready, response in the next cycle)
  input  logic                   req_i,
  output logic                   gnt_o,
  input  logic [31:0]            addr_i,
  input  logic                   we_i,
  input  logic [3:0]             be_i,
  input  logic [31:0]            wdata_i,
  output logic                   rvalid_o,
  output logic [31:0]            rdata_o,
  output logic                   err_o,

  input  logic [NumSources-1:0]  irq_sources_i,  // level; bit 0 is ignored
  output logic [NumContexts-1:0] irq_o           // per context: a claimable interrupt exists
);

  localparam int unsigned IdWidth = $clog2(NumSources);
  localparam int unsigned NS      = NumSources;
  localparam int unsigned PW      = PrioWidth;
  localparam logic [31:0] Impl = SourceMask & 32'hFFFF_FFFE;

  // ------------------------------------------------------------------ address decode
  // offset = {4 KiB page [21:12], word [11:2]}. Every register is matched on all offset bits.
  localparam logic [9:0]  PagePrio    = 10'(soc_memory_map_pkg::PLIC_PRIORITY >> 12);
  localparam logic [19:0] WordPending = 20'(soc_memory_map_pkg::PLIC_PENDING >> 2);
  localparam logic [9:0]  PageEnable  = 10'(soc_memory_map_pkg::PLIC_ENABLE >> 12);
  localparam logic [9:0]  PageContext = 10'(soc_memory_map_pkg::PLIC_CONTEXT >> 12);
  localparam logic [9:0]  WordThresh  = 10'(soc_memory_map_pkg::PLIC_THRESHOLD >> 2);
  localparam logic [9:0]  WordClaim   = 10'(soc_memory_map_pkg::PLIC_CLAIM >> 2);

  logic [9:0] page, word;
  logic       wr, rd;
  logic       is_prio, is_pending;
  logic [NumContexts-1:0] is_en, is_thr, is_claim;
  logic [IdWidth-1:0]     prio_idx;

  assign page     = addr_i[21:12];
  assign word     = addr_i[11:2];
  assign wr       = req_i && we_i && (be_i == 4'b1111);
  assign rd       = req_i && !we_i;
  assign prio_idx = addr_i[IdWidth+1:2];
  // A priority register exists for every id below NumSources (ids above 0 with a source).
  if (NS == (1 << IdWidth)) begin : g_prio_pow2
    assign is_prio = (page == PagePrio) && ((word >> IdWidth) == '0);
  end else begin : g_prio_any
    assign is_prio = (page == PagePrio) && ((word >> IdWidth) == '0) && (prio_idx < IdWidth'(NS));
  end
  assign is_pending = addr_i[21:2] == WordPending;

  for (genvar c = 0; c < NumContexts; c++) begin : g_dec
    localparam logic [11:0] EnOff = 12'(soc_memory_map_pkg::PLIC_ENABLE_STRIDE * c);
    assign is_en[c]    = (page == PageEnable) && ({word, 2'b00} == EnOff);
    assign is_thr[c]   = (page == PageContext + 10'(c)) && (word == WordThresh);
    assign is_claim[c] = (page == PageContext + 10'(c)) && (word == WordClaim);
  end

  // ------------------------------------------------------------------ state
  logic [PW-1:0]             prio_q [NS]; // per id; read only for implemented sources
  logic [NS-1:0]             pending_q;
  logic [NS-1:0]             inflight_q;
  logic [NumContexts*NS-1:0] enable_q;
  logic [NumContexts*PW-1:0] threshold_q;
  logic [NS-1:0]             claim_mask, complete_mask;

  // Best claimable source per context (ties: the lowest id). The search only runs while something
  // is eligible, which keeps the simulation model cheap when no interrupt is pending.
  logic [NumContexts*IdWidth-1:0] best_id;
  logic [NumContexts*PW-1:0]      best_prio;
  logic [NumContexts*NS-1:0]      eligible;

  always_comb begin
    for (int unsigned c = 0; c < NumContexts; c++) begin
      eligible[c*NS +: NS]          = pending_q & enable_q[c*NS +: NS];
      best_id[c*IdWidth +: IdWidth] = '0;
      best_prio[c*PW +: PW]         = threshold_q[c*PW +: PW];
      if (eligible[c*NS +: NS] != '0) begin
        for (int unsigned s = 1; s < NS; s++) begin
          if (Impl[s] && eligible[c*NS + s] && (prio_q[s] > best_prio[c*PW +: PW])) begin
            best_id[c*IdWidth +: IdWidth] = IdWidth'(s);
            best_prio[c*PW +: PW]         = prio_q[s];
          end
        end
      end
      irq_o[c] = best_id[c*IdWidth +: IdWidth] != '0;
    end
  end

  // Claim (read of a claim register: the context's best source) and complete (write of an id to
  // it), per implemented source. Only evaluated during an access (cheap to simulate).
  always_comb begin
    claim_mask    = '0;
    complete_mask = '0;
    if (req_i) begin
      for (int unsigned s = 1; s < NS; s++) begin
        if (Impl[s]) begin
          for (int unsigned c = 0; c < NumContexts; c++) begin
            if (rd && is_claim[c] && (best_id[c*IdWidth +: IdWidth] == IdWidth'(s))) begin
              claim_mask[s] = 1'b1;
            end
          end
          if (wr && (is_claim != '0) && (wdata_i == 32'(s))) complete_mask[s] = 1'b1;
        end
      end
    end
  end

  // Vector state (cheap to simulate); the bits of unimplemented sources are constant zero, which
  // synthesis removes.
  logic [NS-1:0] pending_d, inflight_d;
  logic [NumContexts*NS-1:0] enable_d;
  assign pending_d  = (pending_q | (irq_sources_i & ~inflight_q)) & ~claim_mask & Impl[NS-1:0];
  assign inflight_d = (inflight_q | claim_mask) & ~complete_mask & Impl[NS-1:0];
  always_comb begin
    enable_d = enable_q;
    for (int unsigned c = 0; c < NumContexts; c++) begin
      if (wr && is_en[c]) enable_d[c*NS +: NS] = wdata_i[NS-1:0] & Impl[NS-1:0];
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pending_q  <= '0;
      inflight_q <= '0;
      enable_q   <= '0;
    end else begin
      pending_q  <= pending_d;
      inflight_q <= inflight_d;
      enable_q   <= enable_d;
    end
  end

  // Priorities: a register per id; those of unimplemented sources are never read (synthesis
  // removes them).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned s = 0; s < NS; s++) prio_q[s] <= '0;
    end else if (wr && is_prio) begin
      prio_q[prio_idx] <= wdata_i[PW-1:0];
    end
  end

  for (genvar c = 0; c < NumContexts; c++) begin : g_thr
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        threshold_q[c*PW +: PW] <= '0;
      end else if (wr && is_thr[c]) begin
        threshold_q[c*PW +: PW] <= wdata_i[PW-1:0];
      end
    end
  end

  // ------------------------------------------------------------------ read data
  logic [31:0] rdata_d;
  always_comb begin
    rdata_d = '0;
    if (rd) begin
      for (int unsigned s = 1; s < NS; s++) begin
        if (Impl[s] && is_prio && (prio_idx == IdWidth'(s))) rdata_d = 32'(prio_q[s]);
      end
      if (is_pending) rdata_d = 32'(pending_q);
      for (int unsigned c = 0; c < NumContexts; c++) begin
        if (is_en[c])    rdata_d = 32'(enable_q[c*NS +: NS]);
        if (is_thr[c])   rdata_d = 32'(threshold_q[c*PW +: PW]);
        if (is_claim[c]) rdata_d = 32'(best_id[c*IdWidth +: IdWidth]);
      end
    end
  end

  logic        rvalid_q;
  logic [31:0] rdata_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rvalid_q <= 1'b0;
      rdata_q  <= '0;
    end else begin
      rvalid_q <= req_i;
      rdata_q  <= rdata_d;
    end
  end

  assign gnt_o    = 1'b1;
  assign rvalid_o = rvalid_q;
  assign rdata_o  = rdata_q;
  assign err_o    = 1'b0;

  logic unused;
  assign unused = ^{addr_i[31:22], addr_i[1:0], wdata_i, irq_sources_i, SourceMask,
                    claim_mask, complete_mask};

endmodule
