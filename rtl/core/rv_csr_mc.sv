// CSR file of the multi-cycle core rv_core_mc (docs/core.md, "rv_csr_mc"): the CSRs, privilege,
// trap entry/return, interrupt selection and counters of rv_csr with CSR_LEAN = 1 and SV32 = 0
// (same architectural behaviour), but the eight plain 32-bit registers -- mscratch, mepc, mtval,
// mtvec, sscratch, sepc, stval, stvec -- live in one synchronous-read RAM (two block RAMs on the
// iCE40) instead of 256 flip-flops and their share of the read multiplexer.
//
// The RAM has one read port (data one cycle after the address) and one write port, so the core
// sequences the accesses (rv_core_mc):
//   - rd_en_i with rd_insn_i = the fetched instruction word (FWAIT): reads the CSR a CSR
//     instruction names, or xepc for MRET/SRET (whose bits 31:20, 0x302/0x102, are not a RAM
//     CSR's address), so the value is there in EXEC: acc_rdata_o / xret_target_o.
//   - trap_prep_i (first trap cycle): reads the target privilege's xtvec and writes its xepc
//     (trap_wdata_i = the PC).
//   - trap_i (second trap cycle): writes xtval (trap_wdata_i = the trap value), xcause, mstatus
//     and the privilege; trap_target_o (from the xtvec read) is the new PC.
// A CSR instruction reads in FWAIT and writes when it commits in EXEC; no write happens in a
// cycle with a read of the same entry. The RAM is not reset (these registers' reset values are
// UNSPECIFIED in the privileged spec except mtvec's, which is implementation-defined); it powers
// up as zero, as rv_csr resets them.
//
// Entry index: {address bit 9 (M = 1, S = 0), address bits 2:0}: scratch 0, epc 1, tval 3, tvec 5.
module rv_csr_mc
#(
  parameter bit          RV_SU   = 1'b1,
  parameter logic [31:0] MHARTID = 32'd0
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  // legality check of a CSR instruction, computed with the fetch response (at rd_en_i, from
  // chk_addr_i / chk_write_i of the fetched word) and registered, so that it is a flip-flop in
  // EXEC, in front of the commit and the CSR write enables (timing). The state it depends on
  // (privilege, TVM, the counter enables) only changes in EXEC and the trap cycles, never between
  // FWAIT and EXEC. chk_illegal_o applies in EXEC (chk_en_i: EXEC holds a CSR instruction; when
  // 0, chk_illegal_o is 0).
  input  logic        chk_en_i,
  input  logic [11:0] chk_addr_i,
  input  logic        chk_write_i,
  output logic        chk_illegal_o,

  // RAM read of the next instruction's CSR / xepc (the fetch response)
  input  logic        rd_en_i,
  input  logic [31:0] rd_insn_i,

  // CSR instruction in EXEC: acc_sel_i says EXEC holds one (acc_rdata_o is 0 otherwise),
  // acc_en_i that it commits now
  input  logic        acc_sel_i,
  input  logic        acc_en_i,
  input  logic [11:0] acc_addr_i,
  input  rv_core_pkg::csr_op_t     acc_op_i,
  input  logic        acc_write_i,
  input  logic [31:0] acc_operand_i,
  output logic [31:0] acc_rdata_o,

  // trap entry in two cycles (see above)
  input  logic        trap_prep_i,
  input  logic        trap_i,
  input  logic        trap_irq_i,
  input  logic [4:0]  trap_code_i,
  input  logic [31:0] trap_wdata_i,
  output logic [31:0] trap_target_o,

  // trap return committing in EXEC: xret_target_o = mepc / sepc (read in FWAIT)
  input  logic        mret_i,
  input  logic        sret_i,
  output logic [31:0] xret_target_o,

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

  // state for the core
  output rv_core_pkg::priv_t       priv_o,
  output logic        mprv_o,
  output rv_core_pkg::priv_t       mpp_o,
  output logic        tvm_o,
  output logic        tw_o,
  output logic        tsr_o,
  output logic [63:0] cycle_o,
  output logic [63:0] instret_o
);

  // -------------------------------------------------------------------------------------------
  // State
  // -------------------------------------------------------------------------------------------
  rv_core_pkg::priv_t       priv_q;
  logic        sie_q, mie_q, spie_q, mpie_q, spp_q, mprv_q, mxr_q, tvm_q, tw_q, tsr_q;
  rv_core_pkg::priv_t       mpp_q;
  logic [31:0] medeleg_q, mideleg_q, mie_reg_q;
  logic        ssip_q, stip_q, seip_sw_q;
  // (32 bits wide, as in rv_csr, for the simulator's hierarchical reads; only the interrupt bit
  // and the 5-bit code are stored, the other flip-flops are constant and removed)
  logic [31:0] mcause_q, scause_q;
  logic [2:0]  mcounteren_q, scounteren_q;  // CY, TM, IR
  logic [2:0]  mcountinhibit_q;  // bit 0 CY, bit 2 IR (bit 1 is hardwired 0)
  logic [63:0] mcycle_q, minstret_q;
  logic        cnt_m, cnt_s;  // legality check: mcounteren / scounteren bit of the counter

  localparam logic [31:0] MISA_VAL = 32'h4000_1101 | (RV_SU ? 32'h0014_0000 : 32'h0);  // IMA(SU)

  localparam logic [31:0] CAUSE_MASK   = 32'h8000_001F;
  localparam logic [31:0] MEDELEG_MASK = 32'h0000_B3FF;
  localparam logic [31:0] MIDELEG_MASK = 32'h0000_0222;
  localparam logic [31:0] MIE_MASK     = RV_SU ? 32'h0000_0AAA : 32'h0000_0888;
  localparam logic [31:0] MIP_SW_MASK  = RV_SU ? 32'h0000_0222 : 32'h0;

  // -------------------------------------------------------------------------------------------
  // RAM: mscratch, mepc, mtval, mtvec, sscratch, sepc, stval, stvec
  // -------------------------------------------------------------------------------------------
  // (xscratch: 0)
  localparam logic [2:0] R_EPC     = 3'd1;
  localparam logic [2:0] R_TVAL    = 3'd3;
  localparam logic [2:0] R_TVEC    = 3'd5;

  logic [31:0] ram [16];
  logic [31:0] ram_q, ram_wdata;
  logic [3:0]  ram_raddr, ram_waddr;
  logic        ram_re, ram_we;

  initial begin
    for (int i = 0; i < 16; i++) ram[i] = 32'd0;
  end

  always_ff @(posedge clk_i) begin
    if (ram_we) ram[ram_waddr] <= ram_wdata;
    if (ram_re) ram_q <= ram[ram_raddr];
  end

  // -------------------------------------------------------------------------------------------
  // Composite views
  // -------------------------------------------------------------------------------------------
  logic [31:0] mstatus, sstatus, mip;

  always_comb begin
    mstatus = '0;
    sstatus = '0;
    if (acc_sel_i) begin
      mstatus[rv_core_pkg::MSTATUS_SIE]  = sie_q;
      mstatus[rv_core_pkg::MSTATUS_MIE]  = mie_q;
      mstatus[rv_core_pkg::MSTATUS_SPIE] = spie_q;
      mstatus[rv_core_pkg::MSTATUS_MPIE] = mpie_q;
      mstatus[rv_core_pkg::MSTATUS_SPP]  = spp_q;
      mstatus[12:11]                     = mpp_q;
      mstatus[rv_core_pkg::MSTATUS_MPRV] = mprv_q;
      mstatus[rv_core_pkg::MSTATUS_MXR]  = mxr_q;
      mstatus[rv_core_pkg::MSTATUS_TVM]  = tvm_q;
      mstatus[rv_core_pkg::MSTATUS_TW]   = tw_q;
      mstatus[rv_core_pkg::MSTATUS_TSR]  = tsr_q;
      sstatus = mstatus & 32'h000C_0122;  // SIE SPIE SPP SUM MXR
    end
  end

  always_comb begin
    mip = '0;
    mip[rv_core_pkg::IRQ_SSI] = ssip_q;
    mip[rv_core_pkg::IRQ_MSI] = irq_msoft_i;
    mip[rv_core_pkg::IRQ_STI] = stip_q;
    mip[rv_core_pkg::IRQ_MTI] = irq_mtimer_i;
    mip[rv_core_pkg::IRQ_SEI] = seip_sw_q | (RV_SU & irq_sext_i);
    mip[rv_core_pkg::IRQ_MEI] = irq_mext_i;
  end

  // -------------------------------------------------------------------------------------------
  // Existence and access legality (as rv_csr)
  // -------------------------------------------------------------------------------------------
  logic chk_illegal, chk_illegal_q;
  always_comb begin
    chk_illegal = 1'b0;
    if (!rv_core_pkg::csr_exists(chk_addr_i, RV_SU)) chk_illegal = 1'b1;
    if (priv_q < chk_addr_i[9:8]) chk_illegal = 1'b1;
    if (chk_write_i && chk_addr_i[11:10] == 2'b11) chk_illegal = 1'b1;
    if (chk_addr_i == rv_core_pkg::CSR_SATP && priv_q == rv_core_pkg::PRIV_S && tvm_q) begin
      chk_illegal = 1'b1;
    end
    // user counters, gated by mcounteren (S and U) and scounteren (U)
    if (chk_addr_i[11:8] == 4'hC && chk_addr_i[6:5] == 2'b00) begin
      if (priv_q == rv_core_pkg::PRIV_S && !cnt_m) chk_illegal = 1'b1;
      if (priv_q == rv_core_pkg::PRIV_U && !(cnt_m && cnt_s)) chk_illegal = 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (rd_en_i) chk_illegal_q <= chk_illegal;
  end
  assign chk_illegal_o = chk_en_i && chk_illegal_q;

  // the x-counteren bit of the counter chk_addr_i names (bits 31:3 are 0)
  always_comb begin
    unique case (chk_addr_i[4:0])
      5'd0:    begin cnt_m = mcounteren_q[0]; cnt_s = scounteren_q[0]; end
      5'd1:    begin cnt_m = mcounteren_q[1]; cnt_s = scounteren_q[1]; end
      5'd2:    begin cnt_m = mcounteren_q[2]; cnt_s = scounteren_q[2]; end
      default: begin cnt_m = 1'b0;            cnt_s = 1'b0;            end
    endcase
  end

  // -------------------------------------------------------------------------------------------
  // Read port and write value (EXEC)
  // -------------------------------------------------------------------------------------------
  logic sel_mstatus, sel_medeleg, sel_mideleg, sel_mie, sel_mcounteren;
  logic sel_mcountinhibit, sel_mcause, sel_mip, sel_ram;
  logic sel_sstatus, sel_sie, sel_scounteren, sel_scause;
  logic sel_sip, sel_cycle, sel_cycleh, sel_instret, sel_instreth;
  logic sel_time, sel_timeh, sel_mhartid, sel_misa, sel_mcycle, sel_mcycleh, sel_minstret;
  logic sel_minstreth, sel_tvec, sel_epc;

  logic [31:0] rdata, rmw_old, wval;
  logic [11:0] a;
  assign a = acc_addr_i;
  always_comb begin
    sel_mstatus       = acc_sel_i && (a == rv_core_pkg::CSR_MSTATUS);
    sel_misa          = acc_sel_i && (a == rv_core_pkg::CSR_MISA);
    sel_medeleg       = acc_sel_i && (a == rv_core_pkg::CSR_MEDELEG);
    sel_mideleg       = acc_sel_i && (a == rv_core_pkg::CSR_MIDELEG);
    sel_mie           = acc_sel_i && (a == rv_core_pkg::CSR_MIE);
    sel_mcounteren    = acc_sel_i && (a == rv_core_pkg::CSR_MCOUNTEREN);
    sel_mcountinhibit = acc_sel_i && (a == rv_core_pkg::CSR_MCOUNTINHIBIT);
    sel_mcause        = acc_sel_i && (a == rv_core_pkg::CSR_MCAUSE);
    sel_mip           = acc_sel_i && (a == rv_core_pkg::CSR_MIP);
    sel_sstatus       = acc_sel_i && (a == rv_core_pkg::CSR_SSTATUS);
    sel_sie           = acc_sel_i && (a == rv_core_pkg::CSR_SIE);
    sel_scounteren    = acc_sel_i && (a == rv_core_pkg::CSR_SCOUNTEREN);
    sel_scause        = acc_sel_i && (a == rv_core_pkg::CSR_SCAUSE);
    sel_sip           = acc_sel_i && (a == rv_core_pkg::CSR_SIP);
    sel_mcycle        = acc_sel_i && (a == rv_core_pkg::CSR_MCYCLE);
    sel_mcycleh       = acc_sel_i && (a == rv_core_pkg::CSR_MCYCLEH);
    sel_minstret      = acc_sel_i && (a == rv_core_pkg::CSR_MINSTRET);
    sel_minstreth     = acc_sel_i && (a == rv_core_pkg::CSR_MINSTRETH);
    sel_cycle         = sel_mcycle    || (acc_sel_i && (a == rv_core_pkg::CSR_CYCLE));
    sel_cycleh        = sel_mcycleh   || (acc_sel_i && (a == rv_core_pkg::CSR_CYCLEH));
    sel_instret       = sel_minstret  || (acc_sel_i && (a == rv_core_pkg::CSR_INSTRET));
    sel_instreth      = sel_minstreth || (acc_sel_i && (a == rv_core_pkg::CSR_INSTRETH));
    sel_time          = acc_sel_i && (a == rv_core_pkg::CSR_TIME);
    sel_timeh         = acc_sel_i && (a == rv_core_pkg::CSR_TIMEH);
    sel_mhartid       = acc_sel_i && (a == rv_core_pkg::CSR_MHARTID);
    // the RAM's CSRs: 0x340/0x341/0x343/0x305 and their S copies 0x140/0x141/0x143/0x105 (bit 9
    // tells M from S; the S copies only exist with RV_SU, otherwise they trap, chk_illegal_o)
    sel_tvec          = acc_sel_i && (a[11:10] == 2'b00) && a[8] && (a[7:0] == 8'h05);
    sel_ram           = sel_tvec ||
                        (acc_sel_i && (a[11:10] == 2'b00) && a[8] && (a[7:2] == 6'b010000) &&
                         (a[1:0] != 2'b10));
    sel_epc           = sel_ram && (a[1:0] == 2'b01) && (a[7:4] == 4'h4);
  end

  always_comb begin
    rdata   = '0;
    rmw_old = '0;
    wval    = '0;
    if (acc_sel_i) begin
      rdata = ({32{sel_mstatus}}       & mstatus)
            | ({32{sel_misa}}          & MISA_VAL)
            | ({32{sel_medeleg}}       & medeleg_q)
            | ({32{sel_mideleg}}       & mideleg_q)
            | ({32{sel_mie}}           & mie_reg_q)
            | ({32{sel_mcounteren}}    & {29'd0, mcounteren_q})
            | ({32{sel_mcountinhibit}} & {29'd0, mcountinhibit_q})
            | ({32{sel_mcause}}        & mcause_q)
            | ({32{sel_mip}}           & mip)
            | ({32{sel_sstatus}}       & sstatus)
            | ({32{sel_sie}}           & mie_reg_q & mideleg_q)
            | ({32{sel_scounteren}}    & {29'd0, scounteren_q})
            | ({32{sel_scause}}        & scause_q)
            | ({32{sel_sip}}           & mip & mideleg_q)
            | ({32{sel_ram}}           & ram_q)
            | ({32{sel_cycle}}         & mcycle_q[31:0])
            | ({32{sel_cycleh}}        & mcycle_q[63:32])
            | ({32{sel_instret}}       & minstret_q[31:0])
            | ({32{sel_instreth}}      & minstret_q[63:32])
            | ({32{sel_time}}          & mtime_i[31:0])
            | ({32{sel_timeh}}         & mtime_i[63:32])
            | ({32{sel_mhartid}}       & MHARTID);
      // CSRRS/CSRRC on mip/sip modify the software SEIP bit, not the external input
      rmw_old = rdata;
      if (sel_mip) rmw_old[rv_core_pkg::IRQ_SEI] = seip_sw_q;
      if (sel_sip) rmw_old[rv_core_pkg::IRQ_SEI] = seip_sw_q & mideleg_q[rv_core_pkg::IRQ_SEI];
      unique case (acc_op_i)
        rv_core_pkg::CSR_OP_RS: wval = rmw_old | acc_operand_i;
        rv_core_pkg::CSR_OP_RC: wval = rmw_old & ~acc_operand_i;
        default:                wval = acc_operand_i;
      endcase
    end
  end
  assign acc_rdata_o = rdata;

  logic wr;
  assign wr = acc_en_i && acc_write_i;

  // -------------------------------------------------------------------------------------------
  // Trap target and interrupt selection
  // -------------------------------------------------------------------------------------------
  logic trap_to_s;
  assign trap_to_s = RV_SU && (priv_q != rv_core_pkg::PRIV_M) &&
                     (trap_irq_i ? mideleg_q[trap_code_i] : medeleg_q[trap_code_i]);

  // ram_q holds xtvec in the second trap cycle. MODE[1] is not stored; a vectored BASE is
  // 128-byte aligned (CSR_LEAN in rv_csr), so base + 4 * code is an OR.
  assign trap_target_o = {ram_q[31:7],
                          ram_q[6:2] | ((trap_irq_i && ram_q[0]) ? trap_code_i : 5'd0),
                          2'b00};
  assign xret_target_o = ram_q;

  // RAM ports. Read: the fetched instruction's CSR (MRET/SRET: xepc), or in the first trap cycle
  // the xtvec of the trap's target privilege. Write: a committing CSR instruction, xepc in the
  // first trap cycle, xtval in the second.
  // (rd_insn_i[29] and [22:20] are bits 9 and 2:0 of the CSR address)
  logic unused_rd;
  assign unused_rd = ^{rd_insn_i[31:30], rd_insn_i[28:23], rd_insn_i[19:15], rd_insn_i[11:0]};
  assign ram_re    = rd_en_i || trap_prep_i;
  assign ram_raddr = trap_prep_i ? {!trap_to_s, R_TVEC}
                   : {rd_insn_i[29], (rd_insn_i[14:12] == 3'b000) ? R_EPC : rd_insn_i[22:20]};
  assign ram_we    = trap_prep_i || trap_i || (wr && sel_ram);
  assign ram_waddr = trap_prep_i ? {!trap_to_s, R_EPC}
                   : trap_i ? {!trap_to_s, R_TVAL} : {a[9], a[2:0]};
  // xtvec: MODE[1] reads 0; a vectored BASE has bits 6:2 zero. xepc: bits 1:0 are 0 (IALIGN 32).
  assign ram_wdata = (trap_prep_i || trap_i) ? trap_wdata_i
                   : sel_tvec ? {wval[31:7], wval[0] ? 5'd0 : wval[6:2], 1'b0, wval[0]}
                   : sel_epc  ? {wval[31:2], 2'b00} : wval;

  // The interrupt decision is registered (timing: the interrupt inputs, which may come from a
  // device's combinational logic, and the priority logic stay out of the core's EXEC paths into
  // the CSR write enables and the counters). irq_valid_o/irq_code_o/wfi_wake_o are one cycle
  // old: the core uses them only in EXEC and WFI, and every change of mip/mie/mideleg/mstatus/
  // privilege by the core happens at least two cycles before the next EXEC (it is entered from
  // FWAIT), so only the interrupt inputs are seen one cycle later than before.
  logic [31:0] pend, m_pend, s_pend;
  logic        m_en, s_en, irq_valid_d;
  logic [4:0]  irq_code_d;
  assign pend = mip & mie_reg_q;
  assign m_en = (priv_q != rv_core_pkg::PRIV_M) || mie_q;
  assign s_en = (priv_q == rv_core_pkg::PRIV_U) || (priv_q == rv_core_pkg::PRIV_S && sie_q);

  always_comb begin
    m_pend      = '0;
    s_pend      = '0;
    irq_valid_d = 1'b0;
    irq_code_d  = 5'd0;
    if (pend != 32'd0) begin
      m_pend      = pend & ~mideleg_q & {32{m_en}};
      s_pend      = pend &  mideleg_q & {32{s_en}};
      irq_valid_d = 1'b1;
      // M-level interrupts first, then S-level; within a level MEI, MSI, MTI, SEI, SSI, STI
      if      (m_pend[rv_core_pkg::IRQ_MEI]) irq_code_d = 5'(rv_core_pkg::IRQ_MEI);
      else if (m_pend[rv_core_pkg::IRQ_MSI]) irq_code_d = 5'(rv_core_pkg::IRQ_MSI);
      else if (m_pend[rv_core_pkg::IRQ_MTI]) irq_code_d = 5'(rv_core_pkg::IRQ_MTI);
      else if (m_pend[rv_core_pkg::IRQ_SEI]) irq_code_d = 5'(rv_core_pkg::IRQ_SEI);
      else if (m_pend[rv_core_pkg::IRQ_SSI]) irq_code_d = 5'(rv_core_pkg::IRQ_SSI);
      else if (m_pend[rv_core_pkg::IRQ_STI]) irq_code_d = 5'(rv_core_pkg::IRQ_STI);
      else if (s_pend[rv_core_pkg::IRQ_SEI]) irq_code_d = 5'(rv_core_pkg::IRQ_SEI);
      else if (s_pend[rv_core_pkg::IRQ_SSI]) irq_code_d = 5'(rv_core_pkg::IRQ_SSI);
      else if (s_pend[rv_core_pkg::IRQ_STI]) irq_code_d = 5'(rv_core_pkg::IRQ_STI);
      else                      irq_valid_d = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      irq_valid_o <= 1'b0;
      irq_code_o  <= 5'd0;
      wfi_wake_o  <= 1'b0;
    end else begin
      irq_valid_o <= irq_valid_d;
      irq_code_o  <= irq_code_d;
      wfi_wake_o  <= (pend != 32'd0);
    end
  end

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
      mcounteren_q    <= '0;
      scounteren_q    <= '0;
      mcountinhibit_q <= '0;
      mcause_q        <= '0;
      scause_q        <= '0;
    end else begin
      if (trap_i) begin
        if (trap_to_s) begin
          spp_q    <= priv_q[0];
          spie_q   <= sie_q;
          sie_q    <= 1'b0;
          priv_q   <= rv_core_pkg::PRIV_S;
          scause_q <= {trap_irq_i, 26'd0, trap_code_i};
        end else begin
          mpp_q    <= priv_q;
          mpie_q   <= mie_q;
          mie_q    <= 1'b0;
          priv_q   <= rv_core_pkg::PRIV_M;
          mcause_q <= {trap_irq_i, 26'd0, trap_code_i};
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
        if (sel_mstatus) begin
          mie_q  <= wval[rv_core_pkg::MSTATUS_MIE];
          mpie_q <= wval[rv_core_pkg::MSTATUS_MPIE];
          if (RV_SU) begin
            sie_q  <= wval[rv_core_pkg::MSTATUS_SIE];
            spie_q <= wval[rv_core_pkg::MSTATUS_SPIE];
            spp_q  <= wval[rv_core_pkg::MSTATUS_SPP];
            // MPP is WARL: the reserved value 2 leaves it unchanged
            if (wval[12:11] != 2'b10) mpp_q <= wval[12:11];
            mprv_q <= wval[rv_core_pkg::MSTATUS_MPRV];
            mxr_q  <= wval[rv_core_pkg::MSTATUS_MXR];
            tvm_q  <= wval[rv_core_pkg::MSTATUS_TVM];
            tw_q   <= wval[rv_core_pkg::MSTATUS_TW];
            tsr_q  <= wval[rv_core_pkg::MSTATUS_TSR];
          end
        end
        if (sel_sstatus) begin
          sie_q  <= wval[rv_core_pkg::MSTATUS_SIE];
          spie_q <= wval[rv_core_pkg::MSTATUS_SPIE];
          spp_q  <= wval[rv_core_pkg::MSTATUS_SPP];
          mxr_q  <= wval[rv_core_pkg::MSTATUS_MXR];
        end
        if (sel_medeleg) medeleg_q <= wval & MEDELEG_MASK;
        if (sel_mideleg) mideleg_q <= wval & MIDELEG_MASK;
        if (sel_mie)     mie_reg_q <= wval & MIE_MASK;
        if (sel_sie)     mie_reg_q <= (mie_reg_q & ~mideleg_q) | (wval & mideleg_q);
        if (sel_mip) begin
          if (MIP_SW_MASK[rv_core_pkg::IRQ_SSI]) ssip_q    <= wval[rv_core_pkg::IRQ_SSI];
          if (MIP_SW_MASK[rv_core_pkg::IRQ_STI]) stip_q    <= wval[rv_core_pkg::IRQ_STI];
          if (MIP_SW_MASK[rv_core_pkg::IRQ_SEI]) seip_sw_q <= wval[rv_core_pkg::IRQ_SEI];
        end
        if (sel_sip && mideleg_q[rv_core_pkg::IRQ_SSI]) ssip_q <= wval[rv_core_pkg::IRQ_SSI];
        if (sel_mcounteren)    mcounteren_q <= wval[2:0];
        if (sel_scounteren)    scounteren_q <= wval[2:0];
        if (sel_mcountinhibit) mcountinhibit_q <= {wval[2], 1'b0, wval[0]};
        if (sel_mcause)        mcause_q <= wval & CAUSE_MASK;
        if (sel_scause)        scause_q <= wval & CAUSE_MASK;
      end
    end
  end

  // -------------------------------------------------------------------------------------------
  // Counters: 64 bits, as in rv_csr. mcycle: a CSR write to one half replaces that half's
  // increment (the other half still counts). minstret: an instruction that writes either half is
  // not counted.
  //
  // Each half is one adder whose second operand is all ones while that half is written: on the
  // iCE40 the write multiplexer then fits into the adder's LUT (inputs: the write value, the
  // counter bit and the carry pins, the write enable on the second carry pin), one LUT per bit
  // instead of two. The adder's carries are meaningless during a write, which replaces all its
  // bits; the carry into the upper half is formed explicitly.
  // -------------------------------------------------------------------------------------------
  logic        cy_inc, ir_inc, ir_inc_q;
  logic        cy_wlo, cy_whi, ir_wlo, ir_whi, cy_c, ir_c;
  logic [31:0] cy_lo, ir_lo;
  logic [31:0] cy_hi, ir_hi;
  // A CSR write to a counter takes effect one cycle after the instruction commits (cnt_wr_q), so
  // that the write enables, which depend on the commit logic, reach the counters' carry chains
  // from flip-flops (timing). The write value is formed again in that cycle, which rv_core_mc
  // spends in FETCH with the CSR instruction still in insn_q / rs1_q (acc_sel_i, acc_op_i and
  // acc_operand_i unchanged): for minstret it is the same value (the instruction's own
  // retirement is not counted, see ir_inc_q), for CSRRS/CSRRC on mcycle the old value is one
  // cycle later. Software cannot tell: the next instruction's EXEC is at least 3 cycles later.
  logic        ir_wlo_now, ir_whi_now;
  logic [3:0]  cnt_wr_q;   // {minstreth, minstret, mcycleh, mcycle} written in the previous cycle
  assign ir_wlo_now = wr && sel_minstret;
  assign ir_whi_now = wr && sel_minstreth;
  assign cy_wlo = cnt_wr_q[0];
  assign cy_whi = cnt_wr_q[1];
  assign ir_wlo = cnt_wr_q[2];
  assign ir_whi = cnt_wr_q[3];
  assign cy_inc = !mcountinhibit_q[0];
  // minstret counts a retirement one cycle later (ir_inc_q, decided at the retirement with the
  // inhibit bit of that moment): this keeps the ALU -> commit path out of the counter's carry
  // chain. It is invisible to software: the next instruction's EXEC is at least 3 cycles later.
  assign ir_inc = ir_inc_q;

  assign cy_lo = mcycle_q[31:0] + {32{cy_wlo}} + 32'(cy_inc);
  // the carry into the upper half: from the old lower half (also when the lower half is written,
  // as in rv_csr); a comparison rather than the lower adder's carry out, so that the two carry
  // chains are not in series behind the write enable (which depends on the commit logic)
  assign cy_c  = cy_inc && (mcycle_q[31:0] == 32'hFFFF_FFFF);
  assign cy_hi = mcycle_q[63:32] + {32{cy_whi}} + 32'(cy_c);
  assign ir_lo = minstret_q[31:0] + {32{ir_wlo}} + 32'(ir_inc);
  assign ir_c  = ir_inc && (minstret_q[31:0] == 32'hFFFF_FFFF);
  assign ir_hi = minstret_q[63:32] + {32{ir_whi}} + 32'(ir_c);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      mcycle_q   <= '0;
      minstret_q <= '0;
      ir_inc_q   <= 1'b0;
      cnt_wr_q   <= '0;
    end else begin
      cnt_wr_q <= {ir_whi_now, ir_wlo_now, wr && sel_mcycleh, wr && sel_mcycle};
      ir_inc_q <= retire_i && !mcountinhibit_q[2] && !ir_wlo_now && !ir_whi_now;
      if (cy_inc || cy_wlo || cy_whi) begin
        mcycle_q <= {cy_whi ? wval : cy_hi, cy_wlo ? wval : cy_lo};
      end
      if (ir_inc || ir_wlo || ir_whi) begin
        minstret_q <= {ir_whi ? wval : ir_hi, ir_wlo ? wval : ir_lo};
      end
    end
  end

  assign priv_o    = priv_q;
  assign mprv_o    = mprv_q;
  assign mpp_o     = mpp_q;
  assign tvm_o     = tvm_q;
  assign tw_o      = tw_q;
  assign tsr_o     = tsr_q;
  assign cycle_o   = mcycle_q;
  assign instret_o = minstret_q;

endmodule
