// Machine memory storage of the memory controller on the iCE40UP5K's four SPRAM blocks
// (SB_SPRAM256KA, 16K x 16 each): 128 KiB, 32 bits wide (two blocks side by side) and two banks
// deep (addr_i[16]). Same module name, ports and contract as the simulation storage
// rtl/mem/memctl_storage.sv, which the FPGA build replaces by this file: one synchronous port, a
// read loads rdata_o at the clock edge and it holds until the next read; byte enables honoured
// (SPRAM MASKWREN: one bit per nibble). addr_i is a byte offset from RAM_BASE below 128 KiB.
module memctl_storage (
  input  logic        clk_i,
  input  logic        req_i,
  input  logic        we_i,
  input  logic [31:0] addr_i,
  input  logic [3:0]  be_i,
  input  logic [31:0] wdata_i,
  output logic [31:0] rdata_o
);

  logic [15:0] rdata [4];   // [bank*2 + half]
  logic        bank_q;      // bank of the last read
  logic        bank;
  logic [3:0]  mask_lo, mask_hi;

  assign bank    = addr_i[16];
  assign mask_lo = {be_i[1], be_i[1], be_i[0], be_i[0]};
  assign mask_hi = {be_i[3], be_i[3], be_i[2], be_i[2]};

  for (genvar b = 0; b < 2; b++) begin : g_bank
    for (genvar h = 0; h < 2; h++) begin : g_half
      SB_SPRAM256KA u_spram (
        .ADDRESS    (addr_i[15:2]),
        .DATAIN     (wdata_i[h*16 +: 16]),
        .MASKWREN   (h ? mask_hi : mask_lo),
        .WREN       (we_i),
        .CHIPSELECT (req_i && (bank == b[0])),
        .CLOCK      (clk_i),
        .STANDBY    (1'b0),
        .SLEEP      (1'b0),
        .POWEROFF   (1'b1),
        .DATAOUT    (rdata[b*2 + h])
      );
    end
  end

  always_ff @(posedge clk_i) begin
    if (req_i && !we_i) bank_q <= bank;
  end

  assign rdata_o = bank_q ? {rdata[3], rdata[2]} : {rdata[1], rdata[0]};

  logic unused;
  assign unused = ^{addr_i[31:17], addr_i[1:0]};

endmodule
