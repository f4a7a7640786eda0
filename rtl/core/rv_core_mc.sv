// rv_core_mc: the area-oriented, multi-cycle implementation of rv_core (docs/core.md,
// "Multi-cycle implementation (rv_core_mc)"). Same ports, same architectural behaviour as
// rv_core with SV32 = 0: RV32IMA + Zicsr + Zifencei, M/S/U, precise traps, the same RVFI trace.
//
// One instruction at a time, no overlap, so there is no bypass network and no flush logic:
//
//   BOOT -> FETCH -> FWAIT -> EXEC -+-> (retire) ------------------------------> FETCH
//                                   +-> BR (branch: taken PC + imm, else PC + 4) ----------> FETCH
//                                   +-> SHIFT (1 bit per cycle; also the WB of SC-fail) -> FETCH
//                                   +-> DIV (MUL*/DIV*/REM*: rv_muldiv_mc, serial) -------> FETCH
//                                   +-> MEM -> MWAIT -+-> (retire) -----------------------> FETCH
//                                   |      ^          +-> AMOC (AMO write data) -> MEM (write)
//                                   +-> WFI (until mip & mie != 0) -----------------------> FETCH
//                                   +-> TRAP (exception/interrupt entry) -----------------> FETCH
//
// FETCH presents ibus_req_o; FWAIT takes the response, latches the instruction and reads rs1/rs2
// from the block-RAM register file at the same edge (the RAM addresses come straight from the bus
// response), so EXEC has the instruction and both operands in registers. EXEC decodes, runs the
// ALU (one adder for add/sub/compare/address/JAL(R) target), the PC adder (PC + 4 or the branch
// target), the CSR access and MRET/SRET, and either retires or moves on. All architectural
// state changes at a retirement or in TRAP, so traps are precise. Bus outputs come from
// registers (addr/be/wdata/we are set in EXEC and held through MEM).
//
// Interrupts are sampled in EXEC (the instruction there is not executed; mepc = its PC), as
// rv_core attaches them to the instruction in its EX stage (rv_csr_mc registers the decision:
// the interrupt inputs are seen one cycle later).
//
// Reset: rst_ni asynchronous, active low; boot_addr_i is sampled in the first cycle after reset.
// The register file is not reset (block RAM); it powers up as zero (initial contents).
module rv_core_mc
#(
  parameter bit          RV_M         = 1'b1,
  parameter bit          RV_A         = 1'b1,
  parameter bit          RV_SU        = 1'b1,
  parameter bit          SV32         = 1'b0,  // must be 0: rv_core_mc has no MMU
  parameter int unsigned ITLB_ENTRIES = 8,     // unused (no MMU)
  parameter int unsigned DTLB_ENTRIES = 8,     // unused (no MMU)
  parameter logic [31:0] MHARTID      = 32'd0,
  parameter bit          RF_BRAM      = 1'b1,  // unused: the register file is always a RAM
  parameter bit          TEST_BUG     = 1'b0   // test aid: SLTU/SLTIU compare signed
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic [31:0] boot_addr_i,

  // instruction fetch port
  output logic        ibus_req_o,
  input  logic        ibus_gnt_i,
  output logic [31:0] ibus_addr_o,
  output logic [1:0]  ibus_priv_o,
  input  logic        ibus_rvalid_i,
  input  logic [31:0] ibus_rdata_i,
  input  logic        ibus_err_i,

  // data port
  output logic        dbus_req_o,
  input  logic        dbus_gnt_i,
  output logic [31:0] dbus_addr_o,
  output logic        dbus_we_o,
  output logic [3:0]  dbus_be_o,
  output logic [31:0] dbus_wdata_o,
  output logic [1:0]  dbus_priv_o,
  input  logic        dbus_rvalid_i,
  input  logic [31:0] dbus_rdata_i,
  input  logic        dbus_err_i,

  // interrupts (level sensitive) and time
  input  logic        irq_msoft_i,
  input  logic        irq_mtimer_i,
  input  logic        irq_mext_i,
  input  logic        irq_sext_i,
  input  logic [63:0] mtime_i,

  // retirement trace
  output logic        rvfi_valid_o,
  output logic [63:0] rvfi_order_o,
  output logic [31:0] rvfi_insn_o,
  output logic        rvfi_trap_o,
  output logic        rvfi_intr_o,
  output logic [1:0]  rvfi_mode_o,
  output logic [4:0]  rvfi_rs1_addr_o,
  output logic [4:0]  rvfi_rs2_addr_o,
  output logic [31:0] rvfi_rs1_rdata_o,
  output logic [31:0] rvfi_rs2_rdata_o,
  output logic [4:0]  rvfi_rd_addr_o,
  output logic [31:0] rvfi_rd_wdata_o,
  output logic [31:0] rvfi_pc_rdata_o,
  output logic [31:0] rvfi_pc_wdata_o,
  output logic [31:0] rvfi_mem_addr_o,
  output logic [3:0]  rvfi_mem_rmask_o,
  output logic [3:0]  rvfi_mem_wmask_o,
  output logic [31:0] rvfi_mem_rdata_o,
  output logic [31:0] rvfi_mem_wdata_o,
  output logic [31:0] rvfi_trap_cause_o,

  // performance counters
  output logic [63:0] perf_cycle_o,
  output logic [63:0] perf_instret_o
);

  if (SV32) begin : g_sv32_unsupported
    $error("rv_core_mc: SV32 = 1 is not supported (no MMU); use rv_core (soc_top CORE_MC = 0)");
  end

  logic unused_params;
  assign unused_params = ^{ITLB_ENTRIES, DTLB_ENTRIES, RF_BRAM};

  // -------------------------------------------------------------------------------------------
  // State
  // -------------------------------------------------------------------------------------------
  typedef logic [3:0] state_t;
  localparam state_t S_BOOT  = 4'd0;
  localparam state_t S_FETCH = 4'd1;
  localparam state_t S_FWAIT = 4'd2;
  localparam state_t S_EXEC  = 4'd3;
  localparam state_t S_SHIFT = 4'd4;
  localparam state_t S_DIV   = 4'd5;
  localparam state_t S_MEM   = 4'd6;
  localparam state_t S_MWAIT = 4'd7;
  localparam state_t S_AMOC  = 4'd8;
  localparam state_t S_WFI   = 4'd9;
  localparam state_t S_TRAP  = 4'd10;
  localparam state_t S_BR    = 4'd11;
  localparam state_t S_TRAP2 = 4'd12;
  localparam state_t S_AMOM  = 4'd13;

  // trap value source, chosen in EXEC/MWAIT, used in TRAP
  typedef logic [1:0] tsel_t;
  localparam tsel_t TV_ZERO = 2'd0;
  localparam tsel_t TV_PC   = 2'd1;
  localparam tsel_t TV_INSN = 2'd2;
  localparam tsel_t TV_ADDR = 2'd3;

  state_t      state_q, state_d;
  logic [31:0] pc_q;
  logic [31:0] insn_q;
  logic        ifault_q;           // the fetch of insn_q got a bus error
  logic        br_taken_q;         // BR: the branch (compared in EXEC) is taken
  logic        fetch_hold_q;       // FETCH waits for ibus_priv_q (after a trap or xRET)
  logic [31:0] rs1_q, rs2_q;       // register file read data (block RAM output registers)
  logic [31:0] r_q;                // shift register, AMO old value, WB value of SC-fail
  logic [4:0]  cnt_q;              // remaining shift steps
  logic [31:0] addr_q;             // data address (or the jump target, for its misaligned trap)
  logic [3:0]  be_q;
  logic [31:0] wdata_q;
  logic        we_q;
  logic        amo_wr_q;           // AMO: the write access is done/under way
  logic        irq_q;              // TRAP: an interrupt
  logic [4:0]  cause_q;
  tsel_t       tsel_q;
  logic        resv_valid_q;
  logic [29:0] resv_addr_q;

  // -------------------------------------------------------------------------------------------
  // CSR file outputs
  // -------------------------------------------------------------------------------------------
  rv_core_pkg::priv_t priv, mpp, data_priv, ibus_priv_q;
  logic        mprv, tvm, tw, tsr;
  logic        irq_valid, wfi_wake;
  logic [4:0]  irq_code;
  logic [31:0] xret_target, trap_target, csr_rdata;
  logic        csr_chk_illegal;

  // -------------------------------------------------------------------------------------------
  // Register file: two block-RAM copies (one per read port), read when the instruction arrives.
  // Only written at retirement, never in the cycle it is read, so no forwarding is needed.
  // x0 is never written and powers up as 0.
  // -------------------------------------------------------------------------------------------
  logic        rf_we, rf_re;
  logic [31:0] rf_wdata;
  logic [31:0] rf_a [32];
  logic [31:0] rf_b [32];

  initial begin
    for (int i = 0; i < 32; i++) begin
      rf_a[i] = 32'd0;
      rf_b[i] = 32'd0;
    end
  end

  assign rf_re = (state_q == S_FWAIT) && ibus_rvalid_i;

  always_ff @(posedge clk_i) begin
    if (rf_we) begin
      rf_a[insn_q[11:7]] <= rf_wdata;
      rf_b[insn_q[11:7]] <= rf_wdata;
    end
    if (rf_re) begin
      rs1_q <= rf_a[ibus_rdata_i[19:15]];
      rs2_q <= rf_b[ibus_rdata_i[24:20]];
    end
  end

  // -------------------------------------------------------------------------------------------
  // Decode: the fetch response is decoded as it arrives and the result registered with the
  // instruction, so EXEC starts from decoded flip-flops (shorter paths through the ALU).
  // -------------------------------------------------------------------------------------------
  rv_core_pkg::dec_t dec_d, dec;
  logic [31:0] imm_d, imm;
  // ALU controls, registered for the state the core is in next (one-hot flags straight from
  // flip-flops into the operand AND-OR, no decode of state_q in front of the adder; timing,
  // docs/core.md): loaded with the fetch response for EXEC (decoded ahead: subtract for compare,
  // SUB, SLT*; operand A = PC for AUIPC/JAL, 0 for LUI/CSR, else rs1; operand B = the immediate,
  // 0 for CSR instructions: the ALU result of a CSR instruction is 0, so that its read value can
  // be ORed in, see exec_res), in EXEC with a branch for BR (PC + imm), in MWAIT for AMOC (old
  // value op rs2) and in AMOC for AMOM (the chosen operand). The ALU result is only used in
  // these four states.
  logic        sub_q, opa_pc_q, opa_rs1_q, opa_r_q, opb_imm_q;
  // the instruction retires in EXEC unless it traps or is a taken branch (decoded ahead: not a
  // shift, M, memory access or WFI; keeps that decode off the commit path)
  logic        ex_ret_q;
  // The register write value in EXEC, one-hot, decoded ahead like the ALU controls: 1 only in the
  // EXEC cycle (loaded with the fetch response, cleared at every other edge; EXEC lasts one
  // cycle), so the write-back AND-OR takes the adder's sum through two LUT levels instead of the
  // ALU result multiplexer, the jump selection and the state decode (timing, docs/core.md).
  // wb_slt_q / wb_sltu_q: an SLT(U) in EXEC, whose result goes to r_q (see dec_slt).
  logic        wb_sum_q, wb_xor_q, wb_or_q, wb_and_q, wb_slt_q, wb_sltu_q, wb_link_q;

  rv_decoder #(
    .RV_M  (RV_M),
    .RV_A  (RV_A),
    .RV_SU (RV_SU)
  ) u_decoder (
    .insn_i (ibus_rdata_i),
    .dec_o  (dec_d),
    .imm_o  (imm_d)
  );

  // The instruction and its decode are loaded in FWAIT, always before EXEC uses them, so they
  // need no reset; a faulting fetch loads zeros instead (the trace reports insn = 0, and an
  // all-zero decode has no operands and no memory access, as the decode of 0 in rv_core). Without
  // the asynchronous reset this zeroing is the flip-flops' synchronous reset on the iCE40.
  logic dec_a_pc, dec_a_zero, dec_shift, dec_slt;
  assign dec_a_pc   = (dec_d.op_a == rv_core_pkg::OPA_PC) || dec_d.jal;
  assign dec_a_zero = (dec_d.op_a == rv_core_pkg::OPA_ZERO) || dec_d.csr;
  assign dec_shift  = (dec_d.alu_op == rv_core_pkg::ALU_SLL) ||
                      (dec_d.alu_op == rv_core_pkg::ALU_SRL) ||
                      (dec_d.alu_op == rv_core_pkg::ALU_SRA);
  // SLT(I)(U) retire from SHIFT: the comparison (the adder's carry out) goes into a flip-flop of
  // its own in EXEC (slt_res_q), SHIFT writes it with no shift step (one cycle more; keeps the
  // carry out of the register file's write data and of r_q's input multiplexer: timing)
  assign dec_slt    = (dec_d.alu_op == rv_core_pkg::ALU_SLT) ||
                      (dec_d.alu_op == rv_core_pkg::ALU_SLTU);

  always_ff @(posedge clk_i) begin
    if (rf_re) begin
      if (ibus_err_i) begin
        insn_q   <= '0;
        dec      <= '0;
        imm      <= '0;
        ex_ret_q <= 1'b1;
      end else begin
        insn_q   <= ibus_rdata_i;
        dec      <= dec_d;
        imm      <= imm_d;
        ex_ret_q <= !(dec_shift || dec_slt || dec_d.mul || dec_d.div || dec_d.load ||
                      dec_d.store || dec_d.amo || dec_d.wfi || dec_d.branch);
      end
    end
  end

  logic dec_link;
  assign dec_link = dec_d.jal || dec_d.jalr;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wb_sum_q  <= 1'b0;
      wb_xor_q  <= 1'b0;
      wb_or_q   <= 1'b0;
      wb_and_q  <= 1'b0;
      wb_slt_q  <= 1'b0;
      wb_sltu_q <= 1'b0;
      wb_link_q <= 1'b0;
    end else begin
      // (a faulting fetch traps in EXEC: no write)
      wb_link_q <= rf_re && !ibus_err_i && dec_link;
      wb_xor_q  <= rf_re && !ibus_err_i && !dec_link && (dec_d.alu_op == rv_core_pkg::ALU_XOR);
      wb_or_q   <= rf_re && !ibus_err_i && !dec_link && (dec_d.alu_op == rv_core_pkg::ALU_OR);
      wb_and_q  <= rf_re && !ibus_err_i && !dec_link && (dec_d.alu_op == rv_core_pkg::ALU_AND);
      wb_slt_q  <= rf_re && !ibus_err_i && !dec_link && (dec_d.alu_op == rv_core_pkg::ALU_SLT);
      wb_sltu_q <= rf_re && !ibus_err_i && !dec_link && (dec_d.alu_op == rv_core_pkg::ALU_SLTU);
      wb_sum_q  <= rf_re && !ibus_err_i && !dec_link &&
                   (dec_d.alu_op != rv_core_pkg::ALU_XOR) && (dec_d.alu_op != rv_core_pkg::ALU_OR) &&
                   (dec_d.alu_op != rv_core_pkg::ALU_AND) && (dec_d.alu_op != rv_core_pkg::ALU_SLT) &&
                   (dec_d.alu_op != rv_core_pkg::ALU_SLTU);
    end
  end

  // (amo_minmax, take_a: see the ALU below)
  logic amo_minmax, take_a;
  // (The cases are exclusive; AMOC comes first, so that take_a, the end of the adder's carry
  // chain, goes through the last multiplexer level only: timing.)
  always_ff @(posedge clk_i) begin
    if (state_q == S_AMOC) begin
      // AMOM: old value OR 0 (an AMO's immediate is 0), or 0 OR rs2
      sub_q      <= 1'b0;
      opa_pc_q   <= 1'b0;
      opa_rs1_q  <= 1'b0;
      opa_r_q    <= take_a;
      opb_imm_q  <= take_a;
    end else if (rf_re) begin
      // EXEC (a faulting fetch: rs1 + rs2, unused, it traps)
      sub_q      <= !ibus_err_i && (dec_d.branch || dec_d.alu_op == rv_core_pkg::ALU_SUB ||
                    dec_d.alu_op == rv_core_pkg::ALU_SLT || dec_d.alu_op == rv_core_pkg::ALU_SLTU);
      opa_pc_q   <= !ibus_err_i && dec_a_pc;
      opa_rs1_q  <= ibus_err_i || (!dec_a_pc && !dec_a_zero);
      opa_r_q    <= 1'b0;
      opb_imm_q  <= !ibus_err_i && (dec_d.op_b_imm || dec_d.jal || dec_d.jalr || dec_d.load ||
                                    dec_d.store || dec_d.amo || dec_d.csr);
    end else if (state_q == S_EXEC) begin
      // BR (a branch only goes there, others leave EXEC for states that do not use the ALU)
      sub_q      <= 1'b0;
      opa_pc_q   <= 1'b1;
      opa_rs1_q  <= 1'b0;
      opa_r_q    <= 1'b0;
      opb_imm_q  <= 1'b1;
    end else if (state_q == S_MWAIT) begin
      // AMOC: the old value (r_q, 0 for SWAP) op rs2; MIN/MAX(U) compare (subtract)
      sub_q      <= amo_minmax;
      opa_pc_q   <= 1'b0;
      opa_rs1_q  <= 1'b0;
      opa_r_q    <= dec.amo_op != rv_core_pkg::AMO_SWAP;
      opb_imm_q  <= 1'b0;
    end
  end

  logic is_lr, is_sc, is_amo_rmw, is_mem, is_shift, is_jump;
  assign is_lr      = dec.amo && (dec.amo_op == rv_core_pkg::AMO_LR);
  assign is_sc      = dec.amo && (dec.amo_op == rv_core_pkg::AMO_SC);
  assign is_amo_rmw = dec.amo && !is_lr && !is_sc;
  assign is_mem     = dec.load || dec.store || dec.amo;
  assign is_jump    = dec.jal || dec.jalr;
  assign is_shift   = (dec.alu_op == rv_core_pkg::ALU_SLL) ||
                      (dec.alu_op == rv_core_pkg::ALU_SRL) ||
                      (dec.alu_op == rv_core_pkg::ALU_SRA);

  // -------------------------------------------------------------------------------------------
  // ALU: one adder/subtractor for arithmetic, comparisons, branches, data addresses and JAL/JALR
  // targets; in AMOC it computes the AMO's new value from the old one (r_q) and rs2.
  // -------------------------------------------------------------------------------------------
  logic                 amo_ph, amoc, amom;
  logic [31:0]          alu_a, alu_b, alu_bx, sum, x, alu_out;
  logic                 sub, cout, lt, ltu, eq, br_taken;
  rv_core_pkg::alu_op_t alu_op;
  logic                 amo_signed, amo_max;

  // In BR the ALU adder computes the taken branch's target, PC + imm (so the PC adder is only an
  // incrementer).
  // The AMO's new value is alu_out: in AMOC the operation on the old value (r_q) and rs2 (SWAP:
  // 0 OR rs2); AMOMIN/MAX(U) compare there (subtract) and take one more cycle, AMOM, in which
  // the ALU passes the chosen operand (old value OR 0, or 0 OR rs2).
  logic br_ph;
  assign amoc   = (state_q == S_AMOC);
  assign amom   = (state_q == S_AMOM);
  assign amo_ph = amoc || amom;
  assign br_ph  = (state_q == S_BR);

  // (AND-OR form; the selects are flip-flops, see opa_pc_q)
  assign alu_a = (r_q & {32{opa_r_q}}) | (pc_q & {32{opa_pc_q}}) | (rs1_q & {32{opa_rs1_q}});
  assign alu_b = opb_imm_q ? imm : rs2_q;  // (with sub: one LUT4 per bit before the adder)

  assign amo_minmax = (dec.amo_op == rv_core_pkg::AMO_MIN) || (dec.amo_op == rv_core_pkg::AMO_MAX) ||
                      (dec.amo_op == rv_core_pkg::AMO_MINU) || (dec.amo_op == rv_core_pkg::AMO_MAXU);
  assign amo_signed = (dec.amo_op == rv_core_pkg::AMO_MIN) || (dec.amo_op == rv_core_pkg::AMO_MAX);
  assign amo_max    = (dec.amo_op == rv_core_pkg::AMO_MAX) || (dec.amo_op == rv_core_pkg::AMO_MAXU);

  always_comb begin
    if (amom) begin
      alu_op = rv_core_pkg::ALU_OR;
    end else if (amoc) begin
      unique case (dec.amo_op)
        rv_core_pkg::AMO_XOR:  alu_op = rv_core_pkg::ALU_XOR;
        rv_core_pkg::AMO_AND:  alu_op = rv_core_pkg::ALU_AND;
        rv_core_pkg::AMO_OR:   alu_op = rv_core_pkg::ALU_OR;
        rv_core_pkg::AMO_SWAP: alu_op = rv_core_pkg::ALU_OR;
        default:               alu_op = rv_core_pkg::ALU_ADD;
      endcase
    end else begin
      alu_op = dec.alu_op;
    end
  end

  assign sub = sub_q;
  assign alu_bx        = alu_b ^ {32{sub}};
  assign {cout, sum}   = {1'b0, alu_a} + {1'b0, alu_bx} + {32'd0, sub};
  assign x             = alu_a ^ alu_b;
  assign eq            = (x == 32'd0);
  assign lt            = (alu_a[31] != alu_b[31]) ? alu_a[31] : sum[31];
  assign ltu           = TEST_BUG ? lt : !cout;
  // AMOMIN/MAX(U) in AMOC (sub = 1): the old value (not rs2) is the new value; lt from the
  // subtractor, unsigned less-than = borrow (not TEST_BUG'd); registered into opa_r_q/opb_imm_q
  assign take_a        = (amo_signed ? lt : !cout) ^ amo_max;

  // the SLT(U) result: set in the cycle after an SLT(U)'s EXEC (SHIFT, which writes it; or TRAP,
  // which writes nothing), 0 in every other cycle
  logic slt_res_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) slt_res_q <= 1'b0;
    else         slt_res_q <= (lt && wb_slt_q) || (ltu && wb_sltu_q);
  end

  always_comb begin
    unique case (alu_op)
      rv_core_pkg::ALU_SLT:  alu_out = {31'd0, lt};
      rv_core_pkg::ALU_SLTU: alu_out = {31'd0, ltu};
      rv_core_pkg::ALU_XOR:  alu_out = x;
      rv_core_pkg::ALU_OR:   alu_out = alu_a | alu_b;
      rv_core_pkg::ALU_AND:  alu_out = alu_a & alu_b;
      default:               alu_out = sum;  // ADD, SUB
    endcase
  end


  always_comb begin
    unique case (insn_q[14:12])
      3'b000:  br_taken = eq;
      3'b001:  br_taken = !eq;
      3'b100:  br_taken = lt;
      3'b101:  br_taken = !lt;
      3'b110:  br_taken = ltu;
      default: br_taken = !ltu;  // 3'b111 (010/011 are illegal)
    endcase
  end

  // PC incrementer: the sequential PC (also the JAL/JALR link value). The jump target and (in BR)
  // the taken branch's target come from the ALU adder. Branching in a separate state (not by the
  // comparison in EXEC) keeps the comparison out of the path into the PC.
  logic [31:0] pc_add, npc;
  assign pc_add = pc_q + 32'd4;
  // the next PC in AND-OR form: boot address, trap target, or at a retirement the xRET / jump /
  // branch target or PC + 4
  // The selects depend on the state and the decode only (pc_q loads npc only at boot, trap and
  // retirement, so they need not include `commit`): keeps the ALU -> commit logic out of them.
  logic pc_boot, pc_x, pc_j, pc_i;
  assign pc_boot = (state_q == S_BOOT);
  assign pc_x    = ex && (dec.mret || dec.sret);
  assign pc_j    = (ex && is_jump) || (br_ph && br_taken_q);
  assign pc_i    = !pc_boot && !trap && !pc_x && !pc_j;
  assign npc = (boot_addr_i & {32{pc_boot}}) | (trap_target & {32{trap}}) |
               (xret_target & {32{pc_x}}) |
               ({sum[31:1], 1'b0} & {32{pc_j}}) | (pc_add & {32{pc_i}});

  // -------------------------------------------------------------------------------------------
  // Multiply / divide: the serial rv_muldiv_mc (operands stay in rs1_q/rs2_q/insn_q meanwhile)
  // -------------------------------------------------------------------------------------------
  logic [31:0] md_result;
  logic        md_start, md_done;
  rv_muldiv_mc u_muldiv (
    .clk_i    (clk_i),
    .rst_ni   (rst_ni),
    .start_i  (md_start),
    .f3_i     (insn_q[14:12]),
    .a_i      (rs1_q),
    .b_i      (rs2_q),
    .done_o   (md_done),
    .result_o (md_result)
  );

  // -------------------------------------------------------------------------------------------
  // EXEC: exceptions in rv_core's priority order
  // -------------------------------------------------------------------------------------------
  logic        illegal, exc, exc_early, misaligned, sc_ok, csr_writes;
  logic [4:0]  exc_cause;
  tsel_t       exc_tsel;

  // a CSR instruction writes its CSR unless it is CSRRS/CSRRC with rs1 = x0 or an immediate of 0
  function automatic logic csr_insn_writes(logic [31:0] insn);
    csr_insn_writes = (insn[13:12] == rv_core_pkg::CSR_OP_RW) || (insn[19:15] != 5'd0);
  endfunction
  assign csr_writes = csr_insn_writes(insn_q);
  // LR/SC have no offset: their address is rs1 (not taken from the adder: shorter path)
  assign sc_ok      = resv_valid_q && (resv_addr_q == rs1_q[31:2]);

  always_comb begin
    unique case (dec.mem_size)
      2'b00:   misaligned = 1'b0;
      2'b01:   misaligned = sum[0];
      default: misaligned = (sum[1:0] != 2'b00);
    endcase
  end

  always_comb begin
    illegal = dec.illegal;
    if (dec.mret && priv != rv_core_pkg::PRIV_M) illegal = 1'b1;
    if (dec.sret && (priv == rv_core_pkg::PRIV_U || (priv == rv_core_pkg::PRIV_S && tsr))) begin
      illegal = 1'b1;
    end
    if (dec.wfi && (priv == rv_core_pkg::PRIV_U || (priv == rv_core_pkg::PRIV_S && tw))) begin
      illegal = 1'b1;
    end
    if (dec.sfence && (priv == rv_core_pkg::PRIV_U || (priv == rv_core_pkg::PRIV_S && tvm))) begin
      illegal = 1'b1;
    end
    if (dec.csr && csr_chk_illegal) illegal = 1'b1;
  end

  always_comb begin
    exc       = 1'b1;
    exc_cause = rv_core_pkg::EXC_ILLEGAL;
    exc_tsel  = TV_ZERO;
    if (ifault_q) begin
      exc_cause = rv_core_pkg::EXC_INSN_ACCESS;
      exc_tsel  = TV_PC;
    end else if (illegal) begin
      exc_cause = rv_core_pkg::EXC_ILLEGAL;
      exc_tsel  = TV_INSN;
    end else if (dec.ecall) begin
      unique case (priv)
        rv_core_pkg::PRIV_M: exc_cause = rv_core_pkg::EXC_ECALL_M;
        rv_core_pkg::PRIV_S: exc_cause = rv_core_pkg::EXC_ECALL_S;
        default:             exc_cause = rv_core_pkg::EXC_ECALL_U;
      endcase
    end else if (dec.ebreak) begin
      exc_cause = rv_core_pkg::EXC_BREAKPOINT;
      exc_tsel  = TV_PC;
    end else if (is_jump && sum[1]) begin  // (a taken branch's target is checked in BR)
      exc_cause = rv_core_pkg::EXC_INSN_MISALIGNED;
      exc_tsel  = TV_ADDR;
    end else if (is_mem && misaligned) begin
      exc_cause = dec.load ? rv_core_pkg::EXC_LOAD_MISALIGNED : rv_core_pkg::EXC_STORE_MISALIGNED;
      exc_tsel  = TV_ADDR;
    end else begin
      exc = 1'b0;
    end
  end

  // -------------------------------------------------------------------------------------------
  // Load data
  // -------------------------------------------------------------------------------------------
  // only the byte lanes a naturally aligned access can use: byte 0 from any lane, byte 1 from
  // lane 1 or 3 (halfwords)
  logic [7:0]  load_b0, load_b1;
  logic        load_ext;
  logic [31:0] load_data;
  always_comb begin
    unique case (addr_q[1:0])
      2'b00:   load_b0 = dbus_rdata_i[7:0];
      2'b01:   load_b0 = dbus_rdata_i[15:8];
      2'b10:   load_b0 = dbus_rdata_i[23:16];
      default: load_b0 = dbus_rdata_i[31:24];
    endcase
  end
  assign load_b1  = addr_q[1] ? dbus_rdata_i[31:24] : dbus_rdata_i[15:8];
  assign load_ext = !dec.mem_uns && (dec.mem_size[0] ? load_b1[7] : load_b0[7]);
  always_comb begin
    unique case (dec.mem_size)
      2'b00:   load_data = {{24{load_ext}}, load_b0};
      2'b01:   load_data = {{16{load_ext}}, load_b1, load_b0};
      default: load_data = dbus_rdata_i;
    endcase
  end

  // -------------------------------------------------------------------------------------------
  // Control
  // -------------------------------------------------------------------------------------------
  logic        ex, commit, ex_ret, trap, trap_prep, xret_ok;
  logic [31:0] exec_res;

  assign ex         = (state_q == S_EXEC);
  assign trap_prep  = (state_q == S_TRAP);
  assign trap       = (state_q == S_TRAP2);
  // (M instructions: exc = exc_early, keeps the adder out of rv_muldiv_mc's enables)
  assign md_start   = ex && !irq_valid && !exc_early && (dec.mul || dec.div);

  // The EXEC write value: the ALU result selected by the write-back flags (the same choice as
  // alu_out in EXEC, where alu_op = dec.alu_op), or the link address. csr_rdata is 0 unless a
  // CSR instruction is in EXEC (rv_csr's acc_sel_i), and then the sum is 0 (0 + 0, see
  // opa_pc_q): an OR instead of a multiplexer.
  // exec_res is all but the sum; the sum, the end of the adder's carry chain, is ORed in last
  // (rf_wdata).
  assign exec_res = (x & {32{wb_xor_q}}) |
                    ((alu_a | alu_b) & {32{wb_or_q}}) | ((alu_a & alu_b) & {32{wb_and_q}}) |
                    (pc_add & {32{wb_link_q}}) | csr_rdata;

  always_comb begin
    state_d  = state_q;
    unique case (state_q)
      S_BOOT:  state_d = S_FETCH;
      S_FETCH: if (ibus_gnt_i && !fetch_hold_q) state_d = S_FWAIT;
      S_FWAIT: if (ibus_rvalid_i) state_d = S_EXEC;
      S_EXEC: begin
        if (irq_valid || exc) begin
          state_d = S_TRAP;
        end else if (is_shift || wb_slt_q || wb_sltu_q || (is_sc && !sc_ok)) begin
          state_d = S_SHIFT;
        end else if (dec.mul || dec.div) begin
          state_d = S_DIV;
        end else if (is_mem) begin
          state_d = S_MEM;
        end else if (dec.wfi) begin
          state_d = S_WFI;
        end else if (dec.branch) begin
          state_d = S_BR;  // taken or not (br_taken_q)
        end else begin
          state_d = S_FETCH;  // retires (ex_ret)
        end
      end
      S_SHIFT: if (cnt_q == 5'd0) state_d = S_FETCH;
      S_DIV:   if (md_done) state_d = S_FETCH;
      S_MEM:   if (dbus_gnt_i) state_d = S_MWAIT;
      S_MWAIT: begin
        if (dbus_rvalid_i) begin
          if (dbus_err_i) begin
            state_d = S_TRAP;
          end else if (is_amo_rmw && !amo_wr_q) begin
            state_d = S_AMOC;
          end else begin
            state_d = S_FETCH;
          end
        end
      end
      S_AMOC: state_d = amo_minmax ? S_AMOM : S_MEM;
      S_AMOM: state_d = S_MEM;
      S_WFI:   if (wfi_wake) state_d = S_FETCH;
      S_BR:    state_d = (br_taken_q && sum[1]) ? S_TRAP : S_FETCH;  // misaligned target
      S_TRAP:  state_d = S_TRAP2;
      S_TRAP2: state_d = S_FETCH;
      default: state_d = S_FETCH;
    endcase
  end

  // Retirement (the transitions to FETCH above other than from TRAP2), written out so that each
  // user takes only the terms it needs: the EXEC part without the exceptions that depend on the
  // adder's result where they cannot occur (only a jump's target and a memory address can be
  // misaligned; memory accesses never retire in EXEC), xret_ok (MRET/SRET retire) without the
  // adder at all, for the CSR file. A branch always retires in BR, with its decision registered
  // (br_taken_q): the comparison (the end of the adder's carry chain) only feeds a flip-flop,
  // not the PC's and the register file's enables (timing; a not-taken branch takes one cycle
  // more).
  assign exc_early = ifault_q || illegal || dec.ecall || dec.ebreak;
  assign xret_ok   = ex && !irq_valid && !exc_early;
  assign ex_ret    = ex && ex_ret_q && !irq_valid && !exc_early && !(is_jump && sum[1]);
  assign commit    = ex_ret || (state_q == S_SHIFT && cnt_q == 5'd0) ||
                     (state_q == S_DIV && md_done) || (state_q == S_WFI && wfi_wake) ||
                     (state_q == S_MWAIT && dbus_rvalid_i && !dbus_err_i &&
                      !(is_amo_rmw && !amo_wr_q)) ||
                     (state_q == S_BR && !(br_taken_q && sum[1]));

  // the register write value, by state (AND-OR: each source is used in its own states; an SC
  // that succeeded writes 0)
  logic wd_r, wd_load;
  assign wd_r    = (state_q == S_SHIFT) || (state_q == S_MWAIT && is_amo_rmw);
  assign wd_load = (state_q == S_MWAIT) && dec.load;
  // The two sources that arrive last, the adder's sum (EXEC) and the load data (MWAIT, from the
  // memory through the interconnect and the byte alignment), meet the others in the last two
  // LUT levels: wdata_rest, every other source, is kept as a net of its own (yosys keep) so that
  // the logic mapper does not build one balanced tree of all of them (timing, docs/core.md).
  (* keep *) logic [31:0] wdata_rest;
  logic [31:0] wdata_late;
  assign wdata_rest = exec_res | (r_q & {32{wd_r}}) | {31'd0, slt_res_q} |
                      (md_result & {32{state_q == S_DIV}});
  assign wdata_late = (wd_load ? load_data : sum) & {32{wd_load || wb_sum_q}};
  assign rf_wdata   = wdata_late | wdata_rest;

  assign rf_we = commit && dec.rd_we && (insn_q[11:7] != 5'd0);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q  <= S_BOOT;
      pc_q     <= '0;
      ifault_q <= 1'b0;
      br_taken_q <= 1'b0;
      r_q      <= '0;
      cnt_q    <= '0;
      addr_q   <= '0;
      be_q     <= '0;
      wdata_q  <= '0;
      we_q     <= 1'b0;
      amo_wr_q <= 1'b0;
      irq_q    <= 1'b0;
      cause_q  <= '0;
      tsel_q   <= TV_ZERO;
    end else begin
      state_q <= state_d;
      if (pc_boot || commit || trap) pc_q <= npc;

      if (rf_re) ifault_q <= ibus_err_i;

      if (ex) begin
        br_taken_q <= br_taken;
        // trap bookkeeping (used only if EXEC goes to TRAP)
        irq_q   <= irq_valid;
        cause_q <= irq_valid ? irq_code : exc_cause;
        tsel_q  <= irq_valid ? TV_ZERO : exc_tsel;
        // memory access (or the jump target for its misaligned-target trap value)
        addr_q   <= {sum[31:1], sum[0] & !is_jump};
        we_q     <= dec.store;
        amo_wr_q <= 1'b0;
        unique case (dec.mem_size)
          2'b00: begin
            be_q    <= 4'b0001 << sum[1:0];
            wdata_q <= {4{rs2_q[7:0]}};
          end
          2'b01: begin
            be_q    <= 4'b0011 << sum[1:0];
            wdata_q <= {2{rs2_q[15:0]}};
          end
          default: begin
            be_q    <= 4'b1111;
            wdata_q <= rs2_q;
          end
        endcase
        // shifter / SC-fail result (SLT(U): 0, its result is slt_res_q)
        r_q   <= is_sc ? 32'd1 : (wb_slt_q || wb_sltu_q) ? 32'd0 : rs1_q;
        cnt_q <= is_shift ? alu_b[4:0] : 5'd0;
      end

      if (state_q == S_BR) begin
        // the taken branch's target, for the misaligned-target trap (used only if BR traps)
        irq_q   <= 1'b0;
        cause_q <= rv_core_pkg::EXC_INSN_MISALIGNED;
        tsel_q  <= TV_ADDR;
        addr_q  <= sum;
      end

      if (state_q == S_SHIFT && cnt_q != 5'd0) begin
        cnt_q <= cnt_q - 5'd1;
        if (dec.alu_op == rv_core_pkg::ALU_SLL) r_q <= {r_q[30:0], 1'b0};
        else r_q <= {(dec.alu_op == rv_core_pkg::ALU_SRA) & r_q[31], r_q[31:1]};
      end

      if (state_q == S_MWAIT && dbus_rvalid_i) begin
        // the AMO's old value (the response to the AMO's write must not overwrite it)
        if (!amo_wr_q) r_q <= dbus_rdata_i;
        if (dbus_err_i) begin
          irq_q   <= 1'b0;
          cause_q <= dec.load ? rv_core_pkg::EXC_LOAD_ACCESS : rv_core_pkg::EXC_STORE_ACCESS;
          tsel_q  <= TV_ADDR;
        end
      end
      if (amo_ph) begin
        wdata_q  <= alu_out;
        we_q     <= 1'b1;
        amo_wr_q <= 1'b1;
      end
    end
  end

  // LR/SC reservation: set by LR when it goes to memory, cleared by any SC, trap or xRET. (LR/SC
  // have no offset: their only exception in EXEC besides exc_early is a misaligned rs1, checked
  // here without the adder: timing.)
  logic lrsc_ok;
  assign lrsc_ok = ex && !irq_valid && !exc_early && (rs1_q[1:0] == 2'b00);
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      resv_valid_q <= 1'b0;
      resv_addr_q  <= '0;
    end else if (trap || (xret_ok && (dec.mret || dec.sret))) begin
      resv_valid_q <= 1'b0;
    end else if (lrsc_ok && is_lr) begin
      resv_valid_q <= 1'b1;
      resv_addr_q  <= rs1_q[31:2];
    end else if (lrsc_ok && is_sc) begin
      resv_valid_q <= 1'b0;
    end
  end

  // -------------------------------------------------------------------------------------------
  // Buses
  // -------------------------------------------------------------------------------------------
  // The fetch's privilege, registered (timing, as data_priv below). The privilege changes only
  // at the edge that ends TRAP2 or an xRET's EXEC, both followed by FETCH: the fetch then waits
  // one cycle (fetch_hold_q) until ibus_priv_q has the new privilege (trap entry and xRET take
  // one cycle more).
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ibus_priv_q  <= rv_core_pkg::PRIV_M;
      fetch_hold_q <= 1'b0;
    end else begin
      ibus_priv_q  <= priv;
      fetch_hold_q <= trap || (xret_ok && (dec.mret || dec.sret));
    end
  end

  // The data accesses' effective privilege, registered (timing: the memory controller decides
  // guest / machine from it in its grant path). MPRV/MPP/privilege change only in EXEC (CSR
  // write, xRET) or TRAP2, at least one cycle before the next MEM, so the register is never stale
  // when dbus_req_o is up.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) data_priv <= rv_core_pkg::PRIV_M;
    else         data_priv <= (mprv && priv == rv_core_pkg::PRIV_M) ? mpp : priv;
  end

  assign ibus_req_o   = (state_q == S_FETCH) && !fetch_hold_q;
  assign ibus_addr_o  = pc_q;
  assign ibus_priv_o  = ibus_priv_q;

  assign dbus_req_o   = (state_q == S_MEM);
  assign dbus_addr_o  = addr_q;
  assign dbus_we_o    = we_q;
  assign dbus_be_o    = be_q;
  assign dbus_wdata_o = wdata_q;
  assign dbus_priv_o  = data_priv;

  // -------------------------------------------------------------------------------------------
  // CSR file
  // -------------------------------------------------------------------------------------------
  // the value rv_csr_mc writes in the trap cycles: xepc = the PC in the first, xtval in the second
  // (AND-OR)
  logic [31:0] trap_wdata;
  assign trap_wdata = (pc_q & {32{trap_prep || tsel_q == TV_PC}}) |
                      (insn_q & {32{!trap_prep && tsel_q == TV_INSN}}) |
                      (addr_q & {32{!trap_prep && tsel_q == TV_ADDR}});

  // rv_csr_mc: rv_csr with CSR_LEAN = 1 and SV32 = 0 (the area core keeps only the implemented
  // bits of the WARL/WLRL fields, docs/core.md; the reference ISS keeps all bits, so only programs
  // that write those bits differ), the plain 32-bit CSRs in a RAM
  // A CSR instruction commits in EXEC unless it traps; formed without `commit`, whose logic
  // includes the ALU adder (for branches and addresses): keeps that adder out of the paths through
  // the CSR write enable into rv_csr_mc's counters.
  logic csr_commit;
  assign csr_commit = ex && dec.csr && !irq_valid && !dec.illegal && !csr_chk_illegal;

  rv_csr_mc #(
    .RV_SU   (RV_SU),
    .MHARTID (MHARTID)
  ) u_csr (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .chk_en_i      (dec.csr),
    .chk_addr_i    (ibus_rdata_i[31:20]),   // the fetched word (checked at rf_re)
    .chk_write_i   (csr_insn_writes(ibus_rdata_i)),
    .chk_illegal_o (csr_chk_illegal),
    .acc_sel_i     (dec.csr),
    .acc_en_i      (csr_commit),
    .acc_addr_i    (insn_q[31:20]),
    .acc_op_i      (insn_q[13:12]),
    .acc_write_i   (csr_writes),
    .acc_operand_i (insn_q[14] ? {27'd0, insn_q[19:15]} : rs1_q),
    .acc_rdata_o   (csr_rdata),
    .rd_en_i       (rf_re),
    .rd_insn_i     (ibus_rdata_i),
    .trap_prep_i   (trap_prep),
    .trap_i        (trap),
    .trap_irq_i    (irq_q),
    .trap_code_i   (cause_q),
    .trap_wdata_i  (trap_wdata),
    .trap_target_o (trap_target),
    .mret_i        (xret_ok && dec.mret),
    .sret_i        (xret_ok && dec.sret),
    .xret_target_o (xret_target),
    .retire_i      (commit),
    .irq_msoft_i   (irq_msoft_i),
    .irq_mtimer_i  (irq_mtimer_i),
    .irq_mext_i    (irq_mext_i),
    .irq_sext_i    (irq_sext_i),
    .mtime_i       (mtime_i),
    .irq_valid_o   (irq_valid),
    .irq_code_o    (irq_code),
    .wfi_wake_o    (wfi_wake),
    .priv_o        (priv),
    .mprv_o        (mprv),
    .mpp_o         (mpp),
    .tvm_o         (tvm),
    .tw_o          (tw),
    .tsr_o         (tsr),
    .cycle_o       (perf_cycle_o),
    .instret_o     (perf_instret_o)
  );

  logic unused_csr;
  assign unused_csr = ^{dec.fence_i, dec.op_a, dec.op_b_imm};

  // -------------------------------------------------------------------------------------------
  // Retirement trace: an entry appears the cycle after its instruction retired or trapped, as in
  // rv_core. Interrupt entries are not reported; the next entry has rvfi_intr_o = 1. In that
  // cycle (FETCH) insn_q and pc_q (already the next PC) have not changed yet, so rvfi_insn_o and
  // rvfi_pc_wdata_o are driven from them directly (and rvfi_order_o from the entry counter); like the other fields they are only
  // meaningful while rvfi_valid_o = 1. The other fields are registered as plain copies or
  // "condition ? value : 0" (flip-flops with synchronous reset, no extra logic).
  // -------------------------------------------------------------------------------------------
  logic        rvfi_report, intr_pending_q;
  logic [63:0] rvfi_order_q;
  assign rvfi_report     = commit || (trap && !irq_q);

  // entry number, counted at the report (all ones after reset, so that the first entry is 0);
  // like insn/pc_wdata it is read while rvfi_valid_o = 1 in the cycle after
  assign rvfi_order_o = rvfi_order_q;
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni)          rvfi_order_q <= '1;
    else if (rvfi_report) rvfi_order_q <= rvfi_order_q + 64'd1;
  end
  assign rvfi_insn_o     = insn_q;
  assign rvfi_pc_wdata_o = pc_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      intr_pending_q <= 1'b0;
      rvfi_valid_o   <= 1'b0;
    end else begin
      rvfi_valid_o <= rvfi_report;
      if (rvfi_report) intr_pending_q <= 1'b0;
      if (trap)        intr_pending_q <= 1'b1;
    end
  end

  // The trace's data registers have no reset: they are only meaningful while rvfi_valid_o = 1
  // (which is reset), and without the asynchronous reset the "condition ? value : 0" masks fold
  // into the flip-flops' synchronous reset on the iCE40 (SB_DFFESR) instead of costing a LUT per
  // bit. (The FPGA build leaves the trace unconnected, so it is removed there anyway.)
  always_ff @(posedge clk_i) begin
    // the word read: loads take it at their response, AMOs at the response to their read
    if (state_q == S_MWAIT && dbus_rvalid_i && !amo_wr_q) rvfi_mem_rdata_o <= dbus_rdata_i;
    if (rvfi_report) begin
      rvfi_trap_o       <= trap;
      rvfi_intr_o       <= intr_pending_q;
      rvfi_mode_o       <= priv;
      rvfi_rs1_addr_o   <= dec.use_rs1 ? insn_q[19:15] : 5'd0;
      rvfi_rs2_addr_o   <= dec.use_rs2 ? insn_q[24:20] : 5'd0;
      rvfi_rs1_rdata_o  <= dec.use_rs1 ? rs1_q : 32'd0;  // x0 reads 0 from the RAM
      rvfi_rs2_rdata_o  <= dec.use_rs2 ? rs2_q : 32'd0;
      rvfi_rd_addr_o    <= (commit && dec.rd_we) ? insn_q[11:7] : 5'd0;
      rvfi_rd_wdata_o   <= rf_we ? rf_wdata : 32'd0;
      rvfi_pc_rdata_o   <= pc_q;
      rvfi_trap_cause_o <= trap ? {27'd0, cause_q} : 32'd0;
      rvfi_mem_addr_o   <= (dec.load || dec.store || is_amo_rmw) ? {addr_q[31:2], 2'b00} : 32'd0;
      rvfi_mem_rmask_o  <= (commit && (dec.load || is_amo_rmw)) ? be_q : 4'd0;
      rvfi_mem_wmask_o  <= (commit && ((dec.store && state_q == S_MWAIT) || is_amo_rmw))
                           ? be_q : 4'd0;
      if (!(commit && (dec.load || is_amo_rmw)) || state_q != S_MWAIT) rvfi_mem_rdata_o <= 32'd0;
      rvfi_mem_wdata_o  <= (commit && (dec.store || is_amo_rmw)) ? wdata_q : 32'd0;
    end
  end

endmodule
