// Organisation (b): the P2M walker. On a TLB miss (or for the dirty-bit update of a write through
// an entry with D = 0) it reads the P2M entry at P2M_BASE[vm] + 4 * GPPN from machine memory, and
// for a write through a valid, writable entry with D = 0 writes it back with D = 1 (read-modify-
// write of that one word). The result goes into the TLB (valid entries only) and into a one-entry
// result register that answers the waiting request even when the entry is invalid.
//
// - The read is issued in the cycle the miss is seen (if the back end is free), and its data is
//   forwarded to the waiting port in the cycle it arrives: on the SRAM back end a miss adds one
//   cycle (the back-end read), a dirty-bit update two.
// - An entry address beyond the populated memory reads as 0 (invalid) without a back-end access.
// - An invalidation command that covers the walk's {vm, gppn} (INVAL_PAGE of it, INVAL_VM of its
//   VM, INVAL_ALL), executed while the walk is in progress or in the cycle it completes, makes the
//   walk stale: its result is dropped and the waiting request walks again. Such an invalidation
//   also drops the result register, which is dropped as well as soon as the port it belongs to no
//   longer presents the same request.
module memctl_walker #(
  parameter int unsigned PAGE_SHIFT  = 12,
  parameter int unsigned NUM_VMS     = 4,
  parameter int unsigned GUEST_PAGES = 4096,
  // 1 (memctl_top with RUNTIME_CFG): en_i switches the organisation off; 0: en_i is ignored and
  // the logic is always on (no gating hardware in the FPGA build).
  parameter bit          HAS_EN      = 1'b0,
  localparam int unsigned VmW        = (NUM_VMS > 1) ? $clog2(NUM_VMS) : 1,
  localparam int unsigned GpW        = $clog2(GUEST_PAGES)
) (
  input  logic           clk_i,
  input  logic           rst_ni,

  // 1: the TLB organisation is selected. 0 (HAS_EN, table selected): the walker stays idle, its
  // outputs are 0 and the verilated model skips all of its logic (start_i must be 0).
  input  logic           en_i,

  input  logic [31:0]    mem_pages_i,
  input  logic [VmW-1:0] cur_vmid_i,

  // Start a walk (only taken while idle_o)
  input  logic           start_i,
  input  logic           start_port_i,   // 0 = fetch, 1 = data
  input  logic [GpW-1:0] start_gppn_i,
  input  logic           start_write_i,
  input  logic           start_miss_i,   // 1 = TLB miss, 0 = dirty-bit update of a hit
  input  logic [31:0]    start_base_i,   // P2M_BASE of the current VM (machine byte address)
  output logic           idle_o,

  // The waiting requests (to keep or drop the result register)
  input  logic [1:0]     lk_req_i,
  input  logic [2*GpW-1:0] lk_gppn_i,    // port p: bits [p*GpW +: GpW]
  input  logic [1:0]     lk_done_i,

  input  logic           inval_i,        // an invalidation command executes this cycle
  input  logic [1:0]     inval_kind_i,   // 1 page, 2 vm, 3 all
  input  logic [VmW-1:0] inval_vm_i,
  input  logic [GpW-1:0] inval_gppn_i,

  // Back-end master (read, or the D write-back)
  output logic           be_req_o,
  input  logic           be_gnt_i,
  output logic           be_we_o,
  output logic [31:0]    be_addr_o,
  output logic [31:0]    be_wdata_o,
  input  logic           be_rvalid_i,
  input  logic [31:0]    be_rdata_i,

  // TLB fill
  output logic           ins_o,
  output logic [VmW-1:0] ins_vm_o,
  output logic [GpW-1:0] ins_gppn_o,
  output logic [31:0]    ins_entry_o,

  // Result for the waiting request (registered, or forwarded from the back end)
  output logic           res_valid_o,
  output logic           res_port_o,
  output logic [VmW-1:0] res_vm_o,
  output logic [GpW-1:0] res_gppn_o,
  output logic [31:0]    res_entry_o,
  output logic           res_miss_o,
  output logic           res_reg_valid_o,

  output logic           busy_o,         // WALK_CYCLES
  output logic           evt_miss_o // MISSES
);

  typedef enum logic [1:0] {
    StIdle   = 2'd0,
    StRead   = 2'd1,   // read request not yet accepted
    StWait   = 2'd2,   // read accepted, waiting for the data
    StWrite  = 2'd3 // D write-back not yet accepted
  } state_e;

  state_e         state_q, state_d;
  logic           port_q, port_d;
  logic [VmW-1:0] vm_q, vm_d;
  logic [GpW-1:0] gppn_q, gppn_d;
  logic           write_q, write_d;
  logic           miss_q, miss_d;
  logic [31:0]    addr_q, addr_d;
  logic [31:0]    entry_q, entry_d;
  logic           stale_q, stale_d;

  logic           rres_valid_q, rres_valid_d;
  logic           rres_port_q, rres_port_d;
  logic [VmW-1:0] rres_vm_q, rres_vm_d;
  logic [GpW-1:0] rres_gppn_q, rres_gppn_d;
  logic [31:0]    rres_entry_q, rres_entry_d;
  logic           rres_miss_q, rres_miss_d;

  logic [31:0]    start_off;
  logic           start_in_mem;
  logic           need_wr;
  logic           fwd;            // read data arrives and completes the walk: forward it
  logic           complete;
  logic [31:0]    complete_entry;
  logic           stale_now;
  logic           inval_walk;     // an invalidation covering the walk's tag executes now
  logic           inval_busy;     // ... the tag of the walk in progress (state != StIdle)
  logic           inval_start;    // ... the tag of a walk starting now
  logic           inval_res;      // ... covering the result register's tag
  logic [VmW-1:0] walk_vm;
  logic [GpW-1:0] walk_gppn;

  function automatic logic covers(logic inval, logic [1:0] kind, logic [VmW-1:0] ivm,
                                  logic [GpW-1:0] igppn, logic [VmW-1:0] vm, logic [GpW-1:0] gppn);
    unique case (kind)
      2'd1:    covers = inval && (ivm == vm) && (igppn == gppn);
      2'd2:    covers = inval && (ivm == vm);
      default: covers = inval;
    endcase
  endfunction

  logic en;
  assign en = !HAS_EN || en_i;

  // All combinational logic is under en (see the port). Three blocks, so that no block reads
  // what a later one computes from it: the result side (registers and the back end's read data
  // only: the TLB's lookup reads it), the back-end request (from the start inputs) and the next
  // state (also from the back end's grant).
  assign idle_o = (state_q == StIdle);

  // Result side: forwarding of the read data and the result outputs.
  always_comb begin
    inval_busy  = 1'b0;
    need_wr     = 1'b0;
    fwd         = 1'b0;
    res_valid_o = 1'b0;
    res_port_o  = 1'b0;
    res_vm_o    = '0;
    res_gppn_o  = '0;
    res_entry_o = '0;
    res_miss_o  = 1'b0;
    if (en) begin
      // (Two separate compares keep the forwarding path free of the start path.)
      inval_busy = covers(inval_i, inval_kind_i, inval_vm_i, inval_gppn_i, vm_q, gppn_q);
      // Dirty-bit write-back needed: a write through a valid, writable entry with D = 0 whose
      // page exists (otherwise the access faults and nothing is written).
      need_wr = write_q && ((be_rdata_i & soc_memory_map_pkg::MEMCTL_PTE_V) != 0) &&
                ((be_rdata_i & soc_memory_map_pkg::MEMCTL_PTE_W) != 0) &&
                ((be_rdata_i & soc_memory_map_pkg::MEMCTL_PTE_D) == 0) &&
                (32'(be_rdata_i[31:8]) < mem_pages_i);
      fwd     = (state_q == StWait) && be_rvalid_i && !need_wr && !stale_q && !inval_busy;
      res_valid_o = rres_valid_q || fwd;
      res_port_o  = fwd ? port_q : rres_port_q;
      res_vm_o    = fwd ? vm_q : rres_vm_q;
      res_gppn_o  = fwd ? gppn_q : rres_gppn_q;
      res_entry_o = fwd ? be_rdata_i : rres_entry_q;
      res_miss_o  = fwd ? miss_q : rres_miss_q;
    end
  end
  assign res_reg_valid_o = rres_valid_q;

  // Back-end request.
  always_comb begin
    start_off    = '0;
    start_in_mem = 1'b0;
    be_req_o     = 1'b0;
    be_we_o      = 1'b0;
    be_addr_o    = '0;
    be_wdata_o   = '0;
    if (en) begin
      start_off    = start_base_i - soc_memory_map_pkg::RAM_BASE + (32'(start_gppn_i) << 2);
      start_in_mem = (start_off >> PAGE_SHIFT) < mem_pages_i;
      be_addr_o    = addr_q;
      be_wdata_o   = entry_q;
      unique case (state_q)
        StIdle: begin
          be_req_o  = start_i && start_in_mem;
          be_addr_o = {start_off[31:2], 2'b00};
        end
        StRead:  be_req_o = 1'b1;
        StWrite: begin
          be_req_o = 1'b1;
          be_we_o  = 1'b1;
        end
        default: ;
      endcase
    end
  end

  // Next state, TLB fill, result register.
  always_comb begin
    state_d        = state_q;
    port_d         = port_q;
    vm_d           = vm_q;
    gppn_d         = gppn_q;
    write_d        = write_q;
    miss_d         = miss_q;
    addr_d         = addr_q;
    entry_d        = entry_q;
    stale_d        = stale_q;
    complete       = 1'b0;
    complete_entry = entry_q;
    walk_vm        = vm_q;
    walk_gppn      = gppn_q;
    inval_start    = 1'b0;
    inval_walk     = 1'b0;
    inval_res      = 1'b0;
    stale_now      = stale_q;
    ins_o          = 1'b0;
    ins_vm_o       = '0;
    ins_gppn_o     = '0;
    ins_entry_o    = '0;
    rres_valid_d   = rres_valid_q;
    rres_port_d    = rres_port_q;
    rres_vm_d      = rres_vm_q;
    rres_gppn_d    = rres_gppn_q;
    rres_entry_d   = rres_entry_q;
    rres_miss_d    = rres_miss_q;
    busy_o         = 1'b0;
    evt_miss_o     = 1'b0;
    if (en) begin
      walk_vm     = (state_q == StIdle) ? cur_vmid_i : vm_q;
      walk_gppn   = (state_q == StIdle) ? start_gppn_i : gppn_q;
      inval_start = covers(inval_i, inval_kind_i, inval_vm_i, inval_gppn_i, cur_vmid_i,
                           start_gppn_i);
      inval_walk  = (state_q == StIdle) ? inval_start : inval_busy;
      inval_res   = covers(inval_i, inval_kind_i, inval_vm_i, inval_gppn_i, rres_vm_q,
                           rres_gppn_q);
      stale_now   = stale_q || inval_walk;

      unique case (state_q)
        StIdle: begin
          stale_d = 1'b0;
          if (start_i) begin
            port_d  = start_port_i;
            vm_d    = cur_vmid_i;
            gppn_d  = start_gppn_i;
            write_d = start_write_i;
            miss_d  = start_miss_i;
            addr_d  = {start_off[31:2], 2'b00};
            if (!start_in_mem) begin
              complete       = 1'b1;   // reads as an invalid entry
              complete_entry = 32'd0;
            end else begin
              state_d = be_gnt_i ? StWait : StRead;
            end
          end
        end
        StRead: begin
          if (be_gnt_i) state_d = StWait;
        end
        StWait: begin
          if (be_rvalid_i) begin
            if (need_wr && !stale_now) begin
              entry_d = be_rdata_i | soc_memory_map_pkg::MEMCTL_PTE_D;
              state_d = StWrite;
            end else begin
              complete       = 1'b1;
              complete_entry = be_rdata_i;
              state_d        = StIdle;
            end
          end
        end
        StWrite: begin
          if (be_gnt_i) begin
            complete = 1'b1;
            state_d  = StIdle;
          end
        end
        default: state_d = StIdle;
      endcase
      if (inval_walk && (state_q != StIdle)) stale_d = 1'b1;

      // TLB fill: valid entries of walks that were not made stale.
      ins_o       = complete && !stale_now &&
                    ((complete_entry & soc_memory_map_pkg::MEMCTL_PTE_V) != 0);
      ins_vm_o    = walk_vm;
      ins_gppn_o  = walk_gppn;
      ins_entry_o = complete_entry;

      // Result register: kept only while its port still presents the same request and has not
      // been answered.
      if (!lk_req_i[rres_port_q] || (lk_gppn_i[rres_port_q*GpW +: GpW] != rres_gppn_q) ||
          (cur_vmid_i != rres_vm_q) || lk_done_i[rres_port_q] || inval_res) begin
        rres_valid_d = 1'b0;
      end
      if (complete && !stale_now && !(fwd && lk_done_i[port_q])) begin
        rres_valid_d = 1'b1;
        rres_port_d  = (state_q == StIdle) ? start_port_i : port_q;
        rres_vm_d    = walk_vm;
        rres_gppn_d  = walk_gppn;
        rres_entry_d = complete_entry;
        rres_miss_d  = (state_q == StIdle) ? start_miss_i : miss_q;
      end

      busy_o     = (state_q != StIdle) || start_i;
      evt_miss_o = start_i && start_miss_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q      <= StIdle;
      port_q       <= 1'b0;
      vm_q         <= '0;
      gppn_q       <= '0;
      write_q      <= 1'b0;
      miss_q       <= 1'b0;
      addr_q       <= '0;
      entry_q      <= '0;
      stale_q      <= 1'b0;
      rres_valid_q <= 1'b0;
      rres_port_q  <= 1'b0;
      rres_vm_q    <= '0;
      rres_gppn_q  <= '0;
      rres_entry_q <= '0;
      rres_miss_q  <= 1'b0;
    end else if (en) begin
      state_q      <= state_d;
      port_q       <= port_d;
      vm_q         <= vm_d;
      gppn_q       <= gppn_d;
      write_q      <= write_d;
      miss_q       <= miss_d;
      addr_q       <= addr_d;
      entry_q      <= entry_d;
      stale_q      <= stale_d;
      rres_valid_q <= rres_valid_d;
      rres_port_q  <= rres_port_d;
      rres_vm_q    <= rres_vm_d;
      rres_gppn_q  <= rres_gppn_d;
      rres_entry_q <= rres_entry_d;
      rres_miss_q  <= rres_miss_d;
    end
  end

endmodule
