// Register block of the memory controller: the registers of docs/memctl.md, the command queue,
// the error status, the fault record and the interrupt.
//
// - Bus slave, always ready (except a TBL_ENTRY write in a cycle in which the table's write port
//   sets a dirty bit, and a TBL_ENTRY read until a table in block RAM has read the entry),
//   response in the next cycle. Only 32-bit accesses (be = 4'b1111); others get
//   a bus error and have no effect.
// - A refused write (RO register, unknown offset, register of the other organisation, bad value,
//   refused command) changes nothing but STATUS.ERROR / ERROR.
// - ERROR keeps the first error since STATUS.ERROR was last cleared; a write that clears
//   STATUS.ERROR in the same cycle as a new error lets the new error in.
// - FAULT_GPA / FAULT_INFO: the most recent fault; data port over fetch port in the same cycle.
module memctl_regs #(
  parameter int unsigned PAGE_SHIFT  = 12,
  parameter int unsigned NUM_VMS     = 4,
  parameter int unsigned GUEST_PAGES = 4096,
  parameter int unsigned TLB_ENTRIES = 16,
  parameter int unsigned QUEUE_DEPTH = soc_memory_map_pkg::MEMCTL_QUEUE_DEPTH,
  // Bits of a machine byte offset: the populated memory (mem_pages_i pages) is at most
  // 2^MEM_ADDR_W bytes. Narrows the range checks, the queued command arguments and P2M_BASE
  // (FPGA area); 32 = no limit.
  parameter int unsigned MEM_ADDR_W  = 32,
  // Organisations built: 1 direct table only, 2 TLB only, 3 both (org_i chooses). With one, org_i
  // is ignored and the other organisation's registers are not built (they read 0, BAD_REG).
  parameter int unsigned ORGS        = 3,
  // 1: the argument range checks of SCRUB / SCRUB_LIST are registered (see scrub_over; FPGA
  // timing); 0: combinational
  parameter bit          ARG_CHECK_REG = 1'b0,
  localparam int unsigned VmW        = (NUM_VMS > 1) ? $clog2(NUM_VMS) : 1,
  localparam int unsigned GpW        = $clog2(GUEST_PAGES),
  localparam int unsigned NCnt       = soc_memory_map_pkg::MEMCTL_NUM_COUNTERS,
  localparam int unsigned CntIdxW    = $clog2(NCnt)
) (
  input  logic           clk_i,
  input  logic           rst_ni,

  // Configuration
  input  logic           org_i,         // 0 direct table, 1 TLB + walker (ORGS = 3)
  input  logic [1:0]     backend_i,     // CONFIG back-end field
  input  logic [31:0]    mem_pages_i,

  // Bus slave
  input  logic           req_i,
  output logic           gnt_o,
  input  logic [31:0]    addr_i,
  input  logic           we_i,
  input  logic [3:0]     be_i,
  input  logic [31:0]    wdata_i,
  output logic           rvalid_o,
  output logic [31:0]    rdata_o,
  output logic           err_o,

  // Control outputs
  output logic           xlate_en_o,
  output logic [VmW-1:0] cur_vmid_o,
  output logic [31:0]    p2m_base_o,    // of CUR_VMID
  output logic [GpW:0]   p2m_pages_o,   // of CUR_VMID
  output logic           irq_o,
  output logic           counter_clear_o,

  // Table access (org a)
  output logic [VmW-1:0] tbl_vm_o,
  output logic [GpW-1:0] tbl_gppn_o,
  output logic           tbl_we_o,
  output logic [31:0]    tbl_wdata_o,
  input  logic [31:0]    tbl_rdata_i,
  input  logic           tbl_busy_i,
  output logic           tbl_rd_req_o,   // a TBL_ENTRY read is requested (table in block RAM)
  input  logic           tbl_rd_ready_i, // tbl_rdata_i is the selected entry (else: no grant)

  // Command queue
  output logic           enq_o,
  output logic           head_valid_o,
  output logic [2:0]     head_op_o,
  output logic [31:0]    head_arg0_o,
  output logic [31:0]    head_arg1_o,
  input  logic           pop_i,

  // Events
  input  logic [1:0]     fault_i,       // 0 = fetch, 1 = data
  input  logic [63:0]      fault_gpa_i,    // port p: bits [p*32 +: 32]
  input  logic [63:0]      fault_info_i,
  input  logic           fence_done_i,
  input  logic [31:0]    fence_cycles_i,
  input  logic           scrub_done_i,
  input  logic           scrub_err_i,   // a listed MPN was beyond memory (BAD_MPN)
  output logic [CntIdxW-1:0] cnt_idx_o,   // counter read port
  input  logic [31:0]    cnt_data_i
);

  logic org;
  assign org = (ORGS == 1) ? 1'b0 : (ORGS == 2) ? 1'b1 : org_i;

  localparam int unsigned QIdxW = (QUEUE_DEPTH > 1) ? $clog2(QUEUE_DEPTH) : 1;
  localparam int unsigned QCntW = $clog2(QUEUE_DEPTH + 1);

  // Narrowing (MEM_ADDR_W < 32). mem_pages_i has at most MpW significant bits, a memory size in
  // bytes MbW. Queued arguments: ARG0 is a VM, an MPN or a list address inside memory (its low
  // MEM_ADDR_W bits: RAM_BASE has none set); ARG1 a GPPN, a page count or a list length (words).
  // P2M_BASE is a word address inside memory: bits [PbHi:2] are stored.
  localparam bit Narrow = (MEM_ADDR_W < 32);
  localparam int unsigned MpW  = Narrow ? MEM_ADDR_W - PAGE_SHIFT + 1 : 32;
  localparam int unsigned MbW  = Narrow ? MEM_ADDR_W + 1 : 32;
  localparam int unsigned QA0W = !Narrow ? 32 : (VmW > MEM_ADDR_W) ? VmW : MEM_ADDR_W;
  localparam int unsigned QA1Mx = (GpW > MpW) ? GpW : MpW;
  localparam int unsigned QA1W = !Narrow ? 32 : (QA1Mx > MEM_ADDR_W - 1) ? QA1Mx : MEM_ADDR_W - 1;
  localparam int unsigned PbHi = Narrow ? MEM_ADDR_W - 1 : 31;
  // RAM_BASE with only bit 31 (or nothing) set: subtracting it is flipping bit 31.
  localparam bit BaseMsbOnly = (soc_memory_map_pkg::RAM_BASE & 32'h7FFF_FFFF) == 32'd0;
  localparam logic [31:0] RamBase = soc_memory_map_pkg::RAM_BASE;
  localparam logic [31:0] PbBase  = (PbHi >= 31) ? 32'd0
                                                  : (RamBase & ~((32'd1 << (PbHi + 1)) - 32'd1));

  function automatic logic [31:0] ram_off(logic [31:0] a);
    ram_off = BaseMsbOnly ? (a ^ soc_memory_map_pkg::RAM_BASE) : (a - soc_memory_map_pkg::RAM_BASE);
  endfunction
  // x < mem_pages_i: an OR over x's upper bits and an MpW-bit comparison
  function automatic logic below_mem(logic [31:0] x, logic [MpW-1:0] pages);
    below_mem = ((x >> MpW) == 32'd0) && (MpW'(x) < pages);
  endfunction
  // x >= NUM_VMS, x >= GUEST_PAGES (a power of two), x > GUEST_PAGES
  function automatic logic bad_vm(logic [31:0] x);
    bad_vm = ((x >> VmW) != 32'd0) || (32'(VmW'(x)) >= NUM_VMS);
  endfunction
  function automatic logic bad_gppn(logic [31:0] x);
    bad_gppn = (x >> GpW) != 32'd0;
  endfunction
  function automatic logic above_guest_pages(logic [31:0] x);
    above_guest_pages = ((x >> (GpW + 1)) != 32'd0) || (x[GpW] && (GpW'(x) != '0));
  endfunction

  localparam logic [31:0] StickyMask =
      soc_memory_map_pkg::MEMCTL_STATUS_FENCE_DONE | soc_memory_map_pkg::MEMCTL_STATUS_SCRUB_DONE |
      soc_memory_map_pkg::MEMCTL_STATUS_ERROR | soc_memory_map_pkg::MEMCTL_STATUS_FAULT;
  localparam logic [31:0] ConfigValue =
      (32'(PAGE_SHIFT) << soc_memory_map_pkg::MEMCTL_CONFIG_PAGE_SHIFT_LSB) |
      (32'(NUM_VMS) << soc_memory_map_pkg::MEMCTL_CONFIG_VMS_LSB);

  // ------------------------------------------------------------------ state
  logic [VmW-1:0] cur_vmid_q, cur_vmid_d;
  logic           enable_q, enable_d;
  logic [31:0]    sticky_q, sticky_d;       // FENCE_DONE, SCRUB_DONE, ERROR, FAULT bits
  logic [2:0]     error_q, error_d;
  logic [31:0]    irq_en_q, irq_en_d;
  logic [31:0]    arg0_q, arg0_d, arg1_q, arg1_d;
  logic [31:0]    fence_seq_q, fence_seq_d;
  logic [31:0]    last_fence_q, last_fence_d;
  logic [31:0]    fault_gpa_q, fault_gpa_d;
  logic [VmW+3:0] fault_info_q, fault_info_d;   // {reason, fetch, write, vm}
  logic [VmW-1:0] tbl_vm_q, tbl_vm_d;
  logic [GpW-1:0] tbl_gppn_q, tbl_gppn_d;
  logic [VmW-1:0] p2m_sel_q, p2m_sel_d;
  // per VM v: bits [v*32 +: 32] and [v*PgW +: PgW]
  localparam int unsigned PgW = GpW + 1;
  localparam int unsigned PbW = PbHi - 1;   // bits [PbHi:2]
  logic [NUM_VMS*PbW-1:0] p2m_base_q;
  logic [NUM_VMS*PgW-1:0] p2m_pages_q;
  logic           p2m_base_we, p2m_pages_we;

  // Command queue
  logic [2:0]       q_op   [QUEUE_DEPTH];
  logic [QA0W-1:0]  q_arg0 [QUEUE_DEPTH];
  logic [QA1W-1:0]  q_arg1 [QUEUE_DEPTH];
  logic [QIdxW-1:0] q_rd_q, q_rd_d, q_wr_q, q_wr_d;
  logic [QCntW-1:0] q_cnt_q, q_cnt_d;
  logic             q_full;

  // Bus
  logic        hs, word, wr, rd;
  logic [11:0] off;
  logic        cmd_hold;   // a CMD write waits for the argument checks (ARG_CHECK_REG)
  logic        rvalid_q, err_q;
  logic [31:0] rdata_q, rdata_d;

  // Write decode results
  logic [2:0]  reg_err;       // 0 = none
  logic [31:0] w1c;

  assign off    = addr_i[11:0];
  assign word   = (be_i == 4'b1111);
  assign tbl_rd_req_o = req_i && !we_i && (off == 12'(soc_memory_map_pkg::MEMCTL_TBL_ENTRY));
  assign gnt_o  = !(tbl_busy_i && we_i && (off == 12'(soc_memory_map_pkg::MEMCTL_TBL_ENTRY))) &&
                  !(tbl_rd_req_o && !tbl_rd_ready_i) && !cmd_hold;
  assign hs     = req_i && gnt_o;
  assign wr     = hs && we_i && word;
  assign rd     = hs && !we_i && word;
  assign q_full = (q_cnt_q == QCntW'(QUEUE_DEPTH));

  // ------------------------------------------------------------------ command checks
  logic [2:0]     cmd_err;
  logic           scrub_bad, list_bad, wdata_bad_vm;
  logic           arg0_we, arg1_we;

  // Properties of CMD_ARG0 / CMD_ARG1 that depend on their upper bits: computed once from the
  // value written and kept with it, so that a CMD write only compares the low bits.
  logic a0_bad_vm_q, a0_hi_ok_q, a0_list_ok_q;          // vm >= NUM_VMS; < 2^MpW; list address
  logic a1_zero_q, a1_bad_gppn_q, a1_hi_mp_q, a1_hi_mb_q; // 0; >= GUEST_PAGES; < 2^MpW; < 2^MbW
  function automatic logic hi_ok(logic [31:0] x, int unsigned w);
    hi_ok = (x >> w) == 32'd0;
  endfunction
  function automatic logic list_hi_ok(logic [31:0] x);
    list_hi_ok = (x[1:0] == 2'b00) && hi_ok(ram_off(x), PAGE_SHIFT + MpW);
  endfunction

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      a0_bad_vm_q   <= bad_vm(32'd0);
      a0_hi_ok_q    <= 1'b1;
      a0_list_ok_q  <= list_hi_ok(32'd0);
      a1_zero_q     <= 1'b1;
      a1_bad_gppn_q <= 1'b0;
      a1_hi_mp_q    <= 1'b1;
      a1_hi_mb_q    <= 1'b1;
    end else begin
      if (arg0_we) begin
        a0_bad_vm_q  <= wdata_bad_vm;
        a0_hi_ok_q   <= hi_ok(wdata_i, MpW);
        a0_list_ok_q <= list_hi_ok(wdata_i);
      end
      if (arg1_we) begin
        a1_zero_q     <= (wdata_i == 32'd0);
        a1_bad_gppn_q <= bad_gppn(wdata_i);
        a1_hi_mp_q    <= hi_ok(wdata_i, MpW);
        a1_hi_mb_q    <= hi_ok(wdata_i, MbW);
      end
    end
  end

  assign wdata_bad_vm  = bad_vm(wdata_i);
  // One sum and one comparison per check (FPGA area), on operands whose upper bits are known to
  // be zero (the a0_* / a1_* flags). They only depend on CMD_ARG0 / CMD_ARG1 (and the static
  // memory size), so they are computed when an argument is written, from the values being
  // written. ARG_CHECK_REG = 0: computed combinationally from the arguments (a CMD write may
  // follow an argument write in the next cycle). ARG_CHECK_REG = 1 (FPGA timing): computed from
  // the argument registers into flip-flops in the cycle after an argument write, so that a CMD
  // write reads two flags instead of two carry chains in series in front of the queue's write
  // enable; a CMD write in that one cycle is not granted yet (the multi-cycle core never makes one:
  // its stores are at least four cycles apart).
  // SCRUB: 1 <= count and mpn + count <= MEM_PAGES (so mpn < MEM_PAGES)
  // (the functions use only the low bits of their arguments, as the flags above allow)
  /* verilator lint_off UNUSEDSIGNAL */
  function automatic logic scrub_over(logic [31:0] a0, logic [31:0] a1, logic [31:0] pages);
    logic [MpW:0] scrub_end;
    scrub_end  = (MpW+1)'(MpW'(a0)) + (MpW+1)'(MpW'(a1));
    scrub_over = scrub_end > (MpW+1)'(MpW'(pages));
  endfunction
  // SCRUB_LIST (count >= 1, checked before): word aligned, and list word index + count <= words
  // in memory (so the list starts inside memory)
  localparam int unsigned LwW = PAGE_SHIFT + MpW - 2;   // list word index bits (a0_list_ok_q)
  localparam int unsigned SW  = ((MbW > LwW) ? MbW : LwW) + 1;
  function automatic logic list_over(logic [31:0] a0, logic [31:0] a1, logic [31:0] pages);
    logic [31:0]   a0_off, a0_word;
    logic [SW-1:0] list_w, list_end, mem_words;
    a0_off    = ram_off(a0);
    a0_word   = (a0_off >> 2) & ((LwW >= 30) ? 32'h3FFF_FFFF : ((32'd1 << LwW) - 32'd1));
    list_w    = SW'(a0_word);
    mem_words = SW'(MpW'(pages)) << (PAGE_SHIFT - 2);
    list_end  = list_w + SW'(MbW'(a1));
    list_over = list_end > mem_words;
  endfunction
  /* verilator lint_on UNUSEDSIGNAL */

  logic scrub_ovr, list_ovr;
  if (ARG_CHECK_REG) begin : g_arg_check_reg
    logic scrub_over_q, list_over_q, args_new_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        scrub_over_q <= 1'b0;   // (both arguments reset to 0: nothing is over)
        list_over_q  <= 1'b0;
        args_new_q   <= 1'b0;
      end else begin
        args_new_q <= arg0_we || arg1_we;
        if (args_new_q) begin
          scrub_over_q <= scrub_over(arg0_q, arg1_q, mem_pages_i);
          list_over_q  <= list_over(arg0_q, arg1_q, mem_pages_i);
        end
      end
    end
    assign scrub_ovr = scrub_over_q;
    assign list_ovr  = list_over_q;
    assign cmd_hold  = args_new_q && we_i && (off == 12'(soc_memory_map_pkg::MEMCTL_CMD));
  end else begin : g_arg_check_comb
    assign scrub_ovr = scrub_over(arg0_q, arg1_q, mem_pages_i);
    assign list_ovr  = list_over(arg0_q, arg1_q, mem_pages_i);
    assign cmd_hold  = 1'b0;
  end
  assign scrub_bad = a1_zero_q || !a0_hi_ok_q || !a1_hi_mp_q || scrub_ovr;
  assign list_bad  = !a0_list_ok_q || !a1_hi_mb_q || list_ovr;

  always_comb begin
    cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_NONE);
    if (!wr) begin
      // (only evaluated for writes: cheap simulation)
      cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_NONE);
    end else if (q_full) begin
      cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_QUEUE_FULL);
    end else if (wdata_i[31:3] != 29'd0) begin
      cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_CMD);
    end else begin
      unique case (wdata_i[2:0])
        3'(soc_memory_map_pkg::MEMCTL_CMD_INVAL_PAGE): begin
          if (a0_bad_vm_q) cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_VMID);
          else if (a1_bad_gppn_q) cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_GPPN);
        end
        3'(soc_memory_map_pkg::MEMCTL_CMD_INVAL_VM): begin
          if (a0_bad_vm_q) cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_VMID);
        end
        3'(soc_memory_map_pkg::MEMCTL_CMD_INVAL_ALL), 3'(soc_memory_map_pkg::MEMCTL_CMD_FENCE): ;
        3'(soc_memory_map_pkg::MEMCTL_CMD_SCRUB): begin
          if (scrub_bad) cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_MPN);
        end
        3'(soc_memory_map_pkg::MEMCTL_CMD_SCRUB_LIST): begin
          if (a1_zero_q) begin
            cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_MPN);
          end else if (list_bad) begin
            cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_ADDR);
          end
        end
        default: cmd_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_CMD);
      endcase
    end
  end

  // ------------------------------------------------------------------ register writes
  always_comb begin
    reg_err      = 3'(soc_memory_map_pkg::MEMCTL_ERR_NONE);
    w1c          = '0;
    cur_vmid_d   = cur_vmid_q;
    enable_d     = enable_q;
    irq_en_d     = irq_en_q;
    arg0_d       = arg0_q;
    arg1_d       = arg1_q;
    arg0_we      = 1'b0;
    arg1_we      = 1'b0;
    tbl_vm_d     = tbl_vm_q;
    tbl_gppn_d   = tbl_gppn_q;
    p2m_sel_d    = p2m_sel_q;
    p2m_base_we  = 1'b0;
    p2m_pages_we = 1'b0;
    tbl_we_o     = 1'b0;
    enq_o        = 1'b0;
    counter_clear_o = 1'b0;
    if (wr) begin
      unique case (off)
        12'(soc_memory_map_pkg::MEMCTL_CUR_VMID): begin
          if (wdata_bad_vm) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_VMID);
          else cur_vmid_d = VmW'(wdata_i);
        end
        12'(soc_memory_map_pkg::MEMCTL_STATUS):     w1c = wdata_i & StickyMask;
        12'(soc_memory_map_pkg::MEMCTL_IRQ_ENABLE): irq_en_d = wdata_i & StickyMask;
        12'(soc_memory_map_pkg::MEMCTL_CMD_ARG0): begin
          arg0_d  = wdata_i;
          arg0_we = 1'b1;
        end
        12'(soc_memory_map_pkg::MEMCTL_CMD_ARG1): begin
          arg1_d  = wdata_i;
          arg1_we = 1'b1;
        end
        12'(soc_memory_map_pkg::MEMCTL_CMD): begin
          reg_err = cmd_err;
          enq_o   = (cmd_err == 3'(soc_memory_map_pkg::MEMCTL_ERR_NONE));
        end
        12'(soc_memory_map_pkg::MEMCTL_CTRL):       enable_d = wdata_i[0];
        12'(soc_memory_map_pkg::MEMCTL_TBL_VMID): begin
          if (org) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_REG);
          else if (wdata_bad_vm) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_VMID);
          else tbl_vm_d = VmW'(wdata_i);
        end
        12'(soc_memory_map_pkg::MEMCTL_TBL_GPPN): begin
          if (org) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_REG);
          else if (bad_gppn(wdata_i)) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_GPPN);
          else tbl_gppn_d = GpW'(wdata_i);
        end
        12'(soc_memory_map_pkg::MEMCTL_TBL_ENTRY): begin
          if (org) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_REG);
          else if (((wdata_i & soc_memory_map_pkg::MEMCTL_PTE_V) != 0)
                   && !below_mem(32'(wdata_i[31:8]), MpW'(mem_pages_i))) begin
            reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_MPN);
          end else begin
            tbl_we_o = 1'b1;
          end
        end
        12'(soc_memory_map_pkg::MEMCTL_P2M_SEL): begin
          if (!org) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_REG);
          else if (wdata_bad_vm) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_VMID);
          else p2m_sel_d = VmW'(wdata_i);
        end
        12'(soc_memory_map_pkg::MEMCTL_P2M_BASE): begin
          if (!org) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_REG);
          else if ((wdata_i[1:0] != 2'b00)
                   || !below_mem(ram_off(wdata_i) >> PAGE_SHIFT, MpW'(mem_pages_i))) begin
            reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_ADDR);
          end else begin
            p2m_base_we = 1'b1;
          end
        end
        12'(soc_memory_map_pkg::MEMCTL_P2M_PAGES): begin
          if (!org) reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_REG);
          else if (above_guest_pages(wdata_i)) begin
            reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_GPPN);
          end
          else p2m_pages_we = 1'b1;
        end
        12'(soc_memory_map_pkg::MEMCTL_COUNTER_CTRL): counter_clear_o = wdata_i[0];
        // ID, CONFIG, MEM_PAGES, GUEST_PAGES, ERROR, FENCE_SEQ, LAST_FENCE_CYCLES, FAULT_*,
        // the counters and every unknown offset
        default: reg_err = 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_REG);
      endcase
    end
  end

  assign tbl_vm_o    = tbl_vm_q;
  assign tbl_gppn_o  = tbl_gppn_q;
  assign tbl_wdata_o = wdata_i;

  // ------------------------------------------------------------------ status, error, faults
  logic       err_now;
  logic [2:0] err_code;

  assign err_now  = (reg_err != 3'(soc_memory_map_pkg::MEMCTL_ERR_NONE)) || scrub_err_i;
  assign err_code = (reg_err != 3'(soc_memory_map_pkg::MEMCTL_ERR_NONE))
                    ? reg_err : 3'(soc_memory_map_pkg::MEMCTL_ERR_BAD_MPN);

  always_comb begin
    sticky_d     = sticky_q & ~w1c;
    error_d      = ((w1c & soc_memory_map_pkg::MEMCTL_STATUS_ERROR) != 0)
                   ? 3'(soc_memory_map_pkg::MEMCTL_ERR_NONE) : error_q;
    fence_seq_d  = fence_seq_q;
    last_fence_d = last_fence_q;
    fault_gpa_d  = fault_gpa_q;
    fault_info_d = fault_info_q;
    if (err_now) begin
      if ((sticky_d & soc_memory_map_pkg::MEMCTL_STATUS_ERROR) == 0) error_d = err_code;
      sticky_d = sticky_d | soc_memory_map_pkg::MEMCTL_STATUS_ERROR;
    end
    if (fence_done_i) begin
      sticky_d     = sticky_d | soc_memory_map_pkg::MEMCTL_STATUS_FENCE_DONE;
      fence_seq_d  = fence_seq_q + 32'd1;
      last_fence_d = fence_cycles_i;
    end
    if (scrub_done_i) begin
      sticky_d = sticky_d | soc_memory_map_pkg::MEMCTL_STATUS_SCRUB_DONE;
    end
    for (int p = 0; p < 2; p++) begin
      if (fault_i[p]) begin
        sticky_d     = sticky_d | soc_memory_map_pkg::MEMCTL_STATUS_FAULT;
        fault_gpa_d  = fault_gpa_i[p*32 +: 32];
        fault_info_d = {fault_info_i[p*32 + 8 +: 4], fault_info_i[p*32 +: VmW]};
      end
    end
  end

  // ------------------------------------------------------------------ command queue
  always_comb begin
    q_rd_d  = q_rd_q;
    q_wr_d  = q_wr_q;
    q_cnt_d = q_cnt_q;
    if (enq_o) begin
      q_wr_d  = (q_wr_q == QIdxW'(QUEUE_DEPTH - 1)) ? '0 : q_wr_q + QIdxW'(1);
      q_cnt_d = q_cnt_d + QCntW'(1);
    end
    if (pop_i && (q_cnt_q != '0)) begin
      q_rd_d  = (q_rd_q == QIdxW'(QUEUE_DEPTH - 1)) ? '0 : q_rd_q + QIdxW'(1);
      q_cnt_d = q_cnt_d - QCntW'(1);
    end
  end

  always_ff @(posedge clk_i) begin
    if (enq_o) begin
      q_op[q_wr_q]   <= wdata_i[2:0];
      q_arg0[q_wr_q] <= QA0W'(arg0_q);
      q_arg1[q_wr_q] <= QA1W'(arg1_q);
    end
  end

  assign head_valid_o = (q_cnt_q != '0);
  assign head_op_o    = q_op[q_rd_q];
  assign head_arg0_o  = 32'(q_arg0[q_rd_q]);
  assign head_arg1_o  = 32'(q_arg1[q_rd_q]);

  // ------------------------------------------------------------------ read data
  // The counter block: COUNTER_BASE is aligned to its size (rounded up to a power of two), so the
  // decode is an equality on the upper offset bits and a small comparison on the index.
  localparam int unsigned CntBase    = soc_memory_map_pkg::MEMCTL_COUNTER_BASE;
  localparam bit          CntAligned = (CntBase % (4 << CntIdxW)) == 0;
  logic cnt_off;
  assign cnt_off = CntAligned
      ? (((off >> (2 + CntIdxW)) == 12'(CntBase >> (2 + CntIdxW))) &&
         (32'(off[2 +: CntIdxW]) < NCnt) && (off[1:0] == 2'b00))
      : ((off >= 12'(CntBase)) && (off < 12'(CntBase + 4 * NCnt)) && (off[1:0] == 2'b00));
  logic [31:0] status;
  logic        scrub_cmd;

  assign scrub_cmd = head_valid_o && ((head_op_o == 3'(soc_memory_map_pkg::MEMCTL_CMD_SCRUB)) ||
                                      (head_op_o == 3'(soc_memory_map_pkg::MEMCTL_CMD_SCRUB_LIST)));
  assign status = sticky_q |
                  (head_valid_o ? soc_memory_map_pkg::MEMCTL_STATUS_CMD_BUSY : 32'd0) |
                  (scrub_cmd ? soc_memory_map_pkg::MEMCTL_STATUS_SCRUB_BUSY : 32'd0) |
                  (q_full ? soc_memory_map_pkg::MEMCTL_STATUS_QUEUE_FULL : 32'd0);

  always_comb begin
    rdata_d = 32'd0;
    if (rd) unique case (off)
      12'(soc_memory_map_pkg::MEMCTL_ID):          rdata_d = soc_memory_map_pkg::MEMCTL_ID_VALUE;
      12'(soc_memory_map_pkg::MEMCTL_CONFIG):
        rdata_d = ConfigValue | 32'(org) |
                  (org ? (32'(TLB_ENTRIES) << soc_memory_map_pkg::MEMCTL_CONFIG_TLB_LSB)
                         : 32'd0) |
                  (32'(backend_i) << soc_memory_map_pkg::MEMCTL_CONFIG_BACKEND_LSB);
      12'(soc_memory_map_pkg::MEMCTL_MEM_PAGES):   rdata_d = 32'(MpW'(mem_pages_i));
      12'(soc_memory_map_pkg::MEMCTL_GUEST_PAGES): rdata_d = GUEST_PAGES;
      12'(soc_memory_map_pkg::MEMCTL_CUR_VMID):    rdata_d = 32'(cur_vmid_q);
      12'(soc_memory_map_pkg::MEMCTL_STATUS):      rdata_d = status;
      12'(soc_memory_map_pkg::MEMCTL_ERROR):       rdata_d = 32'(error_q);
      12'(soc_memory_map_pkg::MEMCTL_IRQ_ENABLE):  rdata_d = irq_en_q;
      12'(soc_memory_map_pkg::MEMCTL_CMD_ARG0):    rdata_d = arg0_q;
      12'(soc_memory_map_pkg::MEMCTL_CMD_ARG1):    rdata_d = arg1_q;
      12'(soc_memory_map_pkg::MEMCTL_FENCE_SEQ):   rdata_d = fence_seq_q;
      12'(soc_memory_map_pkg::MEMCTL_LAST_FENCE_CYCLES): rdata_d = last_fence_q;
      12'(soc_memory_map_pkg::MEMCTL_FAULT_GPA):   rdata_d = fault_gpa_q;
      12'(soc_memory_map_pkg::MEMCTL_FAULT_INFO):
        rdata_d = {20'd0, fault_info_q[VmW +: 4], 8'(fault_info_q[VmW-1:0])};
      12'(soc_memory_map_pkg::MEMCTL_CTRL):        rdata_d = 32'(enable_q);
      12'(soc_memory_map_pkg::MEMCTL_TBL_VMID):    rdata_d = org ? 32'd0 : 32'(tbl_vm_q);
      12'(soc_memory_map_pkg::MEMCTL_TBL_GPPN):    rdata_d = org ? 32'd0 : 32'(tbl_gppn_q);
      12'(soc_memory_map_pkg::MEMCTL_TBL_ENTRY):   rdata_d = org ? 32'd0 : tbl_rdata_i;
      12'(soc_memory_map_pkg::MEMCTL_P2M_SEL):     rdata_d = org ? 32'(p2m_sel_q) : 32'd0;
      12'(soc_memory_map_pkg::MEMCTL_P2M_BASE):
        rdata_d = org ? (PbBase | 32'({sel_base, 2'b00})) : 32'd0;
      12'(soc_memory_map_pkg::MEMCTL_P2M_PAGES):
        rdata_d = org ? 32'(sel_pages) : 32'd0;
      default: begin
        if (cnt_off) begin
          rdata_d = cnt_data_i;
        end
      end
    endcase
  end

  // ------------------------------------------------------------------ outputs
  assign xlate_en_o  = enable_q;
  assign cur_vmid_o  = cur_vmid_q;
  assign p2m_base_o  = PbBase | 32'({cur_base, 2'b00});
  assign p2m_pages_o = cur_pages;
  assign irq_o       = (sticky_q & irq_en_q) != 0;

  assign cnt_idx_o = CntAligned ? off[2 +: CntIdxW] : CntIdxW'((off - 12'(CntBase)) >> 2);

  logic unused;
  assign unused = ^{addr_i[31:12], fault_info_i, org_i, tbl_rdata_i, mem_pages_i};

  assign rvalid_o = rvalid_q;
  assign rdata_o  = rdata_q;
  assign err_o    = err_q;

  // ------------------------------------------------------------------ P2M registers (org b)
  // One register pair per VM, written when P2M_SEL selects it; read through P2M_SEL (registers)
  // and CUR_VMID (the walker). Explicit per-VM enables and multiplexers: an indexed part-select
  // write makes yosys build shifters.
  logic [PbW-1:0] sel_base, cur_base;
  logic [PgW-1:0] sel_pages, cur_pages;

  for (genvar v = 0; v < NUM_VMS; v++) begin : g_p2m
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        p2m_base_q[v*PbW +: PbW]  <= RamBase[PbHi:2];
        p2m_pages_q[v*PgW +: PgW] <= '0;
      end else begin
        if (p2m_base_we && (p2m_sel_q == VmW'(v))) p2m_base_q[v*PbW +: PbW] <= wdata_i[PbHi:2];
        if (p2m_pages_we && (p2m_sel_q == VmW'(v))) p2m_pages_q[v*PgW +: PgW] <= PgW'(wdata_i);
      end
    end
  end

  always_comb begin
    sel_base  = p2m_base_q[PbW-1:0];
    sel_pages = p2m_pages_q[PgW-1:0];
    cur_base  = p2m_base_q[PbW-1:0];
    cur_pages = p2m_pages_q[PgW-1:0];
    for (int unsigned v = 1; v < NUM_VMS; v++) begin
      if (p2m_sel_q == VmW'(v)) begin
        sel_base  = p2m_base_q[v*PbW +: PbW];
        sel_pages = p2m_pages_q[v*PgW +: PgW];
      end
      if (cur_vmid_q == VmW'(v)) begin
        cur_base  = p2m_base_q[v*PbW +: PbW];
        cur_pages = p2m_pages_q[v*PgW +: PgW];
      end
    end
  end

  // ------------------------------------------------------------------ flops
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cur_vmid_q   <= '0;
      enable_q     <= 1'b0;
      sticky_q     <= '0;
      error_q      <= 3'(soc_memory_map_pkg::MEMCTL_ERR_NONE);
      irq_en_q     <= '0;
      arg0_q       <= '0;
      arg1_q       <= '0;
      fence_seq_q  <= '0;
      last_fence_q <= '0;
      fault_gpa_q  <= '0;
      fault_info_q <= '0;
      tbl_vm_q     <= '0;
      tbl_gppn_q   <= '0;
      p2m_sel_q    <= '0;
      q_rd_q       <= '0;
      q_wr_q       <= '0;
      q_cnt_q      <= '0;
      rvalid_q     <= 1'b0;
      err_q        <= 1'b0;
      rdata_q      <= '0;
      for (int unsigned v = 0; v < NUM_VMS; v++) begin
      end
    end else begin
      cur_vmid_q   <= cur_vmid_d;
      enable_q     <= enable_d;
      sticky_q     <= sticky_d;
      error_q      <= error_d;
      irq_en_q     <= irq_en_d;
      arg0_q       <= arg0_d;
      arg1_q       <= arg1_d;
      fence_seq_q  <= fence_seq_d;
      last_fence_q <= last_fence_d;
      fault_gpa_q  <= fault_gpa_d;
      fault_info_q <= fault_info_d;
      tbl_vm_q     <= tbl_vm_d;
      tbl_gppn_q   <= tbl_gppn_d;
      p2m_sel_q    <= p2m_sel_d;
      q_rd_q       <= q_rd_d;
      q_wr_q       <= q_wr_d;
      q_cnt_q      <= q_cnt_d;
      rvalid_q     <= hs;
      err_q        <= hs && !word;
      if (rd) rdata_q <= rdata_d;
    end
  end

endmodule
