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
module soc_clint (
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
  logic [63:0] ncmp_q;            // ~mtimecmp
  logic [63:0] mtime_q, mtime_d;
  logic        irq_mtimer_q;
  logic        rvalid_q;
  logic [31:0] rdata_q;

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
  always_comb begin
    mtime_d = mtime_q + 64'd1;
    if (wr && sel_time) begin
      for (int unsigned b = 0; b < 8; b++) begin
        if (wbyte[b]) mtime_d[8*b +: 8] = wdata_i[8*(b%4) +: 8];
      end
    end
  end

  // mtime >= mtimecmp  <=>  mtime + ~mtimecmp + 1 carries out of bit 63 (written as this sum, yosys
  // maps it to a bare carry chain on mtime_q and ncmp_q; `mtime_q >= ~ncmp_q` costs 64 inverters).
  // Two 33-bit halves: the same carry chain, and 64-bit arithmetic in the verilated model.
  logic [32:0] cmp_lo, cmp_hi;
  logic        mtime_ge;
  assign cmp_lo   = {1'b0, mtime_q[31:0]} + {1'b0, ncmp_q[31:0]} + 33'd1;
  assign cmp_hi   = {1'b0, mtime_q[63:32]} + {1'b0, ncmp_q[63:32]} + {32'd0, cmp_lo[32]};
  assign mtime_ge = cmp_hi[32];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      msip_q       <= 1'b0;
      ncmp_q       <= '0;        // mtimecmp = all ones
      mtime_q      <= 64'd0;
      irq_mtimer_q <= 1'b0;
      rvalid_q     <= 1'b0;
      rdata_q      <= 32'd0;
    end else begin
      mtime_q      <= mtime_d;
      irq_mtimer_q <= mtime_ge;
      rvalid_q     <= req_i;
      if (wr && sel_msip && be_i[0]) msip_q <= wdata_i[0];
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

  assign gnt_o        = 1'b1;
  assign rvalid_o     = rvalid_q;
  assign rdata_o      = rdata_q;
  assign err_o        = 1'b0;
  assign irq_msoft_o  = msip_q;
  assign irq_mtimer_o = irq_mtimer_q;
  assign mtime_o      = mtime_q;

  logic unused_addr;
  assign unused_addr = ^{addr_i[31:16], addr_i[1:0], cmp_lo[31:0], cmp_hi[31:0]};

endmodule
