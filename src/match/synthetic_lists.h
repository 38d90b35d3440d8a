// Seeded synthetic household and student lists with the errors real census rounds show, and the
// ground truth to score the matcher against. For tests and benchmarks only (not in baoxue_match).
//
// The household list is clean (what the police registry exports); the student list carries the
// noise: mistyped, swapped or blank ID digits, J/L 学籍号 without ID, traditional characters,
// homophones, birth dates a day off or day/month swapped — a few rows with two errors at once.
// It also has twins (same birth date, guardian and village, consecutive ID sequence numbers),
// namesakes born a few days apart, pupils from other counties (on the student list only) and
// children who are truly out of school (on the household list only).
//
// Two ways to get them: make_synthetic_lists holds both lists as the matcher's Persons;
// stream_synthetic_lists hands over the same rows one at a time as they would be written in a
// file (the traditional character, the mistyped ID, the blank ID next to a J 学籍号), so that
// bench/make_match_files can write 10M children without holding them.
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

// What was done to a student row, one bit per kind (a row may carry two), for truth files.
enum NoiseBit : std::uint16_t {
  kNoiseIdDigit = 1 << 0,       // one ID digit mistyped (the G 学籍号 carries the same typo)
  kNoiseIdSwap = 1 << 1,        // two adjacent ID digits swapped
  kNoiseIdBlank = 1 << 2,       // ID number and 学籍号 both blank
  kNoiseJNumber = 1 << 3,       // no ID number, a J 学籍号 instead
  kNoiseLNumber = 1 << 4,       // no ID number, an L 学籍号 instead
  kNoiseTraditional = 1 << 5,   // a traditional character in the name
  kNoiseHomophone = 1 << 6,     // a homophone typed for one character of the name
  kNoiseDayOff = 1 << 7,        // birth date a day off
  kNoiseDayMonthSwap = 1 << 8,  // birth date with day and month swapped
};
// "id_digit+day_off", "" for none.
std::string noise_label(std::uint16_t noise);

// How a child relates to others on the household list (bits).
enum KinBit : std::uint8_t {
  kKinTwin = 1 << 0,      // one of twins: same birth date, guardian and village
  kKinNamesake = 1 << 1,  // same name as a child born a few days apart
};

// One list row as it is written in the file a clerk receives: the noise is in these cells.
struct WrittenRow {
  std::string name;       // as typed: traditional characters and homophones kept
  std::string id_number;  // as typed; empty = blank cell
  Date birth;             // as typed (a day off, day and month swapped)
  bool male = true;
  std::string guardian;
  std::string township;  // empty = not filled in
  std::string village;
  std::string student_no;   // student rows: "G" + the ID as typed, a J/L number, or empty
  std::string area;         // the county of the household registration (ID number area code)
  std::uint16_t noise = 0;  // NoiseBit
  std::uint8_t kin = 0;     // KinBit
};

// Receives the rows of stream_synthetic_lists.
class SyntheticSink {
 public:
  virtual ~SyntheticSink() = default;
  // Household row h (from 0), in list order; `pupil` is the child's student row in generation
  // order (see pupil_row), or -1 when the child is on no student list.
  virtual void hukou_row(std::size_t h, const WrittenRow& row, long pupil) = 0;
  // Student row p (from 0) in generation order, right after its child's household row: the
  // child of household row h, or h = -1 for a pupil registered in another county.
  virtual void pupil_row(std::size_t p, const WrittenRow& row, long h) = 0;
};

// The lists of make_synthetic_lists, row for row, without holding them: the children are drawn
// twice, once to find where the random stream continues, so nothing is kept per child. Returns
// the order in which schools list their pupils: student row x (from 0) is pupil order[x].
std::vector<std::uint32_t> stream_synthetic_lists(const SyntheticOptions& options,
                                                  SyntheticSink& sink);

// One household registration county (area code) per million children, so that ID numbers stay
// unique at provincial sizes (sequence codes run out at ~500 births a day per sex and county).
inline constexpr std::size_t kSyntheticChildrenPerCounty = 1000000;

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
