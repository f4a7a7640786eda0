// Control and status registers, privilege state, trap entry/return and interrupt selection.
//
// All writes happen at the commit point (WB): CSR instructions, trap entry, MRET/SRET and the
// counters. The EX stage only uses the combinational legality check (chk_*) and the current
// state outputs; any instruction that changes that state serialises the pipeline, so EX never
// sees a value that is about to change.
module rv_csr
#(
  parameter bit          RV_M    = 1'b1,
  parameter bit          RV_A    = 1'b1,
  parameter bit          RV_SU   = 1'b1,
  parameter bit          SV32    = 1'b1,
  parameter logic [31:0] MHARTID = 32'd0,
  // 1: store only the fields software can use, for area (the iCEBreaker board). mcause/scause
  // keep the interrupt bit and a 5-bit code (the registers are WLRL: only legal causes need to
  // be kept), mcounteren/scounteren keep CY, TM and IR (the hpmcounter bits are read-only 0, so
  // the always-zero hpmcounters are not accessible below M), and a vectored mtvec/stvec BASE is
  // 128-byte aligned (WARL). 0: every bit is stored, as in the reference ISS (the random
  // lockstep tests compare the full values).
  parameter bit          CSR_LEAN = 1'b0
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  // legality check of a CSR instruction in EX (chk_en_i: EX holds a CSR instruction; when 0,
  // chk_illegal_o is 0)
  input  logic        chk_en_i,
  input  logic [11:0] chk_addr_i,
  input  logic        chk_write_i,
  output logic        chk_illegal_o,

  // CSR instruction in WB: acc_sel_i says WB holds one (acc_rdata_o is 0 otherwise), acc_en_i
  // that it commits now
  input  logic        acc_sel_i,
  input  logic        acc_en_i,
  input  logic [11:0] acc_addr_i,
  input  rv_core_pkg::csr_op_t     acc_op_i,
  input  logic        acc_write_i,
  input  logic [31:0] acc_operand_i,
  output logic [31:0] acc_rdata_o,

  // trap entry (exception or interrupt) committing in WB
  input  logic        trap_i,
  input  logic        trap_irq_i,
  input  logic [4:0]  trap_code_i,
  input  logic [31:0] trap_tval_i,
  input  logic [31:0] trap_epc_i,
  output logic [31:0] trap_target_o,

  // trap return committing in WB
  input  logic        mret_i,
  input  logic        sret_i,
  output logic [31:0] mepc_o,
  output logic [31:0] sepc_o,

  input  logic        retire_i,

  // interrupts
  input  logic        irq_msoft_i,
  input  logic        irq_mtimer_i,
  input  logic        irq_mext_i,
  input  logic        irq_sext_i,
  input  logic [63:0] mtime_i,
  output logic        irq_valid_o,   // an interrupt is pending and enabled: take it
  output logic [4:0]  irq_code_o,
  output logic        wfi_wake_o,    // (mip & mie) != 0

  // state for the pipeline
  output rv_core_pkg::priv_t       priv_o,
  output logic        mprv_o,
  output rv_core_pkg::priv_t       mpp_o,
  output logic        sum_o,
  output logic        mxr_o,
  output logic        tvm_o,
  output logic        tw_o,
  output logic        tsr_o,
  output logic        satp_mode_o,
  output logic [21:0] satp_ppn_o,
  output logic [63:0] cycle_o,
  output logic [63:0] instret_o
);

  // -------------------------------------------------------------------------------------------
  // State
  // -------------------------------------------------------------------------------------------
  rv_core_pkg::priv_t       priv_q;
  logic        sie_q, mie_q, spie_q, mpie_q, spp_q, mprv_q, sum_q, mxr_q, tvm_q, tw_q, tsr_q;
  rv_core_pkg::priv_t       mpp_q;
  logic [31:0] medeleg_q, mideleg_q, mie_reg_q;
  logic        ssip_q, stip_q, seip_sw_q;
  logic [31:0] mtvec_q, stvec_q;
  logic [31:0] mscratch_q, sscratch_q, mepc_q, sepc_q, mcause_q, scause_q, mtval_q, stval_q;
  logic [31:0] mcounteren_q, scounteren_q;
  logic [2:0]  mcountinhibit_q;  // bit 0 CY, bit 2 IR (bit 1 is hardwired 0)
  logic        satp_mode_q;
  logic [21:0] satp_ppn_q;
  logic [63:0] mcycle_q, minstret_q;

  localparam logic [31:0] MISA_VAL = {2'b01, 4'b0, 26'(0)}
                                   | (RV_A  ? 32'h0000_0001 : 32'h0)
                                   | 32'h0000_0100
                                   | (RV_M  ? 32'h0000_1000 : 32'h0)
                                   | (RV_SU ? 32'h0014_0000 : 32'h0);

  localparam logic [31:0] CAUSE_MASK   = CSR_LEAN ? 32'h8000_001F : 32'hFFFF_FFFF;
  localparam logic [31:0] CNTEN_MASK   = CSR_LEAN ? 32'h0000_0007 : 32'hFFFF_FFFF;
  localparam logic [31:0] MEDELEG_MASK = 32'h0000_B3FF;
  localparam logic [31:0] MIDELEG_MASK = 32'h0000_0222;
  localparam logic [31:0] MIE_MASK     = RV_SU ? 32'h0000_0AAA : 32'h0000_0888;
  localparam logic [31:0] MIP_SW_MASK  = RV_SU ? 32'h0000_0222 : 32'h0;

  // -------------------------------------------------------------------------------------------
  // Composite views
  // -------------------------------------------------------------------------------------------
  logic [31:0] mstatus, mip;

  // Only CSR accesses read mstatus/sstatus: assembled under acc_sel_i (0 otherwise).
  always_comb begin
    mstatus = '0;
    if (acc_sel_i) begin
      mstatus[rv_core_pkg::MSTATUS_SIE]  = sie_q;
      mstatus[rv_core_pkg::MSTATUS_MIE]  = mie_q;
      mstatus[rv_core_pkg::MSTATUS_SPIE] = spie_q;
      mstatus[rv_core_pkg::MSTATUS_MPIE] = mpie_q;
      mstatus[rv_core_pkg::MSTATUS_SPP]  = spp_q;
      mstatus[12:11]        = mpp_q;
      mstatus[rv_core_pkg::MSTATUS_MPRV] = mprv_q;
      mstatus[rv_core_pkg::MSTATUS_SUM]  = sum_q;
      mstatus[rv_core_pkg::MSTATUS_MXR]  = mxr_q;
      mstatus[rv_core_pkg::MSTATUS_TVM]  = tvm_q;
      mstatus[rv_core_pkg::MSTATUS_TW]   = tw_q;
      mstatus[rv_core_pkg::MSTATUS_TSR]  = tsr_q;
    end
  end

  // One expression: the interrupt check reads it every cycle (pend below).
  assign mip = {20'd0, irq_mext_i, 1'b0, seip_sw_q | (RV_SU & irq_sext_i), 1'b0, irq_mtimer_i,
                1'b0, stip_q, 1'b0, irq_msoft_i, 1'b0, ssip_q, 1'b0};

  // -------------------------------------------------------------------------------------------
  // Existence and access legality
  // -------------------------------------------------------------------------------------------
  // Only evaluated for CSR instructions: the verilated model skips the address decode for all
  // other instructions (the same applies to the other `if (..._i)` gates in this file).
  always_comb begin
    chk_illegal_o = 1'b0;
    if (chk_en_i) begin
      if (!rv_core_pkg::csr_exists(chk_addr_i, RV_SU)) chk_illegal_o = 1'b1;
      if (priv_q < chk_addr_i[9:8]) chk_illegal_o = 1'b1;
      if (chk_write_i && chk_addr_i[11:10] == 2'b11) chk_illegal_o = 1'b1;
      if (chk_addr_i == rv_core_pkg::CSR_SATP && priv_q == rv_core_pkg::PRIV_S && tvm_q) begin
        chk_illegal_o = 1'b1;
      end
      // user counters, gated by mcounteren (S and U) and scounteren (U)
      if (chk_addr_i[11:8] == 4'hC && chk_addr_i[6:5] == 2'b00) begin
        if (priv_q == rv_core_pkg::PRIV_S && !mcounteren_q[chk_addr_i[4:0]]) chk_illegal_o = 1'b1;
        if (priv_q == rv_core_pkg::PRIV_U &&
            !(mcounteren_q[chk_addr_i[4:0]] && scounteren_q[chk_addr_i[4:0]]))
          chk_illegal_o = 1'b1;
      end
    end
  end

  // -------------------------------------------------------------------------------------------
  // Read port and write value (WB)
  //
  // rv_csr serves only the pipelined core, which is simulated, not built for the FPGA (the board
  // core has rv_csr_mc), so this file is written for the simulator's speed: the read port is a
  // case over the address, evaluated only with a CSR instruction in WB, and the writes below
  // decode the address only when a CSR write commits. No per-register select signals exist that
  // the model would have to compute every cycle.
  // -------------------------------------------------------------------------------------------
  // mvendorid, marchid, mimpid, mconfigptr, envcfg, hpm and pmp registers read 0
  logic [31:0] rdata, rmw_old, wval;
  logic [11:0] a;
  assign a = acc_addr_i;
  always_comb begin
    rdata   = '0;
    rmw_old = '0;
    wval    = '0;
    if (acc_sel_i) begin
      unique case (a)
        rv_core_pkg::CSR_MSTATUS:       rdata = mstatus;
        rv_core_pkg::CSR_MISA:          rdata = MISA_VAL;
        rv_core_pkg::CSR_MEDELEG:       rdata = medeleg_q;
        rv_core_pkg::CSR_MIDELEG:       rdata = mideleg_q;
        rv_core_pkg::CSR_MIE:           rdata = mie_reg_q;
        rv_core_pkg::CSR_MTVEC:         rdata = mtvec_q;
        rv_core_pkg::CSR_MCOUNTEREN:    rdata = mcounteren_q;
        rv_core_pkg::CSR_MCOUNTINHIBIT: rdata = {29'd0, mcountinhibit_q};
        rv_core_pkg::CSR_MSCRATCH:      rdata = mscratch_q;
        rv_core_pkg::CSR_MEPC:          rdata = mepc_q;
        rv_core_pkg::CSR_MCAUSE:        rdata = mcause_q;
        rv_core_pkg::CSR_MTVAL:         rdata = mtval_q;
        rv_core_pkg::CSR_MIP:           rdata = mip;
        rv_core_pkg::CSR_SSTATUS:       rdata = mstatus & 32'h000C_0122;  // SIE SPIE SPP SUM MXR
        rv_core_pkg::CSR_SIE:           rdata = mie_reg_q & mideleg_q;
        rv_core_pkg::CSR_STVEC:         rdata = stvec_q;
        rv_core_pkg::CSR_SCOUNTEREN:    rdata = scounteren_q;
        rv_core_pkg::CSR_SSCRATCH:      rdata = sscratch_q;
        rv_core_pkg::CSR_SEPC:          rdata = sepc_q;
        rv_core_pkg::CSR_SCAUSE:        rdata = scause_q;
        rv_core_pkg::CSR_STVAL:         rdata = stval_q;
        rv_core_pkg::CSR_SIP:           rdata = mip & mideleg_q;
        rv_core_pkg::CSR_SATP:          rdata = {satp_mode_q, 9'd0, satp_ppn_q};
        rv_core_pkg::CSR_MCYCLE,
        rv_core_pkg::CSR_CYCLE:         rdata = mcycle_q[31:0];
        rv_core_pkg::CSR_MCYCLEH,
        rv_core_pkg::CSR_CYCLEH:        rdata = mcycle_q[63:32];
        rv_core_pkg::CSR_MINSTRET,
        rv_core_pkg::CSR_INSTRET:       rdata = minstret_q[31:0];
        rv_core_pkg::CSR_MINSTRETH,
        rv_core_pkg::CSR_INSTRETH:      rdata = minstret_q[63:32];
        rv_core_pkg::CSR_TIME:          rdata = mtime_i[31:0];
        rv_core_pkg::CSR_TIMEH:         rdata = mtime_i[63:32];
        rv_core_pkg::CSR_MHARTID:       rdata = MHARTID;
        default:                        rdata = '0;
      endcase
      // CSRRS/CSRRC on mip/sip modify the software SEIP bit, not the external input
      rmw_old = rdata;
      if (a == rv_core_pkg::CSR_MIP) rmw_old[rv_core_pkg::IRQ_SEI] = seip_sw_q;
      if (a == rv_core_pkg::CSR_SIP) begin
        rmw_old[rv_core_pkg::IRQ_SEI] = seip_sw_q & mideleg_q[rv_core_pkg::IRQ_SEI];
      end
      unique case (acc_op_i)
        rv_core_pkg::CSR_OP_RS: wval = rmw_old | acc_operand_i;
        rv_core_pkg::CSR_OP_RC: wval = rmw_old & ~acc_operand_i;
        default:                wval = acc_operand_i;
      endcase
    end
  end
  assign acc_rdata_o = rdata;

  logic unused_csr;
  assign unused_csr = ^{trap_epc_i[1:0], RV_M, RV_A};  // IALIGN=32: epc[1:0] are always zero

  logic wr;
  assign wr = acc_en_i && acc_write_i;

  // xtvec write value: MODE[1] reads 0 (only direct and vectored). CSR_LEAN: a vectored BASE is
  // 128-byte aligned (WARL: BASE[6:2] read 0 with MODE = 1), so the vector needs no adder.
  logic [31:0] tvec_wval;
  assign tvec_wval = {wval[31:7], (CSR_LEAN && wval[0]) ? 5'd0 : wval[6:2], 1'b0, wval[0]};

  // -------------------------------------------------------------------------------------------
  // Trap target and interrupt selection
  // -------------------------------------------------------------------------------------------
  // Only evaluated while a trap is taken (trap_target_o is 0 otherwise).
  logic        trap_to_s;
  logic [29:0] tvec_base;
  logic        tvec_vectored;  // xtvec[1] is always 0: only modes 0 and 1 are kept
  always_comb begin
    trap_to_s     = 1'b0;
    tvec_base     = '0;
    tvec_vectored = 1'b0;
    trap_target_o = '0;
    if (trap_i) begin
      trap_to_s     = RV_SU && (priv_q != rv_core_pkg::PRIV_M) &&
                      (trap_irq_i ? mideleg_q[trap_code_i] : medeleg_q[trap_code_i]);
      tvec_base     = trap_to_s ? stvec_q[31:2] : mtvec_q[31:2];
      tvec_vectored = trap_to_s ? stvec_q[0] : mtvec_q[0];
      if (CSR_LEAN) begin
        // vectored bases are 128-byte aligned here (below), so base + 4 * code is an OR
        trap_target_o = {tvec_base[29:5],
                         tvec_base[4:0] | ((trap_irq_i && tvec_vectored) ? trap_code_i : 5'd0),
                         2'b00};
      end else begin
        trap_target_o = {tvec_base + ((trap_irq_i && tvec_vectored) ? {25'd0, trap_code_i} : 30'd0),
                         2'b00};
      end
    end
  end

  logic [31:0] pend, m_pend, s_pend;
  logic        m_en, s_en;
  assign pend = mip & mie_reg_q;
  assign m_en = (priv_q != rv_core_pkg::PRIV_M) || mie_q;
  assign s_en = (priv_q == rv_core_pkg::PRIV_U) || (priv_q == rv_core_pkg::PRIV_S && sie_q);

  // The selection only runs while some interrupt is pending (rarely), which keeps it out of the
  // simulator's per-cycle work.
  always_comb begin
    m_pend      = '0;
    s_pend      = '0;
    irq_valid_o = 1'b0;
    irq_code_o  = 5'd0;
    if (pend != 32'd0) begin
      m_pend      = pend & ~mideleg_q & {32{m_en}};
      s_pend      = pend &  mideleg_q & {32{s_en}};
      irq_valid_o = 1'b1;
      // M-level interrupts first, then S-level; within a level MEI, MSI, MTI, SEI, SSI, STI
      if      (m_pend[rv_core_pkg::IRQ_MEI]) irq_code_o = 5'(rv_core_pkg::IRQ_MEI);
      else if (m_pend[rv_core_pkg::IRQ_MSI]) irq_code_o = 5'(rv_core_pkg::IRQ_MSI);
      else if (m_pend[rv_core_pkg::IRQ_MTI]) irq_code_o = 5'(rv_core_pkg::IRQ_MTI);
      else if (m_pend[rv_core_pkg::IRQ_SEI]) irq_code_o = 5'(rv_core_pkg::IRQ_SEI);
      else if (m_pend[rv_core_pkg::IRQ_SSI]) irq_code_o = 5'(rv_core_pkg::IRQ_SSI);
      else if (m_pend[rv_core_pkg::IRQ_STI]) irq_code_o = 5'(rv_core_pkg::IRQ_STI);
      else if (s_pend[rv_core_pkg::IRQ_SEI]) irq_code_o = 5'(rv_core_pkg::IRQ_SEI);
      else if (s_pend[rv_core_pkg::IRQ_SSI]) irq_code_o = 5'(rv_core_pkg::IRQ_SSI);
      else if (s_pend[rv_core_pkg::IRQ_STI]) irq_code_o = 5'(rv_core_pkg::IRQ_STI);
      else                      irq_valid_o = 1'b0;
    end
  end
  assign wfi_wake_o = (pend != 32'd0);

  // -------------------------------------------------------------------------------------------
  // Sequential state
  // -------------------------------------------------------------------------------------------
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      priv_q          <= rv_core_pkg::PRIV_M;
      sie_q           <= 1'b0;
      mie_q           <= 1'b0;
      spie_q          <= 1'b0;
      mpie_q          <= 1'b0;
      spp_q           <= 1'b0;
      mpp_q           <= RV_SU ? rv_core_pkg::PRIV_U : rv_core_pkg::PRIV_M;
      mprv_q          <= 1'b0;
      sum_q           <= 1'b0;
      mxr_q           <= 1'b0;
      tvm_q           <= 1'b0;
      tw_q            <= 1'b0;
      tsr_q           <= 1'b0;
      medeleg_q       <= '0;
      mideleg_q       <= '0;
      mie_reg_q       <= '0;
      ssip_q          <= 1'b0;
      stip_q          <= 1'b0;
      seip_sw_q       <= 1'b0;
      mtvec_q         <= '0;
      stvec_q         <= '0;
      mscratch_q      <= '0;
      sscratch_q      <= '0;
      mcounteren_q    <= '0;
      scounteren_q    <= '0;
      mcountinhibit_q <= '0;
      satp_mode_q     <= 1'b0;
      satp_ppn_q      <= '0;
    end else begin
      if (trap_i) begin
        if (trap_to_s) begin
          spp_q    <= priv_q[0];
          spie_q   <= sie_q;
          sie_q    <= 1'b0;
          priv_q   <= rv_core_pkg::PRIV_S;
        end else begin
          mpp_q    <= priv_q;
          mpie_q   <= mie_q;
          mie_q    <= 1'b0;
          priv_q   <= rv_core_pkg::PRIV_M;
        end
      end else if (mret_i) begin
        priv_q <= mpp_q;
        mie_q  <= mpie_q;
        mpie_q <= 1'b1;
        mpp_q  <= RV_SU ? rv_core_pkg::PRIV_U : rv_core_pkg::PRIV_M;
        if (mpp_q != rv_core_pkg::PRIV_M) mprv_q <= 1'b0;
      end else if (sret_i) begin
        priv_q <= spp_q ? rv_core_pkg::PRIV_S : rv_core_pkg::PRIV_U;
        sie_q  <= spie_q;
        spie_q <= 1'b1;
        spp_q  <= 1'b0;
        mprv_q <= 1'b0;
      end else if (wr) begin
        unique case (acc_addr_i)
          rv_core_pkg::CSR_MSTATUS: begin
            mie_q  <= wval[rv_core_pkg::MSTATUS_MIE];
            mpie_q <= wval[rv_core_pkg::MSTATUS_MPIE];
            if (RV_SU) begin
              sie_q  <= wval[rv_core_pkg::MSTATUS_SIE];
              spie_q <= wval[rv_core_pkg::MSTATUS_SPIE];
              spp_q  <= wval[rv_core_pkg::MSTATUS_SPP];
              // MPP is WARL: the reserved value 2 leaves it unchanged
              if (wval[12:11] != 2'b10) mpp_q <= wval[12:11];
              mprv_q <= wval[rv_core_pkg::MSTATUS_MPRV];
              sum_q  <= SV32 & wval[rv_core_pkg::MSTATUS_SUM];
              mxr_q  <= wval[rv_core_pkg::MSTATUS_MXR];
              tvm_q  <= wval[rv_core_pkg::MSTATUS_TVM];
              tw_q   <= wval[rv_core_pkg::MSTATUS_TW];
              tsr_q  <= wval[rv_core_pkg::MSTATUS_TSR];
            end
          end
          rv_core_pkg::CSR_SSTATUS: begin
            sie_q  <= wval[rv_core_pkg::MSTATUS_SIE];
            spie_q <= wval[rv_core_pkg::MSTATUS_SPIE];
            spp_q  <= wval[rv_core_pkg::MSTATUS_SPP];
            sum_q  <= SV32 & wval[rv_core_pkg::MSTATUS_SUM];
            mxr_q  <= wval[rv_core_pkg::MSTATUS_MXR];
          end
          rv_core_pkg::CSR_MEDELEG: medeleg_q <= wval & MEDELEG_MASK;
          rv_core_pkg::CSR_MIDELEG: mideleg_q <= wval & MIDELEG_MASK;
          rv_core_pkg::CSR_MIE:     mie_reg_q <= wval & MIE_MASK;
          rv_core_pkg::CSR_SIE:     mie_reg_q <= (mie_reg_q & ~mideleg_q) | (wval & mideleg_q);
          rv_core_pkg::CSR_MIP: begin
            if (MIP_SW_MASK[rv_core_pkg::IRQ_SSI]) ssip_q    <= wval[rv_core_pkg::IRQ_SSI];
            if (MIP_SW_MASK[rv_core_pkg::IRQ_STI]) stip_q    <= wval[rv_core_pkg::IRQ_STI];
            if (MIP_SW_MASK[rv_core_pkg::IRQ_SEI]) seip_sw_q <= wval[rv_core_pkg::IRQ_SEI];
          end
          rv_core_pkg::CSR_SIP: begin
            if (mideleg_q[rv_core_pkg::IRQ_SSI]) ssip_q <= wval[rv_core_pkg::IRQ_SSI];
          end
          rv_core_pkg::CSR_MTVEC:         mtvec_q <= tvec_wval;
          rv_core_pkg::CSR_STVEC:         stvec_q <= tvec_wval;
          rv_core_pkg::CSR_MCOUNTEREN:    mcounteren_q <= wval & CNTEN_MASK;
          rv_core_pkg::CSR_SCOUNTEREN:    scounteren_q <= wval & CNTEN_MASK;
          rv_core_pkg::CSR_MCOUNTINHIBIT: mcountinhibit_q <= {wval[2], 1'b0, wval[0]};
          rv_core_pkg::CSR_MSCRATCH:      mscratch_q <= wval;
          rv_core_pkg::CSR_SSCRATCH:      sscratch_q <= wval;
          rv_core_pkg::CSR_SATP: begin
            if (SV32) begin
              satp_mode_q <= wval[31];
              satp_ppn_q  <= wval[21:0];
            end
          end
          default: ;
        endcase
      end
    end
  end

  // -------------------------------------------------------------------------------------------
  // Registers written by trap entry and by CSR instructions; trap entry has priority, as above.
  // -------------------------------------------------------------------------------------------
  logic wr_csr;
  assign wr_csr = wr && !trap_i && !mret_i && !sret_i;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mepc_q   <= '0;
      sepc_q   <= '0;
      mcause_q <= '0;
      scause_q <= '0;
      mtval_q  <= '0;
      stval_q  <= '0;
    end else if (trap_i) begin
      if (trap_to_s) begin
        sepc_q   <= {trap_epc_i[31:2], 2'b00};
        scause_q <= {trap_irq_i, 26'd0, trap_code_i} & CAUSE_MASK;
        stval_q  <= trap_tval_i;
      end else begin
        mepc_q   <= {trap_epc_i[31:2], 2'b00};
        mcause_q <= {trap_irq_i, 26'd0, trap_code_i} & CAUSE_MASK;
        mtval_q  <= trap_tval_i;
      end
    end else if (wr_csr) begin
      unique case (acc_addr_i)
        rv_core_pkg::CSR_MEPC:   mepc_q   <= {wval[31:2], 2'b00};
        rv_core_pkg::CSR_SEPC:   sepc_q   <= {wval[31:2], 2'b00};
        rv_core_pkg::CSR_MCAUSE: mcause_q <= wval & CAUSE_MASK;
        rv_core_pkg::CSR_SCAUSE: scause_q <= wval & CAUSE_MASK;
        rv_core_pkg::CSR_MTVAL:  mtval_q  <= wval;
        rv_core_pkg::CSR_STVAL:  stval_q  <= wval;
        default: ;
      endcase
    end
  end

  // -------------------------------------------------------------------------------------------
  // Counters: 64 bits. mcycle: a CSR write to one half replaces that half's increment (the other
  // half still counts). minstret: an instruction that writes either half is not counted (the
  // written value stands, as the official riscv-tests rv32mi instret_overflow expects). One 64-bit
  // increment each: as small on the FPGA as two 32-bit halves with a carry enable, and cheaper in
  // the verilated model.
  // -------------------------------------------------------------------------------------------
  logic cy_inc, ir_inc;
  assign cy_inc = !mcountinhibit_q[0];
  assign ir_inc = retire_i && !mcountinhibit_q[2];

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mcycle_q   <= '0;
      minstret_q <= '0;
    end else begin
      // the increment first, so that a CSR write to either half overrides it
      if (cy_inc) mcycle_q <= mcycle_q + 64'd1;
      if (ir_inc) minstret_q <= minstret_q + 64'd1;
      if (wr_csr) begin
        unique case (acc_addr_i)
          rv_core_pkg::CSR_MCYCLE:    mcycle_q[31:0]  <= wval;
          rv_core_pkg::CSR_MCYCLEH:   mcycle_q[63:32] <= wval;
          // an instruction that writes minstret is not counted: the other half keeps its value
          rv_core_pkg::CSR_MINSTRET:  minstret_q <= {minstret_q[63:32], wval};
          rv_core_pkg::CSR_MINSTRETH: minstret_q <= {wval, minstret_q[31:0]};
          default: ;
        endcase
      end
    end
  end

  assign priv_o      = priv_q;
  assign mprv_o      = mprv_q;
  assign mpp_o       = mpp_q;
  assign sum_o       = sum_q;
  assign mxr_o       = mxr_q;
  assign tvm_o       = tvm_q;
  assign tw_o        = tw_q;
  assign tsr_o       = tsr_q;
  assign satp_mode_o = satp_mode_q;
  assign satp_ppn_o  = satp_ppn_q;
  assign mepc_o      = mepc_q;
  assign sepc_o      = sepc_q;
  assign cycle_o     = mcycle_q;
  assign instret_o   = minstret_q;

endmodule
