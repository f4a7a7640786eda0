// SPI flash reader (board configuration, docs/fpga.md, docs/memory-map.md "spiflash"): a
// read-only memory window, flash byte N at SPIFLASH_BASE + N. Every read returns the aligned
// 32-bit word (little endian: the byte at the lowest address in bits 7:0); writes get an error
// response. SPI mode 0, SCK = clk_i / 2, plain READ (0x03) with a 24-bit address:
//  - the first access after reset first sends RELEASE POWER-DOWN (0xAB) and waits WAKE_CYCLES;
//  - a read of the word following the previous one in the same 1 KiB block keeps CS# low and
//    clocks 32 more bits (sequential reads: 64 clk_i cycles per word); any other read (also the
//    first one of the next 1 KiB block) starts a new READ command
//    (CS# high for one SCK period, then 8 + 24 + 32 bits: 130 cycles per word).
// The grant is low while a read is in progress; the response comes when its last bit is in.
module soc_spiflash #(
  parameter int unsigned WAKE_CYCLES = 256,  // >= tRES1 (3 us for the W25Q128) at clk_i
  parameter bit          STREAM      = 1'b1  // 0: every read sends a READ command (less logic)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        req_i,
  output logic        gnt_o,
  input  logic [31:0] addr_i,
  input  logic        we_i,
  output logic        rvalid_o,
  output logic [31:0] rdata_o,
  output logic        err_o,
  // SPI pins
  output logic        sck_o,
  output logic        cs_no,
  output logic        mosi_o,
  input  logic        miso_i
);

  typedef enum logic [2:0] {
    StIdle  = 3'd0,
    StWake  = 3'd1,   // shifting out 0xAB
    StWait  = 3'd2,   // CS# high after 0xAB (tRES1), or before a new command
    StCmd   = 3'd3,   // shifting out 0x03 + address
    StData  = 3'd4,   // shifting in 32 bits
    StResp  = 3'd5    // response this cycle
  } state_e;

  localparam int unsigned CntW = $clog2(((WAKE_CYCLES > 32) ? WAKE_CYCLES : 32) + 1);

  // One shift register serves both directions: the command and address go out of its top bit,
  // the data comes in at its bottom. It is cleared after each response, so the read data output
  // is zero except in the response cycle (the interconnect ORs such responses).
  state_e          state_q;
  logic            awake_q;
  logic            open_q;         // CS# low after a READ: the flash streams the word after word_q
  logic [21:0]     word_q;         // flash word address of the last read
  logic [31:0]     sh_q;
  logic            sh_en, sh_load, sh_clr;
  logic [CntW-1:0] cnt_q;          // bits (or wait cycles) left
  logic            sck_q;
  logic            cs_n_q;
  logic            err_q;
  logic            seq;

  assign gnt_o    = (state_q == StIdle);
  assign sck_o    = sck_q;
  assign cs_no    = cs_n_q;
  assign rvalid_o = (state_q == StResp);
  // bytes arrive in address order, each MSB first: sh_q = {b0, b1, b2, b3}
  assign rdata_o  = {sh_q[7:0], sh_q[15:8], sh_q[23:16], sh_q[31:24]};
  assign err_o    = err_q;
  // The next word of the stream, if it lies in the same 1 KiB block (an 8-bit incrementer instead
  // of a 22-bit one; a stream crossing a block boundary restarts with a READ command, 0.4 % more
  // time for a long sequential read).
  logic [8:0] next_lo;
  assign next_lo  = {1'b0, word_q[7:0]} + 9'd1;
  assign seq      = STREAM && open_q && !next_lo[8] && (addr_i[9:2] == next_lo[7:0]) &&
                    (addr_i[23:10] == word_q[21:8]);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      awake_q <= 1'b0;
      open_q  <= 1'b0;
      word_q  <= '0;
      cnt_q   <= '0;
      sck_q   <= 1'b0;
      cs_n_q  <= 1'b1;
      err_q   <= 1'b0;
    end else begin
      unique case (state_q)
        StIdle: begin
          if (req_i) begin
            err_q <= we_i;
            if (!we_i) word_q <= addr_i[23:2];
            if (we_i) begin
              state_q <= StResp;
            end else if (seq) begin
              state_q <= StData;
              cnt_q   <= CntW'(32);
            end else begin
              open_q <= 1'b0;
              if (!awake_q) begin
                state_q <= StWake;
                cs_n_q  <= 1'b0;
                cnt_q   <= CntW'(8);
              end else begin
                // (re)start: CS# high for one SCK period first
                state_q <= StWait;
                cs_n_q  <= 1'b1;
                cnt_q   <= CntW'(2);
              end
            end
          end
        end
        StWake, StCmd: begin
          // one bit per two cycles: SCK low (MOSI set up) -> SCK high (flash samples)
          sck_q <= !sck_q;
          if (sck_q) begin
            cnt_q <= cnt_q - 1'b1;
            if (cnt_q == CntW'(1)) begin
              if (state_q == StWake) begin
                state_q <= StWait;
                cs_n_q  <= 1'b1;
                awake_q <= 1'b1;
                cnt_q   <= CntW'(WAKE_CYCLES);
              end else begin
                state_q <= StData;
                cnt_q   <= CntW'(32);
              end
            end
          end
        end
        StWait: begin
          cnt_q <= cnt_q - 1'b1;
          if (cnt_q == CntW'(1)) begin
            state_q <= StCmd;
            cs_n_q  <= 1'b0;
            cnt_q   <= CntW'(32);
          end
        end
        StData: begin
          // sample MISO in the cycle SCK rises (data launched on the previous falling edge)
          sck_q <= !sck_q;
          if (sck_q) begin
            cnt_q <= cnt_q - 1'b1;
            if (cnt_q == CntW'(1)) begin
              state_q <= StResp;
              open_q  <= 1'b1;
            end
          end
        end
        StResp: begin
          state_q <= StIdle;
        end
        default: state_q <= StIdle;
      endcase
    end
  end

  // The shift register: loaded with READ + address when a read is accepted (and kept through the
  // wake-up and the CS# high time), shifted left on the falling SCK edge of a command bit and on
  // the rising edge of a data bit (MISO comes in at the bottom), cleared after a response and while
  // idle (a synchronous clear, no reset: also right after reset, before any request can have been
  // made, the state is idle). The wake-up command 0xAB does not go through it: its bit is picked
  // from the constant by the bit counter (so no flash word address register is needed without
  // STREAM; with STREAM, word_q is only compared).
  // 0xAB = 1010_1011, sent while cnt_q = 8 .. 1: a 1 at every even count and at the last bit.
  logic wake_bit;
  assign wake_bit = !cnt_q[0] || (cnt_q[3:1] == 3'd0);
  assign sh_load  = (state_q == StIdle) && req_i && !we_i && !seq;
  assign sh_en    = sh_load || ((state_q == StCmd) && sck_q) || ((state_q == StData) && !sck_q);
  assign sh_clr   = (state_q == StResp) || ((state_q == StIdle) && !sh_load);
  assign mosi_o   = (state_q == StWake) ? wake_bit : (sh_q[31] && (state_q == StCmd));

  always_ff @(posedge clk_i) begin
    if (sh_clr) begin
      sh_q <= '0;
    end else if (sh_en) begin
      if (sh_load) sh_q <= {8'h03, addr_i[23:2], 2'b00};
      else         sh_q <= {sh_q[30:0], (state_q == StData) && miso_i};
    end
  end

  logic unused;
  assign unused = ^addr_i[31:24] ^ ^addr_i[1:0];

endmodule
