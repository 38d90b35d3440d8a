# Script mode: writes OUT, a C++ file defining baoxue::embedded::SYMBOL with the bytes of IN.
file(READ ${IN} hex HEX)
string(LENGTH "${hex}" n)
math(EXPR size "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE ${OUT}
  "// Generated from ${IN}; do not edit.\n#include <string_view>\n"
  "namespace baoxue::embedded {\nstatic const char kData[] = {${bytes} '\\0'};\n"
  "extern const std::string_view ${SYMBOL}(kData, ${size});\n}\n")
