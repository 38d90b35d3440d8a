// The versioned data files in data/ are tab-separated text with '#' comments. One reader for all.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace baoxue::core {

std::vector<std::string> split_fields(std::string_view line, char sep = '\t');

// Calls f(line_number, fields) for each line that is neither blank nor a '#' comment; a trailing
// '\r' is dropped. Line numbers count from 1 over all lines, so messages can point at the file.
template <typename F>
void for_each_tsv_row(std::string_view text, F&& f) {
  size_t line_no = 0;
  while (!text.empty()) {
    ++line_no;
    const size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    f(line_no, split_fields(line));
  }
}

}  // namespace baoxue::core
