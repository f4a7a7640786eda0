// Instruction decoder: pure function of the instruction word and the ISA parameters.
// Privilege-dependent legality (xRET, WFI, SFENCE.VMA, CSR access) is checked in the EX stage,
// because it depends on architectural state this block does not see.
module rv_decoder
#(
  parameter bit RV_M  = 1'b1,
  parameter bit RV_A  = 1'b1,
  parameter bit RV_SU = 1'b1
) (
  input  logic [31:0] insn_i,
  output rv_core_pkg::dec_t        dec_o,
  output logic [31:0] imm_o   // immediate (0 for formats without one)
);

  logic [6:0] opcode;
  logic [2:0] f3;
  logic [6:0] f7;
  logic [4:0] rs2, rd;

  assign opcode = insn_i[6:0];
  assign f3     = insn_i[14:12];
  assign f7     = insn_i[31:25];
  assign rs2    = insn_i[24:20];
  assign rd     = insn_i[11:7];

  logic [31:0] imm_i, imm_s, imm_b, imm_u, imm_j;
  assign imm_i = {{20{insn_i[31]}}, insn_i[31:20]};
  assign imm_s = {{20{insn_i[31]}}, insn_i[31:25], insn_i[11:7]};
  assign imm_b = {{19{insn_i[31]}}, insn_i[31], insn_i[7], insn_i[30:25], insn_i[11:8], 1'b0};
  assign imm_u = {insn_i[31:12], 12'b0};
  assign imm_j = {{11{insn_i[31]}}, insn_i[31], insn_i[19:12], insn_i[20], insn_i[30:21], 1'b0};

  always_comb begin
    dec_o          = '0;
    imm_o          = '0;
    dec_o.alu_op   = rv_core_pkg::ALU_ADD;
    dec_o.op_a     = rv_core_pkg::OPA_RS1;
    dec_o.mem_size = f3[1:0];
    dec_o.mem_uns  = f3[2];

    unique case (opcode)
      rv_core_pkg::OPC_LUI: begin
        dec_o.rd_we    = 1'b1;
        dec_o.op_a     = rv_core_pkg::OPA_ZERO;
        dec_o.op_b_imm = 1'b1;
        imm_o          = imm_u;
      end
      rv_core_pkg::OPC_AUIPC: begin
        dec_o.rd_we    = 1'b1;
        dec_o.op_a     = rv_core_pkg::OPA_PC;
        dec_o.op_b_imm = 1'b1;
        imm_o          = imm_u;
      end
      rv_core_pkg::OPC_JAL: begin
        dec_o.rd_we = 1'b1;
        dec_o.jal   = 1'b1;
        imm_o       = imm_j;
      end
      rv_core_pkg::OPC_JALR: begin
        dec_o.rd_we   = 1'b1;
        dec_o.jalr    = 1'b1;
        dec_o.use_rs1 = 1'b1;
        imm_o         = imm_i;
        dec_o.illegal = (f3 != 3'b000);
      end
      rv_core_pkg::OPC_BRANCH: begin
        dec_o.branch  = 1'b1;
        dec_o.alu_op  = rv_core_pkg::ALU_SUB;  // rv_alu compares with its subtractor
        dec_o.use_rs1 = 1'b1;
        dec_o.use_rs2 = 1'b1;
        imm_o         = imm_b;
        dec_o.illegal = (f3 == 3'b010) || (f3 == 3'b011);
      end
      rv_core_pkg::OPC_LOAD: begin
        dec_o.load    = 1'b1;
        dec_o.rd_we   = 1'b1;
        dec_o.use_rs1 = 1'b1;
        imm_o         = imm_i;
        dec_o.illegal = (f3 == 3'b011) || (f3 == 3'b110) || (f3 == 3'b111);
      end
      rv_core_pkg::OPC_STORE: begin
        dec_o.store   = 1'b1;
        dec_o.use_rs1 = 1'b1;
        dec_o.use_rs2 = 1'b1;
        imm_o         = imm_s;
        dec_o.illegal = (f3[2] == 1'b1) || (f3[1:0] == 2'b11);
      end
      rv_core_pkg::OPC_OP_IMM: begin
        dec_o.rd_we    = 1'b1;
        dec_o.use_rs1  = 1'b1;
        dec_o.op_b_imm = 1'b1;
        imm_o          = imm_i;
        unique case (f3)
          3'b000: dec_o.alu_op = rv_core_pkg::ALU_ADD;
          3'b010: dec_o.alu_op = rv_core_pkg::ALU_SLT;
          3'b011: dec_o.alu_op = rv_core_pkg::ALU_SLTU;
          3'b100: dec_o.alu_op = rv_core_pkg::ALU_XOR;
          3'b110: dec_o.alu_op = rv_core_pkg::ALU_OR;
          3'b111: dec_o.alu_op = rv_core_pkg::ALU_AND;
          3'b001: begin
            dec_o.alu_op  = rv_core_pkg::ALU_SLL;
            dec_o.illegal = (f7 != 7'b0000000);
          end
          default: begin  // 3'b101
            dec_o.alu_op  = f7[5] ? rv_core_pkg::ALU_SRA : rv_core_pkg::ALU_SRL;
            dec_o.illegal = (f7 != 7'b0000000) && (f7 != 7'b0100000);
          end
        endcase
      end
      rv_core_pkg::OPC_OP: begin
        dec_o.rd_we   = 1'b1;
        dec_o.use_rs1 = 1'b1;
        dec_o.use_rs2 = 1'b1;
        if (f7 == 7'b0000001) begin
          dec_o.mul     = ~f3[2];
          dec_o.div     = f3[2];
          dec_o.illegal = ~RV_M;
        end else begin
          unique case (f3)
            3'b000: dec_o.alu_op = f7[5] ? rv_core_pkg::ALU_SUB : rv_core_pkg::ALU_ADD;
            3'b001: dec_o.alu_op = rv_core_pkg::ALU_SLL;
            3'b010: dec_o.alu_op = rv_core_pkg::ALU_SLT;
            3'b011: dec_o.alu_op = rv_core_pkg::ALU_SLTU;
            3'b100: dec_o.alu_op = rv_core_pkg::ALU_XOR;
            3'b101: dec_o.alu_op = f7[5] ? rv_core_pkg::ALU_SRA : rv_core_pkg::ALU_SRL;
            3'b110: dec_o.alu_op = rv_core_pkg::ALU_OR;
            default: dec_o.alu_op = rv_core_pkg::ALU_AND;
          endcase
          // SUB and SRA are the only funct7=0100000 forms
          if (f7 == 7'b0100000) begin
            dec_o.illegal = (f3 != 3'b000) && (f3 != 3'b101);
          end else begin
            dec_o.illegal = (f7 != 7'b0000000);
          end
        end
      end
      rv_core_pkg::OPC_MISC_MEM: begin
        // FENCE (f3=0) is a nop here: one hart, in-order, no caches.
        // FENCE.I (f3=1) refetches. Reserved fields are ignored, as the spec asks.
        dec_o.fence_i = (f3 == 3'b001);
        dec_o.illegal = (f3 != 3'b000) && (f3 != 3'b001);
      end
      rv_core_pkg::OPC_AMO: begin
        dec_o.amo      = 1'b1;
        dec_o.rd_we    = 1'b1;
        dec_o.use_rs1  = 1'b1;
        dec_o.use_rs2  = (insn_i[31:27] != 5'b00010);
        dec_o.mem_size = 2'b10;
        dec_o.illegal  = ~RV_A || (f3 != 3'b010);
        unique case (insn_i[31:27])
          5'b00010: begin
            dec_o.amo_op = rv_core_pkg::AMO_LR;
            dec_o.load   = 1'b1;
            if (rs2 != 5'd0) dec_o.illegal = 1'b1;
          end
          5'b00011: begin
            dec_o.amo_op = rv_core_pkg::AMO_SC;
            dec_o.store  = 1'b1;
          end
          5'b00001: dec_o.amo_op = rv_core_pkg::AMO_SWAP;
          5'b00000: dec_o.amo_op = rv_core_pkg::AMO_ADD;
          5'b00100: dec_o.amo_op = rv_core_pkg::AMO_XOR;
          5'b01100: dec_o.amo_op = rv_core_pkg::AMO_AND;
          5'b01000: dec_o.amo_op = rv_core_pkg::AMO_OR;
          5'b10000: dec_o.amo_op = rv_core_pkg::AMO_MIN;
          5'b10100: dec_o.amo_op = rv_core_pkg::AMO_MAX;
          5'b11000: dec_o.amo_op = rv_core_pkg::AMO_MINU;
          5'b11100: dec_o.amo_op = rv_core_pkg::AMO_MAXU;
          default:  dec_o.illegal = 1'b1;
        endcase
      end
      rv_core_pkg::OPC_SYSTEM: begin
        if (f3 == 3'b000) begin
          if (insn_i == rv_core_pkg::INSN_ECALL) begin
            dec_o.ecall = 1'b1;
          end else if (insn_i == rv_core_pkg::INSN_EBREAK) begin
            dec_o.ebreak = 1'b1;
          end else if (insn_i == rv_core_pkg::INSN_MRET) begin
            dec_o.mret = 1'b1;
          end else if (insn_i == rv_core_pkg::INSN_SRET && RV_SU) begin
            dec_o.sret = 1'b1;
          end else if (insn_i == rv_core_pkg::INSN_WFI) begin
            dec_o.wfi = 1'b1;
          end else if (f7 == 7'b0001001 && rd == 5'd0 && RV_SU) begin
            dec_o.sfence  = 1'b1;
            dec_o.use_rs1 = 1'b1;
            dec_o.use_rs2 = 1'b1;
          end else begin
            dec_o.illegal = 1'b1;
          end
        end else if (f3 == 3'b100) begin
          dec_o.illegal = 1'b1;
        end else begin
          dec_o.csr     = 1'b1;
          dec_o.rd_we   = 1'b1;
          dec_o.use_rs1 = ~f3[2];
        end
      end
      default: dec_o.illegal = 1'b1;
    endcase

    // Only 32-bit encodings exist without the C extension (this also rejects all-zero words).
    if (insn_i[1:0] != 2'b11) dec_o.illegal = 1'b1;
    // An illegal instruction must not have side effects anywhere down the pipeline.
    if (dec_o.illegal) begin
      dec_o.rd_we  = 1'b0;
      dec_o.load   = 1'b0;
      dec_o.store  = 1'b0;
      dec_o.amo    = 1'b0;
      dec_o.branch = 1'b0;
      dec_o.jal    = 1'b0;
      dec_o.jalr   = 1'b0;
      dec_o.mul    = 1'b0;
      dec_o.div    = 1'b0;
      dec_o.csr    = 1'b0;
      dec_o.fence_i = 1'b0;
    end
  end

endmodule
