// How often a support pair (结对帮扶, DOMAIN.md §6) must be in touch, and which contacts are late.
// Pure: the pair's start, its last contact of each kind and the county's settings in, the day
// passed in, no clock read.
//
// - Each kind of contact (labels table support_contact_kind) has a cadence in days, a county
//   setting: a weekly record (support.weekly_record_days, 7), a monthly talk (support.talk_days,
//   31) and a call to the parents each term (support.call_home_days, 120). 0: the county does not
//   ask for that kind.
// - A kind is due `days` after the later of the pair's start and its last contact of that kind;
//   past that day it is overdue, from the day after.
// - An ended pair owes nothing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/code_tables.h"
#include "core/date.h"

namespace baoxue::cases {

struct CadenceRules {
  // kind → days, in the order the kinds are shown; 0 = not asked for.
  std::vector<std::pair<std::string, int>> kinds = {
      {"weekly_record", 7}, {"monthly_talk", 31}, {"term_call", 120}};
  static CadenceRules from(const core::Settings& settings);
};

// What the rule reads of a pair.
struct PairFacts {
  Date since;
  std::map<std::string, Date> last_contact;  // kind → the latest contact's day
  bool ended = false;
};

struct KindDue {
  std::string kind;
  std::optional<Date> last_contact;
  Date due_on;                        // the last day it is on time
  bool overdue = false;               // today is past due_on
  std::optional<Date> overdue_since;  // due_on + 1, when overdue
  long days_overdue = 0;
};

// One row per kind the county asks for, in the rules' order; none for an ended pair.
std::vector<KindDue> cadence(const PairFacts& pair, const CadenceRules& rules, const Date& today);

// The same rule as a cut-off a query can test, so a list filtered to the overdue pairs agrees with
// cadence(): a kind of `days` is overdue on `today` exactly when the later of the start and its
// last contact is before the day returned.
Date overdue_before(int days, const Date& today);

}  // namespace baoxue::cases
