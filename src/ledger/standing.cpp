#include "ledger/standing.h"

#include "core/labels.h"
#include "store/county_repository.h"

namespace baoxue::ledger {

Standing standing_of(const std::string& match_status, const store::SuspectedEntry* entry,
                     const store::DropoutEntry* dropout,
                     const std::vector<core::Code>& categories) {
  auto out_of_school = [&](const std::string& code) {
    const core::Code* c = core::find_code(categories, code);
    return c != nullptr && c->flag("out_of_school");
  };
  Standing s;
  if (entry) s.entry_id = entry->id;
  if (dropout) s.dropout_id = dropout->id;
  if (dropout && dropout->status == "open") {
    s.code = "dropout";
    s.category = dropout->category;
    return s;
  }
  if (entry && entry->status == "open") {
    s.code = "pending";
    return s;
  }
  if (match_status == "out_of_band") {
    s.code = "out_of_band";
  } else if (match_status == "enrolled") {
    s.code = "in_school";
  } else if (match_status == "probable") {
    s.code = "probable";
  } else if (entry && !out_of_school(entry->close_category)) {
    // Suspected by the run on the same facts his entry was closed on: the finding stands.
    s.code = "verified";
    s.category = entry->close_category;
  } else if (entry && dropout) {
    // Confirmed out of school, and his case has since been closed (销号): what its end says —
    // back in school (returned, taught at home) or the category of a lawful end (data/labels.tsv
    // case_end). An entry closed before cases existed keeps its verification category.
    const core::Code* end = core::find_label("case_end", dropout->end_reason);
    auto attr = [&](const char* key) {
      return end && end->attrs.count(key) ? end->attrs.at(key) : std::string();
    };
    if (attr("standing") == "in_school") {
      s.code = "in_school";
    } else {
      s.code = "verified";
      s.category = attr("category").empty() ? entry->close_category : attr("category");
    }
  } else {
    s.code = "pending";
  }
  return s;
}

Status refresh_standing(store::Database& db, const std::string& county,
                        const std::string& child_key) {
  auto run = store::latest_match_run(db, county);
  if (!run) return run.error();
  if (!run.value()) return {};
  auto categories = store::load_codes(db, county, "verification_category");
  if (!categories) return categories.error();
  auto status = store::match_status_of(db, county, run.value()->id, child_key);
  if (!status) return status.error();
  if (!status.value()) return {};  // not on the latest ledger
  auto entry = store::latest_entry_of_child(db, county, child_key);
  if (!entry) return entry.error();
  auto dropout = store::latest_dropout_of_child(db, county, child_key);
  if (!dropout) return dropout.error();
  const Standing s = standing_of(*status.value(), entry->has_value() ? &**entry : nullptr,
                                 dropout->has_value() ? &**dropout : nullptr, categories.value());
  return store::set_standing(db, county, run.value()->id, child_key, s.code, s.category, s.entry_id,
                             s.dropout_id);
}

Status close_entry(store::Database& db, const std::string& county, long long entry_id,
                   const std::string& category, const std::string& note, const std::string& by) {
  auto categories = store::load_codes(db, county, "verification_category");
  if (!categories) return categories.error();
  const core::Code* code = nullptr;
  std::string known;
  for (const auto& c : categories.value()) {
    if (c.code == category) code = &c;
    if (!c.flag("out_of_school")) known += (known.empty() ? "" : "、") + c.code;
  }
  if (code == nullptr)
    return make_error("category_unknown",
                      "核查类别“" + category + "”不在本县代码表中：可用 " + known);
  if (code->flag("out_of_school"))
    return make_error("category_needs_review",
                      "类别 " + category + "（" + code->label_zh +
                          "）表示确属失学辍学，须经核查任务提交并由县教育局审核后列入辍学台账；"
                          "命令行只能以 " +
                          known + " 销号");
  return db.transaction([&]() -> Status {
    if (Status st = store::close_suspected_entry(db, county, entry_id, category, note, by); !st)
      return st;
    core::Scope whole_county;
    whole_county.county = county;
    whole_county.role = core::Role::kCountyAdmin;
    auto entry = store::suspected_entry_by_id(db, county, entry_id, whole_county);
    if (!entry) return entry.error();
    return refresh_standing(db, county, entry.value() ? entry.value()->child_key : "");
  });
}

}  // namespace baoxue::ledger
