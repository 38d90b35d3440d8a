// The official indicators of 控辍保学 (DOMAIN.md §7), each with its numerator, denominator and the
// children behind both, for a class, a school, a township or the county over a period.
//
// Retention over a period (巩固率), the monthly view of a school:
//   expected = enrolled at the start + transfers in − confirmed transfers out − normal losses
//   retention = enrolled at the end ÷ expected
// "Enrolled" is being on the 学籍 list (store/enrolment_history.h) on that day with a status that
// keeps the pupil on the roll: in school, 送教上门, and 休学 (a suspended pupil keeps his 学籍; his
// leave is neither a loss nor a dropout). Movements count when their day falls after the start
// and on or before the end. A transfer out counts only once the receiving school confirmed it;
// until then it is listed as unconfirmed (wherever it goes, even within the unit), and its pupil,
// gone from the list, is not expected at the end: the rate falls, as it should ("走得清楚" not
// yet shown). Between two schools of the unit a confirmed transfer is neither in nor out. The
// seed's village school: 80 at the start, 1 in, 3 out confirmed, 78 at the end → expected 78,
// retention 100%.
//
// 年辍学率 = dropouts during the period ÷ enrolled at its start. A dropout is a pupil whose
// movement says 辍学, or whose 辍学台账 entry (confirmed by verification, I–M) was opened in the
// period — one count per child. Children who never held 学籍 are 失学, not dropouts, and count in
// the ledgers, not in this rate. Split by stage (grades 1–6, 7–9) against the county's targets.
//
// 入学率 = household-registered school-age children in school ÷ household-registered school-age
// children, from the latest census (its standing: in school, or verified in school here or
// elsewhere). 残疾儿童入学率 = (随班就读 + 特教学校 + 送教上门) ÷ disabled school-age children of
// the same census. Both are a county's and a township's (by where the children live); a school
// has no household population, so they are absent there.
//
// Rates are fractions; a rate whose denominator is 0 is absent (null), never 0 or 1.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "indicators/facts.h"

namespace baoxue::indicators {

enum class Level { kCounty, kTownship, kSchool, kClass };

struct Unit {
  Level level = Level::kCounty;
  std::string code;                 // county (6 digits), township (12), school (学校标识码)
  int grade = 0, class_number = 0;  // a class: its school's code in `code`
  std::string name;                 // filled by compute
};

// A child behind a count.
struct Child {
  std::string name, student_no, school_code, school_name;
  int grade = 0, class_number = 0;
  std::string day;   // the movement's or entry's day
  std::string note;  // what explains him here, in words
};

struct Stage {
  long long start = 0, end = 0, dropouts = 0;
  std::optional<double> dropout_rate;
};

struct Figures {
  Unit unit;
  std::string from, to;
  long long start = 0, transfers_in = 0, transfers_out = 0, normal_losses = 0, expected = 0,
            end = 0;
  std::optional<double> retention_rate;
  long long unexplained = 0, unconfirmed_transfers = 0, suspensions = 0, dropouts = 0;
  std::optional<double> dropout_rate;
  Stage primary, junior;
  // County and township only (see above).
  std::optional<long long> school_age_hukou, school_age_in_school;
  std::optional<double> enrolment_rate;
  std::optional<long long> disabled, disabled_ordinary, disabled_special, disabled_home;
  std::optional<double> disabled_enrolment_rate;
  // The ledgers: open at the end of the period, and what happened during it.
  long long suspected_open = 0, suspected_opened = 0, verified = 0, dropouts_open = 0, returned = 0;
  bool cleared = false;  // 动态清零: no open dropout at the end of the period
  // The targets (settings target.*) this unit missed, by indicator name.
  std::vector<std::string> targets_missed;
  // The same length of time just before: its dropout rate, and whether this one rose above it.
  std::optional<double> previous_dropout_rate;
  bool rebound = false;
  // With detail: the children behind each count ("start", "end", "transfers_in",
  // "transfers_out", "normal_losses", "unexplained", "unconfirmed_transfers", "dropouts").
  std::map<std::string, std::vector<Child>> children;
};

// Figures of one unit over [from, to]. The facts must cover the period before it too (for the
// rebound): load them from from − (to − from + 1) days.
Figures compute(const Facts& facts, const Unit& unit, const Date& from, const Date& to,
                bool detail);

// The days to load facts for, to compute [from, to] and its previous period.
std::pair<Date, Date> facts_span(const Date& from, const Date& to);

// Every school of the scope (a township's, or all), each with its figures, then the townships
// (county only), then the total: the roll-up a report or the dashboard shows. Without detail.
struct RollUp {
  Figures total;
  std::vector<Figures> townships, schools;
};
RollUp roll_up(const Facts& facts, const Unit& scope, const Date& from, const Date& to);

// {"unit", "from", "to", "start", "transfers_in", …, "children" (with detail)}.
nlohmann::json to_json(const Figures& f);

// Cohort retention (届巩固率), the view over a whole stage: of the pupils who entered its first
// grade (1 for primary, 7 for junior) in the unit at the start of `entry_year`'s school year
// (school_year.start), how many finished its last grade (6 or 9) there:
//   graduates ÷ (entrants + transfers in − confirmed transfers out)
// Transfers count when the pupil is of the cohort: a transfer in of a pupil whose grade in the
// year of the move is the cohort's (the movement's grade, else the one the list gave him when he
// first appeared; unknown: not counted), a confirmed transfer out of one of its pupils. A graduate
// is a pupil of the cohort (an entrant or one who came in) on the unit's roll in the last grade
// when the stage ends (the end of June of its last year), or who left it that summer, or with a
// 毕业 movement. The facts must cover the stage's years (cohort_span), with names (a pupil who came
// before the list had him is recognised later by his 学籍号).
struct Cohort {
  Unit unit;
  std::string stage;  // primary | junior
  int entry_year = 0;
  std::string from, to;
  long long entrants = 0, transfers_in = 0, transfers_out = 0, expected = 0, graduates = 0;
  bool completed = false;  // the stage has ended by `today`; before, there is no rate yet
  std::optional<double> cohort_retention_rate;
};
std::pair<Date, Date> cohort_span(const std::string& stage, int entry_year,
                                  const core::Settings& settings);
// `today`: a cohort still in school has its entrants and transfers so far and no rate.
Cohort cohort(const Facts& facts, const Unit& unit, const std::string& stage, int entry_year,
              const Date& today);
nlohmann::json to_json(const Cohort& c);

}  // namespace baoxue::indicators
