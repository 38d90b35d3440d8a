// The persuade-to-return case's (劝返复学档案) workflow as data, the shape of core/task_flow.h:
// every state change a case can make, who may make it, what it needs. The rest is derived from
// this table — which states are still open, which count as "not yet back" for 动态清零, the
// actions a user is offered on a case (the API sends them, the web app draws its buttons from
// them). Names of states, actions and ends are in data/labels.tsv (case_state, case_action,
// case_end).
//
//   劝返中 ──confirm_return──▶ 已返校（跟踪期）──request_close (follow-up over)──▶ 待县级审核销号
//     │  ──start_home_teaching──▶ 送教上门 ──request_close──▶ 待县级审核销号
//     │  ──request_end (依法延缓/免予入学, moved, over-age, death; with proof)──▶ 待县级审核销号
//   待县级审核销号 ──approve_close (county)──▶ 已销号;  ──reject_close (county)──▶ back where it
//   was 已返校 ──relapse──▶ 劝返中;  已销号 ──reopen──▶ 劝返中 (a relapse after closing)
#pragma once

#include <array>
#include <string>
#include <vector>

namespace baoxue::core {

enum class CaseActor {
  kWorker,  // a unit that works the case: its township, village or school (or a teacher of the
            // child's class), and the county
  kTownship,  // the case's township (乡镇人民政府 issues the 限期返校通知书), and the county
  kCounty,  // the county bureau's operators (销号 needs their approval)
};

// What a transition needs besides who takes it.
enum CaseNeed : unsigned {
  kNeedNothing = 0,
  kNeedReason = 1u << 0,        // a written reason
  kNeedReturnSchool = 1u << 1,  // receiving school, class and date (re-enrolment)
  kNeedEndReason = 1u << 2,     // one of the lawful ends (case_end)
  kNeedFollowUpOver = 1u << 3,  // the follow-up period has ended
  kNeedAssessment = 1u << 4,    // the assessment a 送教上门 placement rests on
};

struct CaseTransition {
  const char* from;
  const char* action;
  const char* to;  // "" = the state the case was in before (prior_state): a refused request
  CaseActor who;
  unsigned needs;
};

inline constexpr const char* kCaseStart = "persuading";
inline constexpr const char* kCaseClosed = "closed";

inline constexpr std::array<CaseTransition, 9> kCaseTransitions = {{
    {"persuading", "confirm_return", "returned", CaseActor::kWorker, kNeedReturnSchool},
    {"persuading", "start_home_teaching", "home_teaching", CaseActor::kWorker, kNeedAssessment},
    {"persuading", "request_end", "closing", CaseActor::kWorker, kNeedEndReason | kNeedReason},
    {"returned", "request_close", "closing", CaseActor::kWorker, kNeedFollowUpOver},
    {"home_teaching", "request_close", "closing", CaseActor::kWorker, kNeedNothing},
    {"closing", "approve_close", "closed", CaseActor::kCounty, kNeedNothing},
    {"closing", "reject_close", "", CaseActor::kCounty, kNeedReason},
    // Suspected again (by the lists or by attendance) during follow-up or after closing: the same
    // case is opened again, never a second one for the child.
    {"returned", "relapse", "persuading", CaseActor::kWorker, kNeedReason},
    {"closed", "reopen", "persuading", CaseActor::kCounty, kNeedReason},
}};

// The end each request makes when it is not chosen by the user: request_close from 已返校 ends
// as "returned", from 送教上门 as "home_teaching".
std::string implied_case_end(const std::string& state);

const CaseTransition* find_case_transition(const std::string& state, const std::string& action);
// Every state the table names, the start first.
std::vector<std::string> case_states();
// States with a way out other than reopening: the case is not finished.
std::vector<std::string> open_case_states();
// States in which the child is not back in school (动态清零 counts them): persuading.
std::vector<std::string> not_back_case_states();
// Every action the table names.
std::vector<std::string> case_actions();

}  // namespace baoxue::core
