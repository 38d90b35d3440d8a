# baoxue_embed(TARGET SYMBOL FILE): compiles FILE's bytes into TARGET as
#   extern const std::string_view SYMBOL;   (namespace baoxue::embedded)
# so that versioned data (code tables, region lists) ships inside the binary and a deployment
# needs no data directory.
set(BAOXUE_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/embed_file.cmake)

function(baoxue_embed target symbol file)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cpp)
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${out} -DSYMBOL=${symbol}
            -P ${BAOXUE_EMBED_SCRIPT}
    DEPENDS ${file} ${BAOXUE_EMBED_SCRIPT}
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE ${out})
endfunction()
