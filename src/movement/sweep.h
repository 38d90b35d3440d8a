// The two faces of a pupil who is gone without a trace, found from the movements and the lists
// over time, and entered in the 疑似失学辍学台账 for verification like any other suspicion:
// - 转学未确认: a transfer out the receiving school has not confirmed within
//   `movement.confirm_days` of the move ("走得清楚" not yet shown), once per movement;
// - 学籍名单消失 (人不在名也不在): a pupil a whole 学籍 list no longer names, with no movement
//   that explains his leaving (a transfer out, a normal loss, a dropout, 休学, graduation),
//   once per departure. A pupil last seen in grade 9 who leaves between June and September has
//   graduated.
// The day is passed in; the rule reads no clock. An entry needs a census run to belong to: with
// none, nothing is opened and `no_census` says so.
#pragma once

#include <string>

#include "core/date.h"
#include "store/database.h"

namespace baoxue::movement {

struct SweepOutcome {
  long long transfers_overdue = 0;  // unconfirmed past the days, entered now
  long long departures = 0;         // left the list unexplained, entered now
  long long already_suspected = 0;  // had an open entry or dropout already: left as they are
  bool no_census = false;
};

Result<SweepOutcome> sweep(store::Database& db, const std::string& county, const Date& today);

}  // namespace baoxue::movement
