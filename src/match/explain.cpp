#include "match/explain.h"

#include <cstdio>

namespace baoxue::match {

namespace {

const char* phrase(NameOutcome o) {
  switch (o) {
    case NameOutcome::kExact:
      return "姓名一致";
    case NameOutcome::kHomophone:
      return "姓名拼音相同";
    case NameOutcome::kSimilar:
      return "姓名相近";
    case NameOutcome::kDifferent:
      return "姓名不同";
    case NameOutcome::kMissing:
      return "";
  }
  return "";
}

const char* phrase(BirthOutcome o) {
  switch (o) {
    case BirthOutcome::kExact:
      return "出生日期一致";
    case BirthOutcome::kOneDayOff:
      return "出生日期相差一天";
    case BirthOutcome::kDayMonthSwapped:
      return "出生日期月日颠倒";
    case BirthOutcome::kSameYearMonth:
      return "出生年月相同但日期不同";
    case BirthOutcome::kDifferent:
      return "出生日期不同";
    case BirthOutcome::kMissing:
      return "";
  }
  return "";
}

const char* phrase(SexOutcome o) {
  switch (o) {
    case SexOutcome::kAgree:
      return "性别一致";
    case SexOutcome::kDisagree:
      return "性别不一致";
    case SexOutcome::kMissing:
      return "";
  }
  return "";
}

const char* phrase(IdOutcome o) {
  switch (o) {
    case IdOutcome::kExact:
      return "身份证号一致";
    case IdOutcome::kExactInvalid:
      return "身份证号相同但校验不通过";
    case IdOutcome::kOneDigitTypo:
      return "身份证号有一位不同且校验不通过（疑似录入错误）";
    case IdOutcome::kAdjacentSwap:
      return "身份证号相邻两位颠倒且校验不通过（疑似录入错误）";
    case IdOutcome::kNearBothValid:
      return "身份证号相近但都是有效号码（应为不同的人）";
    case IdOutcome::kDifferent:
      return "身份证号不同";
    case IdOutcome::kMissing:
      return "";
  }
  return "";
}

const char* guardian_phrase(NameOutcome o) {
  switch (o) {
    case NameOutcome::kExact:
      return "监护人姓名一致";
    case NameOutcome::kHomophone:
    case NameOutcome::kSimilar:
      return "监护人姓名相近";
    case NameOutcome::kDifferent:
      return "监护人姓名不同";
    case NameOutcome::kMissing:
      return "";
  }
  return "";
}

const char* place_phrase(PlaceOutcome o, const char* agree, const char* disagree) {
  return o == PlaceOutcome::kAgree ? agree : o == PlaceOutcome::kDisagree ? disagree : "";
}

}  // namespace

std::vector<Evidence> evidence_of(const Comparison& c) {
  return {
      {"id_number", outcome_code(c.id), id_weight(c.id)},
      {"name", outcome_code(c.name), name_weight(c.name)},
      {"birth_date", outcome_code(c.birth), birth_weight(c.birth)},
      {"sex", outcome_code(c.sex), sex_weight(c.sex)},
      {"guardian_name", outcome_code(c.guardian), guardian_weight(c.guardian)},
      {"township", outcome_code(c.township), township_weight(c.township)},
      {"village", outcome_code(c.village), village_weight(c.village)},
  };
}

std::string describe(const Comparison& c) {
  const char* parts[] = {phrase(c.id),
                         phrase(c.name),
                         phrase(c.birth),
                         phrase(c.sex),
                         guardian_phrase(c.guardian),
                         place_phrase(c.township, "乡镇一致", "乡镇不同"),
                         place_phrase(c.village, "村（社区）一致", "村（社区）不同")};
  std::string out;
  for (const char* p : parts) {
    if (*p == '\0') continue;
    if (!out.empty()) out += "、";
    out += p;
  }
  return out;
}

std::string evidence_text(const std::vector<Evidence>& evidence) {
  std::string s;
  for (const auto& e : evidence) {
    char w[32];
    std::snprintf(w, sizeof w, "%+.1f", e.weight);
    s += (s.empty() ? "" : "; ") + e.field + "=" + e.outcome + " " + w;
  }
  return s;
}

}  // namespace baoxue::match
