// Test finisher with sifive_test semantics: software writes 0x5555 (pass), (code << 16) | 0x3333
// (fail with code) or 0x7777 (reset request) to offset 0. This module only reports the raw value
// written (finish_valid_o for one cycle, finish_word_o); the simulator decides what it means.
// Reads return zero.
module soc_finisher (
  input  logic        clk_i,
  input  logic        rst_ni,

  // Bus slave (always ready, response in the next cycle)
  input  logic        req_i,
  output logic        gnt_o,
  input  logic [31:0] addr_i,
  input  logic        we_i,
  input  logic [3:0]  be_i,
  input  logic [31:0] wdata_i,
  output logic        rvalid_o,
  output logic [31:0] rdata_o,
  output logic        err_o,

  output logic        finish_valid_o,
  output logic [31:0] finish_word_o
);

  logic        rvalid_q;
  logic        finish_valid_q;
  logic [31:0] finish_word_q;
  logic        wr;

  assign wr = req_i && we_i && (addr_i[11:2] == 10'd0);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rvalid_q       <= 1'b0;
      finish_valid_q <= 1'b0;
    end else begin
      rvalid_q       <= req_i;
      finish_valid_q <= wr;
    end
  end

  // The written word with the lanes that were not written as zero. No reset: the word is only
  // looked at with finish_valid_o (this way each byte is a flip-flop with a synchronous clear,
  // no logic).
  always_ff @(posedge clk_i) begin
    for (int unsigned l = 0; l < 4; l++) begin
      if (wr) finish_word_q[8*l +: 8] <= be_i[l] ? wdata_i[8*l +: 8] : 8'd0;
    end
  end

  assign gnt_o          = 1'b1;
  assign rvalid_o       = rvalid_q;
  assign rdata_o        = 32'd0;
  assign err_o          = 1'b0;
  assign finish_valid_o = finish_valid_q;
  assign finish_word_o  = finish_word_q;

  logic unused_addr;
  assign unused_addr = ^{addr_i[31:12], addr_i[1:0]};

endmodule
