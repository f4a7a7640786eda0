// Memory controller (docs/memctl.md): page-remapping unit, command queue with invalidation and
// fences, scrubber, counters and the back end (SRAM or DRAM timing model), behind three bus ports
// (fetch, data, registers) that follow docs/architecture.md.
//
// This is also the standalone top for block-level testbenches: drive the three ports, tie the
// configuration inputs, and provide the storage DPI functions (socsim_ram_read/socsim_ram_write,
// see memctl_storage.sv).
//
// Organisation and back end are parameters (ORG, BACKEND). With RUNTIME_CFG = 1 both organisations
// and both back ends are built and org_sel_i / backend_sel_i choose (simulation models: one model
// for every configuration; the inputs must only change while rst_ni is low).
module memctl_top #(
  parameter int unsigned ORG                = 0,      // 0 direct table, 1 TLB + walker
  parameter int unsigned PAGE_SHIFT         = 12,     // 12 (4 KiB) or 10 (1 KiB)
  parameter int unsigned NUM_VMS            = 4,      // 1..31
  parameter int unsigned GUEST_PAGES        = 4096,   // power of two, >= 2
  parameter int unsigned TLB_ENTRIES        = 16,     // 1..255 (org b)
  parameter int unsigned BACKEND            = 0,      // 0 SRAM, 1 DRAM timing model
  parameter int unsigned RUNTIME_CFG        = 0,      // 1: org_sel_i / backend_sel_i choose
  parameter int unsigned COUNTERS           = 1,      // 0: no counter hardware (read 0)
  parameter int unsigned QUEUE_DEPTH        = soc_memory_map_pkg::MEMCTL_QUEUE_DEPTH,
  parameter int unsigned SCRUB_MAX_WAIT     = 7,      // scrubber starvation guard (0: none)
  parameter int unsigned SRAM_FETCH_PORT    = 1,      // SRAM: fetches get their own port
  // SRAM: 1 = mem_latency_i wait cycles per access; 0 = none, mem_latency_i is ignored (FPGA
  // timing: the back end's grant is a constant)
  parameter int unsigned SRAM_WAIT_STATES   = 1,
  // Bits of a machine byte offset: mem_pages_i << PAGE_SHIFT must be <= 2^MEM_ADDR_W. Narrows
  // comparisons, queued arguments and back-end addresses in the ports, registers, scrubber and
  // arbiter (FPGA area; board: 17 = 128 KiB); 32 = no limit.
  parameter int unsigned MEM_ADDR_W         = 32,
  // Org a: 1 = the table in FPGA block RAM (registered lookup: one added cycle per translated
  // access inside the guest window; only the 8 + MEM_ADDR_W - PAGE_SHIFT low bits of an entry are
  // stored, the others read 0); 0 = read combinationally (no added cycle).
  parameter int unsigned TABLE_BRAM         = 0,
  // DRAM timing model
  parameter int unsigned BANKS              = 4,
  parameter int unsigned ROW_BYTES          = 2048,
  parameter int unsigned T_HIT              = 1,
  parameter int unsigned T_MISS             = 4,
  parameter int unsigned T_CONFLICT         = 7,
  parameter int unsigned T_REFRESH_INTERVAL = 7800,
  parameter int unsigned T_REFRESH          = 20
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  // Configuration
  input  logic [31:0] mem_pages_i,      // populated machine pages (MEM_PAGES)
  input  logic [7:0]  mem_latency_i,    // SRAM back end: wait cycles per access
  input  logic        org_sel_i,        // RUNTIME_CFG only: 0 table, 1 TLB
  input  logic        backend_sel_i,    // RUNTIME_CFG only: 0 SRAM, 1 DRAM

  // The masters' requests before the SoC's address decode: a superset of fetch_req_i /
  // data_req_i, known earlier. Only the single-port configuration (SRAM_FETCH_PORT = 0) uses
  // them, for the back end's arbitration (EarlySelect below); elsewhere they are ignored
  // (soc_top connects the core's requests; a testbench without a decode, the same requests).
  input  logic        fetch_sel_req_i,
  input  logic        data_sel_req_i,

  // Fetch port (read only)
  input  logic        fetch_req_i,
  output logic        fetch_gnt_o,
  input  logic [31:0] fetch_addr_i,
  input  logic [1:0]  fetch_priv_i,
  output logic        fetch_rvalid_o,
  output logic [31:0] fetch_rdata_o,
  output logic        fetch_err_o,

  // Data port
  input  logic        data_req_i,
  output logic        data_gnt_o,
  input  logic [31:0] data_addr_i,
  input  logic        data_we_i,
  input  logic [3:0]  data_be_i,
  input  logic [31:0] data_wdata_i,
  input  logic [1:0]  data_priv_i,
  output logic        data_rvalid_o,
  output logic [31:0] data_rdata_o,
  output logic        data_err_o,

  // Register port (MEMCTL_BASE; only addr[11:0] is decoded)
  input  logic        regs_req_i,
  output logic        regs_gnt_o,
  input  logic [31:0] regs_addr_i,
  input  logic        regs_we_i,
  input  logic [3:0]  regs_be_i,
  input  logic [31:0] regs_wdata_i,
  output logic        regs_rvalid_o,
  output logic [31:0] regs_rdata_o,
  output logic        regs_err_o,

  output logic        irq_o,            // level, to PLIC source PLIC_IRQ_MEMCTL
  output logic        xlate_en_o // CTRL.ENABLE: route every guest access here
);

  localparam int unsigned VmW  = (NUM_VMS > 1) ? $clog2(NUM_VMS) : 1;
  localparam int unsigned GpW  = $clog2(GUEST_PAGES);
  localparam int unsigned NCnt = soc_memory_map_pkg::MEMCTL_NUM_COUNTERS;

  localparam bit HasTable = (RUNTIME_CFG != 0) || (ORG == 0);
  localparam bit HasTlb   = (RUNTIME_CFG != 0) || (ORG == 1);
  localparam bit HasSram  = (RUNTIME_CFG != 0) || (BACKEND == 0);
  localparam bit HasDram  = (RUNTIME_CFG != 0) || (BACKEND == 1);
  localparam bit FetchPort = HasSram && (SRAM_FETCH_PORT != 0);
  // The single-port configuration (SRAM_FETCH_PORT = 0, small FPGAs, where the core is the
  // multi-cycle rv_core_mc, which never asks for a new access before the previous response):
  // the ports accept a request only while nothing is outstanding, which keeps each port's
  // response out of the arbitration and grant paths (timing, docs/memctl.md). Elsewhere a port
  // accepts as its response leaves.
  localparam bit AcceptAtResponse = (SRAM_FETCH_PORT != 0);
  // Same configuration: the arbiter selects on the masters' bare requests (fetch_sel_req_i,
  // data_sel_req_i), before the SoC's address decode and the ports' address and translation
  // checks (memctl_arbiter EARLY_SELECT), so those and the selection run side by side in the
  // grant paths of the ports and the scrubber (timing). A request to a device then keeps the
  // scrubber off the back end for that cycle.
  localparam bit EarlySelect = (SRAM_FETCH_PORT == 0);
  // Stored bits of a table entry (org a in block RAM); the lookup entries of the ports have no
  // others unless the TLB is built (a P2M word from memory may hold any MPN).
  localparam int unsigned TblEntryW = ((TABLE_BRAM == 0) || (MEM_ADDR_W >= 32)) ? 32
                                      : 8 + MEM_ADDR_W - PAGE_SHIFT;
  localparam int unsigned LkEntryW  = HasTlb ? 32 : TblEntryW;

  logic org, backend;
  assign org     = (RUNTIME_CFG != 0) ? org_sel_i : (ORG == 1);
  assign backend = (RUNTIME_CFG != 0) ? backend_sel_i : (BACKEND == 1);

  // ------------------------------------------------------------------ signals
  logic           xlate_en;
  logic [VmW-1:0] cur_vmid;
  logic [31:0]    p2m_base;
  logic [GpW:0]   p2m_pages;

  // Ports: index 0 = fetch, 1 = data
  logic [1:0]     lk_req, lk_write, lk_ready, lk_oor, lk_hit, acc, lk_done;
  logic [2*GpW-1:0] lk_gppn;   // two-port signals: port p in bits [p*W +: W]
  logic [63:0]    lk_entry;
  logic [1:0]     pend_guest, resp, evt_xlate, evt_hit, evt_fault;
  logic [63:0]    fault_gpa;
  logic [63:0]    fault_info;
  logic [31:0]    fault_gpa_f, fault_gpa_d, fault_info_f, fault_info_d;

  // Arbiter masters (memctl_arbiter): 0 = data, 1 = fetch, 2 = walker, 3 = scrubber
  localparam int unsigned NMst = 4;
  logic [NMst-1:0] m_req, m_sel_req, m_gnt, m_we, m_rvalid;
  logic [NMst*32-1:0] m_addr;   // master m: bits [m*32 +: 32]
  logic [NMst*4-1:0]  m_be;
  logic [NMst*32-1:0] m_wdata;

  logic        be_req, be_gnt, be_we, be_rvalid;
  logic [31:0] be_addr, be_wdata, be_rdata;
  logic [3:0]  be_be;

  // Table / TLB lookup results
  logic [1:0]  t_ready, t_oor, t_hit, b_ready, b_oor, b_hit;
  logic [63:0] t_entry;
  logic [63:0] b_entry;
  logic [31:0] tbl_rdata;
  logic        tbl_busy, tbl_we, tbl_rd_req, tbl_rd_ready;
  logic [VmW-1:0] tbl_vm;
  logic [GpW-1:0] tbl_gppn;
  logic [31:0] tbl_wdata;

  // Commands
  logic        enq, head_valid, pop;
  logic [2:0]  head_op;
  logic [31:0] head_arg0, head_arg1;
  logic        inval;
  logic [1:0]  inval_kind;
  logic [31:0] inval_vm, inval_gppn;
  logic        scrub_start, scrub_list, scrub_done, scrub_page_done, scrub_err, scrub_busy;
  logic [31:0] scrub_arg0, scrub_arg1;
  logic        fence_done;
  logic [31:0] fence_cycles;

  logic        walk_busy, evt_miss;
  logic        evt_row_hit, evt_row_miss, evt_row_conflict, evt_refresh;
  logic        counter_clear;
  logic [NCnt*2-1:0] cnt_inc;   // counter i: bits [i*2 +: 2]
  logic [$clog2(NCnt)-1:0] cnt_idx;
  logic [31:0] cnt_data;

  // ------------------------------------------------------------------ core ports
  memctl_port #(
    .IS_FETCH    (1'b1),
    .PAGE_SHIFT  (PAGE_SHIFT),
    .NUM_VMS     (NUM_VMS),
    .GUEST_PAGES (GUEST_PAGES),
    .MEM_ADDR_W  (MEM_ADDR_W),
    .ENTRY_W     (LkEntryW),
    .MPN_CHECK   (HasTlb),
    .ACCEPT_AT_RESPONSE (AcceptAtResponse)
  ) u_fetch (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .xlate_en_i   (xlate_en),
    .cur_vmid_i   (cur_vmid),
    .mem_pages_i  (mem_pages_i),
    .req_i        (fetch_req_i),
    .sel_req_i    (fetch_sel_req_i),
    .gnt_o        (fetch_gnt_o),
    .addr_i       (fetch_addr_i),
    .we_i         (1'b0),
    .be_i         (4'b1111),
    .wdata_i      (32'd0),
    .priv_i       (fetch_priv_i),
    .rvalid_o     (fetch_rvalid_o),
    .rdata_o      (fetch_rdata_o),
    .err_o        (fetch_err_o),
    .lk_req_o     (lk_req[0]),
    .lk_write_o   (lk_write[0]),
    .lk_gppn_o    (lk_gppn[GpW-1:0]),
    .lk_ready_i   (lk_ready[0]),
    .lk_oor_i     (lk_oor[0]),
    .lk_hit_i     (lk_hit[0]),
    .lk_entry_i   (lk_entry[31:0]),
    .acc_o        (acc[0]),
    .lk_done_o    (lk_done[0]),
    .be_sel_req_o (f_sel_req),
    .be_req_o     (f_req),
    .be_gnt_i     (f_gnt),
    .be_we_o      (m_we[1]),
    .be_addr_o    (m_addr[63:32]),
    .be_be_o      (m_be[7:4]),
    .be_wdata_o   (m_wdata[63:32]),
    .be_rvalid_i  (f_rvalid),
    .be_rdata_i   (f_rdata),
    .pend_guest_o (pend_guest[0]),
    .evt_xlate_o  (evt_xlate[0]),
    .evt_hit_o    (evt_hit[0]),
    .evt_fault_o  (evt_fault[0]),
    .fault_gpa_o  (fault_gpa_f),
    .fault_info_o (fault_info_f)
  );

  memctl_port #(
    .IS_FETCH    (1'b0),
    .PAGE_SHIFT  (PAGE_SHIFT),
    .NUM_VMS     (NUM_VMS),
    .GUEST_PAGES (GUEST_PAGES),
    .MEM_ADDR_W  (MEM_ADDR_W),
    .ENTRY_W     (LkEntryW),
    .MPN_CHECK   (HasTlb),
    .ACCEPT_AT_RESPONSE (AcceptAtResponse)
  ) u_data (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .xlate_en_i   (xlate_en),
    .cur_vmid_i   (cur_vmid),
    .mem_pages_i  (mem_pages_i),
    .req_i        (data_req_i),
    .sel_req_i    (data_sel_req_i),
    .gnt_o        (data_gnt_o),
    .addr_i       (data_addr_i),
    .we_i         (data_we_i),
    .be_i         (data_be_i),
    .wdata_i      (data_wdata_i),
    .priv_i       (data_priv_i),
    .rvalid_o     (data_rvalid_o),
    .rdata_o      (data_rdata_o),
    .err_o        (data_err_o),
    .lk_req_o     (lk_req[1]),
    .lk_write_o   (lk_write[1]),
    .lk_gppn_o    (lk_gppn[2*GpW-1:GpW]),
    .lk_ready_i   (lk_ready[1]),
    .lk_oor_i     (lk_oor[1]),
    .lk_hit_i     (lk_hit[1]),
    .lk_entry_i   (lk_entry[63:32]),
    .acc_o        (acc[1]),
    .lk_done_o    (lk_done[1]),
    .be_sel_req_o (m_sel_req[0]),
    .be_req_o     (m_req[0]),
    .be_gnt_i     (m_gnt[0]),
    .be_we_o      (m_we[0]),
    .be_addr_o    (m_addr[31:0]),
    .be_be_o      (m_be[3:0]),
    .be_wdata_o   (m_wdata[31:0]),
    .be_rvalid_i  (m_rvalid[0]),
    .be_rdata_i   (be_rdata),
    .pend_guest_o (pend_guest[1]),
    .evt_xlate_o  (evt_xlate[1]),
    .evt_hit_o    (evt_hit[1]),
    .evt_fault_o  (evt_fault[1]),
    .fault_gpa_o  (fault_gpa_d),
    .fault_info_o (fault_info_d)
  );

  assign resp = {data_rvalid_o, fetch_rvalid_o};

  // The fault address and information only matter with a fault (memctl_regs records them then):
  // packing them in every cycle is work for the verilated model. Only the simulator's run-time
  // configurable build gates them; in hardware the gate would be 128 LUTs of nothing.
  if (RUNTIME_CFG != 0) begin : g_fault_gated
    always_comb begin
      fault_gpa  = '0;
      fault_info = '0;
      if (evt_fault != 2'b00) begin
        fault_gpa  = {fault_gpa_d, fault_gpa_f};
        fault_info = {fault_info_d, fault_info_f};
      end
    end
  end else begin : g_fault_direct
    assign fault_gpa  = {fault_gpa_d, fault_gpa_f};
    assign fault_info = {fault_info_d, fault_info_f};
  end

  // Fetches: the SRAM back end's own fetch port (SRAM_FETCH_PORT), else the shared arbiter.
  logic        f_sel_req, f_req, f_gnt, f_rvalid, own_req, own_gnt, own_rvalid, own_port;
  logic [31:0] f_rdata, own_rdata;
  assign own_port = FetchPort && !backend;
  assign own_req  = f_req && own_port;
  assign m_req[1] = f_req && !own_port;
  assign m_sel_req[1] = f_sel_req && !own_port;
  assign f_gnt    = own_port ? own_gnt : m_gnt[1];
  assign f_rvalid = own_port ? own_rvalid : m_rvalid[1];
  assign f_rdata  = own_port ? own_rdata : be_rdata;

  // ------------------------------------------------------------------ translation
  if (HasTable) begin : g_table
    memctl_xlate_table #(
      .NUM_VMS     (NUM_VMS),
      .GUEST_PAGES (GUEST_PAGES),
      .BRAM        (TABLE_BRAM != 0),
      .ENTRY_W     (TblEntryW)
    ) u_table (
      .clk_i       (clk_i),
      .rst_ni      (rst_ni),
      .cur_vmid_i  (cur_vmid),
      .lk_req_i    (lk_req),
      .lk_write_i  (lk_write),
      .lk_gppn_i   (lk_gppn),
      .lk_ready_o  (t_ready),
      .lk_oor_o    (t_oor),
      .lk_hit_o    (t_hit),
      .lk_entry_o  (t_entry),
      .acc_i       (org ? 2'b00 : acc),
      .lk_done_i   (lk_done),
      .sel_vm_i    (tbl_vm),
      .sel_gppn_i  (tbl_gppn),
      .sel_rd_req_i (tbl_rd_req && !org),
      .sel_ready_o (tbl_rd_ready),
      .sel_rdata_o (tbl_rdata),
      .sel_we_i    (tbl_we && !org),
      .sel_wdata_i (tbl_wdata),
      .tbl_busy_o  (tbl_busy)
    );
  end else begin : g_no_table
    assign t_ready    = '0;
    assign t_oor      = '0;
    assign t_hit      = '0;
    assign t_entry    = '0;
    assign tbl_rdata  = '0;
    assign tbl_busy   = 1'b0;
    assign tbl_rd_ready = 1'b1;
  end

  if (HasTlb) begin : g_tlb
    memctl_xlate_tlb #(
      .PAGE_SHIFT  (PAGE_SHIFT),
      .NUM_VMS     (NUM_VMS),
      .GUEST_PAGES (GUEST_PAGES),
      .TLB_ENTRIES (TLB_ENTRIES),
      .HAS_EN      (RUNTIME_CFG != 0)
    ) u_tlb (
      .clk_i        (clk_i),
      .rst_ni       (rst_ni),
      .en_i         (org),
      .mem_pages_i  (mem_pages_i),
      .cur_vmid_i   (cur_vmid),
      .p2m_base_i   (p2m_base),
      .p2m_pages_i  (p2m_pages),
      .lk_req_i     (org ? lk_req : 2'b00),
      .lk_write_i   (lk_write),
      .lk_gppn_i    (lk_gppn),
      .lk_ready_o   (b_ready),
      .lk_oor_o     (b_oor),
      .lk_hit_o     (b_hit),
      .lk_entry_o   (b_entry),
      .lk_done_i    (lk_done),
      .inval_i      (inval && org),
      .inval_kind_i (inval_kind),
      .inval_vm_i   (VmW'(inval_vm)),
      .inval_gppn_i (GpW'(inval_gppn)),
      .be_req_o     (m_req[2]),
      .be_gnt_i     (m_gnt[2]),
      .be_we_o      (m_we[2]),
      .be_addr_o    (m_addr[95:64]),
      .be_wdata_o   (m_wdata[95:64]),
      .be_rvalid_i  (m_rvalid[2]),
      .be_rdata_i   (be_rdata),
      .walk_busy_o  (walk_busy),
      .evt_miss_o   (evt_miss)
    );
  end else begin : g_no_tlb
    assign b_ready    = '0;
    assign b_oor      = '0;
    assign b_hit      = '0;
    assign b_entry        = '0;
    assign m_req[2]       = 1'b0;
    assign m_we[2]        = 1'b0;
    assign m_addr[95:64]  = '0;
    assign m_wdata[95:64] = '0;
    assign walk_busy      = 1'b0;
    assign evt_miss       = 1'b0;
  end
  assign m_be[11:8] = 4'b1111;

  assign lk_ready = org ? b_ready : t_ready;
  assign lk_oor   = org ? b_oor : t_oor;
  assign lk_hit   = org ? b_hit : t_hit;
  assign lk_entry = org ? b_entry : t_entry;

  // ------------------------------------------------------------------ registers and commands
  memctl_regs #(
    .PAGE_SHIFT  (PAGE_SHIFT),
    .NUM_VMS     (NUM_VMS),
    .GUEST_PAGES (GUEST_PAGES),
    .TLB_ENTRIES (TLB_ENTRIES),
    .QUEUE_DEPTH (QUEUE_DEPTH),
    .MEM_ADDR_W  (MEM_ADDR_W),
    .ORGS        ((HasTable ? 1 : 0) + (HasTlb ? 2 : 0)),
    .ARG_CHECK_REG (EarlySelect)   // the single-port FPGA configuration (timing)
  ) u_regs (
    .clk_i           (clk_i),
    .rst_ni          (rst_ni),
    .org_i           (org),
    .backend_i       ({1'b0, backend}),
    .mem_pages_i     (mem_pages_i),
    .req_i           (regs_req_i),
    .gnt_o           (regs_gnt_o),
    .addr_i          (regs_addr_i),
    .we_i            (regs_we_i),
    .be_i            (regs_be_i),
    .wdata_i         (regs_wdata_i),
    .rvalid_o        (regs_rvalid_o),
    .rdata_o         (regs_rdata_o),
    .err_o           (regs_err_o),
    .xlate_en_o      (xlate_en),
    .cur_vmid_o      (cur_vmid),
    .p2m_base_o      (p2m_base),
    .p2m_pages_o     (p2m_pages),
    .irq_o           (irq_o),
    .counter_clear_o (counter_clear),
    .tbl_vm_o        (tbl_vm),
    .tbl_gppn_o      (tbl_gppn),
    .tbl_we_o        (tbl_we),
    .tbl_wdata_o     (tbl_wdata),
    .tbl_rdata_i     (tbl_rdata),
    .tbl_busy_i      (tbl_busy && !org),
    .tbl_rd_req_o    (tbl_rd_req),
    .tbl_rd_ready_i  (tbl_rd_ready || org),
    .enq_o           (enq),
    .head_valid_o    (head_valid),
    .head_op_o       (head_op),
    .head_arg0_o     (head_arg0),
    .head_arg1_o     (head_arg1),
    .pop_i           (pop),
    .fault_i         (evt_fault),
    .fault_gpa_i     (fault_gpa),
    .fault_info_i    (fault_info),
    .fence_done_i    (fence_done),
    .fence_cycles_i  (fence_cycles),
    .scrub_done_i    (scrub_done),
    .scrub_err_i     (scrub_err),
    .cnt_idx_o       (cnt_idx),
    .cnt_data_i      (cnt_data)
  );

  assign xlate_en_o = xlate_en;

  memctl_fence u_fence (
    .clk_i          (clk_i),
    .rst_ni         (rst_ni),
    .head_valid_i   (head_valid),
    .head_op_i      (head_op),
    .head_arg0_i    (head_arg0),
    .head_arg1_i    (head_arg1),
    .pop_o          (pop),
    .enq_i          (enq),
    .pend_guest_i   (pend_guest),
    .resp_i         (resp),
    .inval_o        (inval),
    .inval_kind_o   (inval_kind),
    .inval_vm_o     (inval_vm),
    .inval_gppn_o   (inval_gppn),
    .scrub_start_o  (scrub_start),
    .scrub_list_o   (scrub_list),
    .scrub_arg0_o   (scrub_arg0),
    .scrub_arg1_o   (scrub_arg1),
    .scrub_done_i   (scrub_done),
    .fence_done_o   (fence_done),
    .fence_cycles_o (fence_cycles)
  );

  memctl_scrubber #(
    .PAGE_SHIFT (PAGE_SHIFT),
    .DONE_REG   (EarlySelect),  // its grant comes late (after the early selection): timing
    .MEM_ADDR_W (MEM_ADDR_W)
  ) u_scrubber (
    .clk_i        (clk_i),
    .rst_ni       (rst_ni),
    .mem_pages_i  (mem_pages_i),
    .start_i      (scrub_start),
    .start_list_i (scrub_list),
    .start_arg0_i (scrub_arg0),
    .start_arg1_i (scrub_arg1),
    .busy_o       (scrub_busy),
    .done_o       (scrub_done),
    .page_done_o  (scrub_page_done),
    .err_o        (scrub_err),
    .be_req_o     (m_req[3]),
    .be_gnt_i     (m_gnt[3]),
    .be_we_o      (m_we[3]),
    .be_addr_o    (m_addr[127:96]),
    .be_rvalid_i  (m_rvalid[3]),
    .be_rdata_i   (be_rdata)
  );
  assign m_be[15:12]     = 4'b1111;
  assign m_wdata[127:96] = 32'd0;

  // ------------------------------------------------------------------ back end
  // The walker and the scrubber know whether they need the back end when they ask.
  assign m_sel_req[2] = m_req[2];
  assign m_sel_req[3] = m_req[3];

  memctl_arbiter #(
    .MAX_WAIT     (SCRUB_MAX_WAIT),
    .MEM_ADDR_W   (MEM_ADDR_W),
    .WALKER       (HasTlb),
    .EARLY_SELECT (EarlySelect)
  ) u_arbiter (
    .clk_i       (clk_i),
    .rst_ni      (rst_ni),
    .req_i       (m_req),
    .sel_req_i   (m_sel_req),
    .gnt_o       (m_gnt),
    .we_i        (m_we),
    .addr_i      (m_addr),
    .be_i        (m_be),
    .wdata_i     (m_wdata),
    .rvalid_o    (m_rvalid),
    .be_req_o    (be_req),
    .be_gnt_i    (be_gnt),
    .be_we_o     (be_we),
    .be_addr_o   (be_addr),
    .be_be_o     (be_be),
    .be_wdata_o  (be_wdata),
    .be_rvalid_i (be_rvalid)
  );

  logic        s_gnt, s_rvalid, d_gnt, d_rvalid;
  logic [31:0] s_rdata, d_rdata;

  if (HasSram) begin : g_sram
    memctl_backend_sram #(
      .PORTS       (FetchPort ? 2 : 1),
      .WAIT_STATES (SRAM_WAIT_STATES != 0)
    ) u_sram (
      .clk_i      (clk_i),
      .rst_ni     (rst_ni),
      .lat_i      (mem_latency_i),
      .req_i      (be_req && !backend),
      .gnt_o      (s_gnt),
      .we_i       (be_we),
      .addr_i     (be_addr),
      .be_i       (be_be),
      .wdata_i    (be_wdata),
      .rvalid_o   (s_rvalid),
      .rdata_o    (s_rdata),
      .f_req_i    (own_req),
      .f_gnt_o    (own_gnt),
      .f_addr_i   (m_addr[63:32]),
      .f_rvalid_o (own_rvalid),
      .f_rdata_o  (own_rdata)
    );
  end else begin : g_no_sram
    assign s_gnt      = 1'b0;
    assign s_rvalid   = 1'b0;
    assign s_rdata    = '0;
    assign own_gnt    = 1'b0;
    assign own_rvalid = 1'b0;
    assign own_rdata  = '0;
    logic unused_lat;
    assign unused_lat = ^{mem_latency_i, own_req};
  end

  if (HasDram) begin : g_dram
    memctl_backend_dram #(
      .BANKS              (BANKS),
      .ROW_BYTES          (ROW_BYTES),
      .T_HIT              (T_HIT),
      .T_MISS             (T_MISS),
      .T_CONFLICT         (T_CONFLICT),
      .T_REFRESH_INTERVAL (T_REFRESH_INTERVAL),
      .T_REFRESH          (T_REFRESH)
    ) u_dram (
      .clk_i              (clk_i),
      .rst_ni             (rst_ni),
      .en_i               (backend),
      .req_i              (be_req && backend),
      .gnt_o              (d_gnt),
      .we_i               (be_we),
      .addr_i             (be_addr),
      .be_i               (be_be),
      .wdata_i            (be_wdata),
      .rvalid_o           (d_rvalid),
      .rdata_o            (d_rdata),
      .evt_row_hit_o      (evt_row_hit),
      .evt_row_miss_o     (evt_row_miss),
      .evt_row_conflict_o (evt_row_conflict),
      .evt_refresh_o      (evt_refresh)
    );
  end else begin : g_no_dram
    assign d_gnt            = 1'b0;
    assign d_rvalid         = 1'b0;
    assign d_rdata          = '0;
    assign evt_row_hit      = 1'b0;
    assign evt_row_miss     = 1'b0;
    assign evt_row_conflict = 1'b0;
    assign evt_refresh      = 1'b0;
  end

  assign be_gnt    = backend ? d_gnt : s_gnt;
  assign be_rvalid = backend ? d_rvalid : s_rvalid;
  assign be_rdata  = backend ? d_rdata : s_rdata;

  // ------------------------------------------------------------------ counters
  function automatic int unsigned cidx(int unsigned offset);
    cidx = (offset - soc_memory_map_pkg::MEMCTL_COUNTER_BASE) / 4;
  endfunction

  // The counters that exist (memctl_counters, COUNTERS): the others' events are not computed.
  localparam logic [NCnt-1:0] CntMinimal =
      (NCnt'(1) << cidx(soc_memory_map_pkg::MEMCTL_CNT_INVAL_CYCLES)) |
      (NCnt'(1) << cidx(soc_memory_map_pkg::MEMCTL_CNT_SCRUB_PAGES)) |
      (NCnt'(1) << cidx(soc_memory_map_pkg::MEMCTL_CNT_SCRUB_CYCLES));
  localparam logic [NCnt-1:0] CntPresent = (COUNTERS == 1) ? {NCnt{1'b1}} :
                                           (COUNTERS == 2) ? CntMinimal : '0;

  // Only computed in a cycle with an event (most cycles have none; cheaper in the verilated model).
  // The unselected organisation and back end produce no events (their en_i is 0). Only the
  // simulator's run-time configurable build has the gate: in hardware it would put every event
  // (the ports' handshakes) in front of every counter's enable (timing).
  logic any_event;
  assign any_event = (RUNTIME_CFG == 0) ||
                     ((evt_xlate | evt_hit | evt_fault) != 2'b00) || evt_miss || walk_busy ||
                     inval || fence_done || scrub_page_done || scrub_busy || evt_row_hit ||
                     evt_row_miss || evt_row_conflict || evt_refresh;
  always_comb begin
    cnt_inc = '0;
    if (any_event) begin
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_TRANSLATIONS) +: 2] =
          2'(evt_xlate[0]) + 2'(evt_xlate[1]);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_HITS) +: 2] =
          2'(evt_hit[0]) + 2'(evt_hit[1]);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_MISSES) +: 2] =
          2'(evt_miss && org);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_WALK_CYCLES) +: 2] =
          2'(walk_busy && org);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_FAULTS) +: 2] =
          2'(evt_fault[0]) + 2'(evt_fault[1]);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_INVALIDATIONS) +: 2] =
          2'(inval);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_FENCES) +: 2] =
          2'(fence_done);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_SCRUB_PAGES) +: 2] =
          2'(scrub_page_done);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_SCRUB_CYCLES) +: 2] =
          2'(scrub_busy);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_ROW_HITS) +: 2] =
          2'(evt_row_hit && backend);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_ROW_MISSES) +: 2] =
          2'(evt_row_miss && backend);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_ROW_CONFLICTS) +: 2] =
          2'(evt_row_conflict && backend);
      cnt_inc[2*cidx(soc_memory_map_pkg::MEMCTL_CNT_REFRESHES) +: 2] =
          2'(evt_refresh && backend);
    end
    for (int unsigned i = 0; i < NCnt; i++) begin
      if (!CntPresent[i]) cnt_inc[2*i +: 2] = 2'b00;
    end
  end

  memctl_counters #(
    .COUNTERS (COUNTERS),
    .ADD_IDX  (cidx(soc_memory_map_pkg::MEMCTL_CNT_INVAL_CYCLES))
  ) u_counters (
    .clk_i     (clk_i),
    .rst_ni    (rst_ni),
    .clear_i   (counter_clear),
    .inc_i     (cnt_inc),
    .add_i     (fence_cycles),
    .add_en_i  (fence_done),
    .rd_idx_i  (cnt_idx),
    .rd_data_o (cnt_data)
  );

  // Signals that only some configurations use.
  logic unused;
  assign unused = ^{acc, lk_done, p2m_base, p2m_pages, m_gnt[2], m_rvalid[2], inval_kind, inval_vm,
                    inval_gppn, tbl_we, tbl_vm, tbl_gppn, tbl_wdata, tbl_rd_req};

endmodule
