// 8N1 serializer and deserializer between the SoC's UART0 byte interface and the pins
// (docs/fpga.md). The baud rate is fixed: CLK_HZ / BAUD rounded (the 16550 divisor latch is not
// used). Transmit: a shift register only (the 16550's THR in front of it holds the byte until the
// hand-over; a byte offered while busy is dropped); tx_busy_o (LSR.THRE = 0) and tx_active_o
// (LSR.TEMT = 0) while a byte is on its way to it or anything is left to send. Receive: the pin is
// synchronised, a start bit is confirmed at half a bit, the bits are sampled at their middle, and
// the byte is handed over with rx_valid_o for one cycle when the stop bit is high (else dropped:
// framing error). A byte the SoC's RX FIFO cannot take is lost.
module board_uart #(
  parameter int unsigned CLK_HZ = 24_000_000,
  parameter int unsigned BAUD   = 115_200
) (
  input  logic       clk_i,
  input  logic       rst_ni,
  // SoC side
  input  logic       tx_valid_i,
  input  logic [7:0] tx_data_i,
  output logic       tx_busy_o,
  output logic       tx_active_o,
  output logic       rx_valid_o,
  output logic [7:0] rx_data_o,
  // pins
  output logic       txd_o,
  input  logic       rxd_i
);

  localparam int unsigned Div  = (CLK_HZ + BAUD / 2) / BAUD;
  localparam int unsigned CntW = $clog2(Div + 1);

  // ---------------------------------------------------------------- transmit
  // The shift register takes the byte straight from the SoC's UART (whose THR holds it for one
  // cycle): no holding register of its own, so the transmitter is busy (LSR.THRE = 0) from the
  // byte's hand-over until its stop bit is out, and THRE and TEMT are the same. The shift register
  // is zero-filled: it is empty (the line idles high) once the stop bit, the top bit of every
  // frame, has been shifted out, so no bit counter is needed.
  logic [9:0]      tsr_q;       // {stop, data, start}, LSB first; 0 = idle
  logic            tidle;
  logic [CntW-1:0] tcnt_q;

  assign tidle = tsr_q == '0;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tsr_q  <= '0;
      tcnt_q <= '0;
    end else begin
      if (tidle) begin
        if (tx_valid_i) begin
          tsr_q  <= {1'b1, tx_data_i, 1'b0};
          tcnt_q <= CntW'(Div - 1);
        end
      end else if (tcnt_q == '0) begin
        tsr_q  <= {1'b0, tsr_q[9:1]};
        tcnt_q <= CntW'(Div - 1);
      end else begin
        tcnt_q <= tcnt_q - CntW'(1);
      end
    end
  end

  // The cycle of the hand-over counts as busy already (the byte is in the shift register after it).
  assign txd_o       = tidle || tsr_q[0];
  assign tx_busy_o   = tx_valid_i || !tidle;
  assign tx_active_o = tx_valid_i || !tidle;

  // ---------------------------------------------------------------- receive
  logic [2:0]      rxd_sync_q;
  logic            rxd;
  logic            rbusy_q;
  logic [3:0]      rbits_q;     // bits sampled so far (start = 0 .. stop = 9)
  logic [CntW-1:0] rcnt_q;
  logic [7:0]      rsr_q;

  assign rxd       = rxd_sync_q[2];
  assign rx_data_o = rsr_q;   // stable while rx_valid_o (until the next start bit)

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rxd_sync_q <= '1;
      rbusy_q    <= 1'b0;
      rbits_q    <= '0;
      rcnt_q     <= '0;
      rsr_q      <= '0;
      rx_valid_o <= 1'b0;
    end else begin
      rxd_sync_q <= {rxd_sync_q[1:0], rxd_i};
      rx_valid_o <= 1'b0;
      if (!rbusy_q) begin
        if (!rxd) begin                       // falling edge: start bit; sample at its middle
          rbusy_q <= 1'b1;
          rbits_q <= '0;
          rcnt_q  <= CntW'(Div / 2);
        end
      end else if (rcnt_q != '0) begin
        rcnt_q <= rcnt_q - CntW'(1);
      end else begin
        rcnt_q <= CntW'(Div - 1);
        if (rbits_q == 4'd0) begin
          if (rxd) rbusy_q <= 1'b0;           // glitch, not a start bit
          rbits_q <= 4'd1;
        end else if (rbits_q == 4'd9) begin
          rbusy_q <= 1'b0;
          if (rxd) rx_valid_o <= 1'b1;        // stop bit: rsr_q holds the byte
        end else begin
          rsr_q   <= {rxd, rsr_q[7:1]};
          rbits_q <= rbits_q + 4'd1;
        end
      end
    end
  end

endmodule
