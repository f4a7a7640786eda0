// SPI flash reader (board configuration, docs/fpga.md, docs/memory-map.md "spiflash"): a
// read-only memory window, flash byte N at SPIFLASH_BASE + N. Every read returns the aligned
// 32-bit word (little endian: the byte at the lowest address in bits 7:0); writes get an error
// response. SPI mode 0, SCK = clk_i / 2, plain READ (0x03) with a 24-bit address:
//  - the first access after reset first sends RELEASE POWER-DOWN (0xAB) and waits WAKE_CYCLES;
//  - a read of the word following the previous one keeps CS# low and clocks 32 more bits
//    (sequential reads: 64 clk_i cycles per word); any other read starts a new READ command
//    (CS# high for one SCK period, then 8 + 24 + 32 bits: 130 cycles per word).
// The grant is low while a read is in progress; the response comes when its last bit is in.
module soc_spiflash #(
  parameter int unsigned WAKE_CYCLES = 256   // >= tRES1 (3 us for the W25Q128) at clk_i
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

  state_e      state_q, state_d;
  logic        awake_q, awake_d;
  logic        open_q, open_d;         // CS# low after a READ: the flash streams from next_q
  logic [23:0] next_q, next_d;         // flash address of the next streamed word
  logic [23:0] addr_q, addr_d;         // word being read
  logic [31:0] sh_q, sh_d;             // output shift register (MSB first)
  logic [31:0] in_q, in_d;             // input bits
  logic [8:0]  cnt_q, cnt_d;           // bits (or wait cycles) left
  logic        sck_q, sck_d;
  logic        cs_n_q, cs_n_d;
  logic        err_q, err_d;
  logic        busy;

  assign busy     = (state_q != StIdle);
  assign gnt_o    = !busy;
  assign sck_o    = sck_q;
  assign cs_no    = cs_n_q;
  assign mosi_o   = sh_q[31];
  assign rvalid_o = (state_q == StResp);
  // bytes arrive in address order, each MSB first: in_q = {b0, b1, b2, b3}
  assign rdata_o  = err_q ? 32'd0 : {in_q[7:0], in_q[15:8], in_q[23:16], in_q[31:24]};
  assign err_o    = err_q;

  always_comb begin
    state_d = state_q;
    awake_d = awake_q;
    open_d  = open_q;
    next_d  = next_q;
    addr_d  = addr_q;
    sh_d    = sh_q;
    in_d    = in_q;
    cnt_d   = cnt_q;
    sck_d   = sck_q;
    cs_n_d  = cs_n_q;
    err_d   = err_q;

    unique case (state_q)
      StIdle: begin
        if (req_i) begin
          err_d  = we_i;
          addr_d = {addr_i[23:2], 2'b00};
          if (we_i) begin
            state_d = StResp;
          end else if (!awake_q) begin
            state_d = StWake;
            cs_n_d  = 1'b0;
            sh_d    = {8'hAB, 24'd0};
            cnt_d   = 9'd8;
          end else if (open_q && (next_q == {addr_i[23:2], 2'b00})) begin
            state_d = StData;
            cnt_d   = 9'd32;
          end else begin
            // (re)start: CS# high for one SCK period first
            state_d = StWait;
            cs_n_d  = 1'b1;
            open_d  = 1'b0;
            cnt_d   = 9'd2;
          end
        end
      end
      StWake, StCmd: begin
        // one bit per two cycles: SCK low (MOSI set up) -> SCK high (flash samples)
        if (!sck_q) begin
          sck_d = 1'b1;
        end else begin
          sck_d = 1'b0;
          sh_d  = {sh_q[30:0], 1'b0};
          cnt_d = cnt_q - 9'd1;
          if (cnt_q == 9'd1) begin
            if (state_q == StWake) begin
              state_d = StWait;
              cs_n_d  = 1'b1;
              awake_d = 1'b1;
              cnt_d   = 9'(WAKE_CYCLES);
            end else begin
              state_d = StData;
              cnt_d   = 9'd32;
            end
          end
        end
      end
      StWait: begin
        cnt_d = cnt_q - 9'd1;
        if (cnt_q == 9'd1) begin
          state_d = StCmd;
          cs_n_d  = 1'b0;
          sh_d    = {8'h03, addr_q};
          cnt_d   = 9'd32;
        end
      end
      StData: begin
        // sample MISO in the cycle SCK rises (data launched on the previous falling edge)
        if (!sck_q) begin
          sck_d = 1'b1;
          in_d  = {in_q[30:0], miso_i};
        end else begin
          sck_d = 1'b0;
          cnt_d = cnt_q - 9'd1;
          if (cnt_q == 9'd1) begin
            state_d = StResp;
            open_d  = 1'b1;
            next_d  = addr_q + 24'd4;
          end
        end
      end
      StResp: begin
        state_d = StIdle;
      end
      default: state_d = StIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= StIdle;
      awake_q <= 1'b0;
      open_q  <= 1'b0;
      next_q  <= '0;
      addr_q  <= '0;
      sh_q    <= '0;
      in_q    <= '0;
      cnt_q   <= '0;
      sck_q   <= 1'b0;
      cs_n_q  <= 1'b1;
      err_q   <= 1'b0;
    end else begin
      state_q <= state_d;
      awake_q <= awake_d;
      open_q  <= open_d;
      next_q  <= next_d;
      addr_q  <= addr_d;
      sh_q    <= sh_d;
      in_q    <= in_d;
      cnt_q   <= cnt_d;
      sck_q   <= sck_d;
      cs_n_q  <= cs_n_d;
      err_q   <= err_d;
    end
  end

  logic unused;
  assign unused = ^addr_i[31:24] ^ ^addr_i[1:0];

endmodule
