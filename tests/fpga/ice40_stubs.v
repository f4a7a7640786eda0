// Port declarations of the iCE40 primitives the board files instantiate, for verilator
// --lint-only (fpga.rtl_lint); synthesis and simulation use yosys' cell library instead.
// verilator lint_off DECLFILENAME
// verilator lint_off UNUSEDSIGNAL
// verilator lint_off UNDRIVEN
module SB_SPRAM256KA (
  input  [13:0] ADDRESS,
  input  [15:0] DATAIN,
  input  [3:0]  MASKWREN,
  input         WREN,
  input         CHIPSELECT,
  input         CLOCK,
  input         STANDBY,
  input         SLEEP,
  input         POWEROFF,
  output [15:0] DATAOUT
);
endmodule
// verilator lint_on UNDRIVEN
// verilator lint_on UNUSEDSIGNAL
// verilator lint_on DECLFILENAME
