// Command execution, in-flight tracking and fence completion.
//
// Executes the command at the head of the queue, one at a time, in order; the head leaves the
// queue (pop_o) when it has completed:
//   INVAL_PAGE / INVAL_VM / INVAL_ALL  complete in the cycle they reach the head (inval_o; the TLB
//                                      drops its entries at that edge; org a: no table change)
//   SCRUB / SCRUB_LIST                 started in the cycle they reach the head, complete with the
//                                      scrubber's done pulse
//   FENCE                              completes in the first cycle (from the one it reaches the
//                                      head on) in which every guest access that was accepted before
//                                      that cycle has received its response, or receives it now
// Every earlier command has completed when a command reaches the head, so a FENCE also waits for
// earlier invalidations and scrubs.
//
// LAST_FENCE_CYCLES: a window opens when a command is enqueued while none is open (an enqueue in
// the cycle a fence completes opens the next window); when a fence completes, its value is the
// number of clock edges from the enqueue that opened the window to the one that completes the
// fence, i.e. b - a if the CMD write was accepted in cycle a and FENCE_SEQ shows the new value
// from cycle b on.
module memctl_fence (
  input  logic        clk_i,
  input  logic        rst_ni,

  // Queue head
  input  logic        head_valid_i,
  input  logic [2:0]  head_op_i,
  input  logic [31:0] head_arg0_i,
  input  logic [31:0] head_arg1_i,
  output logic        pop_o,
  input  logic        enq_i,

  // Guest accesses of the two ports (0 = fetch, 1 = data)
  input  logic [1:0]  pend_guest_i,   // accepted, response not yet delivered
  input  logic [1:0]  resp_i,         // a response is delivered this cycle

  // Invalidation (to the TLB and the walker)
  output logic        inval_o,
  output logic [1:0]  inval_kind_o,   // 1 page, 2 vm, 3 all
  output logic [31:0] inval_vm_o,
  output logic [31:0] inval_gppn_o,

  // Scrubber
  output logic        scrub_start_o,
  output logic        scrub_list_o,
  output logic [31:0] scrub_arg0_o,
  output logic [31:0] scrub_arg1_o,
  input  logic        scrub_done_i,

  // Fence completion
  output logic        fence_done_o,
  output logic [31:0] fence_cycles_o // LAST_FENCE_CYCLES value of the fence completing now
);

  logic        fence_active_q, fence_active_d;
  logic [1:0]  fence_wait_q, fence_wait_d;
  logic        scrub_active_q, scrub_active_d;
  logic        window_q, window_d;
  logic [31:0] window_cnt_q, window_cnt_d;   // edges since the window opened, plus one

  logic [1:0]  still_waiting;

  assign inval_kind_o  = head_op_i[1:0];
  assign inval_vm_o    = head_arg0_i;
  assign inval_gppn_o  = head_arg1_i;
  assign scrub_list_o  = (head_op_i == 3'(soc_memory_map_pkg::MEMCTL_CMD_SCRUB_LIST));
  assign scrub_arg0_o  = head_arg0_i;
  assign scrub_arg1_o  = head_arg1_i;

  assign still_waiting = (fence_active_q ? fence_wait_q : pend_guest_i) & ~resp_i;

  always_comb begin
    pop_o          = 1'b0;
    inval_o        = 1'b0;
    scrub_start_o  = 1'b0;
    fence_done_o   = 1'b0;
    fence_active_d = fence_active_q;
    fence_wait_d   = fence_wait_q;
    scrub_active_d = scrub_active_q;
    if (head_valid_i) begin
      unique case (head_op_i)
        3'(soc_memory_map_pkg::MEMCTL_CMD_INVAL_PAGE),
        3'(soc_memory_map_pkg::MEMCTL_CMD_INVAL_VM),
        3'(soc_memory_map_pkg::MEMCTL_CMD_INVAL_ALL): begin
          inval_o = 1'b1;
          pop_o   = 1'b1;
        end
        3'(soc_memory_map_pkg::MEMCTL_CMD_FENCE): begin
          if (still_waiting == 2'b00) begin
            fence_done_o   = 1'b1;
            pop_o          = 1'b1;
            fence_active_d = 1'b0;
          end else begin
            fence_active_d = 1'b1;
            fence_wait_d   = still_waiting;
          end
        end
        3'(soc_memory_map_pkg::MEMCTL_CMD_SCRUB),
        3'(soc_memory_map_pkg::MEMCTL_CMD_SCRUB_LIST): begin
          if (!scrub_active_q) begin
            scrub_start_o  = 1'b1;
            scrub_active_d = 1'b1;
          end else if (scrub_done_i) begin
            pop_o          = 1'b1;
            scrub_active_d = 1'b0;
          end
        end
        default: pop_o = 1'b1;  // not enqueued (refused at the CMD write)
      endcase
    end
  end

  // Fence-latency window. The counter holds the value a fence completing now reports (the edges
  // since the window opened plus one; 1 without a window), so there is one adder only.
  always_comb begin
    window_d     = window_q;
    window_cnt_d = window_cnt_q + 32'd1;
    if (fence_done_o) begin
      window_d = 1'b0;
    end
    if (enq_i && (!window_q || fence_done_o)) begin
      window_d     = 1'b1;
      window_cnt_d = 32'd2;
    end else if (!window_d) begin
      window_cnt_d = 32'd1;
    end
  end
  assign fence_cycles_o = window_cnt_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      fence_active_q <= 1'b0;
      fence_wait_q   <= '0;
      scrub_active_q <= 1'b0;
      window_q       <= 1'b0;
      window_cnt_q   <= 32'd1;
    end else begin
      fence_active_q <= fence_active_d;
      fence_wait_q   <= fence_wait_d;
      scrub_active_q <= scrub_active_d;
      window_q       <= window_d;
      window_cnt_q   <= window_cnt_d;
    end
  end

endmodule
