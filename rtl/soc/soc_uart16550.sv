// ns16550a-compatible UART (subset) with a byte-level interface instead of a bit serializer.
//
// Registers (byte offsets, reg-shift 0; a 32-bit access covers four consecutive registers):
//   0 RBR (read) / THR (write); DLL when LCR.DLAB
//   1 IER: bit 0 RX data available, bit 1 THR empty (other bits stored); DLM when LCR.DLAB
//   2 IIR (read): 0xC0 when FIFOs are enabled | 0x04 RX data, 0x02 THR empty, 0x01 none
//     FCR (write): bit 0 FIFO enable, bit 1 clear RX FIFO, bits 7:6 stored (trigger level)
//   3 LCR, 4 MCR (5 bits), 5 LSR (DR, THRE, TEMT; read only), 6 MSR (read only), 7 SCR
//
// Simplifications: transmission completes at once unless the byte sink is busy (each THR write
// emits the byte on tx_valid_o/tx_data_o for one cycle; a bit serializer, e.g. the FPGA board's,
// reports tx_busy_i while it cannot take a byte, which clears LSR.THRE, and tx_active_i while it
// is still sending, which clears LSR.TEMT; a THR write while tx_busy_i is dropped; only with
// TX_FLOW = 1, otherwise both inputs are ignored, so the simulation model has no logic that
// depends on them), the RX interrupt fires as soon as one byte is
// waiting regardless of the trigger level, no line-status interrupt, and loopback mode only
// reflects MCR in MSR. The divisor latch is stored and exposed for a later bit serializer.
module soc_uart16550 #(
  parameter int unsigned RxFifoDepth = 16,  // power of two
  parameter bit          TX_FLOW     = 1'b0 // use tx_busy_i / tx_active_i (bit serializer)
) (
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

  // Byte interface
  output logic        tx_valid_o,
  output logic [7:0]  tx_data_o,
  input  logic        tx_busy_i,     // the sink cannot take a byte now (LSR.THRE = 0)
  input  logic        tx_active_i,   // the sink is still transmitting (LSR.TEMT = 0)
  input  logic        rx_valid_i,
  input  logic [7:0]  rx_data_i,
  output logic        rx_ready_o,

  output logic [15:0] divisor_o,
  output logic        irq_o
);

  logic tx_busy, tx_active;
  assign tx_busy   = TX_FLOW && tx_busy_i;
  assign tx_active = TX_FLOW && tx_active_i;

  localparam int unsigned PtrWidth = $clog2(RxFifoDepth);

  // Registers
  logic [7:0] ier_q, ier_d;
  logic [7:0] fcr_q, fcr_d;     // bits 7:6 and 0 are kept
  logic [7:0] lcr_q, lcr_d;
  logic [4:0] mcr_q, mcr_d;
  logic [7:0] scr_q, scr_d;
  logic [7:0] dll_q, dll_d;
  logic [7:0] dlm_q, dlm_d;
  logic       thre_ip_q, thre_ip_d;  // THR-empty interrupt pending
  logic       tx_valid_q, tx_valid_d;
  logic [7:0] tx_data_q, tx_data_d;
  logic       rvalid_q;
  logic [31:0] rdata_q, rdata_d;

  // RX FIFO
  logic [7:0]                  fifo_q [RxFifoDepth];
  logic [PtrWidth:0]           wptr_q, wptr_d, rptr_q, rptr_d;
  logic                        fifo_empty, fifo_full, fifo_push, fifo_pop, fifo_clear;
  logic [7:0]                  fifo_head;

  assign fifo_empty = wptr_q == rptr_q;
  assign fifo_full  = (wptr_q[PtrWidth-1:0] == rptr_q[PtrWidth-1:0]) &&
                      (wptr_q[PtrWidth] != rptr_q[PtrWidth]);
  assign fifo_head  = fifo_q[rptr_q[PtrWidth-1:0]];
  assign rx_ready_o = !fifo_full;
  assign fifo_push  = rx_valid_i && !fifo_full;

  logic       dlab;
  logic       rx_ip;
  logic [7:0] iir, lsr, msr;
  assign dlab  = lcr_q[7];
  assign rx_ip = ier_q[0] && !fifo_empty;
  // The status registers are only needed for a bus access; evaluating them only then keeps the
  // simulation of an idle UART cheap.
  always_comb begin
    iir = '0;
    lsr = '0;
    msr = '0;
    if (req_i) begin
      iir = {fcr_q[0], fcr_q[0], 6'b000001};
      if (rx_ip) begin
        iir[3:0] = 4'h4;
      end else if (ier_q[1] && thre_ip_q && !tx_busy) begin
        iir[3:0] = 4'h2;
      end
      lsr = {1'b0, !tx_busy && !tx_active, !tx_busy, 4'b0000, !fifo_empty};
      msr = mcr_q[4] ? {mcr_q[3], mcr_q[2], mcr_q[0], mcr_q[1], 4'b0000} : 8'hB0;
    end
  end
  assign irq_o = rx_ip || (ier_q[1] && thre_ip_q && !tx_busy);

  // Bus access: lane l of the word at addr[7:2] is register {addr[2], l}.
  logic hit;  // addresses 0..7
  assign hit = addr_i[7:3] == 5'd0;

  logic [2:0] r;   // register index of the lane being decoded
  logic [7:0] wb;  // its write byte
  logic [7:0] rb;  // its read byte

  always_comb begin
    r          = 3'd0;
    wb         = 8'd0;
    rb         = 8'd0;
    ier_d      = ier_q;
    fcr_d      = fcr_q;
    lcr_d      = lcr_q;
    mcr_d      = mcr_q;
    scr_d      = scr_q;
    dll_d      = dll_q;
    dlm_d      = dlm_q;
    thre_ip_d  = thre_ip_q;
    tx_valid_d = 1'b0;
    tx_data_d  = tx_data_q;
    rdata_d    = rdata_q;
    fifo_pop   = 1'b0;
    fifo_clear = 1'b0;

    if (req_i && !we_i) begin
      rdata_d = 32'd0;
    end
    if (req_i && hit) begin
      for (int unsigned l = 0; l < 4; l++) begin
        if (be_i[l]) begin
          r  = {addr_i[2], 2'(l)};
          wb = wdata_i[8*l +: 8];
          rb = 8'd0;
          unique case (r)
            3'(soc_memory_map_pkg::UART_RBR_THR): begin
              if (dlab) begin
                rb = dll_q;
                if (we_i) dll_d = wb;
              end else begin
                rb = fifo_head;
                if (we_i) begin
                  if (!tx_busy) begin
                    tx_valid_d = 1'b1;
                    tx_data_d  = wb;
                    thre_ip_d  = 1'b1;  // the byte leaves at once, THR is empty again
                  end
                end else begin
                  fifo_pop = !fifo_empty;
                end
              end
            end
            3'(soc_memory_map_pkg::UART_IER): begin
              if (dlab) begin
                rb = dlm_q;
                if (we_i) dlm_d = wb;
              end else begin
                rb = ier_q;
                if (we_i) begin
                  ier_d = {4'b0000, wb[3:0]};
                  // THR is always empty: enabling its interrupt raises it.
                  if (wb[1] && !ier_q[1]) thre_ip_d = 1'b1;
                end
              end
            end
            3'(soc_memory_map_pkg::UART_IIR_FCR): begin
              rb = iir;
              if (we_i) begin
                fcr_d      = {wb[7:6], 5'b00000, wb[0]};
                fifo_clear = wb[1];
              end else if (iir[3:0] == 4'h2) begin
                thre_ip_d = 1'b0;  // reading IIR acknowledges the THR-empty interrupt
              end
            end
            3'(soc_memory_map_pkg::UART_LCR): begin
              rb = lcr_q;
              if (we_i) lcr_d = wb;
            end
            3'(soc_memory_map_pkg::UART_MCR): begin
              rb = {3'b000, mcr_q};
              if (we_i) mcr_d = wb[4:0];
            end
            3'(soc_memory_map_pkg::UART_LSR): rb = lsr;
            3'(soc_memory_map_pkg::UART_MSR): rb = msr;
            default: begin  // UART_SCR
              rb = scr_q;
              if (we_i) scr_d = wb;
            end
          endcase
          if (!we_i) begin
            rdata_d[8*l +: 8] = rb;
          end
        end
      end
    end
  end

  always_comb begin
    wptr_d = wptr_q;
    rptr_d = rptr_q;
    if (fifo_clear) begin
      rptr_d = wptr_q;
    end else if (fifo_pop) begin
      rptr_d = rptr_q + 1'b1;
    end
    if (fifo_push) begin
      wptr_d = wptr_q + 1'b1;
    end
  end

  always_ff @(posedge clk_i) begin
    if (fifo_push) begin
      fifo_q[wptr_q[PtrWidth-1:0]] <= rx_data_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ier_q      <= 8'h00;
      fcr_q      <= 8'h00;
      lcr_q      <= 8'h00;
      mcr_q      <= 5'h00;
      scr_q      <= 8'h00;
      dll_q      <= 8'h01;
      dlm_q      <= 8'h00;
      thre_ip_q  <= 1'b0;
      tx_valid_q <= 1'b0;
      tx_data_q  <= 8'h00;
      rvalid_q   <= 1'b0;
      rdata_q    <= 32'd0;
      wptr_q     <= '0;
      rptr_q     <= '0;
    end else begin
      tx_valid_q <= tx_valid_d;
      rvalid_q   <= req_i;
      wptr_q     <= wptr_d;
      // everything else only changes on a bus access (cheaper to simulate)
      if (req_i) begin
        ier_q      <= ier_d;
        fcr_q      <= fcr_d;
        lcr_q      <= lcr_d;
        mcr_q      <= mcr_d;
        scr_q      <= scr_d;
        dll_q      <= dll_d;
        dlm_q      <= dlm_d;
        thre_ip_q  <= thre_ip_d;
        tx_data_q  <= tx_data_d;
        rdata_q    <= rdata_d;
        rptr_q     <= rptr_d;
      end
    end
  end

  assign gnt_o      = 1'b1;
  assign rvalid_o   = rvalid_q;
  assign rdata_o    = rdata_q;
  assign err_o      = 1'b0;
  assign tx_valid_o = tx_valid_q;
  assign tx_data_o  = tx_data_q;
  assign divisor_o  = {dlm_q, dll_q};

  logic unused_addr;
  assign unused_addr = ^{addr_i[31:8], addr_i[1:0]};

endmodule
