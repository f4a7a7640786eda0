// DRAM timing model back end of the memory controller (the storage is the same memctl_storage).
//
// Same back-end protocol as memctl_backend_sram (one access outstanding, response in order, next
// request accepted in the response cycle), but the latency of an access depends on the state of
// its bank (open-row policy):
//   row hit (the bank has this row open)          T_HIT cycles
//   row miss (the bank has no row open: activate) T_MISS cycles
//   row conflict (another row open: precharge + activate) T_CONFLICT cycles
// where a latency of L cycles means the response comes L cycles after the accepting edge
// (L = 1: the next cycle, like the single-cycle SRAM). Every access leaves its row open.
// Address mapping (byte offset a from RAM_BASE): row index r = a / ROW_BYTES,
// bank = r mod BANKS, row = r / BANKS (consecutive rows interleave across the banks).
// Refresh: every T_REFRESH_INTERVAL cycles a refresh becomes due; it starts as soon as no access is
// outstanding (or in the cycle the outstanding one is answered), blocks new accesses for T_REFRESH
// cycles, and closes every bank.
// Event outputs (one-cycle pulses) feed the ROW_* and REFRESHES counters.
module memctl_backend_dram #(
  parameter int unsigned BANKS              = 4,     // power of two
  parameter int unsigned ROW_BYTES          = 2048,  // power of two, >= 4
  parameter int unsigned T_HIT              = 1,     // >= 1
  parameter int unsigned T_MISS             = 4,     // >= 1
  parameter int unsigned T_CONFLICT         = 7,     // >= 1
  parameter int unsigned T_REFRESH_INTERVAL = 7800,  // >= 2
  parameter int unsigned T_REFRESH          = 20 // >= 1
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic        en_i,      // 0: the model is not selected and stands still (RUNTIME_CFG)

  input  logic        req_i,
  output logic        gnt_o,
  input  logic        we_i,
  input  logic [31:0] addr_i,
  input  logic [3:0]  be_i,
  input  logic [31:0] wdata_i,
  output logic        rvalid_o,
  output logic [31:0] rdata_o,

  output logic        evt_row_hit_o,
  output logic        evt_row_miss_o,
  output logic        evt_row_conflict_o,
  output logic        evt_refresh_o
);

  localparam int unsigned BankW    = (BANKS > 1) ? $clog2(BANKS) : 1;
  localparam int unsigned RowShift = $clog2(ROW_BYTES) + ((BANKS > 1) ? $clog2(BANKS) : 0);
  localparam int unsigned RowW     = 32 - RowShift;
  localparam int unsigned LatW     = 8;
  localparam int unsigned RefW     = $clog2(T_REFRESH_INTERVAL + 1);
  localparam int unsigned RefBusyW = $clog2(T_REFRESH + 1);

  logic [BANKS-1:0]          open_q, open_d;
  logic [BANKS*RowW-1:0]     row_q, row_d;   // bank b: bits [b*RowW +: RowW]
  logic                      pending_q, pending_d;
  logic [LatW-1:0]           wait_q, wait_d;
  logic [RefW-1:0]           ref_cnt_q, ref_cnt_d;
  logic                      ref_due_q, ref_due_d;
  logic [RefBusyW-1:0]       ref_busy_q, ref_busy_d;

  logic                      idle_now, ref_start, hs;
  logic [BankW-1:0]          bank;
  logic [RowW-1:0]           row;
  logic                      row_hit, row_conflict;
  logic [LatW-1:0]           lat;

  if (BANKS > 1) begin : g_bank
    assign bank = addr_i[$clog2(ROW_BYTES) +: BankW];
  end else begin : g_nobank
    assign bank = '0;
  end
  assign row = addr_i[31:RowShift];

  // Everything below only runs while the model is selected (en_i): with RUNTIME_CFG the SRAM back
  // end is the default, and the verilated model then skips this logic (docs/simulator.md, "What the
  // model spends its time on"). Deselected, the outputs are 0 and the registers keep their values.
  // Two blocks: the first depends on the registers only (the response path), the second on the
  // request.
  always_comb begin
    rvalid_o  = 1'b0;
    gnt_o     = 1'b0;
    idle_now  = 1'b0;
    ref_start = 1'b0;
    if (en_i) begin
      rvalid_o  = pending_q && (wait_q == '0);
      idle_now  = !pending_q || rvalid_o;
      ref_start = ref_due_q && idle_now && (ref_busy_q == '0);
      gnt_o     = idle_now && !ref_due_q && (ref_busy_q == '0);
    end
  end

  always_comb begin
    hs           = 1'b0;
    row_hit      = 1'b0;
    row_conflict = 1'b0;
    lat          = LatW'(T_MISS);
    pending_d    = pending_q;
    wait_d       = wait_q;
    open_d       = open_q;
    row_d        = row_q;
    ref_busy_d   = ref_busy_q;
    ref_due_d    = ref_due_q;
    ref_cnt_d    = ref_cnt_q;
    if (en_i) begin
      hs = req_i && gnt_o;

      row_hit      = open_q[bank] && (row_q[bank*RowW +: RowW] == row);
      row_conflict = open_q[bank] && (row_q[bank*RowW +: RowW] != row);
      if (row_hit) begin
        lat = LatW'(T_HIT);
      end else if (row_conflict) begin
        lat = LatW'(T_CONFLICT);
      end

      ref_cnt_d = ref_cnt_q + RefW'(1);
      if (ref_cnt_q == RefW'(T_REFRESH_INTERVAL - 1)) begin
        ref_cnt_d = '0;
        ref_due_d = 1'b1;
      end
      if (ref_busy_q != '0) begin
        ref_busy_d = ref_busy_q - RefBusyW'(1);
      end
      if (ref_start) begin
        ref_due_d  = 1'b0;
        ref_busy_d = RefBusyW'(T_REFRESH - 1);
        open_d     = '0;
      end
      if (hs) begin
        pending_d    = 1'b1;
        wait_d       = lat - LatW'(1);
        open_d[bank] = 1'b1;
        row_d[bank*RowW +: RowW]  = row;
      end else if (rvalid_o) begin
        pending_d = 1'b0;
      end else if (pending_q) begin
        wait_d = wait_q - LatW'(1);
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      pending_q  <= 1'b0;
      wait_q     <= '0;
      open_q     <= '0;
      ref_cnt_q  <= '0;
      ref_due_q  <= 1'b0;
      ref_busy_q <= '0;
      row_q      <= '0;
    end else if (en_i) begin
      pending_q  <= pending_d;
      wait_q     <= wait_d;
      open_q     <= open_d;
      ref_cnt_q  <= ref_cnt_d;
      ref_due_q  <= ref_due_d;
      ref_busy_q <= ref_busy_d;
      row_q      <= row_d;
    end
  end

  // (hs and ref_start are 0 while deselected)
  assign evt_row_hit_o      = hs && row_hit;
  assign evt_row_conflict_o = hs && row_conflict;
  assign evt_row_miss_o     = hs && !row_hit && !row_conflict;
  assign evt_refresh_o      = ref_start;

  memctl_storage u_storage (
    .clk_i   (clk_i),
    .req_i   (hs),
    .we_i    (we_i),
    .addr_i  (addr_i),
    .be_i    (be_i),
    .wdata_i (wdata_i),
    .rdata_o (rdata_o)
  );

endmodule
