// ns16550a-compatible UART (subset) with a byte-level interface instead of a bit serializer.
//
// Registers (byte offsets, reg-shift 0; a 32-bit access covers four consecutive registers):
//   0 RBR (read) / THR (write); DLL when LCR.DLAB
//   1 IER: bit 0 RX data available, bit 1 THR empty (bits 3:0 stored); DLM when LCR.DLAB
//   2 IIR (read): 0xC0 when FIFOs are enabled | 0x04 RX data, 0x02 THR empty, 0x01 none
//     FCR (write): bit 0 FIFO enable, bit 1 clear RX FIFO (the trigger level is not kept)
//   3 LCR, 4 MCR (5 bits), 5 LSR (DR, THRE, TEMT; read only), 6 MSR (read only), 7 SCR
//
// Simplifications: transmission completes at once unless the byte sink is busy (each THR write
// emits the byte on tx_valid_o/tx_data_o for one cycle; a bit serializer, e.g. the FPGA board's,
// reports tx_busy_i while it cannot take a byte, which clears LSR.THRE, and tx_active_i while it
// is still sending, which clears LSR.TEMT; a THR write while tx_busy_i is dropped; only with
// TX_FLOW = 1, otherwise both inputs are ignored, so the simulation model has no logic that
// depends on them), the RX interrupt fires as soon as one byte is
// waiting regardless of the trigger level, no line-status interrupt, and loopback mode only
// reflects MCR in MSR. The divisor latch is stored and exposed for a later bit serializer
// (DIVISOR_LATCH = 1); with DIVISOR_LATCH = 0 (the FPGA board: fixed baud rate) DLL/DLM read as
// 0x01/0x00 and ignore writes. With MODEM_REGS = 0 (the FPGA board: fixed 8N1 line format, no
// modem lines) only LCR's DLAB bit is stored: LCR[6:0], MCR and SCR read as zero and ignore writes,
// MSR reads 0xB0 (no loopback).
//
// RX FIFO: RxFifoDepth bytes, in flip-flops, or with RX_FIFO_BRAM = 1 in a memory with a
// registered read port (one FPGA block RAM; the byte is read every cycle at the read pointer and
// put on the bus in the response cycle).
// The read data is zero except in the cycle after a read (the interconnect ORs such responses).
module soc_uart16550 #(
  parameter int unsigned RxFifoDepth   = 16,   // power of two, >= 2
  parameter bit          TX_FLOW       = 1'b0, // use tx_busy_i / tx_active_i (bit serializer)
  parameter bit          RX_FIFO_BRAM  = 1'b0, // RX FIFO storage in block RAM
  parameter bit          DIVISOR_LATCH = 1'b1, // DLL/DLM stored (0: read 0x01/0x00)
  parameter bit          MODEM_REGS    = 1'b1  // LCR[6:0], MCR, SCR stored (0: read 0, FPGA board)
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
  output logic [31:0] rdata_o,   // zero except in the response cycle of a read
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

  // ------------------------------------------------------------------ registers
  logic [3:0] ier_q;
  logic       fifo_en_q;
  logic [7:0] lcr_q;
  logic [4:0] mcr_q;
  logic [7:0] scr_q;
  logic [7:0] dll, dlm;
  logic       thre_ip_q;        // THR-empty interrupt pending
  logic       tx_valid_q;
  logic [7:0] tx_data_q;
  logic       rvalid_q;
  logic [31:0] rdata_q;

  // ------------------------------------------------------------------ RX FIFO
  logic [PtrWidth:0] wptr_q, rptr_q;
  logic              fifo_empty, fifo_full, fifo_push, fifo_pop, fifo_clear;
  logic [7:0]        fifo_head;   // FF storage: the byte at the read pointer, now

  assign fifo_empty = wptr_q == rptr_q;
  assign fifo_full  = (wptr_q[PtrWidth-1:0] == rptr_q[PtrWidth-1:0]) &&
                      (wptr_q[PtrWidth] != rptr_q[PtrWidth]);
  assign rx_ready_o = !fifo_full;
  assign fifo_push  = rx_valid_i && !fifo_full;

  logic [7:0] fifo_rdata;   // BRAM storage: the byte at the read pointer of the previous cycle

  if (RX_FIFO_BRAM) begin : g_fifo_bram
    // A read at the write address only happens while the FIFO is empty (its byte is not used then),
    // so no read-during-write bypass is needed (no_rw_check).
    (* ram_style = "block", no_rw_check *) logic [7:0] mem [RxFifoDepth];
    logic [7:0] rd_q;
    always_ff @(posedge clk_i) begin
      if (fifo_push) mem[wptr_q[PtrWidth-1:0]] <= rx_data_i;
      rd_q <= mem[rptr_q[PtrWidth-1:0]];
    end
    assign fifo_rdata = rd_q;
    assign fifo_head  = 8'd0;
  end else begin : g_fifo_ff
    logic [7:0] mem [RxFifoDepth];
    always_ff @(posedge clk_i) begin
      if (fifo_push) mem[wptr_q[PtrWidth-1:0]] <= rx_data_i;
    end
    assign fifo_head  = mem[rptr_q[PtrWidth-1:0]];
    assign fifo_rdata = 8'd0;
  end

  // ------------------------------------------------------------------ status
  logic       dlab, rx_ip, thre_irq;
  logic [7:0] iir, lsr, msr;
  assign dlab     = lcr_q[7];
  assign rx_ip    = ier_q[0] && !fifo_empty;
  assign thre_irq = ier_q[1] && thre_ip_q && !tx_busy;
  assign irq_o    = rx_ip || thre_irq;
  assign iir = {fifo_en_q, fifo_en_q, 3'b000, rx_ip ? 2'b10 : thre_irq ? 2'b01 : 2'b00,
                !(rx_ip || thre_irq)};
  assign lsr = {1'b0, !tx_busy && !tx_active, !tx_busy, 4'b0000, !fifo_empty};
  assign msr = mcr_q[4] ? {mcr_q[3], mcr_q[2], mcr_q[0], mcr_q[1], 4'b0000} : 8'hB0;

  // ------------------------------------------------------------------ bus access
  // Lane l of the word at addr[2] is register {addr[2], l}: lane 0 RBR/THR/DLL or MCR, lane 1
  // IER/DLM or LSR, lane 2 IIR/FCR or MSR, lane 3 LCR or SCR.
  logic       hit, a2, rd, wr;
  logic [3:0] rl, wl;   // lanes read / written
  assign hit = req_i && (addr_i[7:3] == 5'd0);
  assign a2  = addr_i[2];
  assign rd  = hit && !we_i;
  assign wr  = hit && we_i;
  assign rl  = rd ? be_i : 4'b0000;
  assign wl  = wr ? be_i : 4'b0000;

  logic thr_wr, rbr_rd, ier_wr, fcr_wr, iir_rd;
  assign thr_wr = wl[0] && !a2 && !dlab;
  assign rbr_rd = rl[0] && !a2 && !dlab;
  assign ier_wr = wl[1] && !a2 && !dlab;
  assign fcr_wr = wl[2] && !a2;
  assign iir_rd = rl[2] && !a2;

  assign fifo_pop   = rbr_rd && !fifo_empty;
  assign fifo_clear = fcr_wr && wdata_i[17];

  logic [31:0] rword;
  assign rword[7:0]   = a2 ? {3'b000, mcr_q} : dlab ? dll : fifo_head;
  assign rword[15:8]  = a2 ? lsr : dlab ? dlm : {4'b0000, ier_q};
  assign rword[23:16] = a2 ? msr : iir;
  assign rword[31:24] = a2 ? scr_q : lcr_q;

  logic rbr_bram_q;   // RX_FIFO_BRAM: this response carries the FIFO's byte in lane 0
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ier_q      <= '0;
      fifo_en_q  <= 1'b0;
      lcr_q      <= '0;
      mcr_q      <= '0;
      scr_q      <= '0;
      thre_ip_q  <= 1'b0;
      tx_valid_q <= 1'b0;
      tx_data_q  <= '0;
      rvalid_q   <= 1'b0;
      rbr_bram_q <= 1'b0;
      wptr_q     <= '0;
      rptr_q     <= '0;
    end else begin
      rvalid_q   <= req_i;
      tx_valid_q <= thr_wr && !tx_busy;
      rbr_bram_q <= RX_FIFO_BRAM && rbr_rd;

      if (thr_wr && !tx_busy) tx_data_q <= wdata_i[7:0];
      if (ier_wr) ier_q <= wdata_i[11:8];
      if (fcr_wr) fifo_en_q <= wdata_i[16];
      if (wl[3] && !a2) lcr_q <= MODEM_REGS ? wdata_i[31:24] : {wdata_i[31], 7'd0};
      if (wl[0] && a2 && MODEM_REGS) mcr_q <= wdata_i[4:0];
      if (wl[3] && a2 && MODEM_REGS) scr_q <= wdata_i[31:24];

      // THR-empty interrupt: set by a THR write (the byte leaves at once) or by enabling it (THR
      // is empty); cleared by reading IIR while it reports it.
      if ((thr_wr && !tx_busy) || (ier_wr && wdata_i[9] && !ier_q[1])) begin
        thre_ip_q <= 1'b1;
      end else if (iir_rd && (iir[3:0] == 4'h2)) begin
        thre_ip_q <= 1'b0;
      end

      if (fifo_push) wptr_q <= wptr_q + 1'b1;
      if (fifo_clear) rptr_q <= wptr_q;
      else if (fifo_pop) rptr_q <= rptr_q + 1'b1;
    end
  end

  // The read data register has no reset: each lane is a flip-flop with a synchronous clear (no
  // logic; an asynchronous reset would cost a LUT per bit for the clear). In reset there is no
  // request, so it is zero from the first clock edge in reset on.
  always_ff @(posedge clk_i) begin
    for (int unsigned l = 0; l < 4; l++) begin
      rdata_q[8*l +: 8] <= rl[l] ? rword[8*l +: 8] : 8'd0;
    end
  end

  if (DIVISOR_LATCH) begin : g_dl
    logic [7:0] dll_q, dlm_q;
    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        dll_q <= 8'h01;
        dlm_q <= 8'h00;
      end else begin
        if (wl[0] && !a2 && dlab) dll_q <= wdata_i[7:0];
        if (wl[1] && !a2 && dlab) dlm_q <= wdata_i[15:8];
      end
    end
    assign dll = dll_q;
    assign dlm = dlm_q;
  end else begin : g_no_dl
    assign dll = 8'h01;
    assign dlm = 8'h00;
  end

  assign gnt_o      = 1'b1;
  assign rvalid_o   = rvalid_q;
  assign rdata_o    = {rdata_q[31:8], rdata_q[7:0] | (rbr_bram_q ? fifo_rdata : 8'd0)};
  assign err_o      = 1'b0;
  assign tx_valid_o = tx_valid_q;
  assign tx_data_o  = tx_data_q;
  assign divisor_o  = {dlm, dll};

  logic unused;
  assign unused = ^{addr_i[31:8], addr_i[1:0], wdata_i};

endmodule
