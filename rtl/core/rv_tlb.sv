// Fully associative Sv32 TLB with round-robin replacement.
//
// Entries are only filled with leaf PTEs that passed the walker's checks for the access that
// caused the walk. Permissions are re-checked on every lookup against the current access type,
// privilege, SUM and MXR; a lookup that matches but fails the check reports a miss so that the
// walker re-reads the PTE and decides the fault from memory, never from a stale entry.
// No ASIDs: SFENCE.VMA and satp writes flush every entry.
module rv_tlb
#(
  parameter int unsigned ENTRIES = 8
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        flush_i,
  // lookup (combinational). With lookup_i = 0 (translation off) the search is skipped:
  // hit_o = 0 and pa_o = va_i.
  input  logic        lookup_i,
  input  logic [31:0] va_i,
  input  rv_core_pkg::acc_t        acc_i,
  input  rv_core_pkg::priv_t       priv_i,
  input  logic        sum_i,
  input  logic        mxr_i,
  output logic        hit_o,     // matching entry that allows this access
  output logic [31:0] pa_o,
  // fill
  input  logic        fill_i,
  input  logic [19:0] fill_vpn_i,
  input  logic [19:0] fill_ppn_i,
  input  logic        fill_super_i,
  input  logic [7:0]  fill_flags_i
);

  localparam int unsigned IW = (ENTRIES > 1) ? $clog2(ENTRIES) : 1;

  logic [ENTRIES-1:0] valid_q;
  logic [19:0]        vpn_q   [ENTRIES];
  logic [19:0]        ppn_q   [ENTRIES];
  logic [ENTRIES-1:0] super_q;
  logic [7:0]         flags_q [ENTRIES];
  logic [IW-1:0]      victim_q;

  function automatic logic perm_ok(logic [7:0] f, rv_core_pkg::acc_t acc,
                                   rv_core_pkg::priv_t priv, logic sum, logic mxr);
    logic ok;
    unique case (acc)
      rv_core_pkg::ACC_FETCH: ok = f[rv_core_pkg::PTE_X];
      rv_core_pkg::ACC_LOAD:  ok = f[rv_core_pkg::PTE_R] | (mxr & f[rv_core_pkg::PTE_X]);
      default:   ok = f[rv_core_pkg::PTE_W] & f[rv_core_pkg::PTE_D];
    endcase
    if (priv == rv_core_pkg::PRIV_U) begin
      ok = ok & f[rv_core_pkg::PTE_U];
    end else if (f[rv_core_pkg::PTE_U]) begin
      // S-mode never executes user pages; it reads/writes them only with SUM=1
      ok = ok & (acc != rv_core_pkg::ACC_FETCH) & sum;
    end
    perm_ok = ok & f[rv_core_pkg::PTE_A];
  endfunction

  // First matching entry wins; duplicates are prevented at fill time. The search sits inside
  // `if (lookup_i)` so that the verilated model does not evaluate it while translation is off
  // (Verilator evaluates all combinational logic every cycle otherwise).
  always_comb begin
    hit_o = 1'b0;
    pa_o  = va_i;
    if (lookup_i) begin
      for (int i = ENTRIES - 1; i >= 0; i--) begin
        if (valid_q[i] && (vpn_q[i][19:10] == va_i[31:22]) &&
            (super_q[i] || (vpn_q[i][9:0] == va_i[21:12]))) begin
          hit_o = perm_ok(flags_q[i], acc_i, priv_i, sum_i, mxr_i);
          pa_o  = super_q[i] ? {ppn_q[i][19:10], va_i[21:0]} : {ppn_q[i], va_i[11:0]};
        end
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      valid_q  <= '0;
      super_q  <= '0;
      victim_q <= '0;
      for (int i = 0; i < ENTRIES; i++) begin
        vpn_q[i]   <= '0;
        ppn_q[i]   <= '0;
        flags_q[i] <= '0;
      end
    end else if (flush_i) begin
      valid_q <= '0;
    end else if (fill_i) begin
      // Drop any entry overlapping the new one (e.g. a stale entry that failed its check). The
      // comparison is done here, not in an always_comb, so the simulator only runs it on a fill.
      for (int i = 0; i < ENTRIES; i++) begin
        if (valid_q[i] && (vpn_q[i][19:10] == fill_vpn_i[19:10]) &&
            (super_q[i] || fill_super_i || (vpn_q[i][9:0] == fill_vpn_i[9:0]))) begin
          valid_q[i] <= 1'b0;
        end
      end
      valid_q[victim_q]  <= 1'b1;
      vpn_q[victim_q]    <= fill_vpn_i;
      ppn_q[victim_q]    <= fill_ppn_i;
      super_q[victim_q]  <= fill_super_i;
      flags_q[victim_q]  <= fill_flags_i;
      victim_q <= (victim_q == IW'(ENTRIES - 1)) ? '0 : victim_q + 1'b1;
    end
  end

endmodule
