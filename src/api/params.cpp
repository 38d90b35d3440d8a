#include "api/params.h"

#include "core/date.h"
#include "core/labels.h"

namespace baoxue::api {
namespace {

Error bad(const std::string& message) { return {"bad_request", message}; }

bool all_digits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

std::string Params::text(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? "" : it->second;
}

Result<std::string> Params::choice(const std::string& key, const std::vector<std::string>& allowed,
                                   const std::string& fallback, const std::string& labels) const {
  const std::string v = text(key);
  if (v.empty()) return fallback;
  for (const std::string& a : allowed)
    if (a == v) return v;
  std::string list;
  for (const std::string& a : allowed) {
    list += (list.empty() ? "" : "、") + a;
    if (!labels.empty())
      if (const core::Code* c = core::find_label(labels, a); c && c->label_zh != a)
        list += "（" + c->label_zh + "）";
  }
  return bad("参数 " + key + " 的值“" + v + "”不可用，可选：" + list);
}

Result<std::string> Params::code(const std::string& key) const {
  const std::string v = text(key);
  if (v.empty() || (all_digits(v) && v.size() <= 20)) return v;
  return bad("参数 " + key + " 应为数字代码（乡镇、村或学校的代码），收到“" + v + "”");
}

Result<std::string> Params::date(const std::string& key) const {
  const std::string v = text(key);
  if (v.empty() || Date::parse_iso(v)) return v;
  return bad("参数 " + key + " 应为日期 YYYY-MM-DD，收到“" + v + "”");
}

Result<store::Page> Params::page() const {
  store::Page p;
  auto number = [&](const std::string& key, int& out, int low, int high) -> Status {
    const std::string v = text(key);
    if (v.empty()) return {};
    if (!all_digits(v) || v.size() > 9 || std::stoi(v) < low || std::stoi(v) > high)
      return bad("参数 " + key + " 应为 " + std::to_string(low) + "–" + std::to_string(high) +
                 " 之间的整数，收到“" + v + "”");
    out = std::stoi(v);
    return {};
  };
  if (Status st = number("page", p.page, 1, 100000000); !st) return st.error();
  if (Status st = number("size", p.size, 1, kMaxPageSize); !st) return st.error();
  return p;
}

Result<store::Sort> Params::sort(const std::vector<std::string>& fields) const {
  store::Sort s;
  auto field = choice("sort", fields);
  if (!field) return field.error();
  s.field = *field;
  auto order = choice("order", {"asc", "desc"}, "asc");
  if (!order) return order.error();
  s.descending = *order == "desc";
  return s;
}

Status Params::places(std::string& township, std::string& village, std::string& school) const {
  for (auto [key, field] :
       {std::pair{"township", &township}, {"village", &village}, {"school", &school}}) {
    auto v = code(key);
    if (!v) return v.error();
    *field = *v;
  }
  return {};
}

Result<Body> Body::parse(std::string_view text) {
  nlohmann::json body =
      nlohmann::json::parse(text.empty() ? std::string_view("{}") : text, nullptr, false);
  if (body.is_discarded()) return bad("请求内容不是有效的 JSON，请检查格式");
  if (!body.is_object()) return bad("请求内容应为 JSON 对象（{…}）");
  return Body(std::move(body));
}

Result<std::string> Body::string(const std::string& key, bool required,
                                 const std::string& fallback) const {
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) {
    if (required) return bad("缺少字段 " + key);
    return fallback;
  }
  if (!it->is_string()) return bad("字段 " + key + " 应为字符串");
  return it->get<std::string>();
}

Result<bool> Body::boolean(const std::string& key, bool fallback) const {
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) return fallback;
  if (!it->is_boolean()) return bad("字段 " + key + " 应为 true 或 false");
  return it->get<bool>();
}

Status Body::fill(std::initializer_list<std::pair<const char*, std::string*>> fields) const {
  for (auto [key, into] : fields) {
    auto v = string(key);
    if (!v) return v.error();
    *into = *v;
  }
  return {};
}

Result<std::optional<double>> Body::number(const std::string& key) const {
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) return std::optional<double>();
  if (it->is_number()) return std::optional<double>(it->get<double>());
  if (it->is_string()) {
    const std::string& t = it->get_ref<const std::string&>();
    if (t.empty()) return std::optional<double>();
    char* end = nullptr;
    const double d = std::strtod(t.c_str(), &end);
    if (end != t.c_str() && *end == '\0') return std::optional<double>(d);
  }
  return bad("字段 " + key + " 应为数字");
}

Result<std::optional<long long>> Body::integer(const std::string& key) const {
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) return std::optional<long long>();
  if (it->is_number_integer()) return std::optional<long long>(it->get<long long>());
  if (it->is_string()) {
    const std::string& t = it->get_ref<const std::string&>();
    if (t.empty()) return std::optional<long long>();
    if (t.size() < 12 && t.find_first_not_of("0123456789") == std::string::npos)
      return std::optional<long long>(std::stoll(t));
  }
  return bad("字段 " + key + " 应为整数");
}

Result<std::vector<long long>> Body::ids(const std::string& key, std::size_t max) const {
  std::vector<long long> out;
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) return out;
  if (!it->is_array()) return bad("字段 " + key + " 应为编号数组，如 [12, 15]");
  if (it->size() > max)
    return bad("字段 " + key + " 最多 " + std::to_string(max) + " 个编号，收到 " +
               std::to_string(it->size()) + " 个；更多请分批或使用“全部”");
  for (const auto& v : *it) {
    if (!v.is_number_integer() || v.get<long long>() <= 0)
      return bad("字段 " + key + " 应为正整数编号数组，如 [12, 15]");
    out.push_back(v.get<long long>());
  }
  return out;
}

Result<std::map<std::string, std::string>> Body::strings(const std::string& key) const {
  std::map<std::string, std::string> out;
  auto it = body_.find(key);
  if (it == body_.end() || it->is_null()) return out;
  if (!it->is_object()) return bad("字段 " + key + " 应为对象（{…}）");
  for (const auto& [k, v] : it->items()) {
    if (v.is_string())
      out[k] = v.get<std::string>();
    else if (v.is_number_integer())
      out[k] = std::to_string(v.get<long long>());
    else if (!v.is_null())
      return bad("字段 " + key + "." + k + " 应为字符串");
  }
  return out;
}

}  // namespace baoxue::api
