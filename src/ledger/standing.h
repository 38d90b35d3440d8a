// A child's standing on the 适龄儿童台账: what is known of him today. The census run says what
// the lists showed on its day (在校, 疑似, …); verification and the dropout ledger say what people
// found since. The ledger shows the two together, so that a child approved as A (in school) no
// longer reads 疑似 anywhere, a child confirmed as K reads 确认失学辍学 in both ledgers, and a
// later census never undoes a finding unless the lists newly say otherwise (then the suspected
// entry it opens says why, and the child is pending again).
#pragma once

#include <optional>
#include <string>

#include "core/code_tables.h"
#include "store/database.h"
#include "store/ledger_repository.h"
#include "store/verification_repository.h"

namespace baoxue::ledger {

struct Standing {
  std::string code;      // in_school | probable | verified | pending | dropout | out_of_band
  std::string category;  // the verification category behind verified and dropout
  std::optional<long long> entry_id, dropout_id;
};

// `match_status`: the run's finding for him (enrolled | probable | suspected | out_of_band).
// `entry`: his most recent suspected entry, `dropout`: his most recent dropout entry (null when
// none). `categories`: the county's verification categories (which mean truly out of school).
//
// In order: an open dropout entry makes him a dropout (a dropout keeps his 学籍, so a registry
// that still lists him proves nothing); an open suspected entry makes him pending; outside the
// compulsory band he is out_of_band; then what the run found — in school, or a probable match —
// and for a child the run suspects, the finding of his closed entry: verified with its category.
Standing standing_of(const std::string& match_status, const store::SuspectedEntry* entry,
                     const store::DropoutEntry* dropout, const std::vector<core::Code>& categories);

// Recomputes the standing of one child on the county's latest run (after a review, a closing,
// a case), inside the caller's transaction if there is one.
Status refresh_standing(store::Database& db, const std::string& county,
                        const std::string& child_key);

// Closes an open suspected entry outside the verification workflow (the command line's
// `ledger close`) with a category that means "not out of school" (A–H), and brings the child's
// standing up to date, in one transaction. A child truly out of school (I–M) enters the dropout
// ledger only through verification and its review. Errors: category_unknown,
// category_needs_review, entry_not_found, entry_not_open.
Status close_entry(store::Database& db, const std::string& county, long long entry_id,
                   const std::string& category, const std::string& note, const std::string& by);

}  // namespace baoxue::ledger
