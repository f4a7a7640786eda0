// 31 x 32-bit integer register file, two read ports, one write port. x0 is not stored (reads 0).
// Writes become visible to reads in the next cycle; the pipeline bypasses the value being written
// this cycle itself.
//
// SYNC_READ = 0: asynchronous reads of raddr_*_i from flip-flops, reset to zero (deterministic
// simulation traces; the ISA leaves the registers undefined).
// SYNC_READ = 1 (FPGA): the registers live in block RAM (one copy per read port: iCE40 BRAMs have
// one read and one write port), read at the clock edge with next_raddr_*_i, the register the
// read port will address in the next cycle (rv_fetch NO_BYPASS). A write at that same edge is
// not seen by the RAM read (read-before-write), so it is forwarded from a register. raddr_*_i
// must equal the previous cycle's next_raddr_*_i whenever the read data is used. Not reset.
module rv_regfile #(
  parameter bit SYNC_READ = 1'b0
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [4:0]  raddr_a_i,
  output logic [31:0] rdata_a_o,
  input  logic [4:0]  raddr_b_i,
  output logic [31:0] rdata_b_o,
  input  logic [4:0]  next_raddr_a_i,   // SYNC_READ only
  input  logic [4:0]  next_raddr_b_i,   // SYNC_READ only
  input  logic        we_i,
  input  logic [4:0]  waddr_i,
  input  logic [31:0] wdata_i
);

  if (!SYNC_READ) begin : g_ff
    logic [31:0] regs_q [1:31];

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        for (int i = 1; i < 32; i++) regs_q[i] <= '0;
      end else if (we_i && (waddr_i != 5'd0)) begin
        regs_q[waddr_i] <= wdata_i;
      end
    end

    assign rdata_a_o = (raddr_a_i == 5'd0) ? 32'd0 : regs_q[raddr_a_i];
    assign rdata_b_o = (raddr_b_i == 5'd0) ? 32'd0 : regs_q[raddr_b_i];

    logic unused;
    assign unused = ^{next_raddr_a_i, next_raddr_b_i};
  end else begin : g_bram
    logic [31:0] mem_a [32];
    logic [31:0] mem_b [32];
    logic [31:0] ram_a_q, ram_b_q;
    logic        fwd_we_q;
    logic [4:0]  fwd_addr_q;
    logic [31:0] fwd_data_q;

    always_ff @(posedge clk_i) begin
      if (we_i) begin
        mem_a[waddr_i] <= wdata_i;
        mem_b[waddr_i] <= wdata_i;
      end
      ram_a_q <= mem_a[next_raddr_a_i];
      ram_b_q <= mem_b[next_raddr_b_i];
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        fwd_we_q   <= 1'b0;
        fwd_addr_q <= '0;
        fwd_data_q <= '0;
      end else begin
        fwd_we_q <= we_i;
        if (we_i) begin
          fwd_addr_q <= waddr_i;
          fwd_data_q <= wdata_i;
        end
      end
    end

    always_comb begin
      rdata_a_o = ram_a_q;
      rdata_b_o = ram_b_q;
      if (fwd_we_q && (fwd_addr_q == raddr_a_i)) rdata_a_o = fwd_data_q;
      if (fwd_we_q && (fwd_addr_q == raddr_b_i)) rdata_b_o = fwd_data_q;
      if (raddr_a_i == 5'd0) rdata_a_o = 32'd0;
      if (raddr_b_i == 5'd0) rdata_b_o = 32'd0;
    end
  end

endmodule
