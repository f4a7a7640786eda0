// Post-synthesis testbench of the iCEBreaker board SoC (docs/fpga.md): runs the yosys netlist
// of icebreaker_soc (synthesized with the smoke ROM, tests/fpga/smoke_rom.S, and a fast UART)
// with yosys' iCE40 cell models in Icarus Verilog. Provides the clock and PLL lock, presses
// nothing, models the SPI flash (byte N = (N & 0xFF) ^ 0x5A, READ 0x03 only) and decodes the
// UART's TX pin. Passes when the UART printed "smoke: PASS" and the green LED is on (finisher
// PASS) while the red one is off; fails on "FAIL", the red LED, or after MAX_CYCLES.
`timescale 1ns / 1ps
module tb_icebreaker;
  parameter integer BIT_CYCLES = 16;        // CLK_HZ / BAUD of the synthesized netlist
  parameter integer MAX_CYCLES = 400000;

  reg clk = 1'b0;
  reg pll_lock = 1'b0;
  wire uart_tx, led_r_n, led_g_n, sck, cs_n, mosi;
  reg  miso = 1'b1;

  icebreaker_soc dut (
    .clk_i        (clk),
    .pll_lock_i   (pll_lock),
    .btn_ni       (1'b1),
    .uart_rx_i    (1'b1),
    .uart_tx_o    (uart_tx),
    .led_red_no   (led_r_n),
    .led_green_no (led_g_n),
    .flash_sck_o  (sck),
    .flash_cs_no  (cs_n),
    .flash_mosi_o (mosi),
    .flash_miso_i (miso)
  );

  always #20.833 clk = ~clk;   // 24 MHz
  integer cycle = 0;
  always @(posedge clk) cycle <= cycle + 1;
  initial begin
    repeat (10) @(posedge clk);
    pll_lock <= 1'b1;
  end

  // ---------------------------------------------------------------- SPI flash
  reg [31:0] sh;
  integer bits, obit;
  reg [23:0] addr;
  always @(negedge cs_n) begin bits = 0; sh = 0; end
  always @(posedge sck) if (!cs_n) begin
    if (bits < 32) sh = {sh[30:0], mosi};
    bits = bits + 1;
    if (bits == 32) begin addr = sh[23:0]; obit = 0; end
  end
  always @(negedge sck) if (!cs_n && bits >= 32 && sh[31:24] == 8'h03) begin
    miso <= ((addr[7:0] ^ 8'h5a) >> (7 - obit)) & 1;
    obit = obit + 1;
    if (obit == 8) begin obit = 0; addr = addr + 1; end
  end
  always @(posedge cs_n) miso <= 1'b1;

  // ---------------------------------------------------------------- UART receiver
  reg [8*64-1:0] line = 0;
  reg [7:0] ch;
  integer i, seen_pass = 0, seen_fail = 0;
  initial begin
    forever begin
      @(negedge uart_tx);
      repeat (BIT_CYCLES / 2) @(posedge clk);
      if (uart_tx == 1'b0) begin
        for (i = 0; i < 8; i = i + 1) begin
          repeat (BIT_CYCLES) @(posedge clk);
          ch[i] = uart_tx;
        end
        repeat (BIT_CYCLES) @(posedge clk);   // stop bit
        $write("%c", ch);
        if (ch == 8'h0a) begin
          if (line[8*11-1:0] == "smoke: PASS") seen_pass = 1;
          if (line[8*11-1:0] == "smoke: FAIL" || line[8*13-1:8*2] == "smoke: FAIL") seen_fail = 1;
          line = 0;
        end else begin
          line = {line[8*63-1:0], ch};
        end
      end
    end
  end

  // ---------------------------------------------------------------- verdict
  initial begin
    while (cycle < MAX_CYCLES) begin
      @(posedge clk);
      if (!led_r_n && pll_lock && cycle > 2000) begin
        repeat (2000) @(posedge clk);
        $display("\ntb_icebreaker: FAIL: red LED on (finisher FAIL) after %0d cycles", cycle);
        $finish;
      end
      if (seen_pass && !led_g_n && led_r_n) begin
        $display("tb_icebreaker: PASS after %0d cycles (UART \"smoke: PASS\", green LED on)", cycle);
        $finish;
      end
      if (seen_fail) begin
        repeat (100) @(posedge clk);
        $display("\ntb_icebreaker: FAIL: the smoke program reported a failure");
        $finish;
      end
    end
    $display("\ntb_icebreaker: FAIL: timeout after %0d cycles", MAX_CYCLES);
    $finish;
  end
endmodule
