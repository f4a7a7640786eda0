// Boot ROM (board configuration, docs/fpga.md): BOOTROM_SIZE bytes at BOOTROM_BASE, one
// synchronous read port (an FPGA block RAM), shared by a fetch port (ibus) and a data port
// (dbus). The data port goes first; the fetch port's grant is low while the data port requests.
// Responses come the cycle after the grant. Writes are answered with an error and change nothing.
//
// Contents: INIT_FILE ($readmemh, one 32-bit word per line, word 0 = BOOTROM_BASE) when it is
// not empty; otherwise zero. The simulator may also write the array `rom` through its public
// handle (socsim --board loads ELF segments that lie in the ROM).
module soc_bootrom #(
  parameter int unsigned WORDS     = soc_memory_map_pkg::BOOTROM_SIZE / 4,
  parameter              INIT_FILE = ""
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  // fetch port (read only)
  input  logic        f_req_i,
  output logic        f_gnt_o,
  input  logic [31:0] f_addr_i,
  output logic        f_rvalid_o,
  output logic [31:0] f_rdata_o,
  // data port
  input  logic        d_req_i,
  output logic        d_gnt_o,
  input  logic [31:0] d_addr_i,
  input  logic        d_we_i,
  output logic        d_rvalid_o,
  output logic [31:0] d_rdata_o,
  output logic        d_err_o
);

  localparam int unsigned AW = $clog2(WORDS);

  logic [31:0]   rom [WORDS];
  logic [31:0]   rdata_q;
  logic [AW-1:0] raddr;
  logic          f_hs, d_hs;
  logic          f_rvalid_q, d_rvalid_q, d_err_q;

  initial begin
    if (INIT_FILE != "") $readmemh(INIT_FILE, rom);
  end

  assign d_gnt_o = 1'b1;
  assign f_gnt_o = !d_req_i;
  assign d_hs    = d_req_i;
  assign f_hs    = f_req_i && !d_req_i;
  assign raddr   = d_req_i ? d_addr_i[AW+1:2] : f_addr_i[AW+1:2];

  always_ff @(posedge clk_i) begin
    if (f_hs || (d_hs && !d_we_i)) rdata_q <= rom[raddr];
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      f_rvalid_q <= 1'b0;
      d_rvalid_q <= 1'b0;
      d_err_q    <= 1'b0;
    end else begin
      f_rvalid_q <= f_hs;
      d_rvalid_q <= d_hs;
      d_err_q    <= d_hs && d_we_i;
    end
  end

  assign f_rvalid_o = f_rvalid_q;
  assign f_rdata_o  = rdata_q;
  assign d_rvalid_o = d_rvalid_q;
  // Read data of a write (error response) is not defined; the interconnect gates the ROM's data
  // with its selection, so no zeroing is needed here.
  assign d_rdata_o  = rdata_q;
  assign d_err_o    = d_err_q;

  logic unused;
  assign unused = ^{f_addr_i[31:AW+2], f_addr_i[1:0], d_addr_i[31:AW+2], d_addr_i[1:0]};

endmodule
