// Simulation RAM with two ports (fetch, data) on the SoC bus (docs/architecture.md).
//
// The storage lives in the simulator's C++ memory and is reached through DPI-C functions, so the
// RAM size is a runtime choice and back-door access is trivial. This is the only module of the SoC
// that uses DPI; an FPGA RAM (or issue 3's memory controller) replaces it behind the same ports.
//
// - Both ports accept a request whenever they are idle or deliver a response in the same cycle,
//   so with mem_latency_i == 0 each port sustains one access per cycle.
// - mem_latency_i adds that many wait cycles between the handshake and the response.
// - Accesses at or beyond RAM_BASE + ram_size_i get an error response and touch nothing.
module soc_ram (
  input  logic        clk_i,
  input  logic        rst_ni,

  input  logic [7:0]  mem_latency_i,  // extra wait cycles per access
  input  logic [31:0] ram_size_i,     // populated bytes from RAM_BASE

  // Fetch port (read only)
  input  logic        fetch_req_i,
  output logic        fetch_gnt_o,
  input  logic [31:0] fetch_addr_i,
  input  logic [1:0]  fetch_priv_i,
  output logic        fetch_rvalid_o,
  output logic [31:0] fetch_rdata_o,
  output logic        fetch_err_o,

  // Data port
  input  logic        data_req_i,
  output logic        data_gnt_o,
  input  logic [31:0] data_addr_i,
  input  logic        data_we_i,
  input  logic [3:0]  data_be_i,
  input  logic [31:0] data_wdata_i,
  input  logic [1:0]  data_priv_i,
  output logic        data_rvalid_o,
  output logic [31:0] data_rdata_o,
  output logic        data_err_o
);

  // Storage in the simulator: offsets are byte offsets from RAM_BASE, word aligned.
  import "DPI-C" function int unsigned socsim_ram_read(input int unsigned offset);
  import "DPI-C" function void socsim_ram_write(input int unsigned offset,
                                                input int unsigned data,
                                                input int unsigned be);

  localparam int unsigned NumPorts = 2;  // 0 = fetch, 1 = data

  logic [NumPorts-1:0]        req, gnt, we, hs, in_range;
  logic [31:0]                addr [NumPorts];
  logic [31:0]                offset [NumPorts];
  logic [NumPorts-1:0]        pending_q, pending_d;
  logic [7:0]                 wait_q [NumPorts];
  logic [7:0]                 wait_d [NumPorts];
  logic [NumPorts-1:0]        err_q;
  logic [31:0]                rdata_q [NumPorts];
  logic [NumPorts-1:0]        rvalid;

  assign req  = {data_req_i, fetch_req_i};
  assign we   = {data_we_i, 1'b0};
  assign addr[0] = fetch_addr_i;
  assign addr[1] = data_addr_i;

  for (genvar p = 0; p < NumPorts; p++) begin : g_port
    assign offset[p]   = addr[p] - soc_memory_map_pkg::RAM_BASE;
    assign in_range[p] = offset[p] < ram_size_i;
    assign rvalid[p]   = pending_q[p] && (wait_q[p] == 8'd0);
    assign gnt[p]      = !pending_q[p] || rvalid[p];
    assign hs[p]       = req[p] && gnt[p];

    always_comb begin
      pending_d[p] = pending_q[p];
      wait_d[p]    = wait_q[p];
      if (hs[p]) begin
        pending_d[p] = 1'b1;
        wait_d[p]    = mem_latency_i;
      end else if (rvalid[p]) begin
        pending_d[p] = 1'b0;
      end else if (pending_q[p]) begin
        wait_d[p]    = wait_q[p] - 8'd1;
      end
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        pending_q[p] <= 1'b0;
        wait_q[p]    <= 8'd0;
      end else begin
        pending_q[p] <= pending_d[p];
        wait_q[p]    <= wait_d[p];
      end
    end
  end

  // The storage accesses happen at the handshake; the response is held until it is delivered.
  always_ff @(posedge clk_i) begin
    for (int unsigned p = 0; p < NumPorts; p++) begin
      if (hs[p]) begin
        err_q[p] <= !in_range[p];
        if (in_range[p]) begin
          if (we[p]) begin
            socsim_ram_write({offset[p][31:2], 2'b00}, data_wdata_i, {28'd0, data_be_i});
          end else begin
            rdata_q[p] <= socsim_ram_read({offset[p][31:2], 2'b00});
          end
        end
      end
    end
  end

  assign fetch_gnt_o    = gnt[0];
  assign fetch_rvalid_o = rvalid[0];
  assign fetch_rdata_o  = rdata_q[0];
  assign fetch_err_o    = err_q[0];

  assign data_gnt_o     = gnt[1];
  assign data_rvalid_o  = rvalid[1];
  assign data_rdata_o   = rdata_q[1];
  assign data_err_o     = err_q[1];

  // The simulation RAM does not translate; the privilege is for the memory controller.
  logic unused_priv;
  assign unused_priv = ^{fetch_priv_i, data_priv_i};

endmodule
