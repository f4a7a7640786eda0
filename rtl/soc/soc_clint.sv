// Core-local interruptor (SiFive CLINT layout, one hart).
//
//   +0x0000 msip        bit 0: machine software interrupt pending
//   +0x4000 mtimecmp    low word   (+0x4004 high word)
//   +0xBFF8 mtime       low word   (+0xBFFC high word); counts every clock cycle, writable
//
// Other offsets read as zero and ignore writes. irq_mtimer_o = (mtime >= mtimecmp).
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
  output logic [31:0] rdata_o,
  output logic        err_o,

  output logic        irq_msoft_o,
  output logic        irq_mtimer_o,
  output logic [63:0] mtime_o
);

  localparam logic [15:0] OffMsip      = soc_memory_map_pkg::CLINT_MSIP[15:0];
  localparam logic [15:0] OffMtimecmpL = soc_memory_map_pkg::CLINT_MTIMECMP[15:0];
  localparam logic [15:0] OffMtimecmpH = soc_memory_map_pkg::CLINT_MTIMECMP[15:0] + 16'd4;
  localparam logic [15:0] OffMtimeL    = soc_memory_map_pkg::CLINT_MTIME[15:0];
  localparam logic [15:0] OffMtimeH    = soc_memory_map_pkg::CLINT_MTIME[15:0] + 16'd4;

  logic        msip_q, msip_d;
  logic [63:0] mtimecmp_q, mtimecmp_d;
  logic [63:0] mtime_q, mtime_d;
  logic        rvalid_q;
  logic [31:0] rdata_q, rdata_d;

  logic [15:0] off;
  logic        wr, rd;
  logic [31:0] wmask;

  assign off   = {addr_i[15:2], 2'b00};
  assign wr    = req_i && we_i;
  assign rd    = req_i && !we_i;

  // The write path is only evaluated for a write (keeps the simulation of an idle CLINT cheap).
  always_comb begin
    msip_d     = msip_q;
    mtimecmp_d = mtimecmp_q;
    mtime_d    = mtime_q + 64'd1;
    wmask      = '0;
    if (wr) begin
      wmask = {{8{be_i[3]}}, {8{be_i[2]}}, {8{be_i[1]}}, {8{be_i[0]}}};
      unique case (off)
        OffMsip:      if (be_i[0]) msip_d = wdata_i[0];
        OffMtimecmpL: mtimecmp_d[31:0]  = (mtimecmp_q[31:0]  & ~wmask) | (wdata_i & wmask);
        OffMtimecmpH: mtimecmp_d[63:32] = (mtimecmp_q[63:32] & ~wmask) | (wdata_i & wmask);
        OffMtimeL:    mtime_d[31:0]     = (mtime_q[31:0]     & ~wmask) | (wdata_i & wmask);
        OffMtimeH:    mtime_d[63:32]    = (mtime_q[63:32]    & ~wmask) | (wdata_i & wmask);
        default: ;
      endcase
    end
  end

  always_comb begin
    rdata_d = rdata_q;
    if (rd) begin
      unique case (off)
        OffMsip:      rdata_d = {31'd0, msip_q};
        OffMtimecmpL: rdata_d = mtimecmp_q[31:0];
        OffMtimecmpH: rdata_d = mtimecmp_q[63:32];
        OffMtimeL:    rdata_d = mtime_q[31:0];
        OffMtimeH:    rdata_d = mtime_q[63:32];
        default:      rdata_d = 32'd0;
      endcase
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      msip_q     <= 1'b0;
      mtimecmp_q <= '1;
      mtime_q    <= 64'd0;
      rvalid_q   <= 1'b0;
      rdata_q    <= 32'd0;
    end else begin
      msip_q     <= msip_d;
      mtimecmp_q <= mtimecmp_d;
      mtime_q    <= mtime_d;
      rvalid_q   <= req_i;
      rdata_q    <= rdata_d;
    end
  end

  assign gnt_o        = 1'b1;
  assign rvalid_o     = rvalid_q;
  assign rdata_o      = rdata_q;
  assign err_o        = 1'b0;
  assign irq_msoft_o  = msip_q;
  assign irq_mtimer_o = mtime_q >= mtimecmp_q;
  assign mtime_o      = mtime_q;

  logic unused_addr;
  assign unused_addr = ^{addr_i[31:16], addr_i[1:0]};

endmodule
