// The memory controller's event counters (docs/memctl.md, "Counters"): MEMCTL_NUM_COUNTERS
// 32-bit wrapping counters at MEMCTL_COUNTER_BASE + 4 * i. clear_i (COUNTER_CTRL) sets all to
// zero and wins over an increment in the same cycle. Counter ADD_IDX adds add_i in a cycle with
// add_en_i (an enable, not an AND on add_i: one LUT per bit less), every other counter by
// inc_i[i*2 +: 2] (0..3); events are counted one cycle after they happen (registered, see inc_q).
//
// COUNTERS selects which counters exist (FPGA area); a counter that does not exist reads 0:
//   0  none
//   1  all (default)
//   2  the minimal set: INVAL_CYCLES, SCRUB_PAGES, SCRUB_CYCLES (what the bring-up self-test and
//      a VMM need to measure invalidation and scrub latency; FENCE_SEQ counts the fences)
//
// The counters reset synchronously: an iCE40 flip-flop has one reset input, and a synchronous one
// also takes COUNTER_CTRL's clear, so a counter bit costs one LUT (the adder) and no more. rst_ni
// is held for several clock cycles in every environment (board reset, socsim, testbenches).
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
  input  logic                add_en_i,
  input  logic [IdxW-1:0]     rd_idx_i,
  output logic [31:0]         rd_data_o
);

  function automatic int unsigned cidx(int unsigned offset);
    cidx = (offset - soc_memory_map_pkg::MEMCTL_COUNTER_BASE) / 4;
  endfunction

  localparam logic [N-1:0] MinimalSet =
      (N'(1) << cidx(soc_memory_map_pkg::MEMCTL_CNT_INVAL_CYCLES)) |
      (N'(1) << cidx(soc_memory_map_pkg::MEMCTL_CNT_SCRUB_PAGES)) |
      (N'(1) << cidx(soc_memory_map_pkg::MEMCTL_CNT_SCRUB_CYCLES));
  localparam logic [N-1:0] Present = (COUNTERS == 1) ? {N{1'b1}} :
                                     (COUNTERS == 2) ? MinimalSet : '0;

  logic [N*32-1:0] cnt_q;   // counter i: bits [i*32 +: 32]
  logic            clr;
  assign clr = !rst_ni || clear_i;

  // The increments are registered and applied one cycle later (timing: the events come from deep
  // handshake logic, which would otherwise run on into each counter's enable and carry chain).
  // A clear also drops the increment registered in its cycle, so that clear still wins over an
  // event in the same cycle; a read sees an event one cycle later than it happened.
  logic [N*2-1:0] inc_q;
  logic [31:0]    add_q;
  logic           add_en_q;
  always_ff @(posedge clk_i) begin
    if (clr) begin
      inc_q    <= '0;
      add_en_q <= 1'b0;
    end else begin
      inc_q    <= inc_i;
      add_en_q <= add_en_i;
    end
    add_q <= add_i;
  end

  for (genvar i = 0; i < N; i++) begin : g_cnt
    if (Present[i]) begin : g_on
      logic [31:0] step;
      logic        en;
      if (i == ADD_IDX) begin : g_add
        assign step = add_q;
        assign en   = add_en_q;
      end else begin : g_inc
        assign step = 32'(inc_q[i*2 +: 2]);
        assign en   = (inc_q[i*2 +: 2] != 2'd0);
      end
      logic [31:0] c_q;
      always_ff @(posedge clk_i) begin
        if (clr) begin
          c_q <= '0;
        end else if (en) begin
          c_q <= c_q + step;
        end
      end
      assign cnt_q[i*32 +: 32] = c_q;
    end else begin : g_off
      assign cnt_q[i*32 +: 32] = '0;
    end
  end

  // Read port: only the counters that exist are multiplexed.
  always_comb begin
    rd_data_o = '0;
    for (int unsigned i = 0; i < N; i++) begin
      if (Present[i] && (rd_idx_i == IdxW'(i))) rd_data_o = cnt_q[i*32 +: 32];
    end
  end

  logic unused;
  assign unused = ^{inc_q, add_q, add_en_q, clk_i, clr};

endmodule
