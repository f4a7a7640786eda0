# Post-synthesis simulation of the iCEBreaker board SoC (docs/fpga.md; CTest fpga.postsynth_sim,
# target fpga-icebreaker-sim): synthesizes icebreaker_soc (everything below the PLL) with the smoke
# ROM and a fast UART (1.5 Mbaud at 24 MHz: 16 cycles per bit), writes the netlist, and runs it
# with yosys' iCE40 cell models and tb_icebreaker.v in Icarus Verilog.
#   cmake -DPYTHON= -DFLOW= -DSOURCES= -DPCF= -DROM_HEX= -DOUT= -DCELLS= -DTB= -DIVERILOG= -DVVP=
#         -P postsynth_sim.cmake
file(MAKE_DIRECTORY ${OUT})
execute_process(COMMAND ${PYTHON} ${FLOW} --sources ${SOURCES} --pcf ${PCF} --rom-hex ${ROM_HEX}
                        --outdir ${OUT} --report ${OUT}/report.json --top icebreaker_soc
                        --chparam BAUD=1500000 --synth-only --netlist ${OUT}/netlist.v
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "post-synthesis simulation: synthesis failed")
endif()
execute_process(COMMAND ${IVERILOG} -g2005 -o ${OUT}/tb.vvp -s tb_icebreaker -DNO_ICE40_DEFAULT_ASSIGNMENTS
                        ${TB} ${OUT}/netlist.v ${CELLS}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "post-synthesis simulation: iverilog failed")
endif()
string(TIMESTAMP t0 "%s")
execute_process(COMMAND ${VVP} -n ${OUT}/tb.vvp RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE out)
string(TIMESTAMP t1 "%s")
math(EXPR secs "${t1} - ${t0}")
message("${out}")
message("post-synthesis simulation: ${secs} s")
if(NOT out MATCHES "tb_icebreaker: PASS")
  message(FATAL_ERROR "post-synthesis simulation failed")
endif()
