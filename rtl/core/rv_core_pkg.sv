// Shared constants and types of the rv_core RISC-V core.
//
// Encodings are plain localparams on typedef'd logic vectors (instead of enums) so that the
// package reads the same in Verilator and in yosys' SystemVerilog front end.
package rv_core_pkg;

  // The package lists complete encodings, some of which no module needs.
  /* verilator lint_off UNUSEDPARAM */

  // ---------------------------------------------------------------------------------------------
  // Major opcodes (inst[6:0])
  // ---------------------------------------------------------------------------------------------
  localparam logic [6:0] OPC_LOAD     = 7'h03;
  localparam logic [6:0] OPC_MISC_MEM = 7'h0f;
  localparam logic [6:0] OPC_OP_IMM   = 7'h13;
  localparam logic [6:0] OPC_AUIPC    = 7'h17;
  localparam logic [6:0] OPC_STORE    = 7'h23;
  localparam logic [6:0] OPC_AMO      = 7'h2f;
  localparam logic [6:0] OPC_OP       = 7'h33;
  localparam logic [6:0] OPC_LUI      = 7'h37;
  localparam logic [6:0] OPC_BRANCH   = 7'h63;
  localparam logic [6:0] OPC_JALR     = 7'h67;
  localparam logic [6:0] OPC_JAL      = 7'h6f;
  localparam logic [6:0] OPC_SYSTEM   = 7'h73;

  // Fixed SYSTEM encodings
  localparam logic [31:0] INSN_ECALL  = 32'h0000_0073;
  localparam logic [31:0] INSN_EBREAK = 32'h0010_0073;
  localparam logic [31:0] INSN_SRET   = 32'h1020_0073;
  localparam logic [31:0] INSN_MRET   = 32'h3020_0073;
  localparam logic [31:0] INSN_WFI    = 32'h1050_0073;

  // ---------------------------------------------------------------------------------------------
  // Privilege levels
  // ---------------------------------------------------------------------------------------------
  typedef logic [1:0] priv_t;
  localparam priv_t PRIV_U = 2'b00;
  localparam priv_t PRIV_S = 2'b01;
  localparam priv_t PRIV_M = 2'b11;

  // ---------------------------------------------------------------------------------------------
  // ALU operations
  // ---------------------------------------------------------------------------------------------
  typedef logic [3:0] alu_op_t;
  localparam alu_op_t ALU_ADD  = 4'd0;
  localparam alu_op_t ALU_SUB  = 4'd1;
  localparam alu_op_t ALU_SLL  = 4'd2;
  localparam alu_op_t ALU_SLT  = 4'd3;
  localparam alu_op_t ALU_SLTU = 4'd4;
  localparam alu_op_t ALU_XOR  = 4'd5;
  localparam alu_op_t ALU_SRL  = 4'd6;
  localparam alu_op_t ALU_SRA  = 4'd7;
  localparam alu_op_t ALU_OR   = 4'd8;
  localparam alu_op_t ALU_AND  = 4'd9;

  // ALU operand A source
  typedef logic [1:0] opa_t;
  localparam opa_t OPA_RS1  = 2'd0;
  localparam opa_t OPA_PC   = 2'd1;
  localparam opa_t OPA_ZERO = 2'd2;

  // ---------------------------------------------------------------------------------------------
  // A extension operations (LR/SC included so one field describes every OPC_AMO instruction)
  // ---------------------------------------------------------------------------------------------
  typedef logic [3:0] amo_op_t;
  localparam amo_op_t AMO_LR   = 4'd0;
  localparam amo_op_t AMO_SC   = 4'd1;
  localparam amo_op_t AMO_SWAP = 4'd2;
  localparam amo_op_t AMO_ADD  = 4'd3;
  localparam amo_op_t AMO_XOR  = 4'd4;
  localparam amo_op_t AMO_AND  = 4'd5;
  localparam amo_op_t AMO_OR   = 4'd6;
  localparam amo_op_t AMO_MIN  = 4'd7;
  localparam amo_op_t AMO_MAX  = 4'd8;
  localparam amo_op_t AMO_MINU = 4'd9;
  localparam amo_op_t AMO_MAXU = 4'd10;

  // CSR instruction operation (funct3[1:0])
  typedef logic [1:0] csr_op_t;
  localparam csr_op_t CSR_OP_RW = 2'd1;
  localparam csr_op_t CSR_OP_RS = 2'd2;
  localparam csr_op_t CSR_OP_RC = 2'd3;

  // Memory access type, used for translation and permission checks
  typedef logic [1:0] acc_t;
  localparam acc_t ACC_FETCH = 2'd0;
  localparam acc_t ACC_LOAD  = 2'd1;
  localparam acc_t ACC_STORE = 2'd2;  // stores, SC and AMOs

  // ---------------------------------------------------------------------------------------------
  // Decoded instruction
  // ---------------------------------------------------------------------------------------------
  typedef struct packed {
    logic        illegal;    // not a legal encoding for the configured ISA (privilege checks apart)
    logic        use_rs1;
    logic        use_rs2;
    logic        rd_we;      // writes rd (rd may still be x0)
    alu_op_t     alu_op;
    opa_t        op_a;
    logic        op_b_imm;   // operand B is the immediate (the decoder's imm_o, kept out of this
                             // struct so that it fits in 64 bits: cheaper in the verilated model)
    logic        branch;
    logic        jal;
    logic        jalr;
    logic        load;
    logic        store;
    logic        amo;        // any OPC_AMO instruction, amo_op tells which
    amo_op_t     amo_op;
    logic [1:0]  mem_size;   // 0 byte, 1 half, 2 word
    logic        mem_uns;
    logic        mul;
    logic        div;
    logic        csr;
    logic        ecall;
    logic        ebreak;
    logic        mret;
    logic        sret;
    logic        wfi;
    logic        fence_i;
    logic        sfence;
  } dec_t;

  // ---------------------------------------------------------------------------------------------
  // Sv32 page-table entry flag bits
  // ---------------------------------------------------------------------------------------------
  localparam int unsigned PTE_V = 0;
  localparam int unsigned PTE_R = 1;
  localparam int unsigned PTE_W = 2;
  localparam int unsigned PTE_X = 3;
  localparam int unsigned PTE_U = 4;
  localparam int unsigned PTE_G = 5;
  localparam int unsigned PTE_A = 6;
  localparam int unsigned PTE_D = 7;

  // ---------------------------------------------------------------------------------------------
  // CSR addresses
  // ---------------------------------------------------------------------------------------------
  localparam logic [11:0] CSR_SSTATUS    = 12'h100;
  localparam logic [11:0] CSR_SIE        = 12'h104;
  localparam logic [11:0] CSR_STVEC      = 12'h105;
  localparam logic [11:0] CSR_SCOUNTEREN = 12'h106;
  localparam logic [11:0] CSR_SENVCFG    = 12'h10A;
  localparam logic [11:0] CSR_SSCRATCH   = 12'h140;
  localparam logic [11:0] CSR_SEPC       = 12'h141;
  localparam logic [11:0] CSR_SCAUSE     = 12'h142;
  localparam logic [11:0] CSR_STVAL      = 12'h143;
  localparam logic [11:0] CSR_SIP        = 12'h144;
  localparam logic [11:0] CSR_SATP       = 12'h180;

  localparam logic [11:0] CSR_MSTATUS    = 12'h300;
  localparam logic [11:0] CSR_MISA       = 12'h301;
  localparam logic [11:0] CSR_MEDELEG    = 12'h302;
  localparam logic [11:0] CSR_MIDELEG    = 12'h303;
  localparam logic [11:0] CSR_MIE        = 12'h304;
  localparam logic [11:0] CSR_MTVEC      = 12'h305;
  localparam logic [11:0] CSR_MCOUNTEREN = 12'h306;
  localparam logic [11:0] CSR_MENVCFG    = 12'h30A;
  localparam logic [11:0] CSR_MSTATUSH   = 12'h310;
  localparam logic [11:0] CSR_MENVCFGH   = 12'h31A;
  localparam logic [11:0] CSR_MCOUNTINHIBIT = 12'h320;
  localparam logic [11:0] CSR_MSCRATCH   = 12'h340;
  localparam logic [11:0] CSR_MEPC       = 12'h341;
  localparam logic [11:0] CSR_MCAUSE     = 12'h342;
  localparam logic [11:0] CSR_MTVAL      = 12'h343;
  localparam logic [11:0] CSR_MIP        = 12'h344;

  localparam logic [11:0] CSR_MCYCLE     = 12'hB00;
  localparam logic [11:0] CSR_MINSTRET   = 12'hB02;
  localparam logic [11:0] CSR_MCYCLEH    = 12'hB80;
  localparam logic [11:0] CSR_MINSTRETH  = 12'hB82;

  localparam logic [11:0] CSR_CYCLE      = 12'hC00;
  localparam logic [11:0] CSR_TIME       = 12'hC01;
  localparam logic [11:0] CSR_INSTRET    = 12'hC02;
  localparam logic [11:0] CSR_CYCLEH     = 12'hC80;
  localparam logic [11:0] CSR_TIMEH      = 12'hC81;
  localparam logic [11:0] CSR_INSTRETH   = 12'hC82;

  localparam logic [11:0] CSR_MVENDORID  = 12'hF11;
  localparam logic [11:0] CSR_MARCHID    = 12'hF12;
  localparam logic [11:0] CSR_MIMPID     = 12'hF13;
  localparam logic [11:0] CSR_MHARTID    = 12'hF14;
  localparam logic [11:0] CSR_MCONFIGPTR = 12'hF15;

  // mstatus bit positions
  localparam int unsigned MSTATUS_SIE  = 1;
  localparam int unsigned MSTATUS_MIE  = 3;
  localparam int unsigned MSTATUS_SPIE = 5;
  localparam int unsigned MSTATUS_MPIE = 7;
  localparam int unsigned MSTATUS_SPP  = 8;
  localparam int unsigned MSTATUS_MPP  = 11;  // [12:11]
  localparam int unsigned MSTATUS_MPRV = 17;
  localparam int unsigned MSTATUS_SUM  = 18;
  localparam int unsigned MSTATUS_MXR  = 19;
  localparam int unsigned MSTATUS_TVM  = 20;
  localparam int unsigned MSTATUS_TW   = 21;
  localparam int unsigned MSTATUS_TSR  = 22;

  // Interrupt numbers (bit positions in mip/mie, and the interrupt cause codes)
  localparam int unsigned IRQ_SSI = 1;
  localparam int unsigned IRQ_MSI = 3;
  localparam int unsigned IRQ_STI = 5;
  localparam int unsigned IRQ_MTI = 7;
  localparam int unsigned IRQ_SEI = 9;
  localparam int unsigned IRQ_MEI = 11;

  // ---------------------------------------------------------------------------------------------
  // Exception cause codes
  // ---------------------------------------------------------------------------------------------
  typedef logic [4:0] exc_t;
  localparam exc_t EXC_INSN_MISALIGNED  = 5'd0;
  localparam exc_t EXC_INSN_ACCESS      = 5'd1;
  localparam exc_t EXC_ILLEGAL          = 5'd2;
  localparam exc_t EXC_BREAKPOINT       = 5'd3;
  localparam exc_t EXC_LOAD_MISALIGNED  = 5'd4;
  localparam exc_t EXC_LOAD_ACCESS      = 5'd5;
  localparam exc_t EXC_STORE_MISALIGNED = 5'd6;
  localparam exc_t EXC_STORE_ACCESS     = 5'd7;
  localparam exc_t EXC_ECALL_U          = 5'd8;
  localparam exc_t EXC_ECALL_S          = 5'd9;
  localparam exc_t EXC_ECALL_M          = 5'd11;
  localparam exc_t EXC_INSN_PAGE        = 5'd12;
  localparam exc_t EXC_LOAD_PAGE        = 5'd13;
  localparam exc_t EXC_STORE_PAGE       = 5'd15;

  /* verilator lint_on UNUSEDPARAM */

  // -------------------------------------------------------------------------------------------
  // CSR existence, shared by rv_csr (pipelined core) and rv_csr_mc (multi-cycle core)
  // -------------------------------------------------------------------------------------------
  // hpmcounter3..31(h), mhpmcounter3..31(h), mhpmevent3..31: implemented as constant 0
  function automatic logic csr_is_hpm(logic [11:0] a);
    csr_is_hpm = ((a[11:5] == 7'b1011000) || (a[11:5] == 7'b1011100) ||
                  (a[11:5] == 7'b1100000) || (a[11:5] == 7'b1100100) ||
                  (a[11:5] == 7'b0011001)) && (a[4:0] >= 5'd3);
  endfunction

  // The cores implement zero PMP entries. The privileged spec makes every PMP field WARL and
  // allows it to be read-only zero, so pmpcfg0-3 and pmpaddr0-15 exist, read 0 and ignore writes:
  // standard M-mode firmware that programs a PMP entry before dropping to S/U runs unchanged.
  /* verilator lint_off UNUSEDSIGNAL */  // a[1:0] select the register within the group
  function automatic logic csr_is_pmp(logic [11:0] a);
    csr_is_pmp = (a[11:2] == 10'b0011_1010_00) || (a[11:4] == 8'h3B);
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  // Whether CSR address a exists; rv_su: S and U modes implemented (their CSRs exist).
  function automatic logic csr_exists(logic [11:0] a, logic rv_su);
    logic e;
    unique case (a)
      CSR_MSTATUS, CSR_MISA, CSR_MIE, CSR_MTVEC, CSR_MSTATUSH, CSR_MCOUNTINHIBIT, CSR_MSCRATCH,
      CSR_MEPC, CSR_MCAUSE, CSR_MTVAL, CSR_MIP, CSR_MCYCLE, CSR_MINSTRET, CSR_MCYCLEH,
      CSR_MINSTRETH, CSR_CYCLE, CSR_TIME, CSR_INSTRET, CSR_CYCLEH, CSR_TIMEH, CSR_INSTRETH,
      CSR_MVENDORID, CSR_MARCHID, CSR_MIMPID, CSR_MHARTID, CSR_MCONFIGPTR: e = 1'b1;
      CSR_MEDELEG, CSR_MIDELEG, CSR_MCOUNTEREN, CSR_MENVCFG, CSR_MENVCFGH, CSR_SSTATUS, CSR_SIE,
      CSR_STVEC, CSR_SCOUNTEREN, CSR_SENVCFG, CSR_SSCRATCH, CSR_SEPC, CSR_SCAUSE, CSR_STVAL,
      CSR_SIP, CSR_SATP: e = rv_su;
      default: e = csr_is_hpm(a) || csr_is_pmp(a);
    endcase
    csr_exists = e;
  endfunction

endpackage
