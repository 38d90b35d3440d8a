// Cross-matching the household registry (户籍) against the student registry (学籍): which
// children of the county are in school, which might be, and which must be looked for.
//
// Two passes. A valid ID number found on both lists settles the question (deterministic pass).
// The rest are compared field by field with log-likelihood-ratio weights (Fellegi–Sunter, as in
// Splink; see scoring.h for every weight and where it comes from). Precision comes first: a
// wrong match hides an out-of-school child behind somebody else's registry entry, so anything
// unsure — close runners-up (twins, namesakes), a single weak field carrying the match, a
// duplicated household registration — goes to a person as `probable`, never automatically.
//
// Pure and in-memory: no I/O, no clock (the census day comes in MatchOptions).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/school_age.h"
#include "match/person.h"
#include "match/person_table.h"

namespace baoxue::match {

enum class Decision {
  kEnrolled,   // in school: the pupil is named in xueji_index
  kProbable,   // a pupil that is probably this child; a person confirms
  kSuspected,  // of compulsory-school age and on no student list: look for the child
  kOutOfBand,  // on no student list, but outside the compulsory band on the census day
};
const char* decision_code(Decision d);  // "enrolled" "probable" "suspected" "out_of_band"

// One field compared: how it came out and how much it counted (log2 likelihood ratio; 0 for
// notes such as the margin over the runner-up or the school-age check).
struct Evidence {
  std::string field;    // "id_number", "name", "birth_date", "sex", "guardian_name", …
  std::string outcome;  // stable English code: "exact", "homophone", "one_day_off", …
  double weight = 0;
};

struct MatchResult {
  std::size_t hukou_index = 0;  // index into the hukou vector
  Decision decision = Decision::kSuspected;
  std::optional<std::size_t> xueji_index;  // the chosen (enrolled) or proposed (probable) pupil
  double score = 0;                // sum of evidence weights; kDeterministicScore for the ID pass
  std::string reason;              // one Chinese sentence for the clerk
  std::vector<Evidence> evidence;  // every field compared, how it came out, how much it counted
};

inline constexpr double kDeterministicScore = 99;

struct MatchOptions {
  Date as_of;  // census day: decides who is inside the compulsory band
  core::SchoolAgeRules rules;
  // log2 likelihood ratios. 20 ≈ a million to one; reached by name + birth date + sex all exact
  // (10 + 10 + 1), or by a mistyped ID number together with an exact name or birth date. A
  // single near-miss (one day off, day/month swapped, homophone) with no ID to support it stays
  // below and goes to a person.
  double enrolled_threshold = 20;
  // 12 ≈ 4000 to one: worth a clerk's look. Namesakes a week apart (10 - 1 + 1) stay below.
  double probable_threshold = 12;
  // The best candidate must beat the runner-up (on either side of the pair) by this much to be
  // enrolled automatically: 6 = 64 times likelier. Twins and namesakes fail this.
  double ambiguity_margin = 6;
};

// One result per hukou row, in hukou order. Every xueji row is enrolled to at most one hukou
// row and, apart from a duplicated household registration (shown the pupil its other
// registration claimed, as `probable`), the candidate of at most one. Greedy assignment by score,
// highest first; see matcher.cpp.
std::vector<MatchResult> match_lists(const PersonTable& hukou, const PersonTable& xueji,
                                     const MatchOptions& options);
// The same for lists held as persons (their keys are extracted first).
std::vector<MatchResult> match_lists(const std::vector<Person>& hukou,
                                     const std::vector<Person>& xueji, const MatchOptions& options);

// The same matching, each row's result made only when asked for. For lists of millions: their
// results (a sentence and the evidence per row, ~250 bytes in small strings) would take more
// memory than the lists themselves, and on the machines this runs on memory touched for the
// first time costs time too (10M × 10M: 2.7 GB). The tables must outlive it.
class Matching {
 public:
  Matching(const PersonTable& hukou, const PersonTable& xueji, const MatchOptions& options);
  ~Matching();
  Matching(const Matching&) = delete;
  Matching& operator=(const Matching&) = delete;

  std::size_t size() const;  // household rows
  // Household row h's result, as match_lists returns it; callable from several threads at once.
  void result(std::size_t h, MatchResult& r) const;
  // Asks for the memory result(h) will read at random (the pupil's row), so that a caller
  // going row by row can overlap those misses: call it a few rows ahead.
  void prefetch(std::size_t h) const;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace baoxue::match
