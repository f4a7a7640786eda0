// Platform-level interrupt controller, a subset of the RISC-V PLIC specification.
//
// Sources 1..NumSources-1 (source 0 is reserved), PrioWidth-bit priorities, NumContexts contexts
// (context 0 = M-mode external interrupt, context 1 = S-mode external interrupt).
// Level-triggered gateways: a source whose level is high becomes pending unless it has been
// claimed and not yet completed; after completion it becomes pending again while its level is
// still high. A claim returns the pending, enabled source with the highest priority above the
// context's threshold (ties: the lowest id), or 0, and clears its pending bit.
//
// Register layout (offsets from PLIC_BASE, from soc_memory_map_pkg):
//   PLIC_PRIORITY + 4*id                               priority of source id (id 0 reads 0)
//   PLIC_PENDING                                       pending bits 31..0 (read only)
//   PLIC_ENABLE + PLIC_ENABLE_STRIDE*ctx               enable bits of context ctx
//   PLIC_CONTEXT + PLIC_CONTEXT_STRIDE*ctx + PLIC_THRESHOLD   threshold
//   PLIC_CONTEXT + PLIC_CONTEXT_STRIDE*ctx + PLIC_CLAIM       claim (read) / complete (write)
// Other offsets read as zero and ignore writes. Registers are written as whole words.
module soc_plic #(
  parameter int unsigned NumSources  = 32,  // including the reserved source 0; at most 32
  parameter int unsigned NumContexts = 2,
  parameter int unsigned PrioWidth   = 3
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

  logic [PrioWidth-1:0]                  prio_q [NumSources];
  logic                                  prio_we;
  logic [PrioWidth-1:0]                  prio_wdata;
  logic [NumSources-1:0]                 pending_q, pending_d;
  logic [NumSources-1:0]                 inflight_q, inflight_d;
  // per context c: bits [c*NumSources +: NumSources], [c*PrioWidth +: PrioWidth], ...
  logic [NumContexts*NumSources-1:0]     enable_q, enable_d;
  logic [NumContexts*PrioWidth-1:0]      threshold_q, threshold_d;
  logic                                  rvalid_q;
  logic [31:0]                           rdata_q, rdata_d;

  // Best claimable source per context. The search only runs while something is eligible, which
  // keeps the simulation model cheap in the common case of no pending interrupt.
  logic [NumContexts*IdWidth-1:0]        best_id;
  logic [NumContexts*PrioWidth-1:0]      best_prio;
  logic [NumContexts*NumSources-1:0]     eligible;

  always_comb begin
    for (int unsigned c = 0; c < NumContexts; c++) begin
      eligible[c*NumSources +: NumSources]  = pending_q & enable_q[c*NumSources +: NumSources];
      best_id[c*IdWidth +: IdWidth]   = '0;
      best_prio[c*PrioWidth +: PrioWidth] = threshold_q[c*PrioWidth +: PrioWidth];
      if (eligible[c*NumSources +: NumSources] != '0) begin
        for (int unsigned s = 1; s < NumSources; s++) begin
          if (eligible[c*NumSources + s] && (prio_q[s] > best_prio[c*PrioWidth +: PrioWidth])) begin
            best_id[c*IdWidth +: IdWidth]   = IdWidth'(s);
            best_prio[c*PrioWidth +: PrioWidth] = prio_q[s];
          end
        end
      end
      irq_o[c] = best_id[c*IdWidth +: IdWidth] != '0;
    end
  end

  // Address decode: offset = {4 KiB page [21:12], offset in the page [11:0]}.
  localparam logic [9:0] PageEnable  = 10'(soc_memory_map_pkg::PLIC_ENABLE >> 12);
  localparam logic [9:0] PageContext = 10'(soc_memory_map_pkg::PLIC_CONTEXT >> 12);
  localparam int unsigned CtxShift   = $clog2(soc_memory_map_pkg::PLIC_ENABLE_STRIDE);

  logic [21:0] off;
  logic [9:0]  page;   // 4 KiB page inside the PLIC
  logic [11:0] poff;   // byte offset inside the page
  logic        wr, rd, full_word;
  logic        is_prio, is_pending, is_enable, is_ctx;
  logic [9:0]  enable_ctx, ctx_idx;
  logic [IdWidth-1:0]     prio_idx;
  logic [NumSources-1:0]  claim_mask, complete_mask;

  // The decode is only evaluated during a bus access: the verilated model then skips it in the
  // (common) cycles in which the PLIC is not addressed.
  always_comb begin
    off        = '0;
    page       = '0;
    poff       = '0;
    full_word  = 1'b0;
    wr         = 1'b0;
    rd         = 1'b0;
    is_prio    = 1'b0;
    is_pending = 1'b0;
    enable_ctx = '0;
    is_enable  = 1'b0;
    ctx_idx    = '0;
    is_ctx     = 1'b0;
    prio_idx   = '0;
    if (req_i) begin
      off        = {addr_i[21:2], 2'b00};
      page       = off[21:12];
      poff       = off[11:0];
      full_word  = be_i == 4'b1111;
      wr         = we_i && full_word;
      rd         = !we_i;
      is_prio    = (off - 22'(soc_memory_map_pkg::PLIC_PRIORITY)) < 22'(4 * NumSources);
      is_pending = off == 22'(soc_memory_map_pkg::PLIC_PENDING);
      enable_ctx = 10'((off - 22'(soc_memory_map_pkg::PLIC_ENABLE)) >> CtxShift);
      is_enable  = (page == PageEnable) && (poff[CtxShift-1:0] == '0) &&
                   (enable_ctx < 10'(NumContexts));
      ctx_idx    = page - PageContext;
      is_ctx     = (page >= PageContext) && (ctx_idx < 10'(NumContexts)) &&
                   ((poff == 12'(soc_memory_map_pkg::PLIC_THRESHOLD)) ||
                    (poff == 12'(soc_memory_map_pkg::PLIC_CLAIM)));
      prio_idx   = IdWidth'((off - 22'(soc_memory_map_pkg::PLIC_PRIORITY)) >> 2);
    end
  end

  always_comb begin
    prio_we       = 1'b0;
    prio_wdata    = wdata_i[PrioWidth-1:0];
    enable_d      = enable_q;
    threshold_d   = threshold_q;
    claim_mask    = '0;
    complete_mask = '0;
    rdata_d       = rdata_q;
    if (req_i) begin
      if (rd) begin
        rdata_d = 32'd0;
      end
      if (is_prio && (prio_idx != '0)) begin
        if (wr) prio_we = 1'b1;
        if (rd) rdata_d = 32'(prio_q[prio_idx]);
      end
      if (is_pending && rd) begin
        rdata_d = 32'(pending_q);
      end
      for (int unsigned c = 0; c < NumContexts; c++) begin
        if (is_enable && (enable_ctx == 10'(c))) begin
          if (wr) enable_d[c*NumSources +: NumSources] = wdata_i[NumSources-1:0] & ~NumSources'(1);
          if (rd) rdata_d = 32'(enable_q[c*NumSources +: NumSources]);
        end
        if (is_ctx && (ctx_idx == 10'(c))) begin
          if (poff == 12'(soc_memory_map_pkg::PLIC_THRESHOLD)) begin
            if (wr) threshold_d[c*PrioWidth +: PrioWidth] = wdata_i[PrioWidth-1:0];
            if (rd) rdata_d = 32'(threshold_q[c*PrioWidth +: PrioWidth]);
          end else begin  // claim / complete
            if (wr && (wdata_i < 32'(NumSources))) begin
              complete_mask[wdata_i[IdWidth-1:0]] = 1'b1;
            end
            if (rd) begin
              rdata_d = 32'(best_id[c*IdWidth +: IdWidth]);
              claim_mask[best_id[c*IdWidth +: IdWidth]] = 1'b1;
            end
          end
        end
      end
      claim_mask[0]    = 1'b0;
      complete_mask[0] = 1'b0;
    end
  end

  // Gateways.
  assign pending_d  = (pending_q | (irq_sources_i & ~inflight_q)) & ~claim_mask & ~NumSources'(1);
  assign inflight_d = (inflight_q | claim_mask) & ~complete_mask;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int unsigned s = 0; s < NumSources; s++) begin
        prio_q[s] <= '0;
      end
      pending_q   <= '0;
      inflight_q  <= '0;
      enable_q    <= '0;
      threshold_q <= '0;
      rvalid_q    <= 1'b0;
      rdata_q     <= 32'd0;
    end else begin
      // Only the written priority register is updated: copying the whole array every cycle
      // is a large part of the simulation cost of an idle PLIC.
      if (prio_we) prio_q[prio_idx] <= prio_wdata;
      pending_q   <= pending_d;
      inflight_q  <= inflight_d;
      enable_q    <= enable_d;
      threshold_q <= threshold_d;
      rvalid_q    <= req_i;
      rdata_q     <= rdata_d;
    end
  end

  assign gnt_o    = 1'b1;
  assign rvalid_o = rvalid_q;
  assign rdata_o  = rdata_q;
  assign err_o    = 1'b0;

  logic unused_addr;
  assign unused_addr = ^{addr_i[31:22], addr_i[1:0]};

endmodule
