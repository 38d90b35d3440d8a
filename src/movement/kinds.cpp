#include "movement/kinds.h"

#include "store/county_repository.h"

namespace baoxue::movement {
namespace {

Effect parse_effect(const std::string& s) {
  if (s == "transfer_out") return Effect::kTransferOut;
  if (s == "transfer_in") return Effect::kTransferIn;
  if (s == "normal_loss") return Effect::kNormalLoss;
  if (s == "dropout") return Effect::kDropout;
  if (s == "suspend") return Effect::kSuspend;
  if (s == "resume") return Effect::kResume;
  if (s == "graduate") return Effect::kGraduate;
  return Effect::kNone;
}

// Brackets of either width and the words the registry puts around a kind.
std::string folded(std::string s) {
  for (const char* drop : {"（", "）", "(", ")", " ", "\u3000", "学籍"})
    for (std::size_t at; (at = s.find(drop)) != std::string::npos;)
      s.erase(at, std::string(drop).size());
  if (s.rfind("转学", 0) == 0 && s.size() > 6) s.erase(0, 6);  // 转学转出 → 转出
  return s;
}

}  // namespace

Kinds::Kinds(std::vector<core::Code> codes) : codes_(std::move(codes)) {
  for (const auto& c : codes_) {
    auto it = c.attrs.find("effect");
    effect_[c.code] = parse_effect(it == c.attrs.end() ? "" : it->second);
  }
}

std::optional<std::string> Kinds::code_of(const std::string& text) const {
  const std::string t = folded(text);
  for (const auto& c : codes_)
    if (text == c.code || t == folded(c.label_zh)) return c.code;
  return std::nullopt;
}

Effect Kinds::effect_of(const std::string& code) const {
  auto it = effect_.find(code);
  return it == effect_.end() ? Effect::kNone : it->second;
}

std::vector<std::string> Kinds::codes_with(Effect e) const {
  std::vector<std::string> out;
  for (const auto& c : codes_)
    if (effect_of(c.code) == e) out.push_back(c.code);
  return out;
}

std::string Kinds::label(const std::string& code) const {
  for (const auto& c : codes_)
    if (c.code == code) return c.label_zh;
  return code;
}

std::string Kinds::accepted() const {
  std::string s;
  for (const auto& c : codes_) s += (s.empty() ? "" : "、") + c.label_zh;
  return s;
}

Result<std::vector<core::Code>> load_kind_codes(store::Database& db, const std::string& county) {
  auto codes = store::load_codes(db, county, "movement_kind");
  if (!codes) return codes.error();
  if (codes->empty())
    for (const auto& c : core::default_codes())
      if (c.table == "movement_kind") codes->push_back(c);
  return codes;
}

Result<Kinds> load_kinds(store::Database& db, const std::string& county) {
  auto codes = load_kind_codes(db, county);
  if (!codes) return codes.error();
  return Kinds(std::move(codes.value()));
}

std::string state_of(const store::Movement& m, Effect effect, const Date& today, int confirm_days) {
  if (effect != Effect::kTransferOut) return "recorded";
  if (!m.confirmed_on.empty()) return "confirmed";
  auto moved = Date::parse_iso(m.moved_on);
  if (moved && moved->plus_days(confirm_days) < today) return "overdue";
  return "awaiting";
}

}  // namespace baoxue::movement
