// Limits that must hold before a request's body is read: RESTinio 0.6 reads a whole message
// before a handler sees it, and meets its own limits (URL, header, body size) by closing the
// connection without a word. To answer 413 / 414 / 431 instead — and to refuse a 200 MB body
// sent to the sign-in route before a byte of it is read — the HTTP parser's header callbacks
// are wrapped here: an oversized URL or header block is noted and no longer stored, and a
// message whose Content-Length exceeds its route's limit is declared bodyless (http_parser's
// "skip body"), so that it completes at once and reaches the handler carrying kRefusedField.
// The handler answers with the status and closes the connection; the unread body is dropped.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace baoxue::http {

struct EarlyLimits {
  std::size_t max_target = 8 * 1024;         // URL with its query string → 414
  std::size_t max_header_bytes = 32 * 1024;  // all header names and values together → 431
  // The largest body a request to `path` with `method` (an http_method value) may carry.
  std::function<std::size_t(int method, std::string_view path)> max_body;
};

// The header field a refused request carries: "413 <limit>", "414" or "431".
inline constexpr const char* kRefusedField = "X-Baoxue-Refused";

// Installs the limits for every HTTP parser in the process (one server per process).
void install_early_limits(EarlyLimits limits);

}  // namespace baoxue::http
