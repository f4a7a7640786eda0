// rv_core: RV32IMA + Zicsr + Zifencei, M/S/U privilege, Sv32 MMU.
//
// Bus protocol (docs/architecture.md): req/gnt handshake, in-order responses (rvalid/rdata/err)
// at the earliest one cycle after the handshake, at most one request outstanding per port, and a
// new request may be presented in the cycle the previous response arrives. Requests are held
// stable while req && !gnt.
//
// Pipeline (docs/core.md has the details):
//
//   IF   rv_fetch: ITLB lookup of the fetch PC, ibus request, 2-entry instruction queue.
//   EX   the queue head (or the fetch response arriving this cycle) is decoded, registers are read
//        with a bypass from WB, the ALU/multiplier/divider/branch unit run, the load/store address
//        is translated by the DTLB and the dbus request is issued. Branches and jumps redirect the
//        fetch here (1 bubble). Interrupts are attached to the instruction in EX.
//   WB   receives load data (bypassed combinationally to EX, so there is no load-use stall),
//        finishes AMOs (read in EX, write from WB), and commits: register file, CSRs, privilege,
//        traps. WB is the only place architectural state changes, so traps are precise.
//
// An instruction in EX only issues a memory request when the instruction in WB can no longer
// trap (WB empty or completing normally this cycle), so no memory side effect is ever undone.
// Instructions that change translation/privilege/interrupt state (CSR writes, xRET, SFENCE.VMA,
// FENCE.I) flush EX and IF when they commit and fetching restarts after them.
//
// Reset: rst_ni is asynchronous, active low. boot_addr_i is sampled in the first cycle after
// reset is released; the hart starts in M-mode.
module rv_core
#(
  parameter bit          RV_M         = 1'b1,
  parameter bit          RV_A         = 1'b1,
  parameter bit          RV_SU        = 1'b1,
  parameter bit          SV32         = 1'b1,
  parameter int unsigned ITLB_ENTRIES = 8,
  parameter int unsigned DTLB_ENTRIES = 8,
  parameter logic [31:0] MHARTID      = 32'd0,
  // FPGA: register file in block RAM. The fetch response always goes through the instruction
  // queue (no bypass into EX), so the register file is read at the clock edge before EX
  // (docs/core.md, "Parameters"); costs one cycle per redirect (taken branch, jump, trap).
  parameter bit          RF_BRAM      = 1'b0,
  // Test aid only (docs/verification.md): 1 plants a known bug in the ALU for the lockstep test.
  parameter bit          TEST_BUG     = 1'b0
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

  // Sv32 needs S-mode; without it satp is read-only zero and nothing is translated.
  localparam bit VM = SV32 && RV_SU;

  // WB-stage memory phase
  typedef logic [1:0] phase_t;
  localparam phase_t PH_NONE     = 2'd0;  // no bus transaction in flight
  localparam phase_t PH_RSP      = 2'd1;  // waiting for the response to the request issued in EX
  localparam phase_t PH_AMO_WREQ = 2'd2;  // AMO: presenting the write
  localparam phase_t PH_AMO_WRSP = 2'd3;  // AMO: waiting for the write response

  // -------------------------------------------------------------------------------------------
  // Architectural state outputs of the CSR file
  // -------------------------------------------------------------------------------------------
  rv_core_pkg::priv_t       priv, mpp;
  logic        mprv, sum, mxr, tvm, tw, tsr, satp_mode;
  logic [21:0] satp_ppn;
  logic        irq_valid, wfi_wake;
  logic [4:0]  irq_code;
  logic [31:0] mepc, sepc, trap_target, csr_rdata;
  logic        csr_chk_illegal;

  // -------------------------------------------------------------------------------------------
  // Forward declarations of pipeline control
  // -------------------------------------------------------------------------------------------
  // WB pipeline register: separate signals rather than one packed struct. The verilated
  // model handles a struct wider than 64 bits as a multi-word value that it re-packs and
  // copies every cycle; separate signals are plain integers, and the payload is only
  // written when an instruction moves from EX to WB.
  logic        wb_valid_q;
  logic [31:0] wb_pc_q;
  logic [31:0] wb_insn_q;
  logic [31:0] wb_next_pc_q;
  logic        wb_rd_we_q;
  logic [31:0] wb_result_q;
  logic        wb_use_rs1_q;
  logic        wb_use_rs2_q;
  logic [31:0] wb_rs1_val_q;
  logic [31:0] wb_rs2_val_q;
  logic        wb_exc_q;
  logic        wb_irq_q;
  logic [4:0]  wb_cause_q;
  logic [31:0] wb_tval_q;
  logic        wb_load_q;           // plain loads and LR
  logic        wb_store_q;          // plain stores and SC
  logic        wb_amo_rmw_q;        // AMO read-modify-write
  logic        wb_sc_fail_q;        // SC without reservation: no store, rd = 1
  rv_core_pkg::amo_op_t     wb_amo_op_q;
  logic [1:0]  wb_size_q;
  logic        wb_uns_q;
  logic [31:0] wb_va_q;
  logic [31:0] wb_pa_q;
  logic [3:0]  wb_be_q;
  logic [31:0] wb_wdata_q;
  logic        wb_csr_q;
  logic        wb_csr_write_q;
  logic        wb_mret_q;
  logic        wb_sret_q;
  logic        wb_wfi_q;
  logic        wb_fence_i_q;
  logic        wb_sfence_q;
  logic        wb_valid_d;
  phase_t      wb_phase_q, wb_phase_d;
  logic [31:0] amo_rdata_q;
  logic        wb_done, wb_commit, wb_trap, wb_flush;
  logic [31:0] wb_result, wb_redirect_pc;
  logic        ex_fire, ex_redirect;
  logic [31:0] ex_target;
  logic        redirect;
  logic [31:0] redirect_pc;
  logic        tlb_flush;

  // -------------------------------------------------------------------------------------------
  // IF
  // -------------------------------------------------------------------------------------------
  logic        f_valid, f_af, f_pf;
  logic [31:0] f_pc, f_insn;
  logic        fetch_translate;
  logic [31:0] itlb_va, itlb_pa;
  logic        itlb_hit;
  logic        fwalk_req, fwalk_done;
  logic        ptw_fault, ptw_fault_page;

  assign fetch_translate = VM && satp_mode && (priv != rv_core_pkg::PRIV_M);
  assign redirect        = wb_flush || ex_redirect;
  assign redirect_pc     = wb_flush ? wb_redirect_pc : ex_target;

  logic [4:0] next_rs1, next_rs2;

  rv_fetch #(
    .NO_BYPASS (RF_BRAM)
  ) u_fetch (
    .clk_i             (clk_i),
    .rst_ni            (rst_ni),
    .boot_addr_i       (boot_addr_i),
    .redirect_i        (redirect),
    .redirect_pc_i     (redirect_pc),
    .priv_i            (priv),
    .translate_i       (fetch_translate),
    .itlb_va_o         (itlb_va),
    .itlb_hit_i        (itlb_hit),
    .itlb_pa_i         (itlb_pa),
    .walk_req_o        (fwalk_req),
    .walk_done_i       (fwalk_done),
    .walk_fault_i      (ptw_fault),
    .walk_fault_page_i (ptw_fault_page),
    .ibus_req_o        (ibus_req_o),
    .ibus_gnt_i        (ibus_gnt_i),
    .ibus_addr_o       (ibus_addr_o),
    .ibus_priv_o       (ibus_priv_o),
    .ibus_rvalid_i     (ibus_rvalid_i),
    .ibus_rdata_i      (ibus_rdata_i),
    .ibus_err_i        (ibus_err_i),
    .valid_o           (f_valid),
    .pc_o              (f_pc),
    .insn_o            (f_insn),
    .af_o              (f_af),
    .pf_o              (f_pf),
    .pop_i             (ex_fire),
    .next_rs1_o        (next_rs1),
    .next_rs2_o        (next_rs2)
  );

  // -------------------------------------------------------------------------------------------
  // EX: decode and operands
  // -------------------------------------------------------------------------------------------
  rv_core_pkg::dec_t        dec;
  logic [31:0] dec_imm;
  rv_decoder #(
    .RV_M  (RV_M),
    .RV_A  (RV_A),
    .RV_SU (RV_SU)
  ) u_decoder (
    .insn_i (f_insn),
    .dec_o  (dec),
    .imm_o  (dec_imm)
  );

  logic [4:0]  rs1_addr, rs2_addr;
  logic [31:0] rf_rs1, rf_rs2, rs1_val, rs2_val;
  logic        wb_fwd;

  assign rs1_addr = f_insn[19:15];
  assign rs2_addr = f_insn[24:20];

  rv_regfile #(
    .SYNC_READ (RF_BRAM)
  ) u_regfile (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .raddr_a_i      (rs1_addr),
    .rdata_a_o      (rf_rs1),
    .raddr_b_i      (rs2_addr),
    .rdata_b_o      (rf_rs2),
    .next_raddr_a_i (next_rs1),
    .next_raddr_b_i (next_rs2),
    .we_i           (wb_commit && wb_rd_we_q),
    .waddr_i        (wb_insn_q[11:7]),
    .wdata_i        (wb_result)
  );

  // WB result bypass. EX only proceeds in a cycle where WB completes, so wb_result is final then.
  assign wb_fwd  = wb_valid_q && wb_rd_we_q && !wb_exc_q && !wb_irq_q;
  assign rs1_val = (wb_fwd && wb_insn_q[11:7] == rs1_addr && rs1_addr != 5'd0) ? wb_result : rf_rs1;
  assign rs2_val = (wb_fwd && wb_insn_q[11:7] == rs2_addr && rs2_addr != 5'd0) ? wb_result : rf_rs2;

  logic [31:0] op_a, op_b, alu_result;
  logic        br_taken;
  always_comb begin
    unique case (dec.op_a)
      rv_core_pkg::OPA_PC:   op_a = f_pc;
      rv_core_pkg::OPA_ZERO: op_a = 32'd0;
      default:  op_a = rs1_val;
    endcase
  end
  assign op_b = dec.op_b_imm ? dec_imm : rs2_val;

  rv_alu #(
    .TEST_BUG   (TEST_BUG)
  ) u_alu (
    .op_i       (dec.alu_op),
    .a_i        (op_a),
    .b_i        (op_b),
    .result_o   (alu_result),
    .br_en_i    (dec.branch),
    .br_f3_i    (f_insn[14:12]),
    .br_taken_o (br_taken)
  );

  // multiply / divide
  logic [31:0] mul_result, div_result;
  logic        div_start, div_busy, div_done;
  rv_muldiv u_muldiv (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .en_i         (dec.mul || dec.div),
    .f3_i         (f_insn[14:12]),
    .a_i          (rs1_val),
    .b_i          (rs2_val),
    .mul_result_o (mul_result),
    .div_start_i  (div_start),
    .div_clear_i  (ex_fire || wb_flush),
    .div_busy_o   (div_busy),
    .div_done_o   (div_done),
    .div_result_o (div_result)
  );

  // control transfer
  logic        ex_take;
  logic [31:0] pc_plus4;
  assign pc_plus4  = f_pc + 32'd4;
  assign ex_take   = dec.jal || dec.jalr || (dec.branch && br_taken);
  assign ex_target = dec.jalr ? ((rs1_val + dec_imm) & ~32'd1) : (f_pc + dec_imm);

  // -------------------------------------------------------------------------------------------
  // EX: memory access
  // -------------------------------------------------------------------------------------------
  logic        is_mem, is_amo_rmw, is_lr, is_sc, mem_misaligned;
  logic [31:0] mem_va, mem_pa, mem_wdata;
  logic [3:0]  mem_be;
  rv_core_pkg::acc_t        mem_acc;
  rv_core_pkg::priv_t       data_priv;
  logic        data_translate;
  logic        dtlb_hit;
  logic [31:0] dtlb_pa;
  logic        resv_valid_q;
  logic [29:0] resv_addr_q;
  logic        sc_ok;

  assign is_mem     = dec.load || dec.store || dec.amo;
  assign is_lr      = dec.amo && (dec.amo_op == rv_core_pkg::AMO_LR);
  assign is_sc      = dec.amo && (dec.amo_op == rv_core_pkg::AMO_SC);
  assign is_amo_rmw = dec.amo && !is_lr && !is_sc;
  assign mem_acc    = dec.load ? rv_core_pkg::ACC_LOAD : rv_core_pkg::ACC_STORE;
  assign mem_va     = rs1_val + dec_imm;

  always_comb begin
    unique case (dec.mem_size)
      2'b00:   mem_misaligned = 1'b0;
      2'b01:   mem_misaligned = mem_va[0];
      default: mem_misaligned = (mem_va[1:0] != 2'b00);
    endcase
  end

  always_comb begin
    unique case (dec.mem_size)
      2'b00: begin
        mem_be    = 4'b0001 << mem_va[1:0];
        mem_wdata = {4{rs2_val[7:0]}};
      end
      2'b01: begin
        mem_be    = 4'b0011 << mem_va[1:0];
        mem_wdata = {2{rs2_val[15:0]}};
      end
      default: begin
        mem_be    = 4'b1111;
        mem_wdata = rs2_val;
      end
    endcase
  end

  // MPRV makes M-mode loads/stores use MPP's privilege and translation
  assign data_priv      = (mprv && priv == rv_core_pkg::PRIV_M) ? mpp : priv;
  assign data_translate = VM && satp_mode && (data_priv != rv_core_pkg::PRIV_M);
  assign mem_pa         = data_translate ? dtlb_pa : mem_va;
  assign sc_ok          = resv_valid_q && (resv_addr_q == mem_pa[31:2]);

  // -------------------------------------------------------------------------------------------
  // EX: exceptions, interrupts and stall control
  // -------------------------------------------------------------------------------------------
  logic        ex_illegal, ex_exc, ex_irq, ex_trap, ex_can_go, ex_done;
  logic [4:0]  ex_cause;
  logic [31:0] ex_tval;
  logic        ex_walk_fault_q, ex_walk_fault_page_q;
  logic        ex_hold_q;      // EX presented a dbus request that was not granted yet
  logic        ex_dbus_req, ex_walk_req, dwalk_done, mem_bus;
  logic        xlate_ok;
  logic        csr_writes;
  logic        ptw_busy;

  assign csr_writes = (f_insn[13:12] == rv_core_pkg::CSR_OP_RW) || (f_insn[19:15] != 5'd0);

  // The privilege checks only run for the few SYSTEM instructions they concern (the verilated
  // model keeps the `if` and skips them for everything else).
  always_comb begin
    ex_illegal = dec.illegal;
    if (dec.mret || dec.sret || dec.wfi || dec.sfence || dec.csr) begin
      if (dec.mret && priv != rv_core_pkg::PRIV_M) ex_illegal = 1'b1;
      if (dec.sret && (priv == rv_core_pkg::PRIV_U || (priv == rv_core_pkg::PRIV_S && tsr))) begin
        ex_illegal = 1'b1;
      end
      if (dec.wfi && (priv == rv_core_pkg::PRIV_U || (priv == rv_core_pkg::PRIV_S && tw))) begin
        ex_illegal = 1'b1;
      end
      if (dec.sfence && (priv == rv_core_pkg::PRIV_U || (priv == rv_core_pkg::PRIV_S && tvm))) begin
        ex_illegal = 1'b1;
      end
      if (dec.csr && csr_chk_illegal) ex_illegal = 1'b1;
    end
  end

  // synchronous exceptions in priority order
  always_comb begin
    ex_exc   = 1'b1;
    ex_cause = rv_core_pkg::EXC_ILLEGAL;
    ex_tval  = 32'd0;
    if (f_pf) begin
      ex_cause = rv_core_pkg::EXC_INSN_PAGE;
      ex_tval  = f_pc;
    end else if (f_af) begin
      ex_cause = rv_core_pkg::EXC_INSN_ACCESS;
      ex_tval  = f_pc;
    end else if (ex_illegal) begin
      ex_cause = rv_core_pkg::EXC_ILLEGAL;
      ex_tval  = f_insn;
    end else if (dec.ecall) begin
      unique case (priv)
        rv_core_pkg::PRIV_M:  ex_cause = rv_core_pkg::EXC_ECALL_M;
        rv_core_pkg::PRIV_S:  ex_cause = rv_core_pkg::EXC_ECALL_S;
        default: ex_cause = rv_core_pkg::EXC_ECALL_U;
      endcase
    end else if (dec.ebreak) begin
      ex_cause = rv_core_pkg::EXC_BREAKPOINT;
      ex_tval  = f_pc;
    end else if (ex_take && ex_target[1]) begin
      ex_cause = rv_core_pkg::EXC_INSN_MISALIGNED;
      ex_tval  = ex_target;
    end else if (is_mem && mem_misaligned) begin
      ex_cause = dec.load ? rv_core_pkg::EXC_LOAD_MISALIGNED : rv_core_pkg::EXC_STORE_MISALIGNED;
      ex_tval  = mem_va;
    end else if (ex_walk_fault_q) begin
      if (ex_walk_fault_page_q) begin
        ex_cause = dec.load ? rv_core_pkg::EXC_LOAD_PAGE : rv_core_pkg::EXC_STORE_PAGE;
      end else begin
        ex_cause = dec.load ? rv_core_pkg::EXC_LOAD_ACCESS : rv_core_pkg::EXC_STORE_ACCESS;
      end
      ex_tval  = mem_va;
    end else begin
      ex_exc = 1'b0;
    end
  end

  // An interrupt is taken before the instruction in EX, unless that instruction is already
  // committed to a bus request (which must stay stable until granted).
  assign ex_irq    = irq_valid && !ex_hold_q;
  assign ex_trap   = ex_exc || ex_irq;
  assign ex_can_go = !wb_valid_q || (wb_done && !wb_flush);
  assign xlate_ok  = !data_translate || dtlb_hit;
  assign mem_bus   = is_mem && !(is_sc && !sc_ok);

  assign ex_dbus_req = f_valid && mem_bus && !ex_trap && ex_can_go && xlate_ok && !ptw_busy;
  assign ex_walk_req = f_valid && is_mem && !ex_trap && ex_can_go && !xlate_ok;
  assign div_start   = f_valid && dec.div && !ex_trap && ex_can_go && !div_busy && !div_done;

  always_comb begin
    if (ex_trap)     ex_done = 1'b1;
    else if (is_mem) ex_done = xlate_ok && (!mem_bus || (ex_dbus_req && dbus_gnt_i));
    else if (dec.div) ex_done = div_done;
    else             ex_done = 1'b1;
  end

  assign ex_fire     = f_valid && ex_can_go && ex_done;
  assign ex_redirect = ex_fire && !ex_trap && ex_take;

  logic [31:0] ex_result;
  always_comb begin
    if (dec.jal || dec.jalr) ex_result = pc_plus4;
    else if (dec.mul)        ex_result = mul_result;
    else if (dec.div)        ex_result = div_result;
    else if (is_sc)          ex_result = {31'd0, !sc_ok};
    else                     ex_result = alu_result;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ex_walk_fault_q      <= 1'b0;
      ex_walk_fault_page_q <= 1'b0;
      ex_hold_q            <= 1'b0;
    end else begin
      if (ex_fire || wb_flush) begin
        ex_walk_fault_q <= 1'b0;
      end else if (dwalk_done && ptw_fault) begin
        ex_walk_fault_q      <= 1'b1;
        ex_walk_fault_page_q <= ptw_fault_page;
      end
      ex_hold_q <= ex_dbus_req && !dbus_gnt_i;
    end
  end

  // LR/SC reservation (physical word address). Set by LR when it issues, cleared by any SC,
  // trap or xRET. A faulting LR traps, which clears the reservation it set.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      resv_valid_q <= 1'b0;
      resv_addr_q  <= '0;
    end else if (wb_trap || (wb_commit && (wb_mret_q || wb_sret_q))) begin
      resv_valid_q <= 1'b0;
    end else if (ex_fire && !ex_trap && is_lr) begin
      resv_valid_q <= 1'b1;
      resv_addr_q  <= mem_pa[31:2];
    end else if (ex_fire && !ex_trap && is_sc) begin
      resv_valid_q <= 1'b0;
    end
  end

  // -------------------------------------------------------------------------------------------
  // MMU: TLBs and page-table walker
  // -------------------------------------------------------------------------------------------
  logic        ptw_req;
  logic [31:0] ptw_addr;
  rv_core_pkg::priv_t       ptw_priv;
  logic        fill_itlb, fill_dtlb, fill_super;
  logic [19:0] fill_vpn, fill_ppn;
  logic [7:0]  fill_flags;
  logic        ptw_dbus_free;

  assign tlb_flush = wb_commit && (wb_sfence_q || (wb_csr_q && wb_csr_write_q &&
                                                   wb_insn_q[31:20] == rv_core_pkg::CSR_SATP));
  assign ptw_dbus_free = !(wb_valid_q && wb_phase_q != PH_NONE) && !ex_dbus_req;

  rv_tlb #(
    .ENTRIES (ITLB_ENTRIES)
  ) u_itlb (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .flush_i      (tlb_flush),
    .lookup_i     (fetch_translate),
    .va_i         (itlb_va),
    .acc_i        (rv_core_pkg::ACC_FETCH),
    .priv_i       (priv),
    .sum_i        (sum),
    .mxr_i        (mxr),
    .hit_o        (itlb_hit),
    .pa_o         (itlb_pa),
    .fill_i       (fill_itlb),
    .fill_vpn_i   (fill_vpn),
    .fill_ppn_i   (fill_ppn),
    .fill_super_i (fill_super),
    .fill_flags_i (fill_flags)
  );

  rv_tlb #(
    .ENTRIES (DTLB_ENTRIES)
  ) u_dtlb (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .flush_i      (tlb_flush),
    .lookup_i     (data_translate),
    .va_i         (mem_va),
    .acc_i        (mem_acc),
    .priv_i       (data_priv),
    .sum_i        (sum),
    .mxr_i        (mxr),
    .hit_o        (dtlb_hit),
    .pa_o         (dtlb_pa),
    .fill_i       (fill_dtlb),
    .fill_vpn_i   (fill_vpn),
    .fill_ppn_i   (fill_ppn),
    .fill_super_i (fill_super),
    .fill_flags_i (fill_flags)
  );

  rv_ptw u_ptw (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .data_req_i   (ex_walk_req && VM),
    .data_va_i    (mem_va),
    .data_acc_i   (mem_acc),
    .data_priv_i  (data_priv),
    .fetch_req_i  (fwalk_req && VM),
    .fetch_va_i   (itlb_va),
    .fetch_priv_i (priv),
    .sum_i        (sum),
    .mxr_i        (mxr),
    .satp_ppn_i   (satp_ppn),
    .dbus_free_i  (ptw_dbus_free),
    .kill_data_i  (ex_fire || wb_flush),
    .kill_fetch_i (redirect),
    .kill_all_i   (tlb_flush),
    .busy_o       (ptw_busy),
    .req_o        (ptw_req),
    .addr_o       (ptw_addr),
    .priv_o       (ptw_priv),
    .gnt_i        (dbus_gnt_i),
    .rvalid_i     (dbus_rvalid_i),
    .rdata_i      (dbus_rdata_i),
    .err_i        (dbus_err_i),
    .done_data_o  (dwalk_done),
    .done_fetch_o (fwalk_done),
    .fault_page_o (ptw_fault_page),
    .fault_o      (ptw_fault),
    .fill_itlb_o  (fill_itlb),
    .fill_dtlb_o  (fill_dtlb),
    .fill_vpn_o   (fill_vpn),
    .fill_ppn_o   (fill_ppn),
    .fill_super_o (fill_super),
    .fill_flags_o (fill_flags)
  );

  // -------------------------------------------------------------------------------------------
  // Data bus: walker, then the AMO write from WB, then EX
  // -------------------------------------------------------------------------------------------
  logic [31:0] amo_wdata;
  logic        amo_wreq;
  assign amo_wreq = wb_valid_q && (wb_phase_q == PH_AMO_WREQ);

  always_comb begin
    if (ptw_busy) begin
      dbus_req_o   = ptw_req;
      dbus_addr_o  = ptw_addr;
      dbus_we_o    = 1'b0;
      dbus_be_o    = 4'b1111;
      dbus_wdata_o = 32'd0;
      dbus_priv_o  = ptw_priv;
    end else if (amo_wreq) begin
      dbus_req_o   = 1'b1;
      dbus_addr_o  = wb_pa_q;
      dbus_we_o    = 1'b1;
      dbus_be_o    = 4'b1111;
      dbus_wdata_o = amo_wdata;
      dbus_priv_o  = data_priv;
    end else begin
      dbus_req_o   = ex_dbus_req;
      dbus_addr_o  = mem_pa;
      dbus_we_o    = dec.store;
      dbus_be_o    = mem_be;
      dbus_wdata_o = mem_wdata;
      dbus_priv_o  = data_priv;
    end
  end

  // -------------------------------------------------------------------------------------------
  // WB
  // -------------------------------------------------------------------------------------------
  logic [31:0] load_data, load_shifted;
  assign load_shifted = dbus_rdata_i >> {wb_va_q[1:0], 3'b000};
  logic unused_load;
  assign unused_load = ^load_shifted[31:16];  // upper bytes are only used via dbus_rdata_i
  always_comb begin
    unique case (wb_size_q)
      2'b00:   load_data = wb_uns_q ? {24'd0, load_shifted[7:0]}
                                    : {{24{load_shifted[7]}}, load_shifted[7:0]};
      2'b01:   load_data = wb_uns_q ? {16'd0, load_shifted[15:0]}
                                    : {{16{load_shifted[15]}}, load_shifted[15:0]};
      default: load_data = dbus_rdata_i;
    endcase
  end

  // Only an AMO read-modify-write in WB uses the write value (the model skips it otherwise).
  always_comb begin
    logic [31:0] a, b;
    a = amo_rdata_q;
    b = wb_rs2_val_q;
    amo_wdata = '0;
    if (wb_amo_rmw_q) begin
      unique case (wb_amo_op_q)
        rv_core_pkg::AMO_ADD:  amo_wdata = a + b;
        rv_core_pkg::AMO_XOR:  amo_wdata = a ^ b;
        rv_core_pkg::AMO_AND:  amo_wdata = a & b;
        rv_core_pkg::AMO_OR:   amo_wdata = a | b;
        rv_core_pkg::AMO_MIN:  amo_wdata = ($signed(a) < $signed(b)) ? a : b;
        rv_core_pkg::AMO_MAX:  amo_wdata = ($signed(a) < $signed(b)) ? b : a;
        rv_core_pkg::AMO_MINU: amo_wdata = (a < b) ? a : b;
        rv_core_pkg::AMO_MAXU: amo_wdata = (a < b) ? b : a;
        default:  amo_wdata = b;  // AMOSWAP
      endcase
    end
  end

  logic        bus_exc;
  logic [4:0]  bus_cause;
  logic        wb_serialize;

  always_comb begin
    wb_phase_d = wb_phase_q;
    wb_commit  = 1'b0;
    wb_trap    = 1'b0;
    bus_exc    = 1'b0;
    bus_cause  = (wb_load_q) ? rv_core_pkg::EXC_LOAD_ACCESS : rv_core_pkg::EXC_STORE_ACCESS;
    if (wb_valid_q) begin
      if (wb_exc_q || wb_irq_q) begin
        wb_trap = 1'b1;
      end else begin
        unique case (wb_phase_q)
          PH_RSP: begin
            if (dbus_rvalid_i) begin
              if (dbus_err_i) begin
                wb_trap = 1'b1;
                bus_exc = 1'b1;
              end else if (wb_amo_rmw_q) begin
                wb_phase_d = PH_AMO_WREQ;
              end else begin
                wb_commit = 1'b1;
              end
            end
          end
          PH_AMO_WREQ: if (dbus_gnt_i) wb_phase_d = PH_AMO_WRSP;
          PH_AMO_WRSP: begin
            if (dbus_rvalid_i) begin
              if (dbus_err_i) begin
                wb_trap = 1'b1;
                bus_exc = 1'b1;
              end else begin
                wb_commit = 1'b1;
              end
            end
          end
          default: wb_commit = !wb_wfi_q || wfi_wake;
        endcase
      end
    end
  end

  assign wb_done      = wb_commit || wb_trap;
  assign wb_serialize = (wb_csr_q && wb_csr_write_q) || wb_mret_q || wb_sret_q || wb_fence_i_q ||
                        wb_sfence_q;
  assign wb_flush     = wb_trap || (wb_commit && wb_serialize);

  always_comb begin
    if (wb_load_q)         wb_result = load_data;
    else if (wb_amo_rmw_q) wb_result = amo_rdata_q;
    else if (wb_csr_q)     wb_result = csr_rdata;
    else                   wb_result = wb_result_q;
  end

  // trap information
  logic        trap_irq;
  logic [4:0]  trap_code;
  logic [31:0] trap_tval;
  assign trap_irq  = wb_irq_q;
  assign trap_code = bus_exc ? bus_cause : wb_cause_q;
  assign trap_tval = bus_exc ? wb_va_q : (wb_irq_q ? 32'd0 : wb_tval_q);

  always_comb begin
    if (wb_trap)        wb_redirect_pc = trap_target;
    else if (wb_mret_q) wb_redirect_pc = mepc;
    else if (wb_sret_q) wb_redirect_pc = sepc;
    else                wb_redirect_pc = wb_next_pc_q;
  end

  // next WB contents: an instruction leaving WB (done or flushed) empties it, EX fills it
  assign wb_valid_d = !wb_flush && (ex_fire || (wb_valid_q && !wb_done));

  phase_t wb_phase_d_final;
  always_comb begin
    if (ex_fire) wb_phase_d_final = ex_dbus_req ? PH_RSP : PH_NONE;
    else if (wb_done) wb_phase_d_final = PH_NONE;
    else wb_phase_d_final = wb_phase_d;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wb_valid_q     <= '0;
      wb_pc_q        <= '0;
      wb_insn_q      <= '0;
      wb_next_pc_q   <= '0;
      wb_rd_we_q     <= '0;
      wb_result_q    <= '0;
      wb_use_rs1_q   <= '0;
      wb_use_rs2_q   <= '0;
      wb_rs1_val_q   <= '0;
      wb_rs2_val_q   <= '0;
      wb_exc_q       <= '0;
      wb_irq_q       <= '0;
      wb_cause_q     <= '0;
      wb_tval_q      <= '0;
      wb_load_q      <= '0;
      wb_store_q     <= '0;
      wb_amo_rmw_q   <= '0;
      wb_sc_fail_q   <= '0;
      wb_amo_op_q    <= '0;
      wb_size_q      <= '0;
      wb_uns_q       <= '0;
      wb_va_q        <= '0;
      wb_pa_q        <= '0;
      wb_be_q        <= '0;
      wb_wdata_q     <= '0;
      wb_csr_q       <= '0;
      wb_csr_write_q <= '0;
      wb_mret_q      <= '0;
      wb_sret_q      <= '0;
      wb_wfi_q       <= '0;
      wb_fence_i_q   <= '0;
      wb_sfence_q    <= '0;
      wb_phase_q  <= PH_NONE;
      amo_rdata_q <= '0;
    end else begin
      wb_valid_q <= wb_valid_d;
      if (ex_fire) begin
        wb_pc_q        <= f_pc;
        wb_insn_q      <= f_insn;
        wb_next_pc_q   <= ex_take ? ex_target : pc_plus4;
        wb_rd_we_q     <= dec.rd_we;
        wb_result_q    <= ex_result;
        wb_use_rs1_q   <= dec.use_rs1;
        wb_use_rs2_q   <= dec.use_rs2;
        wb_rs1_val_q   <= rs1_val;
        wb_rs2_val_q   <= rs2_val;
        wb_exc_q       <= ex_exc;
        wb_irq_q       <= ex_irq;
        wb_load_q      <= dec.load;
        wb_store_q     <= dec.store;
        wb_amo_rmw_q   <= is_amo_rmw;
        wb_csr_q       <= dec.csr;
        wb_csr_write_q <= dec.csr && csr_writes;
        wb_mret_q      <= dec.mret;
        wb_sret_q      <= dec.sret;
        wb_wfi_q       <= dec.wfi;
        wb_fence_i_q   <= dec.fence_i;
        wb_sfence_q    <= dec.sfence;
        // Trap information and memory access details are only read for a trap or a memory
        // access in WB; the verilated model skips copying them for every other instruction.
        if (ex_trap) begin
          wb_cause_q   <= ex_irq ? irq_code : ex_cause;
          wb_tval_q    <= ex_tval;
        end
        if (is_mem) begin
          wb_sc_fail_q <= is_sc && !sc_ok;
          wb_amo_op_q  <= dec.amo_op;
          wb_size_q    <= dec.mem_size;
          wb_uns_q     <= dec.mem_uns;
          wb_va_q      <= mem_va;
          wb_pa_q      <= mem_pa;
          wb_be_q      <= mem_be;
          wb_wdata_q   <= mem_wdata;
        end
      end
      wb_phase_q <= wb_phase_d_final;
      if (wb_valid_q && wb_phase_q == PH_RSP && dbus_rvalid_i) amo_rdata_q <= dbus_rdata_i;
    end
  end

  // -------------------------------------------------------------------------------------------
  // CSR file
  // -------------------------------------------------------------------------------------------
  logic [31:0] csr_operand;
  assign csr_operand = wb_insn_q[14] ? {27'd0, wb_insn_q[19:15]} : wb_rs1_val_q;

  rv_csr #(
    .RV_M    (RV_M),
    .RV_A    (RV_A),
    .RV_SU   (RV_SU),
    .SV32    (VM),
    .MHARTID (MHARTID)
  ) u_csr (
    .clk_i         (clk_i),
    .rst_ni        (rst_ni),
    .chk_en_i      (dec.csr),
    .chk_addr_i    (f_insn[31:20]),
    .chk_write_i   (csr_writes),
    .chk_illegal_o (csr_chk_illegal),
    .acc_sel_i     (wb_csr_q),
    .acc_en_i      (wb_commit && wb_csr_q),
    .acc_addr_i    (wb_insn_q[31:20]),
    .acc_op_i      (wb_insn_q[13:12]),
    .acc_write_i   (wb_csr_write_q),
    .acc_operand_i (csr_operand),
    .acc_rdata_o   (csr_rdata),
    .trap_i        (wb_trap),
    .trap_irq_i    (trap_irq),
    .trap_code_i   (trap_code),
    .trap_tval_i   (trap_tval),
    .trap_epc_i    (wb_pc_q),
    .trap_target_o (trap_target),
    .mret_i        (wb_commit && wb_mret_q),
    .sret_i        (wb_commit && wb_sret_q),
    .mepc_o        (mepc),
    .sepc_o        (sepc),
    .retire_i      (wb_commit),
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
    .sum_o         (sum),
    .mxr_o         (mxr),
    .tvm_o         (tvm),
    .tw_o          (tw),
    .tsr_o         (tsr),
    .satp_mode_o   (satp_mode),
    .satp_ppn_o    (satp_ppn),
    .cycle_o       (perf_cycle_o),
    .instret_o     (perf_instret_o)
  );

  // -------------------------------------------------------------------------------------------
  // Retirement trace (registered: an entry appears the cycle after its instruction left WB)
  // -------------------------------------------------------------------------------------------
  logic        rvfi_report, intr_pending_q;
  logic [63:0] order_q;
  assign rvfi_report = wb_commit || (wb_trap && !wb_irq_q);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      order_q           <= '0;
      intr_pending_q    <= 1'b0;
      rvfi_valid_o      <= 1'b0;
      rvfi_order_o      <= '0;
      rvfi_insn_o       <= '0;
      rvfi_trap_o       <= 1'b0;
      rvfi_intr_o       <= 1'b0;
      rvfi_mode_o       <= '0;
      rvfi_rs1_addr_o   <= '0;
      rvfi_rs2_addr_o   <= '0;
      rvfi_rs1_rdata_o  <= '0;
      rvfi_rs2_rdata_o  <= '0;
      rvfi_rd_addr_o    <= '0;
      rvfi_rd_wdata_o   <= '0;
      rvfi_pc_rdata_o   <= '0;
      rvfi_pc_wdata_o   <= '0;
      rvfi_mem_addr_o   <= '0;
      rvfi_mem_rmask_o  <= '0;
      rvfi_mem_wmask_o  <= '0;
      rvfi_mem_rdata_o  <= '0;
      rvfi_mem_wdata_o  <= '0;
      rvfi_trap_cause_o <= '0;
    end else begin
      rvfi_valid_o <= rvfi_report;
      if (rvfi_report) begin
        order_q           <= order_q + 64'd1;
        rvfi_order_o      <= order_q;
        rvfi_insn_o       <= wb_insn_q;
        rvfi_trap_o       <= wb_trap;
        rvfi_intr_o       <= intr_pending_q;
        rvfi_mode_o       <= priv;
        rvfi_rs1_addr_o   <= wb_use_rs1_q ? wb_insn_q[19:15] : 5'd0;
        rvfi_rs2_addr_o   <= wb_use_rs2_q ? wb_insn_q[24:20] : 5'd0;
        rvfi_rs1_rdata_o  <= (wb_use_rs1_q && wb_insn_q[19:15] != 5'd0) ? wb_rs1_val_q : 32'd0;
        rvfi_rs2_rdata_o  <= (wb_use_rs2_q && wb_insn_q[24:20] != 5'd0) ? wb_rs2_val_q : 32'd0;
        rvfi_rd_addr_o    <= (wb_commit && wb_rd_we_q) ? wb_insn_q[11:7] : 5'd0;
        rvfi_rd_wdata_o   <= (wb_commit && wb_rd_we_q && wb_insn_q[11:7] != 5'd0) ? wb_result
                                                                                    : 32'd0;
        rvfi_pc_rdata_o   <= wb_pc_q;
        rvfi_pc_wdata_o   <= wb_redirect_pc;
        rvfi_trap_cause_o <= wb_trap ? {27'd0, trap_code} : 32'd0;
        rvfi_mem_addr_o   <= (wb_load_q || wb_store_q || wb_amo_rmw_q) ? {wb_va_q[31:2], 2'b00}
                                                                       : 32'd0;
        rvfi_mem_rmask_o  <= (wb_commit && (wb_load_q || wb_amo_rmw_q)) ? wb_be_q : 4'd0;
        rvfi_mem_wmask_o  <= (wb_commit && ((wb_store_q && !wb_sc_fail_q) || wb_amo_rmw_q))
                             ? wb_be_q : 4'd0;
        rvfi_mem_rdata_o  <= (wb_commit && wb_load_q) ? dbus_rdata_i :
                             (wb_commit && wb_amo_rmw_q) ? amo_rdata_q : 32'd0;
        rvfi_mem_wdata_o  <= (wb_commit && wb_amo_rmw_q) ? amo_wdata :
                             (wb_commit && wb_store_q) ? wb_wdata_q : 32'd0;
      end
      if (rvfi_report) intr_pending_q <= 1'b0;
      if (wb_trap)     intr_pending_q <= 1'b1;
    end
  end

endmodule
