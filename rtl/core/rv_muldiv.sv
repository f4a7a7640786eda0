// M extension: single-cycle multiplier and a radix-2 restoring divider (one quotient bit per
// cycle: 1 setup cycle + 32 iterations, then the result is held until consumed).
//
// Both units work on operand magnitudes and share the two input negations and one output
// negation (docs/core.md, "Multiplier and divider"). rv_muldiv serves only the pipelined core,
// which is simulated, not built for the FPGA, so the combinational part runs only while EX holds
// a multiply or divide (en_i) and the divider step only while it is busy: the verilated model
// keeps these `if`s and skips the work in every other cycle.
//
// mul_result_o and div_result_o are the same signal: the result of the operation funct3 (f3_i)
// names, which the core holds stable while a division runs.
module rv_muldiv (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        en_i,       // EX holds a MUL*/DIV*/REM* instruction (outputs 0 otherwise)
  input  logic [2:0]  f3_i,       // funct3 of the MUL*/DIV*/REM* instruction
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic [31:0] mul_result_o,
  // divider handshake: start_i for one cycle, then wait for done_o; clear_i drops any state
  input  logic        div_start_i,
  input  logic        div_clear_i,
  output logic        div_busy_o,
  output logic        div_done_o,
  output logic [31:0] div_result_o
);

  // -------------------------------------------------------------------------------------------
  // Operand magnitudes. Signed operands: MULH (both), MULHSU (a), DIV and REM (both).
  // -------------------------------------------------------------------------------------------
  logic        is_div, a_signed, b_signed, a_neg, b_neg;
  logic [31:0] a_mag, b_mag;

  assign is_div = f3_i[2];

  // -------------------------------------------------------------------------------------------
  // Multiplier: one unsigned 32x32 -> 64-bit product of the magnitudes (one 64-bit multiply in
  // the verilated model); the sign is applied by the shared output negation. MUL takes the low
  // word: with a_neg = b_neg = 0 it is the plain product.
  // -------------------------------------------------------------------------------------------
  logic [63:0] prod;
  logic        mul_hi;
  assign mul_hi = (f3_i[1:0] != 2'b00);

  always_comb begin
    a_signed = 1'b0;
    b_signed = 1'b0;
    a_neg    = 1'b0;
    b_neg    = 1'b0;
    a_mag    = '0;
    b_mag    = '0;
    prod     = '0;
    if (en_i) begin
      a_signed = is_div ? ~f3_i[0] : (f3_i[1:0] == 2'b01) || (f3_i[1:0] == 2'b10);
      b_signed = is_div ? ~f3_i[0] : (f3_i[1:0] == 2'b01);
      a_neg    = a_signed && a_i[31];
      b_neg    = b_signed && b_i[31];
      a_mag    = (a_i ^ {32{a_neg}}) + {31'd0, a_neg};
      b_mag    = (b_i ^ {32{b_neg}}) + {31'd0, b_neg};
      if (!is_div) prod = {32'd0, a_mag} * {32'd0, b_mag};
    end
  end

  // -------------------------------------------------------------------------------------------
  // Divider on magnitudes: {rem, quo} shifts left one bit per cycle; the remainder takes the
  // difference whenever the divisor fits. Division by zero needs no special case: every step
  // "fits", so the quotient ends all ones and the remainder equals the dividend (its magnitude,
  // re-signed at the output), as the ISA asks; only the quotient's sign must not be applied.
  // -------------------------------------------------------------------------------------------
  logic        busy_q, done_q;
  logic [4:0]  cnt_q;
  logic [31:0] rem_q, quo_q, dvs_q;
  logic        neg_q_q, neg_r_q;

  logic [32:0] shifted;
  logic [33:0] diff;  // bit 33: borrow, i.e. the divisor does not fit

  always_comb begin
    shifted = '0;
    diff    = '0;
    if (busy_q) begin
      shifted = {rem_q, quo_q[31]};
      diff    = {1'b0, shifted} - {2'b0, dvs_q};
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q  <= 1'b0;
      done_q  <= 1'b0;
      cnt_q   <= '0;
      rem_q   <= '0;
      quo_q   <= '0;
      dvs_q   <= '0;
      neg_q_q <= 1'b0;
      neg_r_q <= 1'b0;
    end else if (div_clear_i) begin
      // only when there is something to clear (the model skips the writes in most cycles)
      if (busy_q || done_q) begin
        busy_q <= 1'b0;
        done_q <= 1'b0;
      end
    end else if (div_start_i) begin
      neg_q_q <= (a_neg ^ b_neg) && (b_i != 32'd0);
      neg_r_q <= a_neg;
      rem_q   <= '0;
      quo_q   <= a_mag;
      dvs_q   <= b_mag;
      cnt_q   <= 5'd31;
      busy_q  <= 1'b1;
    end else if (busy_q) begin
      rem_q <= diff[33] ? shifted[31:0] : diff[31:0];
      quo_q <= {quo_q[30:0], ~diff[33]};
      cnt_q <= cnt_q - 5'd1;
      if (cnt_q == 5'd0) begin
        busy_q <= 1'b0;
        done_q <= 1'b1;
      end
    end
  end

  // -------------------------------------------------------------------------------------------
  // Shared output: select, then negate (two's complement of a 64-bit product's high word adds
  // the carry out of the low word's negation, i.e. 1 when the low word is zero).
  // -------------------------------------------------------------------------------------------
  logic [31:0] res_mag, result;
  logic        res_neg, res_inc;

  always_comb begin
    res_mag = '0;
    res_neg = 1'b0;
    res_inc = 1'b0;
    result  = '0;
    if (en_i) begin
      if (is_div) begin
        res_mag = f3_i[1] ? rem_q : quo_q;
        res_neg = f3_i[1] ? neg_r_q : neg_q_q;
        res_inc = 1'b1;
      end else begin
        res_mag = mul_hi ? prod[63:32] : prod[31:0];
        res_neg = a_neg ^ b_neg;
        res_inc = !mul_hi || (prod[31:0] == 32'd0);
      end
      result = (res_mag ^ {32{res_neg}}) + {31'd0, res_neg && res_inc};
    end
  end

  assign mul_result_o = result;
  assign div_busy_o   = busy_q;
  assign div_done_o   = done_q;
  assign div_result_o = result;

  logic unused_diff;
  assign unused_diff = diff[32];

endmodule
