// Specification of absence streaks (issue 13 point 3, attendance/streak.h): what counts as a
// school day, an unexcused day, a break, and what each length of streak asks of whom.
#include "attendance/streak.h"

#include <gtest/gtest.h>

namespace baoxue::attendance {
namespace {

Date d(const char* iso) { return *Date::parse_iso(iso); }

// Two roll calls (morning and afternoon) with the pupil's marks that are not 出勤.
ClassDay day(const char* iso, std::vector<Mark> marks, int roll_calls = 2) {
  return {d(iso), roll_calls, std::move(marks)};
}
const std::vector<Mark> kTruantAllDay = {Mark::kTruant, Mark::kTruant};

TEST(AbsenceStreak, TruantAtEveryRollCallIsAnUnexcusedDay) {
  EXPECT_EQ(day_kind(day("2026-11-02", kTruantAllDay)), DayKind::kUnexcused);
  // Absent in the morning only: he came in the afternoon (unmarked = present).
  EXPECT_EQ(day_kind(day("2026-11-02", {Mark::kTruant})), DayKind::kAttended);
  // Late or leaving early is attending.
  EXPECT_EQ(day_kind(day("2026-11-02", {Mark::kTruant, Mark::kLate})), DayKind::kAttended);
  EXPECT_EQ(day_kind(day("2026-11-02", {Mark::kLeftEarly, Mark::kTruant})), DayKind::kAttended);
  // A class that took one roll call that day (an outing): truant at it is the whole day.
  EXPECT_EQ(day_kind(day("2026-11-02", {Mark::kTruant}, 1)), DayKind::kUnexcused);
}

TEST(AbsenceStreak, LeaveWithoutAttendanceNeitherCountsNorBreaks) {
  EXPECT_EQ(day_kind(day("2026-11-03", {Mark::kSickLeave, Mark::kSickLeave})), DayKind::kExcused);
  EXPECT_EQ(day_kind(day("2026-11-03", {Mark::kPersonalLeave, Mark::kTruant})), DayKind::kExcused);
  const std::vector<ClassDay> days = {day("2026-11-02", kTruantAllDay),
                                      day("2026-11-03", {Mark::kSickLeave, Mark::kSickLeave}),
                                      day("2026-11-04", kTruantAllDay)};
  const Streak s = streak_on(days, d("2026-11-04"));
  EXPECT_EQ(s.days, 2);
  EXPECT_EQ(s.since, d("2026-11-02"));
}

TEST(AbsenceStreak, OnlyDaysTheClassTookARollCallAreSchoolDays) {
  // Friday and Monday absent, the weekend had no roll call: two days in a row.
  const std::vector<ClassDay> days = {day("2026-11-05", {}), day("2026-11-06", kTruantAllDay),
                                      day("2026-11-09", kTruantAllDay)};
  EXPECT_EQ(streak_on(days, d("2026-11-09")).days, 2);
  // Asked on Sunday: the streak ending at the class's last school day on or before it.
  const Streak sunday = streak_on(days, d("2026-11-08"));
  EXPECT_EQ(sunday.days, 1);
  EXPECT_EQ(sunday.last_school_day, d("2026-11-06"));
}

TEST(AbsenceStreak, AttendingTheLastSchoolDayMeansNoStreak) {
  const std::vector<ClassDay> days = {day("2026-11-02", kTruantAllDay),
                                      day("2026-11-03", kTruantAllDay),
                                      day("2026-11-04", {Mark::kLate})};
  EXPECT_EQ(streak_on(days, d("2026-11-04")).days, 0);
  EXPECT_FALSE(streak_on(days, d("2026-11-04")).since.has_value());
  EXPECT_EQ(streak_on(days, d("2026-11-03")).days, 2);  // as it stood the day before
  EXPECT_EQ(streak_on({}, d("2026-11-04")).days, 0);    // no roll call yet
}

TEST(AbsenceStreak, EachLengthAsksTheRightPersonForTheRightStep) {
  const LevelRules rules;
  EXPECT_EQ(level_of(0, rules).level, 0);
  EXPECT_EQ(level_of(1, rules).actions_due, std::vector<std::string>{"phone_guardian"});
  EXPECT_EQ(level_of(2, rules).actions_due, std::vector<std::string>{"home_visit"});
  EXPECT_EQ(level_of(3, rules).level, 3);
  EXPECT_EQ(level_of(3, rules).actions_due,
            (std::vector<std::string>{"joint_visit", "written_report"}));
  EXPECT_EQ(level_of(9, rules).level, 3);
  EXPECT_EQ(level_of(10, rules).level, 4);
  EXPECT_EQ(level_of(10, rules).actions_due.back(), "suspected_entry");
}

TEST(AbsenceStreak, TheThresholdsAreTheCountysSettings) {
  core::Settings settings({{"attendance.home_visit_days", "3"},
                           {"attendance.joint_visit_days", "5"},
                           {"attendance.suspected_after_days", "20"}});
  const LevelRules rules = LevelRules::from(settings);
  EXPECT_EQ(level_of(2, rules).level, 1);
  EXPECT_EQ(level_of(4, rules).level, 2);
  EXPECT_EQ(level_of(10, rules).level, 3);
  EXPECT_EQ(level_of(20, rules).level, 4);
}

TEST(AbsenceStreak, MarksAreReadByTheirChineseNamesAsSchoolSystemsWriteThem) {
  EXPECT_EQ(mark_of("旷课"), Mark::kTruant);
  EXPECT_EQ(mark_of("病假"), Mark::kSickLeave);
  EXPECT_EQ(mark_of("left_early"), Mark::kLeftEarly);
  EXPECT_FALSE(mark_of("缺勤?").has_value());
  EXPECT_STREQ(mark_code(Mark::kPersonalLeave), "personal_leave");
}

}  // namespace
}  // namespace baoxue::attendance
