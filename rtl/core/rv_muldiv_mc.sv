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
//   DIV*/REM*: restoring division of |a| (formed in the start cycle) by |b| (the adder adds or
//          subtracts b_i, whichever takes |b| away), then the sign of the quotient / remainder is
//          applied in the fix cycle. Division by zero and overflow give the results the ISA
//          specifies (quotient all ones / -2^31, remainder a / 0).
//
// Timing (all eight): start + 32 steps + fix cycle + done cycle, i.e. done_o 34 cycles after
// start_i. The operands a_i, b_i and f3_i must stay stable from start_i until done_o (rv_core_mc
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
  logic [33:0] acc_q;     // product high part / partial remainder
  logic [31:0] lo_q;      // multiplier then product low word / dividend then quotient / result
  logic [4:0]  cnt_q;

  logic is_div, a_signed, b_signed, a_neg, b_neg, last, in_iter, r_neg;
  assign is_div   = f3_i[2];
  // MULH (01) and MULHSU (10) take a signed, MULH b too; DIV/REM (1x0) both
  assign a_signed = is_div ? !f3_i[0] : (f3_i[1:0] == 2'b01 || f3_i[1:0] == 2'b10);
  assign b_signed = is_div ? !f3_i[0] : (f3_i[1:0] == 2'b01);
  assign a_neg    = a_signed && a_i[31];
  assign b_neg    = b_signed && b_i[31];
  assign last     = (cnt_q == 5'd31);
  assign in_iter  = (phase_q == P_ITER);
  assign r_neg    = acc_q[33];  // division: sign of the partial remainder

  // Signed division: the quotient is at most 2^31 when b != 0, so its two top bits are both set
  // only for a division by zero (all ones), which must not be negated.
  logic neg_q, inv;
  assign neg_q = (a_neg ^ b_neg) && !(lo_q[31] && lo_q[30]);
  always_comb begin
    unique case (phase_q)
      P_IDLE:  inv = is_div && a_neg;
      P_FIX:   inv = is_div && (f3_i[1] ? a_neg : neg_q);
      default: inv = 1'b0;
    endcase
  end

  // first operand: start a, fix lo (MUL, DIV) or acc (MULH*, REM), steps acc (division: shifted
  // left with the next dividend bit). Bits 33:32 only matter in the steps.
  logic [31:0] src;
  logic [33:0] op_a, op_b, sum;
  logic        sel_acc, b_en, sub, qbit;
  assign sel_acc = is_div ? f3_i[1] : (f3_i[1:0] != 2'b00);
  // (AND-OR form with one-hot selects: two LUT4 levels per bit)
  logic s_acc, s_sh, s_a, s_lo;
  assign s_sh  = in_iter && is_div;
  assign s_acc = in_iter ? !is_div : (phase_q != P_IDLE) && sel_acc;
  assign s_a   = (phase_q == P_IDLE);
  assign s_lo  = !in_iter && (phase_q != P_IDLE) && !sel_acc;
  assign src   = (acc_q[31:0] & {32{s_acc}}) | ({acc_q[30:0], lo_q[31]} & {32{s_sh}}) |
                 (a_i & {32{s_a}}) | (lo_q & {32{s_lo}});
  assign op_a[31:0]  = src;
  assign op_a[33:32] = (in_iter && is_div) ? acc_q[32:31] : acc_q[33:32];

  // second operand: b in the steps (multiplication: when the multiplier bit is set), subtracted
  // for the sign bit of a signed multiplier. Division is non-restoring: a step takes |b| away
  // from a non-negative partial remainder and adds it to a negative one; the correction cycle
  // adds |b| to a negative final remainder. (The correction cycle uses the src path of MULH/REM,
  // i.e. the unshifted accumulator.)
  always_comb begin
    b_en = 1'b0;
    sub  = 1'b0;
    if (in_iter && is_div) begin
      b_en = 1'b1;
      sub  = r_neg ~^ b_neg;
    end else if (in_iter) begin
      b_en = lo_q[0];
      sub  = lo_q[0] && last && a_signed;
    end else if (phase_q == P_CORR) begin
      b_en = r_neg;
      sub  = b_neg;
    end
  end
  // negation: -x = ~(x - 1), i.e. x plus all ones here and the result inverted into lo
  assign op_b = ({{2{b_neg}}, b_i} & {34{b_en}}) ^ {34{sub | inv}};

  assign sum  = op_a + op_b + {33'd0, sub};
  assign qbit = !sum[33];  // division: the new partial remainder is not negative

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      phase_q <= P_IDLE;
      cnt_q   <= '0;
    end else begin
      unique case (phase_q)
        P_IDLE: begin
          cnt_q <= '0;
          if (start_i) phase_q <= P_ITER;
        end
        P_ITER: begin
          cnt_q <= cnt_q + 5'd1;
          if (last) phase_q <= is_div ? P_CORR : P_FIX;
        end
        P_CORR:  phase_q <= P_FIX;
        P_FIX:   phase_q <= P_DONE;
        default: phase_q <= P_IDLE;  // P_DONE
      endcase
    end
  end

  // datapath registers: no reset needed (loaded in the start cycle)
  always_ff @(posedge clk_i) begin
    unique case (phase_q)
      P_IDLE: begin
        if (start_i) begin
          lo_q  <= sum[31:0] ^ {32{inv}};
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
      P_FIX:   lo_q <= sum[31:0] ^ {32{inv}};
      default: ;
    endcase
  end

  assign done_o   = (phase_q == P_DONE);
  assign result_o = lo_q;

endmodule
