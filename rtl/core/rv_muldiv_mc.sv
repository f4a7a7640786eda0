// Small serial M-extension unit for rv_core_mc (docs/core.md, "Multi-cycle implementation"):
// one 34-bit adder, one bit per cycle, for all eight MUL*/DIV*/REM* instructions. The adder's
// first operand is a small multiplexer (a / the accumulator / the accumulator shifted / the low
// word) that can be inverted (two's-complement negation with the carry-in); its second operand is
// always b_i (gated, sign- or zero-extended, optionally inverted), so no divisor register and no
// separate negation adders are needed.
//
//   MUL*:  shift-add, multiplier = a (in lo, shifted out LSB first), multiplicand = b sign- or
//          zero-extended to 34 bits; the last step subtracts when a is signed. {acc, lo} is the
//          product.
//   DIV*/REM*: non-restoring division of |a| (formed in the start cycle) by |b| (the adder adds
//          or subtracts b_i, whichever takes |b| away; a correction cycle for a negative final
//          remainder), then the sign of the quotient / remainder is applied in the fix cycle.
//          Division by zero and overflow: the ISA's results (quotient all ones / -2^31, rem a / 0).
//
// Timing: start + 32 steps (+ DIV*/REM*: correction) + fix + done cycle: done_o 34 (MUL*) / 35
// (DIV*/REM*) cycles after start_i. The operands a_i, b_i and f3_i must stay stable from start_i until done_o (rv_core_mc
// holds them in its instruction and register-file output registers). done_o is high for one
// cycle, result_o is valid in that cycle.
module rv_muldiv_mc (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        start_i,
  input  logic [2:0]  f3_i,     // funct3 of the MUL*/DIV*/REM* instruction
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic        done_o,
  output logic [31:0] result_o
);

  typedef logic [2:0] phase_t;
  localparam phase_t P_IDLE = 3'd0;  // start cycle: lo <= a (division: |a|)
  localparam phase_t P_ITER = 3'd1;  // 32 steps
  localparam phase_t P_CORR = 3'd2;  // division: remainder += |b| when negative
  localparam phase_t P_FIX  = 3'd3;  // lo <= the result (sign applied)
  localparam phase_t P_DONE = 3'd4;

  phase_t      phase_q;
  logic        ph_idle, ph_iter, ph_corr, ph_done;
  assign ph_idle = (phase_q == P_IDLE);
  assign ph_iter = (phase_q == P_ITER);
  assign ph_corr = (phase_q == P_CORR);
  assign ph_done = (phase_q == P_DONE);
  logic [33:0] acc_q;     // product high part / partial remainder
  logic [31:0] lo_q;      // multiplier then product low word / dividend then quotient / result
  logic [4:0]  cnt_q;
  logic        last_q;    // cnt_q == 31 in the steps, registered (a flip-flop in front of the
                          // adder's operand inversion: timing)

  logic is_div, a_signed0, b_signed0, a_neg0, b_neg0, last, in_iter;
  logic a_signed, a_neg, b_neg;
  assign is_div    = f3_i[2];
  // MULH (01) and MULHSU (10) take a signed, MULH b too; DIV/REM (1x0) both
  assign a_signed0 = is_div ? !f3_i[0] : (f3_i[1:0] == 2'b01 || f3_i[1:0] == 2'b10);
  assign b_signed0 = is_div ? !f3_i[0] : (f3_i[1:0] == 2'b01);
  assign a_neg0    = a_signed0 && a_i[31];
  assign b_neg0    = b_signed0 && b_i[31];
  // The operands do not change from start_i to done_o: after the start cycle their signs come
  // from flip-flops loaded in the start cycle (a_signed, a_neg, b_neg), a shorter path into the
  // adder's second operand (timing). The start cycle itself uses a_neg0.
  always_ff @(posedge clk_i) begin
    if (ph_idle) begin
      a_signed <= a_signed0;
      a_neg    <= a_neg0;
      b_neg    <= b_neg0;
    end
  end
  assign last     = last_q;
  assign in_iter  = ph_iter;

  // Signed division: the quotient is at most 2^31 when b != 0, so its two top bits are both set
  // only for a division by zero (all ones), which must not be negated.
  logic neg_q, inv_idle, inv_fix;
  assign neg_q    = (a_neg ^ b_neg) && !(lo_q[31] && lo_q[30]);
  assign inv_idle = is_div && a_neg0;                      // start: |a|
  assign inv_fix  = is_div && (f3_i[1] ? a_neg : neg_q);   // fix: the sign of the result

  // first operand: start a, fix lo (MUL, DIV) or acc (MULH*, REM), steps acc (division: shifted
  // left with the next dividend bit). Bits 33:32 only matter in the steps.
  logic [31:0] src;
  logic [33:0] op_a, op_b, sum;
  logic        sel_acc, qbit;
  assign sel_acc = is_div ? f3_i[1] : (f3_i[1:0] != 2'b00);
  // (AND-OR form with one-hot selects from flip-flops, set with the phase: steps shifted acc
  // (division) or acc (multiplication), start a, correction/fix/done acc or lo (sel_acc); two
  // LUT4 levels per bit, no phase decode in front of the carry chain: timing)
  logic s_acc, s_sh, s_a, s_lo;
  assign src   = (acc_q[31:0] & {32{s_acc}}) | ({acc_q[30:0], lo_q[31]} & {32{s_sh}}) |
                 (a_i & {32{s_a}}) | (lo_q & {32{s_lo}});
  assign op_a[31:0]  = src;
  assign op_a[33:32] = (in_iter && is_div) ? acc_q[32:31] : acc_q[33:32];

  // second operand: b in the steps (multiplication: when the multiplier bit is set), subtracted
  // for the sign bit of a signed multiplier. Division is non-restoring: a step takes |b| away
  // from a non-negative partial remainder and adds it to a negative one; the correction cycle
  // adds |b| to a negative final remainder. (The correction cycle uses the src path of MULH/REM,
  // i.e. the unshifted accumulator.) Negation (start, fix): -x = ~(x - 1), i.e. x plus all
  // ones here and the result inverted into lo.
  // The controls of the cycle are flip-flops computed in the cycle before (ben_q: b enabled,
  // bx_q: operand inverted, cin_q: carry in), so that the phase and sign decode is not in front
  // of the carry chain (timing); only the start cycle's inversion comes from the inputs.
  logic ben_q, bx_q, cin_q, ben_d, bx_d, cin_d;
  assign op_b = ({{2{b_neg}}, b_i} & {34{ben_q}}) ^ {34{bx_q}} ^ {34{ph_idle && inv_idle}};
  assign sum  = op_a + op_b + {33'd0, cin_q};

  // the controls for the next cycle, by the transition (the same rules as above, one cycle
  // ahead: the next partial remainder's sign is sum[33], the next multiplier bit lo_q[1])
  always_comb begin
    ben_d = 1'b0;
    bx_d  = 1'b0;
    cin_d = 1'b0;
    if (ph_idle && start_i) begin
      // first step: the remainder is 0 (not negative), the multiplier bit is the start's bit 0
      ben_d = is_div ? 1'b1 : (sum[0] ^ inv_idle);
      bx_d  = is_div && !b_neg0;
      cin_d = is_div && !b_neg0;
    end else if (in_iter && !last) begin
      ben_d = is_div ? 1'b1 : lo_q[1];
      bx_d  = is_div ? (sum[33] ~^ b_neg) : (lo_q[1] && (cnt_q == 5'd30) && a_signed);
      cin_d = bx_d;
    end else if (in_iter && is_div) begin
      // last step -> correction: add |b| to a negative remainder
      ben_d = sum[33];
      bx_d  = b_neg;
      cin_d = b_neg;
    end else if (ph_corr) begin
      // -> fix
      bx_d  = inv_fix;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ben_q <= 1'b0;
      bx_q  <= 1'b0;
      cin_q <= 1'b0;
    end else begin
      ben_q <= ben_d;
      bx_q  <= bx_d;
      cin_q <= cin_d;
    end
  end
  assign qbit = !sum[33];  // division: the new partial remainder is not negative

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      phase_q <= P_IDLE;
      cnt_q   <= '0;
      last_q  <= 1'b0;
      s_acc   <= 1'b0;
      s_sh    <= 1'b0;
      s_a     <= 1'b1;
      s_lo    <= 1'b0;
    end else begin
      unique case (phase_q)
        P_IDLE: begin
          cnt_q  <= '0;
          last_q <= 1'b0;
          if (start_i) begin
            phase_q <= P_ITER;
            s_acc   <= !is_div;
            s_sh    <= is_div;
            s_a     <= 1'b0;
          end
        end
        P_ITER: begin
          cnt_q  <= cnt_q + 5'd1;
          last_q <= (cnt_q == 5'd30);
          if (last) begin
            phase_q <= is_div ? P_CORR : P_FIX;
            s_acc   <= sel_acc;
            s_sh    <= 1'b0;
            s_lo    <= !sel_acc;
          end
        end
        P_CORR:  phase_q <= P_FIX;
        P_FIX:   phase_q <= P_DONE;
        default: begin  // P_DONE
          phase_q <= P_IDLE;
          s_acc   <= 1'b0;
          s_lo    <= 1'b0;
          s_a     <= 1'b1;
        end
      endcase
    end
  end

  // datapath registers: no reset needed (loaded in the start cycle)
  always_ff @(posedge clk_i) begin
    unique case (phase_q)
      P_IDLE: begin
        if (start_i) begin
          lo_q  <= sum[31:0] ^ {32{inv_idle}};
          acc_q <= '0;
        end
      end
      P_ITER: begin
        if (is_div) begin
          acc_q <= sum;
          lo_q  <= {lo_q[30:0], qbit};
        end else begin
          acc_q <= {sum[33], sum[33:1]};
          lo_q  <= {sum[0], lo_q[31:1]};
        end
      end
      P_CORR:  acc_q <= sum;
      P_FIX:   lo_q <= sum[31:0] ^ {32{bx_q}};   // (bx_q = inv_fix in FIX)
      default: ;
    endcase
  end

  assign done_o   = ph_done;
  assign result_o = lo_q;

endmodule
