#include "http/early_limits.h"

#include <dlfcn.h>
#include <http_parser.h>

#include <memory>
#include <mutex>
#include <restinio/all.hpp>

namespace baoxue::http {
namespace {

using Ctx = restinio::impl::http_parser_ctx_t;

std::unique_ptr<EarlyLimits> g_limits;
// RESTinio's callbacks, which the wrappers call when a request is within its limits.
http_parser_settings g_restinio{};
http_parser_settings g_wrapped{};
std::once_flag g_wrap_once;

Ctx* ctx_of(http_parser* p) { return reinterpret_cast<Ctx*>(p->data); }

bool refused(Ctx* ctx) { return ctx->m_header.has_field(kRefusedField); }

void refuse(Ctx* ctx, const std::string& why) {
  if (!refused(ctx)) ctx->m_header.set_field(kRefusedField, why);
}

std::size_t header_bytes(Ctx* ctx) {
  std::size_t n = ctx->m_current_field_name.size() + ctx->m_last_value_total_size;
  for (const auto& f : ctx->m_header) n += f.name().size() + f.value().size();
  return n;
}

int on_url(http_parser* p, const char* at, std::size_t length) {
  Ctx* ctx = ctx_of(p);
  if (refused(ctx)) return 0;
  if (ctx->m_header.request_target().size() + length > g_limits->max_target) {
    refuse(ctx, "414");
    return 0;  // the rest of the URL is not kept
  }
  return g_restinio.on_url(p, at, length);
}

int on_header_field(http_parser* p, const char* at, std::size_t length) {
  Ctx* ctx = ctx_of(p);
  if (refused(ctx)) return 0;
  if (header_bytes(ctx) + length > g_limits->max_header_bytes) {
    refuse(ctx, "431");
    return 0;
  }
  return g_restinio.on_header_field(p, at, length);
}

int on_header_value(http_parser* p, const char* at, std::size_t length) {
  Ctx* ctx = ctx_of(p);
  if (refused(ctx)) return 0;
  if (header_bytes(ctx) + length > g_limits->max_header_bytes) {
    refuse(ctx, "431");
    return 0;
  }
  return g_restinio.on_header_value(p, at, length);
}

int on_headers_complete(http_parser* p) {
  Ctx* ctx = ctx_of(p);
  if (!refused(ctx) && p->content_length != ULLONG_MAX && p->content_length > 0) {
    std::string_view target = ctx->m_header.request_target();
    const std::size_t query = target.find('?');
    const std::size_t limit =
        g_limits->max_body(static_cast<int>(p->method), target.substr(0, query));
    if (p->content_length > limit) refuse(ctx, "413 " + std::to_string(limit));
  }
  if (refused(ctx)) {
    ctx->m_leading_headers_completed = true;
    return 1;  // no body: the message is complete now, and its body is never stored
  }
  return g_restinio.on_headers_complete(p);
}

}  // namespace

void install_early_limits(EarlyLimits limits) {
  g_limits = std::make_unique<EarlyLimits>(std::move(limits));
}

}  // namespace baoxue::http

// The parser entry point RESTinio calls, interposed: the same parse with the wrapped header
// callbacks (the real function is libhttp_parser's, found with RTLD_NEXT).
extern "C" size_t http_parser_execute(http_parser* parser, const http_parser_settings* settings,
                                      const char* data, size_t len) {
  using Execute = size_t (*)(http_parser*, const http_parser_settings*, const char*, size_t);
  static const Execute real = reinterpret_cast<Execute>(dlsym(RTLD_NEXT, "http_parser_execute"));
  using namespace baoxue::http;
  if (!g_limits) return real(parser, settings, data, len);
  std::call_once(g_wrap_once, [settings] {
    g_restinio = *settings;
    g_wrapped = *settings;
    g_wrapped.on_url = on_url;
    g_wrapped.on_header_field = on_header_field;
    g_wrapped.on_header_value = on_header_value;
    g_wrapped.on_headers_complete = on_headers_complete;
  });
  return real(parser, &g_wrapped, data, len);
}
