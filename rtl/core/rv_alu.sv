// Integer ALU (RV32I register/immediate operations) and the branch comparator.
//
// Built for area (docs/core.md, "ALU"): one 33-bit adder/subtractor serves ADD, SUB, SLT, SLTU
// and the branch comparison, and one right shifter serves SRL, SRA and SLL (a left shift is a
// right shift of the bit-reversed operand, reversed back).
//
// The adder subtracts for every operation except ALU_ADD. br_taken_o therefore needs op_i to be a
// subtracting operation (the decoder gives conditional branches ALU_SUB); its result for other
// operations is meaningless but harmless.
module rv_alu #(
  // Test aid only, never set in a real build: 1 makes SLTU/SLTIU compare signed, a deliberate
  // RTL bug that the lockstep test `cosim.rtl_bug` must catch (docs/verification.md).
  parameter bit TEST_BUG = 1'b0
) (
  input  rv_core_pkg::alu_op_t     op_i,
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic [31:0] result_o,
  // branch comparison of a_i and b_i, selected by the branch funct3 (op_i must subtract)
  input  logic [2:0]  br_f3_i,
  output logic        br_taken_o
);

  // -------------------------------------------------------------------------------------------
  // Adder / subtractor: {carry, sum} = a + ~b + 1 = a - b + 2^32 when subtracting, so the carry
  // out is "a >= b" unsigned.
  // -------------------------------------------------------------------------------------------
  logic        sub;
  logic [32:0] sum;
  logic        lt, ltu, eq;

  assign sub = (op_i != rv_core_pkg::ALU_ADD);
  assign sum = {1'b0, a_i} + {1'b0, b_i ^ {32{sub}}} + {32'd0, sub};
  assign eq  = (sum[31:0] == 32'd0);
  // signed: operands of different sign compare by a's sign, otherwise by the difference's sign
  assign lt  = (a_i[31] ^ b_i[31]) ? a_i[31] : sum[31];
  assign ltu = TEST_BUG ? lt : ~sum[32];

  // -------------------------------------------------------------------------------------------
  // Shifter: one right shifter with arithmetic fill; SLL reverses the operand and the result.
  // Its input is zero unless the operation is a shift, so its output (fill is 0 then too) can
  // simply be ORed into the result.
  // -------------------------------------------------------------------------------------------
  logic        is_shift, left, fill;
  logic [31:0] sh_in, sh_out, sh_res;
  logic [4:0]  shamt;

  assign shamt    = b_i[4:0];
  assign left     = (op_i == rv_core_pkg::ALU_SLL);
  assign is_shift = left || (op_i == rv_core_pkg::ALU_SRL) || (op_i == rv_core_pkg::ALU_SRA);
  assign fill     = (op_i == rv_core_pkg::ALU_SRA) && a_i[31];

  // The bit reversals only run for SLL in the verilated model (per-bit loops are slow there).
  always_comb begin
    sh_in = '0;
    if (left) begin
      for (int i = 0; i < 32; i++) sh_in[i] = a_i[31 - i];
    end else if (is_shift) begin
      sh_in = a_i;
    end
    sh_out = sh_in;
    if (shamt[0]) sh_out = {fill,       sh_out[31:1]};
    if (shamt[1]) sh_out = {{2{fill}},  sh_out[31:2]};
    if (shamt[2]) sh_out = {{4{fill}},  sh_out[31:4]};
    if (shamt[3]) sh_out = {{8{fill}},  sh_out[31:8]};
    if (shamt[4]) sh_out = {{16{fill}}, sh_out[31:16]};
    sh_res = sh_out;
    if (left) begin
      for (int i = 0; i < 32; i++) sh_res[i] = sh_out[31 - i];
    end
  end

  // -------------------------------------------------------------------------------------------
  // Result = logic op (0 for other operations) | sum (when adding) | shifter | SLT(U) bit
  // -------------------------------------------------------------------------------------------
  logic        en_sum, lop1, lop0;
  logic [31:0] lo;
  assign en_sum = (op_i == rv_core_pkg::ALU_ADD) || (op_i == rv_core_pkg::ALU_SUB);
  // logic-op code: 00 none, 01 XOR, 10 OR, 11 AND
  assign lop1   = (op_i == rv_core_pkg::ALU_OR) || (op_i == rv_core_pkg::ALU_AND);
  assign lop0   = (op_i == rv_core_pkg::ALU_XOR) || (op_i == rv_core_pkg::ALU_AND);

  always_comb begin
    unique case ({lop1, lop0})
      2'b01:   lo = a_i ^ b_i;
      2'b10:   lo = a_i | b_i;
      2'b11:   lo = a_i & b_i;
      default: lo = '0;
    endcase
    result_o    = lo | ({32{en_sum}} & sum[31:0]) | sh_res;
    result_o[0] = result_o[0] | ((op_i == rv_core_pkg::ALU_SLT) & lt) |
                  ((op_i == rv_core_pkg::ALU_SLTU) & ltu);
  end

  always_comb begin
    unique case (br_f3_i)
      3'b000:  br_taken_o = eq;
      3'b001:  br_taken_o = ~eq;
      3'b100:  br_taken_o = lt;
      3'b101:  br_taken_o = ~lt;
      3'b110:  br_taken_o = ltu;
      3'b111:  br_taken_o = ~ltu;
      default: br_taken_o = 1'b0;
    endcase
  end

endmodule
