#include "cases/support_cadence.h"

#include <algorithm>

namespace baoxue::cases {

CadenceRules CadenceRules::from(const core::Settings& s) {
  CadenceRules r;
  r.kinds = {{"weekly_record", s.get_int("support.weekly_record_days")},
             {"monthly_talk", s.get_int("support.talk_days")},
             {"term_call", s.get_int("support.call_home_days")}};
  return r;
}

std::vector<KindDue> cadence(const PairFacts& pair, const CadenceRules& rules, const Date& today) {
  std::vector<KindDue> out;
  if (pair.ended) return out;
  for (const auto& [kind, days] : rules.kinds) {
    if (days <= 0) continue;
    KindDue k;
    k.kind = kind;
    Date from = pair.since;
    if (auto it = pair.last_contact.find(kind); it != pair.last_contact.end()) {
      k.last_contact = it->second;
      from = std::max(from, it->second);
    }
    k.due_on = from.plus_days(days);
    k.overdue = today > k.due_on;
    if (k.overdue) {
      k.overdue_since = k.due_on.plus_days(1);
      k.days_overdue = today.days_since_epoch() - k.due_on.days_since_epoch();
    }
    out.push_back(std::move(k));
  }
  return out;
}

Date overdue_before(int days, const Date& today) { return today.plus_days(-days); }

}  // namespace baoxue::cases
