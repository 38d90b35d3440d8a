// The fields Baoxue reads from a list, and parsers for the ways people write their values.
// Parsers are pure and forgiving about form; what they cannot read they report, they never guess.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"

namespace baoxue::ingest {

// Canonical fields, in the order they are stored. kExtra: a column no alias names.
enum class Field {
  kName,
  kIdNumber,
  kIdType,
  kStudentNo,
  kBirthDate,
  kSex,
  kEthnicity,
  kSchoolCode,
  kSchoolName,
  kGrade,
  kClassName,
  kEnrollmentStatus,
  kAddress,
  kTownship,
  kVillage,
  kGuardianName,
  kGuardianRelation,
  kGuardianPhone,
  kDisabilityCategory,
  kDisabilityGrade,
  kSchoolType,
  kVillageCode,
  kDay,         // a roll call's date (attendance files)
  kSession,     // 上午 / 下午
  kAttendance,  // 出勤情况: 出勤, 迟到, 早退, 病假, 事假, 旷课
  // 学籍异动 files (movement/import.h)
  kMovementKind,  // 异动类型: 转出, 转入, 休学, …
  kMovedOn,       // 异动日期
  kFromSchool,    // 原学校 (name or 学校标识码)
  kToSchool,      // 去向学校 (name)
  kToSchoolCode,  // 去向学校标识码
  kToProvince,    // 去向省份
  kConfirmedOn,   // 确认日期: the receiving school confirmed
  kRowNo,
  kExtra
};
inline constexpr int kFieldCount = static_cast<int>(Field::kExtra);

const char* field_key(Field f);    // "name", "id_number", … (as in data/header_aliases.tsv)
const char* field_label(Field f);  // "姓名", "身份证号", … for messages

// The field a header names, or kExtra. Compares after removing spaces, '*', '※', a trailing
// colon and, if needed, a bracketed note ("联系电话（手机）").
Field field_for_header(std::string_view header);

// Dates as typed or exported: 2015-03-02, 2015/3/2, 2015.3.2, 20150302, 2015年3月2日,
// "2015-03-02 00:00:00", and Excel date serials of five digits (when `allow_serial`).
std::optional<Date> parse_date_text(std::string_view text, bool allow_serial = true);

// Grades: 一年级, 1年级, 七年级, 初一 … 初三, 初中一年级, 小学三年级, "3", "三". Returns 1–9.
std::optional<int> parse_grade(std::string_view text);

// Class numbers: 1班, (1)班, （1）班, 一班, 三年级(2)班, "2", and 101/0701 (grade + class).
std::optional<int> parse_class_number(std::string_view text);

// 男/女, 男性/女性, M/F, 1/2 (the GB/T 2261 codes). Returns "男" or "女".
std::optional<std::string> parse_sex(std::string_view text);

// Trims ASCII and ideographic spaces (and U+00A0) at both ends (inner spaces are the caller's
// business). trim_view is the same without a copy, for readers that only look at the text.
std::string_view trim_view(std::string_view text);
inline std::string trim(std::string_view text) { return std::string(trim_view(text)); }

}  // namespace baoxue::ingest
