// What each kind of 学籍异动 means for the numbers: the county's code table movement_kind says it
// in the attribute `effect` (data/code_tables.tsv), so a county that adds a kind says how it
// counts without a rebuild.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/code_tables.h"
#include "core/date.h"
#include "store/database.h"
#include "store/movement_repository.h"

namespace baoxue::movement {

enum class Effect {
  kTransferOut,  // leaves for another school; counts once the receiving school confirmed
  kTransferIn,
  kNormalLoss,  // death, abroad, other lawful departure: out of the retention denominator
  kDropout,
  kSuspend,  // 休学: keeps his place
  kResume,
  kGraduate,
  kNone,  // 留级, 跳级: stays enrolled
};

class Kinds {
 public:
  explicit Kinds(std::vector<core::Code> codes);
  // The code for what a file wrote: a code ("transfer_out") or its Chinese label ("转出"), also
  // the registry's wordings "转学（转出）", "转学转出"; nullopt when none fits.
  std::optional<std::string> code_of(const std::string& text) const;
  Effect effect_of(const std::string& code) const;  // kNone for an unknown code
  std::vector<std::string> codes_with(Effect e) const;
  std::string label(const std::string& code) const;
  // "转出、转入、休学、…": what a clerk may write.
  std::string accepted() const;

 private:
  std::vector<core::Code> codes_;
  std::map<std::string, Effect> effect_;
};

// The county's kinds; the defaults when its code table has none (a county created before
// movements existed).
Result<Kinds> load_kinds(store::Database& db, const std::string& county);
// The same as codes (for the labels the web app shows).
Result<std::vector<core::Code>> load_kind_codes(store::Database& db, const std::string& county);

// A transfer out is complete only when the receiving school confirmed ("来得明白，走得清楚").
// confirmed | awaiting (within confirm_days of the move) | overdue (past it: a suspected
// dropout) for transfers out; recorded for every other kind.
std::string state_of(const store::Movement& m, Effect effect, const Date& today, int confirm_days);

}  // namespace baoxue::movement
