// Machine memory storage of the memory controller: one synchronous port, word wide.
//
// SIMULATION ONLY. The words live in the simulator's C++ memory (sim/socsim.cpp, or a testbench)
// and are reached through the DPI-C functions socsim_ram_read / socsim_ram_write, so the memory
// size is a runtime choice and back-door access is trivial. This is the only module of the SoC
// that uses DPI: an FPGA build replaces this file by one with the same module name and ports
// (iCE40 SPRAM), see docs/memctl.md.
//
// - A request (req_i) is performed at the rising edge: a write updates the bytes selected by be_i,
//   a read loads rdata_o, which then holds its value until the next read.
// - addr_i is a byte offset from RAM_BASE, word aligned; the caller keeps it inside the populated
//   memory (the storage does not check).
module memctl_storage (
  input  logic        clk_i,
  input  logic        req_i,
  input  logic        we_i,
  input  logic [31:0] addr_i,
  input  logic [3:0]  be_i,
  input  logic [31:0] wdata_i,
  output logic [31:0] rdata_o
);

  import "DPI-C" function int unsigned socsim_ram_read(input int unsigned offset);
  import "DPI-C" function void socsim_ram_write(input int unsigned offset,
                                                input int unsigned data,
                                                input int unsigned be);

  logic [31:0] rdata_q;

  always_ff @(posedge clk_i) begin
    if (req_i) begin
      if (we_i) begin
        socsim_ram_write({addr_i[31:2], 2'b00}, wdata_i, {28'd0, be_i});
      end else begin
        rdata_q <= socsim_ram_read({addr_i[31:2], 2'b00});
      end
    end
  end

  assign rdata_o = rdata_q;

  logic unused;
  assign unused = ^addr_i[1:0];

endmodule
