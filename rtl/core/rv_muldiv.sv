// M extension: single-cycle multiplier and a radix-2 restoring divider (one quotient bit per
// cycle: 1 setup cycle + 32 iterations, then the result is held until consumed).
module rv_muldiv (
  input  logic        clk_i,
  input  logic        rst_ni,
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
  // Multiplier. One unsigned 32x32 -> 64-bit product covers all four forms: the high word of a
  // signed operand's product is corrected by subtracting the other operand (x_s = x_u - 2^32 x[31],
  // so hi(a_s * b) = hi(a_u * b) - (a[31] ? b : 0), and likewise for b). In the verilated model
  // the product is one 64-bit multiply (no multi-word arithmetic); on the FPGA it maps to four
  // 16x16 DSP blocks instead of the ten a 64x64 product modulo 2^64 needs.
  // -------------------------------------------------------------------------------------------
  logic        a_signed, b_signed;
  logic [63:0] prod;
  logic [31:0] corr_a, corr_b, prod_hi;

  assign a_signed = (f3_i[1:0] == 2'b01) || (f3_i[1:0] == 2'b10);  // MULH, MULHSU
  assign b_signed = (f3_i[1:0] == 2'b01);                          // MULH
  assign prod     = {32'd0, a_i} * {32'd0, b_i};
  assign corr_a   = (a_signed && a_i[31]) ? b_i : 32'd0;
  assign corr_b   = (b_signed && b_i[31]) ? a_i : 32'd0;
  assign prod_hi  = prod[63:32] - corr_a - corr_b;

  assign mul_result_o = (f3_i[1:0] == 2'b00) ? prod[31:0] : prod_hi;

  logic unused_mul;
  assign unused_mul = ^{f3_i[2], diff[32]};

  // -------------------------------------------------------------------------------------------
  // Divider on magnitudes, with the signs applied at the end
  // -------------------------------------------------------------------------------------------
  logic        busy_q, done_q;
  logic [5:0]  cnt_q;
  logic [31:0] rem_q, quo_q, dvs_q, a_q;
  logic        neg_q_q, neg_r_q, is_rem_q, div0_q;

  logic        sgn;
  logic [31:0] a_mag, b_mag;
  logic [32:0] shifted;
  logic [33:0] diff;  // one extra bit: shifted can exceed 2^32 - 1

  assign sgn   = ~f3_i[0];  // DIV, REM
  assign a_mag = (sgn && a_i[31]) ? (~a_i + 32'd1) : a_i;
  assign b_mag = (sgn && b_i[31]) ? (~b_i + 32'd1) : b_i;

  assign shifted = {rem_q, quo_q[31]};
  assign diff    = {1'b0, shifted} - {2'b0, dvs_q};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q   <= 1'b0;
      done_q   <= 1'b0;
      cnt_q    <= '0;
      rem_q    <= '0;
      quo_q    <= '0;
      dvs_q    <= '0;
      a_q      <= '0;
      neg_q_q  <= 1'b0;
      neg_r_q  <= 1'b0;
      is_rem_q <= 1'b0;
      div0_q   <= 1'b0;
    end else if (div_clear_i) begin
      busy_q <= 1'b0;
      done_q <= 1'b0;
    end else if (div_start_i) begin
      a_q      <= a_i;
      is_rem_q <= f3_i[1];
      div0_q   <= (b_i == 32'd0);
      neg_q_q  <= sgn && (a_i[31] ^ b_i[31]);
      neg_r_q  <= sgn && a_i[31];
      rem_q    <= '0;
      quo_q    <= a_mag;
      dvs_q    <= b_mag;
      cnt_q    <= 6'd32;
      // division by zero has a fixed result, no need to iterate
      busy_q   <= (b_i != 32'd0);
      done_q   <= (b_i == 32'd0);
    end else if (busy_q) begin
      if (!diff[33]) begin
        rem_q <= diff[31:0];
        quo_q <= {quo_q[30:0], 1'b1};
      end else begin
        rem_q <= shifted[31:0];
        quo_q <= {quo_q[30:0], 1'b0};
      end
      cnt_q <= cnt_q - 6'd1;
      if (cnt_q == 6'd1) begin
        busy_q <= 1'b0;
        done_q <= 1'b1;
      end
    end
  end

  logic [31:0] quo_res, rem_res;
  assign quo_res = div0_q ? 32'hFFFF_FFFF : (neg_q_q ? (~quo_q + 32'd1) : quo_q);
  assign rem_res = div0_q ? a_q : (neg_r_q ? (~rem_q + 32'd1) : rem_q);

  assign div_busy_o   = busy_q;
  assign div_done_o   = done_q;
  assign div_result_o = is_rem_q ? rem_res : quo_res;

endmodule
