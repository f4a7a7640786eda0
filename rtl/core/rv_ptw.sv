// Sv32 hardware page-table walker, shared by the ITLB and the DTLB, issuing its PTE reads on the
// data port.
//
// A/D policy: the walker never writes PTEs. A leaf with A=0, or a store/AMO to a leaf with D=0,
// raises a page fault (the privileged spec allows this instead of a hardware update).
//
// A requester that is flushed while its walk is in flight is "killed": the walk still finishes
// its bus transaction (responses cannot be cancelled) but neither fills a TLB nor reports.
module rv_ptw
(
  input  logic        clk_i,
  input  logic        rst_ni,
  // requests (level signals, held until served). Data has priority: it is the older instruction.
  input  logic        data_req_i,
  input  logic [31:0] data_va_i,
  input  rv_core_pkg::acc_t        data_acc_i,
  input  rv_core_pkg::priv_t       data_priv_i,
  input  logic        fetch_req_i,
  input  logic [31:0] fetch_va_i,
  input  rv_core_pkg::priv_t       fetch_priv_i,
  input  logic        sum_i,
  input  logic        mxr_i,
  input  logic [21:0] satp_ppn_i,
  input  logic        dbus_free_i,     // no other dbus transaction in flight or starting
  input  logic        kill_data_i,
  input  logic        kill_fetch_i,
  input  logic        kill_all_i,      // SFENCE.VMA / satp write
  output logic        busy_o,
  // data bus master side (muxed onto dbus by the core while busy_o)
  output logic        req_o,
  output logic [31:0] addr_o,
  output rv_core_pkg::priv_t       priv_o,
  input  logic        gnt_i,
  input  logic        rvalid_i,
  input  logic [31:0] rdata_i,
  input  logic        err_i,
  // completion, one cycle
  output logic        done_data_o,
  output logic        done_fetch_o,
  output logic        fault_page_o,    // page fault (else access fault) when fault_o
  output logic        fault_o,
  // TLB fill
  output logic        fill_itlb_o,
  output logic        fill_dtlb_o,
  output logic [19:0] fill_vpn_o,
  output logic [19:0] fill_ppn_o,
  output logic        fill_super_o,
  output logic [7:0]  fill_flags_o
);

  typedef logic [1:0] state_t;
  localparam state_t ST_IDLE = 2'd0;
  localparam state_t ST_REQ  = 2'd1;
  localparam state_t ST_WAIT = 2'd2;

  state_t      state_q, state_d;
  logic        lvl0_q, lvl0_d;         // 0: reading the level-1 (root) PTE, 1: level-0 PTE
  logic [33:0] pte_addr_q, pte_addr_d; // Sv32 physical addresses are 34 bits
  logic [31:0] va_q;
  rv_core_pkg::acc_t        acc_q;
  rv_core_pkg::priv_t       priv_q;
  logic        is_fetch_q;
  logic        killed_q;

  function automatic logic perm_ok(logic [7:0] f, rv_core_pkg::acc_t acc,
                                   rv_core_pkg::priv_t priv, logic sum, logic mxr);
    logic ok;
    unique case (acc)
      rv_core_pkg::ACC_FETCH: ok = f[rv_core_pkg::PTE_X];
      rv_core_pkg::ACC_LOAD:  ok = f[rv_core_pkg::PTE_R] | (mxr & f[rv_core_pkg::PTE_X]);
      default:   ok = f[rv_core_pkg::PTE_W] & f[rv_core_pkg::PTE_D];
    endcase
    if (priv == rv_core_pkg::PRIV_U) begin
      ok = ok & f[rv_core_pkg::PTE_U];
    end else if (f[rv_core_pkg::PTE_U]) begin
      ok = ok & (acc != rv_core_pkg::ACC_FETCH) & sum;
    end
    perm_ok = ok & f[rv_core_pkg::PTE_A];
  endfunction

  logic start, start_data;
  assign start      = (state_q == ST_IDLE) && (data_req_i || fetch_req_i) && dbus_free_i;
  assign start_data = data_req_i;

  logic kill_now;
  assign kill_now = kill_all_i || (is_fetch_q ? kill_fetch_i : kill_data_i);

  // PTE evaluation (computed in ST_WAIT only, so that an idle walker costs the simulator little)
  logic [31:0] pte;
  logic        pte_leaf, pte_invalid, misaligned_super;
  assign pte = rdata_i;

  logic finish, fin_fault, fin_page;
  always_comb begin
    state_d          = state_q;
    lvl0_d           = lvl0_q;
    pte_addr_d       = pte_addr_q;
    finish           = 1'b0;
    fin_fault        = 1'b0;
    fin_page         = 1'b0;
    pte_invalid      = 1'b0;
    pte_leaf         = 1'b0;
    misaligned_super = 1'b0;
    unique case (state_q)
      ST_IDLE: begin
        if (start) begin
          state_d    = ST_REQ;
          lvl0_d     = 1'b0;
          pte_addr_d = {satp_ppn_i, (start_data ? data_va_i[31:22] : fetch_va_i[31:22]), 2'b00};
        end
      end
      ST_REQ: begin
        if (pte_addr_q[33:32] != 2'b00) begin
          // PTE outside the 32-bit physical bus: access fault without a bus access
          finish    = 1'b1;
          fin_fault = 1'b1;
          state_d   = ST_IDLE;
        end else if (gnt_i) begin
          state_d = ST_WAIT;
        end
      end
      ST_WAIT: begin
        pte_invalid      = !pte[rv_core_pkg::PTE_V] ||
                           (!pte[rv_core_pkg::PTE_R] && pte[rv_core_pkg::PTE_W]);
        pte_leaf         = pte[rv_core_pkg::PTE_R] || pte[rv_core_pkg::PTE_X];
        misaligned_super = !lvl0_q && (pte[19:10] != 10'd0);
        if (rvalid_i) begin
          if (err_i) begin
            finish    = 1'b1;
            fin_fault = 1'b1;
            state_d   = ST_IDLE;
          end else if (pte_invalid) begin
            finish    = 1'b1;
            fin_fault = 1'b1;
            fin_page  = 1'b1;
            state_d   = ST_IDLE;
          end else if (pte_leaf) begin
            finish  = 1'b1;
            state_d = ST_IDLE;
            if (misaligned_super || !perm_ok(pte[7:0], acc_q, priv_q, sum_i, mxr_i)) begin
              fin_fault = 1'b1;
              fin_page  = 1'b1;
            end else if (pte[31:30] != 2'b00) begin
              // leaf maps beyond the 32-bit physical address space
              fin_fault = 1'b1;
            end
          end else if (lvl0_q) begin
            // pointer at the last level
            finish    = 1'b1;
            fin_fault = 1'b1;
            fin_page  = 1'b1;
            state_d   = ST_IDLE;
          end else begin
            lvl0_d     = 1'b1;
            pte_addr_d = {pte[31:10], va_q[21:12], 2'b00};
            state_d    = ST_REQ;
          end
        end
      end
      default: state_d = ST_IDLE;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= ST_IDLE;
      lvl0_q     <= 1'b0;
      pte_addr_q <= '0;
      va_q       <= '0;
      acc_q      <= rv_core_pkg::ACC_LOAD;
      priv_q     <= rv_core_pkg::PRIV_U;
      is_fetch_q <= 1'b0;
      killed_q   <= 1'b0;
    end else begin
      state_q    <= state_d;
      lvl0_q     <= lvl0_d;
      pte_addr_q <= pte_addr_d;
      if (start) begin
        va_q       <= start_data ? data_va_i : fetch_va_i;
        acc_q      <= start_data ? data_acc_i : rv_core_pkg::ACC_FETCH;
        priv_q     <= start_data ? data_priv_i : fetch_priv_i;
        is_fetch_q <= !start_data;
        killed_q   <= kill_all_i || (start_data ? kill_data_i : kill_fetch_i);
      end else if (state_q != ST_IDLE && kill_now) begin
        killed_q <= 1'b1;
      end
    end
  end

  logic unused_va;
  assign unused_va = ^va_q[11:0];  // the page offset is not needed to walk

  logic report;
  assign report = finish && !killed_q && !kill_now;

  assign busy_o  = (state_q != ST_IDLE);
  assign req_o   = (state_q == ST_REQ) && (pte_addr_q[33:32] == 2'b00);
  assign addr_o  = pte_addr_q[31:0];
  assign priv_o  = priv_q;

  assign done_data_o  = report && !is_fetch_q;
  assign done_fetch_o = report && is_fetch_q;
  assign fault_o      = fin_fault;
  assign fault_page_o = fin_page;

  assign fill_itlb_o  = report && !fin_fault && is_fetch_q;
  assign fill_dtlb_o  = report && !fin_fault && !is_fetch_q;
  assign fill_vpn_o   = va_q[31:12];
  assign fill_ppn_o   = pte[29:10];
  assign fill_super_o = !lvl0_q;
  assign fill_flags_o = pte[7:0];

endmodule
