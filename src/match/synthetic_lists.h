// Seeded synthetic household and student lists with the errors real census rounds show, and the
// ground truth to score the matcher against. For tests and match_bench only (not in baoxue_match).
//
// The household list is clean (what the police registry exports); the student list carries the
// noise: mistyped, swapped or blank ID digits, J/L 学籍号 without ID, traditional characters,
// homophones, birth dates a day off or day/month swapped — a few rows with two errors at once.
// It also has twins (same birth date, guardian and village, consecutive ID sequence numbers),
// namesakes born a few days apart, pupils from other counties (on the student list only) and
// children who are truly out of school (on the household list only).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "match/matcher.h"
#include "match/person.h"

namespace baoxue::match {

struct SyntheticOptions {
  std::size_t children = 20000;  // household rows before twins and namesakes are added
  std::uint64_t seed = 20250901;
  double noise = 0.02;          // student rows with one error
  double double_noise = 0.003;  // student rows with an ID error AND a name or date error
  double dropped = 0.01;        // school-age children missing from the student list
  double twins = 0.01;
  double namesakes = 0.005;
  double migrants = 0.05;  // pupils from elsewhere, on the student list only
  Date as_of{2025, 9, 1};
};

struct SyntheticLists {
  std::vector<Person> hukou;
  std::vector<Person> xueji;
  std::vector<long> truth;  // per hukou row: the index of the same child's student row, or -1
};

SyntheticLists make_synthetic_lists(const SyntheticOptions& options);

// A row as ingest would hand it over: name keys computed, ID validity checked.
Person make_person(std::string name, std::string id_number, std::optional<Date> birth,
                   std::string sex, std::string guardian = "", std::string township = "",
                   std::string village = "", std::string student_no = "");

// An 18-character ID number with a correct check character.
std::string make_id(const std::string& area6, const Date& birth, int sequence3);

struct MatchQuality {
  std::size_t hukou = 0;
  std::size_t matchable = 0;  // hukou rows whose child is on the student list
  std::size_t enrolled = 0;
  std::size_t enrolled_correct = 0;
  std::size_t probable = 0;
  std::size_t suspected = 0;
  std::size_t out_of_band = 0;
  std::size_t out_of_school = 0;           // truth -1
  std::size_t out_of_school_enrolled = 0;  // must be 0: hidden behind someone else's entry
  double precision() const { return enrolled ? double(enrolled_correct) / enrolled : 1.0; }
  double recall() const { return matchable ? double(enrolled_correct) / matchable : 1.0; }
  double probable_share() const { return hukou ? double(probable) / hukou : 0.0; }
};

MatchQuality assess(const SyntheticLists& lists, const std::vector<MatchResult>& results);

}  // namespace baoxue::match
