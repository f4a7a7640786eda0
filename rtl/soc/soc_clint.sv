// Core-local interruptor (SiFive CLINT layout, one hart).
//
//   +0x0000 msip        bit 0: machine software interrupt pending
//   +0x4000 mtimecmp    low word   (+0x4004 high word)
//   +0xBFF8 mtime       low word   (+0xBFFC high word); counts every clock cycle, writable
//
// Other offsets read as zero and ignore writes. Byte enables are honoured on mtime and mtimecmp.
// irq_mtimer_o = (mtime >= mtimecmp), registered (it follows a change of mtime or mtimecmp one
// cycle later; software only sees it through mip).
//
// Area (docs/fpga.md): mtimecmp is kept inverted, so the 64-bit comparison is a bare carry chain
// (mtime + ~mtimecmp + 1 carries out iff mtime >= mtimecmp) without a row of inverters; the read
// data register is zero except in the cycle after a read (the interconnect ORs the responses of
// such slaves instead of multiplexing them).
//
// CMP_BRAM = 1 (the FPGA board, docs/fpga.md): mtimecmp lives in block RAM (two 256x16 blocks)
// and the comparison runs word-serially on one 32-bit carry chain: the block RAM read port
// alternates between the low and the high word, the low word's result is carried into the high
// word's comparison in the next cycle. The chain's mtime operand comes from the same 2:1 word
// multiplexer that serves bus reads of mtime (in the response cycle: such a read returns mtime as
// of that cycle, one more than at the request), and bus reads of mtimecmp come straight from the
// block RAM. irq_mtimer_o then rises a few cycles later than with CMP_BRAM = 0 (a comparison
// every two cycles; a bus read of the other word of mtime pauses it for that cycle; measured with
// random CLINT traffic: at most 8 cycles with a request every third cycle, 13 with one every
// other cycle) and falls in the cycle after a write of mtime or mtimecmp (rising again once the
// comparison says so). It is never early. The block RAM cannot be reset: flags record which bytes
// have been written since reset, unwritten bytes read as 0xFF (the reset value); as long as a word
// has not been written completely since reset, the comparison takes it as 0xFFFF_FFFF (a partial
// write of a word after reset may make the interrupt late, never early).
module soc_clint #(
  parameter bit CMP_BRAM = 1'b0   // mtimecmp in block RAM, word-serial comparison (FPGA board)
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  // Bus slave (always ready, response in the next cycle)
  input  logic        req_i,
  output logic        gnt_o,
  input  logic [31:0] addr_i,
  input  logic        we_i,
  input  logic [3:0]  be_i,
  input  logic [31:0] wdata_i,
  output logic        rvalid_o,
  output logic [31:0] rdata_o,   // zero except in the response cycle of a read
  output logic        err_o,

  output logic        irq_msoft_o,
  output logic        irq_mtimer_o,
  output logic [63:0] mtime_o
);

  localparam logic [15:0] OffMsip     = soc_memory_map_pkg::CLINT_MSIP[15:0];
  localparam logic [15:0] OffMtimecmp = soc_memory_map_pkg::CLINT_MTIMECMP[15:0];
  localparam logic [15:0] OffMtime    = soc_memory_map_pkg::CLINT_MTIME[15:0];

  logic        msip_q;
  logic [63:0] mtime_q, mtime_d;
  logic        lo_ones;           // mtime_q[31:0] is all ones (the low word wraps next cycle)
  logic        irq_mtimer_q;
  logic        rvalid_q;

  // Decode: msip is one word, mtimecmp and mtime are word pairs (addr_i[2] = high word).
  logic sel_msip, sel_cmp, sel_time, hi, wr, rd;
  assign sel_msip = addr_i[15:2] == OffMsip[15:2];
  assign sel_cmp  = addr_i[15:3] == OffMtimecmp[15:3];
  assign sel_time = addr_i[15:3] == OffMtime[15:3];
  assign hi       = addr_i[2];
  assign wr       = req_i && we_i;
  assign rd       = req_i && !we_i;

  // Byte write enables of the 64-bit registers: byte b of the pair is lane b % 4 of word b / 4.
  logic [7:0] wbyte;
  assign wbyte = hi ? {be_i, 4'b0000} : {4'b0000, be_i};

  // mtime: +1 every cycle; a written byte takes the written value instead.
  logic [32:0] lo_inc;
  always_comb begin
    lo_inc = '0;
    if (CMP_BRAM) begin
      // Two halves, so that the carry out of the low word (lo_ones) is a signal of its own.
      lo_inc  = {1'b0, mtime_q[31:0]} + 33'd1;
      lo_ones = lo_inc[32];
      mtime_d = {mtime_q[63:32] + {31'd0, lo_ones}, lo_inc[31:0]};
    end else begin
      lo_ones = 1'b0;
      mtime_d = mtime_q + 64'd1;
    end
    if (wr && sel_time) begin
      for (int unsigned b = 0; b < 8; b++) begin
        if (wbyte[b]) mtime_d[8*b +: 8] = wdata_i[8*(b%4) +: 8];
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      msip_q   <= 1'b0;
      mtime_q  <= 64'd0;
      rvalid_q <= 1'b0;
    end else begin
      mtime_q  <= mtime_d;
      rvalid_q <= req_i;
      if (wr && sel_msip && be_i[0]) msip_q <= wdata_i[0];
    end
  end

  if (!CMP_BRAM) begin : g_cmp_ff
    logic [63:0] ncmp_q;            // ~mtimecmp
    logic [31:0] rdata_q;

    // mtime >= mtimecmp  <=>  mtime + ~mtimecmp + 1 carries out of bit 63 (written as this sum,
    // yosys maps it to a bare carry chain on mtime_q and ncmp_q; `mtime_q >= ~ncmp_q` costs 64
    // inverters). Two 33-bit halves: the same carry chain, and 64-bit arithmetic in the verilated
    // model.
    logic [32:0] cmp_lo, cmp_hi;
    logic        mtime_ge;
    assign cmp_lo   = {1'b0, mtime_q[31:0]} + {1'b0, ncmp_q[31:0]} + 33'd1;
    assign cmp_hi   = {1'b0, mtime_q[63:32]} + {1'b0, ncmp_q[63:32]} + {32'd0, cmp_lo[32]};
    assign mtime_ge = cmp_hi[32];

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        ncmp_q       <= '0;        // mtimecmp = all ones
        irq_mtimer_q <= 1'b0;
        rdata_q      <= 32'd0;
      end else begin
        irq_mtimer_q <= mtime_ge;
        if (wr && sel_cmp) begin
          for (int unsigned b = 0; b < 8; b++) begin
            if (wbyte[b]) ncmp_q[8*b +: 8] <= ~wdata_i[8*(b%4) +: 8];
          end
        end
        // The read data register holds zero unless the previous cycle was a read.
        if (rd && sel_time)      rdata_q <= hi ? mtime_q[63:32] : mtime_q[31:0];
        else if (rd && sel_cmp)  rdata_q <= ~(hi ? ncmp_q[63:32] : ncmp_q[31:0]);
        else if (rd && sel_msip) rdata_q <= {31'd0, msip_q};
        else                     rdata_q <= 32'd0;
      end
    end

    assign rdata_o = rdata_q;

    logic unused_cmp;
    assign unused_cmp = ^{cmp_lo[31:0], cmp_hi[31:0], lo_ones, lo_inc};

  end else begin : g_cmp_bram
    // mtimecmp, word 0 low, word 1 high: two 256x16 block RAMs with bit write masks, written
    // straight from the bus (no logic on the write data).
    (* ram_style = "block", no_rw_check *) logic [31:0] cmp_mem [2];
    logic [31:0] cmp_rd_q;          // the word read in the previous cycle
    logic        rsel_q;            // ... which one it is (1 = high)
    logic        raddr;
    // A block RAM cannot be reset: a byte of mtimecmp holds its reset value (0xFF) until it is
    // written after reset, which these flags record (byte b of the pair).
    logic [7:0]  set_q;
    logic        lo_set, hi_set;
    logic [3:0]  unset_rd;          // lanes of the word on the block RAM's output not yet written
    logic        cmp_wr, time_wr, any_wr_q;
    logic [31:0] nmword;
    logic        msel, step_ok;
    logic        rd_time_q, rd_hi_q, rd_msip_q;   // the previous cycle read mtime (which word)
                                                  // or msip
    logic        k_q, kv_q;         // low-word result, valid (computed in the previous cycle)
    logic        rd_cmp_q;
    logic [32:0] chain;

    assign cmp_wr  = wr && sel_cmp;
    assign time_wr = wr && sel_time;
    assign lo_set  = &set_q[3:0];
    assign hi_set  = &set_q[7:4];

    always_ff @(posedge clk_i) begin
      for (int unsigned b = 0; b < 4; b++) begin
        if (cmp_wr && be_i[b]) cmp_mem[hi][8*b +: 8] <= wdata_i[8*b +: 8];
      end
      cmp_rd_q <= cmp_mem[raddr];
    end

    // The read port alternates between the words, except for a bus read of mtimecmp.
    assign raddr    = (rd && sel_cmp) ? hi : !rsel_q;
    // One 2:1 multiplexer of mtime's words (inverted): in the response cycle of a bus read of
    // mtime the read word (the read returns mtime as of the response cycle, one more than at the
    // request), else the comparison's word. Its select comes from flip-flops only, so that the
    // bus request's address decode is not in front of the carry chain (timing).
    assign msel     = rd_time_q ? rd_hi_q : rsel_q;
    assign nmword   = ~(msel ? mtime_q[63:32] : mtime_q[31:0]);
    // ~mtime_w + cmp_w + cin carries out iff cmp_w + cin > mtime_w. Low word (cin 0): the carry
    // is !(mtime_lo >= cmp_lo) = !k. High word, next cycle, cin = !k: the carry is
    // !(mtime >= mtimecmp) for the 64-bit mtime of the previous cycle. If the low word was all
    // ones then, the high word has been incremented since: k = 0 then gives the same answer
    // (hi + 1 > cmp_hi <=> hi >= cmp_hi). A low word not completely written since reset counts
    // as all ones (k = 0 unless mtime_lo is all ones, and then k = 0 anyway, see above); with
    // the high word not completely written the interrupt stays low (mtime_hi would have to reach
    // 0xFFFF_FFFF: 24,000 years at 24 MHz).
    assign chain    = {1'b0, nmword} + {1'b0, cmp_rd_q} + {32'd0, rsel_q && !k_q};
    // A step is valid when the multiplexer gives the word of the block RAM's output (a bus read
    // of the same word of mtime does) and no write is recent (the word read may be stale, or mtime
    // has changed in a way other than +1).
    assign step_ok  = (msel == rsel_q) && !cmp_wr && !time_wr && !any_wr_q;

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        set_q        <= '0;
        rsel_q       <= 1'b0;
        any_wr_q     <= 1'b1;
        k_q          <= 1'b0;
        kv_q         <= 1'b0;
        irq_mtimer_q <= 1'b0;
        rd_cmp_q     <= 1'b0;
        rd_time_q    <= 1'b0;
        rd_msip_q    <= 1'b0;
      end else begin
        if (cmp_wr) set_q <= set_q | wbyte;
        rsel_q   <= raddr;
        any_wr_q <= cmp_wr || time_wr;
        kv_q     <= step_ok && !rsel_q;
        if (!rsel_q) k_q <= !chain[32] && !lo_ones && lo_set;
        if (cmp_wr || time_wr)              irq_mtimer_q <= 1'b0;
        else if (step_ok && rsel_q && kv_q) irq_mtimer_q <= !chain[32] && hi_set;
        rd_cmp_q <= rd && sel_cmp;
        rd_time_q <= rd && sel_time;
        rd_msip_q <= rd && sel_msip;
      end
    end

    always_ff @(posedge clk_i) begin
      rd_hi_q <= hi;
    end

    for (genvar l = 0; l < 4; l++) begin : g_lane
      assign unset_rd[l] = !(rsel_q ? set_q[4+l] : set_q[l]);
      assign rdata_o[8*l +: 8] = (~nmword[8*l +: 8] & {8{rd_time_q}}) |
                                 ((l == 0) ? {7'd0, rd_msip_q && msip_q} : 8'd0) |
                                 (rd_cmp_q ? (cmp_rd_q[8*l +: 8] | {8{unset_rd[l]}}) : 8'd0);
    end

    logic unused_cmp;
    assign unused_cmp = ^chain[31:0];
  end

  assign gnt_o        = 1'b1;
  assign rvalid_o     = rvalid_q;
  assign err_o        = 1'b0;
  assign irq_msoft_o  = msip_q;
  assign irq_mtimer_o = irq_mtimer_q;
  assign mtime_o      = mtime_q;

  logic unused_addr;
  assign unused_addr = ^{addr_i[31:16], addr_i[1:0]};

endmodule
