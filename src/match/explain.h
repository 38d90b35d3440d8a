// Explanations: the evidence list and the one-sentence Chinese reason a clerk reads.
#pragma once

#include <string>
#include <vector>

#include "match/matcher.h"
#include "match/scoring.h"

namespace baoxue::match {

// Every field, in a fixed order, with its outcome code and weight (missing fields included, at 0).
std::vector<Evidence> evidence_of(const Comparison& c);

// "姓名拼音相同、出生日期相差一天、性别一致": the fields that counted, for or against, most
// important first; missing fields are left out.
std::string describe(const Comparison& c);

// The evidence in one line for a result file: "name=exact +10.0; birth_date=one_day_off +4.5".
std::string evidence_text(const std::vector<Evidence>& evidence);

}  // namespace baoxue::match
