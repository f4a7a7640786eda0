// Integer ALU (RV32I register/immediate operations) and the branch comparator.
//
// rv_alu serves only the pipelined core (rv_core), which is simulated, not built for the FPGA (the
// board core rv_core_mc has its own ALU), so it is written for the simulator's speed: a case over
// the operation computes only the selected result (the verilated model keeps the case, so an ADD
// does not also run the shifter, the comparisons and the logic operations), and the branch
// comparison runs only for a branch (br_en_i).
module rv_alu #(
  // Test aid only, never set in a real build: 1 makes SLTU/SLTIU compare signed, a deliberate
  // RTL bug that the lockstep test `cosim.rtl_bug` must catch (docs/verification.md).
  parameter bit TEST_BUG = 1'b0
) (
  input  rv_core_pkg::alu_op_t     op_i,
  input  logic [31:0] a_i,
  input  logic [31:0] b_i,
  output logic [31:0] result_o,
  // branch comparison of a_i and b_i, selected by the branch funct3; 0 unless br_en_i
  input  logic        br_en_i,
  input  logic [2:0]  br_f3_i,
  output logic        br_taken_o
);

  logic [4:0] shamt;
  assign shamt = b_i[4:0];

  always_comb begin
    unique case (op_i)
      rv_core_pkg::ALU_ADD:  result_o = a_i + b_i;
      rv_core_pkg::ALU_SUB:  result_o = a_i - b_i;
      rv_core_pkg::ALU_SLL:  result_o = a_i << shamt;
      rv_core_pkg::ALU_SLT:  result_o = {31'd0, $signed(a_i) < $signed(b_i)};
      // TEST_BUG: SLTU compares signed
      rv_core_pkg::ALU_SLTU: result_o = {31'd0, TEST_BUG ? ($signed(a_i) < $signed(b_i))
                                                         : (a_i < b_i)};
      rv_core_pkg::ALU_XOR:  result_o = a_i ^ b_i;
      rv_core_pkg::ALU_SRL:  result_o = a_i >> shamt;
      rv_core_pkg::ALU_SRA:  result_o = $unsigned($signed(a_i) >>> shamt);
      rv_core_pkg::ALU_OR:   result_o = a_i | b_i;
      rv_core_pkg::ALU_AND:  result_o = a_i & b_i;
      default:               result_o = '0;
    endcase
  end

  always_comb begin
    br_taken_o = 1'b0;
    if (br_en_i) begin
      unique case (br_f3_i)
        3'b000:  br_taken_o = (a_i == b_i);
        3'b001:  br_taken_o = (a_i != b_i);
        3'b100:  br_taken_o = $signed(a_i) < $signed(b_i);
        3'b101:  br_taken_o = !($signed(a_i) < $signed(b_i));
        3'b110:  br_taken_o = TEST_BUG ? ($signed(a_i) < $signed(b_i)) : (a_i < b_i);
        3'b111:  br_taken_o = TEST_BUG ? !($signed(a_i) < $signed(b_i)) : !(a_i < b_i);
        default: br_taken_o = 1'b0;
      endcase
    end
  end

endmodule
