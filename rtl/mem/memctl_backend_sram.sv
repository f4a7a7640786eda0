// SRAM back end of the memory controller: single-cycle memory with optional wait states.
//
// Back-end protocol (internal to memctl, same handshake as the SoC bus without priv/err): a request
// is accepted with req && gnt; its response (rvalid, rdata) comes lat_i + 1 cycles later; at most
// one request is outstanding per port and the next one may be accepted in the cycle the response
// is delivered, so with lat_i == 0 a port sustains one access per cycle. Write responses carry no
// data. The storage access itself happens at the accepting clock edge.
//
// PORTS = 2: a second, independent port (f_*) for instruction fetches, like the dual-ported RAM
// that the controller replaced; the storage is then reached from two memctl_storage instances (in
// simulation: the same DPI storage). A fetch and a write of the same word in the same cycle: the
// fetch may return the old or the new word. PORTS = 1: f_* is unused (iCE40 SPRAM, one port).
module memctl_backend_sram #(
  parameter int unsigned PORTS = 1,
  // 0: no wait states (lat_i is ignored, every response comes in the next cycle and gnt is
  // always 1): no wait counter, and the grant is a constant for the arbitration above (FPGA
  // timing; the board has no --mem-latency)
  parameter bit          WAIT_STATES = 1'b1
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic [7:0]  lat_i,     // wait cycles per access (socsim --mem-latency)

  // Port 0: everything (PORTS = 1), or everything but fetches (PORTS = 2)
  input  logic        req_i,
  output logic        gnt_o,
  input  logic        we_i,
  input  logic [31:0] addr_i,    // byte offset from RAM_BASE, inside the populated memory
  input  logic [3:0]  be_i,
  input  logic [31:0] wdata_i,
  output logic        rvalid_o,
  output logic [31:0] rdata_o,

  // Port 1: instruction fetches (PORTS = 2 only; read only)
  input  logic        f_req_i,
  output logic        f_gnt_o,
  input  logic [31:0] f_addr_i,
  output logic        f_rvalid_o,
  output logic [31:0] f_rdata_o
);

  localparam int unsigned NP = (PORTS > 1) ? 2 : 1;

  logic [NP-1:0]       req, gnt, rvalid, we, hs;
  logic [NP*32-1:0]    addr, wdata, rdata;   // port p: bits [p*32 +: 32]
  logic [NP*4-1:0]     be;
  logic [NP-1:0]       pending_q, pending_d;
  logic [NP*8-1:0]     wait_q, wait_d;

  assign req[0]      = req_i;
  assign we[0]       = we_i;
  assign addr[31:0]  = addr_i;
  assign be[3:0]     = be_i;
  assign wdata[31:0] = wdata_i;
  assign gnt_o       = gnt[0];
  assign rvalid_o    = rvalid[0];
  assign rdata_o     = rdata[31:0];

  if (NP == 2) begin : g_fetch_port
    assign req[1]       = f_req_i;
    assign we[1]        = 1'b0;
    assign addr[63:32]  = f_addr_i;
    assign be[7:4]      = 4'b1111;
    assign wdata[63:32] = 32'd0;
    assign f_gnt_o      = gnt[1];
    assign f_rvalid_o   = rvalid[1];
    assign f_rdata_o    = rdata[63:32];
  end else begin : g_one_port
    assign f_gnt_o    = 1'b0;
    assign f_rvalid_o = 1'b0;
    assign f_rdata_o  = '0;
    logic unused;
    assign unused = ^{f_req_i, f_addr_i};
  end

  for (genvar p = 0; p < NP; p++) begin : g_port
    assign rvalid[p] = pending_q[p] && (!WAIT_STATES || (wait_q[p*8 +: 8] == 8'd0));
    assign gnt[p]    = !WAIT_STATES || !pending_q[p] || rvalid[p];
    assign hs[p]     = req[p] && gnt[p];

    always_comb begin
      pending_d[p]     = pending_q[p];
      wait_d[p*8 +: 8] = wait_q[p*8 +: 8];
      if (hs[p]) begin
        pending_d[p]     = 1'b1;
        wait_d[p*8 +: 8] = WAIT_STATES ? lat_i : 8'd0;
      end else if (rvalid[p]) begin
        pending_d[p] = 1'b0;
      end else if (WAIT_STATES && pending_q[p]) begin
        wait_d[p*8 +: 8] = wait_q[p*8 +: 8] - 8'd1;
      end
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        pending_q[p]     <= 1'b0;
        wait_q[p*8 +: 8] <= 8'd0;
      end else begin
        pending_q[p]     <= pending_d[p];
        wait_q[p*8 +: 8] <= wait_d[p*8 +: 8];
      end
    end

    memctl_storage u_storage (
      .clk_i   (clk_i),
      .req_i   (hs[p]),
      .we_i    (we[p]),
      .addr_i  (addr[p*32 +: 32]),
      .be_i    (be[p*4 +: 4]),
      .wdata_i (wdata[p*32 +: 32]),
      .rdata_o (rdata[p*32 +: 32])
    );
  end

endmodule
