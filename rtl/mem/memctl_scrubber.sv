// The scrubber: zero-fills machine pages for SCRUB (a range) and SCRUB_LIST (a list of MPNs read
// from machine memory). It is the lowest-priority master of the back end and writes one word per
// accepted request: P/4 cycles per page on an idle SRAM back end.
//
// - start_i (one cycle, from the command executor) latches the command; the first back-end request
//   is made in the next cycle.
// - SCRUB_LIST: for each list word, one back-end read, then the page's writes; a listed MPN at or
//   beyond the populated memory is skipped and reported (err_o, ERROR = BAD_MPN).
// - done_o pulses in the cycle the last word is written (accepted by the back end) or the last list
//   entry is skipped; page_done_o in the cycle the last word of each page is accepted.
//   DONE_REG = 1: done_o, page_done_o and err_o pulse one cycle later (registered), so the
//   command queue and the counters that follow them are not in the path of the back end's grant
//   (FPGA timing); the scrubber is already idle in that cycle.
module memctl_scrubber #(
  parameter int unsigned PAGE_SHIFT = 12,
  parameter bit          DONE_REG   = 1'b0,
  // Bits of a machine byte offset: the populated memory (mem_pages_i pages) is at most
  // 2^MEM_ADDR_W bytes. Narrows the page number, count and list address (FPGA area); 32 = none.
  parameter int unsigned MEM_ADDR_W = 32
) (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic [31:0] mem_pages_i,

  input  logic        start_i,
  input  logic        start_list_i,   // 0 = SCRUB, 1 = SCRUB_LIST
  input  logic [31:0] start_arg0_i,   // first MPN, or machine byte address of the list
  input  logic [31:0] start_arg1_i,   // count (>= 1, checked when enqueued)

  output logic        busy_o,
  output logic        done_o,
  output logic        page_done_o,
  output logic        err_o,

  // Back-end master
  output logic        be_req_o,
  input  logic        be_gnt_i,
  output logic        be_we_o,
  output logic [31:0] be_addr_o,
  input  logic        be_rvalid_i,
  input  logic [31:0] be_rdata_i
);

  localparam int unsigned WordW = PAGE_SHIFT - 2;
  localparam bit          Narrow = (MEM_ADDR_W < 32);
  // MPNs up to MEM_PAGES (MpW bits); counts up to MEM_PAGES pages or 2^(MEM_ADDR_W-2) list
  // entries (CntW bits, checked when enqueued); list word addresses inside memory (LaW bits)
  localparam int unsigned MpW  = Narrow ? MEM_ADDR_W - PAGE_SHIFT + 1 : 32;
  localparam int unsigned CntW = !Narrow ? 32 : (MpW > MEM_ADDR_W - 1) ? MpW : MEM_ADDR_W - 1;
  localparam int unsigned LaW  = Narrow ? MEM_ADDR_W - 2 : 30;
  localparam int unsigned AdW  = Narrow ? MEM_ADDR_W : 32;
  localparam bit BaseMsbOnly = (soc_memory_map_pkg::RAM_BASE & 32'h7FFF_FFFF) == 32'd0;

  logic [31:0] start_off;
  assign start_off = BaseMsbOnly ? (start_arg0_i ^ soc_memory_map_pkg::RAM_BASE)
                                 : (start_arg0_i - soc_memory_map_pkg::RAM_BASE);

  typedef enum logic [1:0] {
    StIdle     = 2'd0,
    StListRead = 2'd1,
    StListWait = 2'd2,
    StZero     = 2'd3
  } state_e;

  state_e           state_q, state_d;
  logic             list_q, list_d;
  logic [LaW-1:0]   list_addr_q, list_addr_d;   // word offset from RAM_BASE
  logic [CntW-1:0]  count_q, count_d;           // pages (entries) left, including the current one
  // The word being zeroed, {MPN, word in page}: one counter, the page advances with the carry.
  logic [MpW+WordW-1:0] pos_q, pos_d;
  logic [MpW-1:0]       mpn_q;
  logic [WordW-1:0]     word_q;
  assign mpn_q  = pos_q[WordW +: MpW];
  assign word_q = pos_q[WordW-1:0];

  logic             last_word, last_page;
  logic             done, page_done, err;   // events of this cycle

  assign last_word = (word_q == {WordW{1'b1}});
  assign last_page = (count_q == CntW'(1));

  always_comb begin
    be_req_o  = 1'b0;
    be_we_o   = 1'b0;
    be_addr_o = 32'({list_addr_q, 2'b00});
    unique case (state_q)
      StListRead: be_req_o = 1'b1;
      StZero: begin
        be_req_o  = 1'b1;
        be_we_o   = 1'b1;
        be_addr_o = 32'(AdW'({mpn_q, word_q, 2'b00}));
      end
      default: ;
    endcase
  end

  always_comb begin
    state_d     = state_q;
    list_d      = list_q;
    list_addr_d = list_addr_q;
    count_d     = count_q;
    pos_d       = pos_q;
    done      = 1'b0;
    page_done = 1'b0;
    err       = 1'b0;
    unique case (state_q)
      StIdle: begin
        if (start_i) begin
          list_d      = start_list_i;
          count_d     = CntW'(start_arg1_i);
          pos_d       = {MpW'(start_arg0_i), WordW'(0)};
          list_addr_d = start_off[2 +: LaW];
          state_d     = start_list_i ? StListRead : StZero;
        end
      end
      StListRead: begin
        if (be_gnt_i) state_d = StListWait;
      end
      StListWait: begin
        if (be_rvalid_i) begin
          if (((be_rdata_i >> MpW) == 32'd0) && (MpW'(be_rdata_i) < MpW'(mem_pages_i))) begin
            pos_d   = {MpW'(be_rdata_i), WordW'(0)};
            state_d = StZero;
          end else begin
            err       = 1'b1;
            count_d     = count_q - CntW'(1);
            list_addr_d = list_addr_q + LaW'(1);
            if (last_page) begin
              done  = 1'b1;
              state_d = StIdle;
            end else begin
              state_d = StListRead;
            end
          end
        end
      end
      StZero: begin
        if (be_gnt_i) begin
          pos_d = pos_q + (MpW+WordW)'(1);
          if (last_word) begin
            page_done = 1'b1;
            count_d     = count_q - CntW'(1);
            list_addr_d = list_addr_q + LaW'(1);
            if (last_page) begin
              done  = 1'b1;
              state_d = StIdle;
            end else if (list_q) begin
              state_d = StListRead;
            end
          end
        end
      end
      default: state_d = StIdle;
    endcase
  end

  assign busy_o = (state_q != StIdle);

  if (DONE_REG) begin : g_done_reg
    logic done_q, page_done_q, err_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        done_q      <= 1'b0;
        page_done_q <= 1'b0;
        err_q       <= 1'b0;
      end else begin
        done_q      <= done;
        page_done_q <= page_done;
        err_q       <= err;
      end
    end
    assign done_o      = done_q;
    assign page_done_o = page_done_q;
    assign err_o       = err_q;
  end else begin : g_done_comb
    assign done_o      = done;
    assign page_done_o = page_done;
    assign err_o       = err;
  end

  logic unused;
  assign unused = ^{start_off, start_arg0_i, start_arg1_i, mem_pages_i};

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q     <= StIdle;
      list_q      <= 1'b0;
      list_addr_q <= '0;
      count_q     <= '0;
      pos_q       <= '0;
    end else begin
      state_q     <= state_d;
      list_q      <= list_d;
      list_addr_q <= list_addr_d;
      count_q     <= count_d;
      pos_q       <= pos_d;
    end
  end

endmodule
