// Arbiter of the memory controller's back end, four masters:
//   MData (0)  data port          \ the two core ports take turns: when both request, the one that
//   MFetch (1) fetch port         / was not granted last time goes first
//   MWalk (2)  P2M walker         first of all: it only runs while a core access waits for it, and
//                                 makes one or two accesses per walk
//   MScrub (3) scrubber           last, with a starvation guard: once it has requested without a
//                                 grant for MAX_WAIT consecutive cycles it goes first until granted
// So no core port waits for more than one access of the other core port (plus a walk and one
// scrubber access), a core that uses the back end in every cycle still lets the scrubber write one
// word per MAX_WAIT + 1 cycles, and the scrubber never holds the core up for more than one back-end
// access at a time. MAX_WAIT = 0 disables the guard (strict priority).
// The back end has at most one access outstanding and answers in order, so the arbiter only
// remembers who issued the outstanding access and routes its response there.
// Only the data port (0) and the walker (2) write data: the fetch port (1) never writes and the
// scrubber (3) writes zeros, so their wdata is ignored (zero to the back end) and so are the byte
// enables of every master but the data port (always 4'b1111). Addresses: only bits
// [MEM_ADDR_W-1:2] are passed (every master makes word accesses inside the populated memory, at
// most 2^MEM_ADDR_W bytes; FPGA area); the others are 0.
//
// EARLY_SELECT = 1 (FPGA timing; the board's single-port configuration): the selection looks at
// sel_req_i instead of req_i. For a core port that is the bare bus request, known before the port
// has decided whether the access needs the back end at all (address checks, translation), so the
// selection and the grant (gnt_o[m]: "the back end is yours this cycle if you want it") do not
// wait for that decision; the back end then performs the selected master's req_i, if any. A
// selected core port that turns out not to need the back end (a fault, an error, a translation
// not ready yet) leaves that cycle unused: the other core port can only lose a cycle when both
// present a request at once, which the multi-cycle core never does.
module memctl_arbiter #(
  parameter int unsigned MAX_WAIT = 7,
  parameter int unsigned MEM_ADDR_W = 32,
  parameter bit          WALKER   = 1'b1,   // 0: no walker (org a only), master 2 is ignored
  parameter bit          EARLY_SELECT = 1'b0,
  localparam int unsigned N       = 4
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  // Masters
  input  logic [N-1:0]       req_i,
  input  logic [N-1:0]       sel_req_i,  // EARLY_SELECT: a superset of req_i, known earlier
  output logic [N-1:0]       gnt_o,
  input  logic [N-1:0]       we_i,
  // flat vectors (docs/rtl-style.md): master m's field in bits [m*32 +: 32] / [m*4 +: 4]
  input  logic [N*32-1:0]    addr_i,
  input  logic [N*4-1:0]     be_i,
  input  logic [N*32-1:0]    wdata_i,
  output logic [N-1:0]       rvalid_o,   // response of the master's access (shared rdata)

  // Back end
  output logic        be_req_o,
  input  logic        be_gnt_i,
  output logic        be_we_o,
  output logic [31:0] be_addr_o,
  output logic [3:0]  be_be_o,
  output logic [31:0] be_wdata_o,
  input  logic        be_rvalid_i
);

  localparam logic [1:0] MData  = 2'd0;
  localparam logic [1:0] MFetch = 2'd1;
  localparam logic [1:0] MWalk  = 2'd2;
  localparam logic [1:0] MScrub = 2'd3;
  localparam int unsigned WaitW = $clog2(MAX_WAIT + 1) + 1;

  logic [1:0]       sel;
  logic [N-1:0]     sreq;           // the requests the selection looks at
  logic [1:0]       owner_q;
  logic [WaitW-1:0] wait_q, wait_d;
  logic             boost;
  logic             starved_q;      // wait_q >= MAX_WAIT, kept in a flip-flop of its own (timing)
  logic             last_fetch_q;   // the last grant between the core ports went to the fetch port
  logic             walk_req;

  assign sreq     = EARLY_SELECT ? sel_req_i : req_i;
  assign walk_req = WALKER && sreq[MWalk];

  assign boost = (MAX_WAIT != 0) && sreq[MScrub] && starved_q;

  always_comb begin
    sel = MScrub;
    if (sreq[MData] || sreq[MFetch]) begin
      if (sreq[MData] && sreq[MFetch]) begin
        sel = last_fetch_q ? MData : MFetch;
      end else begin
        sel = sreq[MFetch] ? MFetch : MData;
      end
    end
    if (walk_req) begin
      sel = MWalk;
    end
    if (boost) begin
      sel = MScrub;
    end
  end

  // Consecutive cycles the scrubber has waited.
  always_comb begin
    wait_d = wait_q;
    if (!req_i[MScrub] || gnt_o[MScrub]) begin
      wait_d = '0;
    end else if (wait_q < WaitW'(MAX_WAIT)) begin
      wait_d = wait_q + WaitW'(1);
    end
  end

  assign be_req_o   = EARLY_SELECT ? req_i[sel]
                                    : (req_i[MData] || req_i[MFetch] || walk_req || req_i[MScrub]);
  localparam int unsigned AdW = (MEM_ADDR_W < 32) ? MEM_ADDR_W : 32;

  // Explicit multiplexers (an indexed part-select becomes a shifter in yosys)
  logic [AdW-1:2] addr;
  always_comb begin
    unique case (sel)
      MData:   addr = addr_i[AdW-1:2];
      MFetch:  addr = addr_i[32+2 +: AdW-2];
      MWalk:   addr = addr_i[64+2 +: AdW-2];
      default: addr = addr_i[96+2 +: AdW-2];
    endcase
  end

  assign be_we_o    = we_i[sel];
  assign be_addr_o  = 32'({addr, 2'b00});
  assign be_be_o    = (sel == MData) ? be_i[3:0] : 4'b1111;
  assign be_wdata_o = (sel == MData) ? wdata_i[31:0] :
                      (WALKER && (sel == MWalk)) ? wdata_i[95:64] : 32'd0;

  logic unused;
  assign unused = ^{addr_i, be_i[15:4], wdata_i[63:32], wdata_i[127:96], sel_req_i};

  // (a decoder per master: an assignment to gnt_o[sel] becomes a shifter with a carry chain in
  // yosys, in the grant path)
  always_comb begin
    for (int unsigned m = 0; m < N; m++) begin
      gnt_o[m]    = (sel == 2'(m)) && (EARLY_SELECT || be_req_o) && be_gnt_i;
      rvalid_o[m] = (owner_q == 2'(m)) && be_rvalid_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      owner_q      <= MData;
      wait_q       <= '0;
      starved_q    <= 1'b0;
      last_fetch_q <= 1'b0;
    end else begin
      wait_q    <= wait_d;
      starved_q <= (wait_d >= WaitW'(MAX_WAIT));
      if (be_req_o && be_gnt_i) begin
        owner_q <= sel;
        if (sel == MData) last_fetch_q <= 1'b0;
        if (sel == MFetch) last_fetch_q <= 1'b1;
      end
    end
  end

endmodule
