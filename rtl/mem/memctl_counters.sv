// The memory controller's event counters (docs/memctl.md, "Counters"): MEMCTL_NUM_COUNTERS
// 32-bit wrapping counters at MEMCTL_COUNTER_BASE + 4 * i. clear_i (COUNTER_CTRL) sets all to
// zero and wins over an increment in the same cycle. Counter ADD_IDX adds add_i per cycle, every
// other counter by inc_i[i*2 +: 2] (0..3). With COUNTERS = 0 there is no hardware and every
// counter reads 0 (FPGA area).
module memctl_counters #(
  parameter int unsigned COUNTERS = 1,
  parameter int unsigned ADD_IDX  = 0,
  localparam int unsigned N       = soc_memory_map_pkg::MEMCTL_NUM_COUNTERS,
  localparam int unsigned IdxW    = $clog2(N)
) (
  input  logic                clk_i,
  input  logic                rst_ni,
  input  logic                clear_i,
  input  logic [N*2-1:0]      inc_i,     // counter i: bits [i*2 +: 2]
  input  logic [31:0]         add_i,
  input  logic [IdxW-1:0]     rd_idx_i,
  output logic [31:0]         rd_data_o
);

  if (COUNTERS != 0) begin : g_counters
    logic [31:0] cnt_q [N];

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        for (int unsigned i = 0; i < N; i++) begin
          cnt_q[i] <= '0;
        end
      end else if (clear_i) begin
        for (int unsigned i = 0; i < N; i++) begin
          cnt_q[i] <= '0;
        end
      end else begin
        for (int unsigned i = 0; i < N; i++) begin
          if (i == ADD_IDX) begin
            cnt_q[i] <= cnt_q[i] + add_i;
          end else if (inc_i[i*2 +: 2] != 2'd0) begin
            cnt_q[i] <= cnt_q[i] + 32'(inc_i[i*2 +: 2]);
          end
        end
      end
    end
    assign rd_data_o = (32'(rd_idx_i) < N) ? cnt_q[rd_idx_i] : 32'd0;
  end else begin : g_no_counters
    assign rd_data_o = '0;
    logic unused;
    assign unused = ^{clk_i, rst_ni, clear_i, inc_i, add_i, rd_idx_i};
  end

endmodule
