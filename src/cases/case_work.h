// Working a persuade-to-return case (劝返复学): the case a confirmed dropout gets, every attempt
// to bring him back (劝返记录), the working group on both lines, the plan (一人一案), notices,
// re-enrolment and the follow-up, and 销号 with the county's approval. The states, the
// transitions and who may take each are data (core/case_flow.h); this file applies the table,
// and every change writes who, when and why. The day is passed in: nothing here reads a clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cases/escalation.h"
#include "core/case_flow.h"
#include "core/date.h"
#include "core/scope.h"
#include "store/case_repository.h"
#include "store/database.h"
#include "store/record_file_repository.h"
#include "store/verification_repository.h"

namespace baoxue::verify {
class EvidenceStore;
}

namespace baoxue::cases {

struct Actor {
  std::string county;
  core::Scope scope;
  std::string username;
};

// The county's operators, or the officer of the case's own township: who acts for the township
// government (the 限期返校通知书 is its order, art. 58).
bool speaks_for_township(const Actor& actor, const store::Case& c);
// Whether the actor may take the transition on the case (which he can see: the store's scope
// decided that). Workers: any unit that sees the case, except the inspector; the township: the
// case's township officer; the county: its bureau's operators.
bool may_take(const Actor& actor, const store::Case& c, const core::CaseTransition& transition);
// The transitions the actor may take now, in table order; those whose condition is not met yet
// (the follow-up period still running) are left out.
std::vector<std::string> actions_for(const Actor& actor, const store::Case& c, const Date& today);
// The case with this id if the actor's scope reaches it; not_found otherwise (a case outside
// one's scope is not there).
Result<store::Case> case_in_reach(store::Database& db, const Actor& actor, long long id);
// Whether the actor may log attempts, notes and people on the case (a worker on an open case).
bool may_work(const Actor& actor, const store::Case& c);

// Opens the case of a newly confirmed dropout — or, when the child already has one (he came
// back and dropped out again), reopens that one for the new entry: never a second case for a
// child. Runs inside the caller's transaction (verification's approval).
Status open_case_for_dropout(store::Database& db, const std::string& county,
                             const store::DropoutEntry& dropout, const std::string& by,
                             const Date& today);
// Suspected again while being followed up, or after his case was closed as returned: the case is
// opened again with the reason. Nothing happens for a child without such a case. Returns whether
// a case was reopened.
Result<bool> reopen_on_relapse(store::Database& db, const std::string& county,
                               const std::string& child_key, const std::string& reason,
                               const std::string& by, const Date& today);

// After a census: every child the run newly suspected whose case is being followed up, or was
// closed as returned, has that case reopened (reopen_on_relapse). Returns how many.
Result<long> reopen_after_census(store::Database& db, const std::string& county, long long run_id,
                                 const std::string& by, const Date& today);

struct AttemptInput {
  std::string date, method, visitors, met, said, outcome, next_step, next_due;
  std::optional<long long> corrects_id;  // this attempt corrects an earlier one
  std::vector<long long> file_ids;       // photos, signed documents uploaded to the case
};
// Errors: forbidden, case_not_open, bad_request (naming the field), attempt_not_found.
Result<store::Attempt> log_attempt(store::Database& db, const Actor& actor, long long case_id,
                                   const AttemptInput& input, const Date& today);

struct TransitionInput {
  std::string action, reason;
  std::string end_reason;  // request_end: a case_end code
  // confirm_return
  std::string school_code, school_name, class_name, return_date, adaptation_plan;
  std::optional<long long> grade;
  std::vector<long long> file_ids;  // certificates, the re-enrolment record
};
// Errors: forbidden, not_found, case_changed, transition_not_allowed (naming the state),
// reason_required, bad_request, follow_up_not_over, proof_required.
Result<store::Case> take(store::Database& db, const Actor& actor, long long case_id,
                         const TransitionInput& input, const Date& today);

struct PersonInput {
  std::string duty, name, phone, username;
};
Result<store::CasePerson> add_person(store::Database& db, const Actor& actor, long long case_id,
                                     const PersonInput& input);
Status remove_person(store::Database& db, const Actor& actor, long long case_id,
                     long long person_id);

// 一人一案: the measures, the target date and the school he is to return to (which then answers
// for the case on the education line and sees it). `school_code` empty: the school stays.
Result<store::Case> set_plan(store::Database& db, const Actor& actor, long long case_id,
                             const std::string& measures, const std::string& target_date,
                             const std::string& school_code, const Date& today);

// The head teacher's note while a returned child is followed up.
Result<store::FollowUp> add_follow_up(store::Database& db, const Actor& actor, long long case_id,
                                      const std::string& date, const std::string& attendance,
                                      const std::string& note, const Date& today);

// 劝返通知书 (any worker) or 限期返校通知书 (the township, after refusals; art. 58): the notice is
// numbered (孟津劝返〔2026〕第0003号), written as a PDF from the county's template, kept in the
// evidence store as a file of the case, and recorded. A deadline notice starts the county's
// escalation clock (its deadline). Errors: forbidden, case_not_open, bad_request, notice_*.
struct NoticeRequest {
  std::string kind;                         // return_notice | deadline_notice
  std::string deadline;                     // return by; empty: today + case.notice_deadline_days
  std::string contact_name, contact_phone;  // empty: the first person of the working group
};
struct IssuedNotice {
  store::Notice notice;
  store::RecordFile file;  // the PDF
};
Result<IssuedNotice> issue_notice(store::Database& db, const Actor& actor, long long case_id,
                                  const NoticeRequest& request, const verify::EvidenceStore& files,
                                  const Date& today);

// The case's escalation today, from its stored facts.
Escalation escalation_of(const store::Case& c, const EscalationRules& rules, const Date& today);

}  // namespace baoxue::cases
