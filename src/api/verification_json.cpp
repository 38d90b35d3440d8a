#include "api/verification_json.h"

#include "core/id_number.h"
#include "core/task_flow.h"
#include "store/county_repository.h"

namespace baoxue::api {

json csv_array(const std::string& csv) {
  json out = json::array();
  std::size_t start = 0;
  while (start < csv.size()) {
    std::size_t end = csv.find(',', start);
    if (end == std::string::npos) end = csv.size();
    if (end > start) out.push_back(csv.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

json task_json(const Call& c, const store::Task& t, const std::string& today) {
  const auto waiting = core::awaiting_assignee_states();
  const bool late =
      std::find(waiting.begin(), waiting.end(), t.state) != waiting.end() && t.deadline < today;
  return {{"id", t.id},
          {"entry_id", t.entry_id},
          {"state", t.state},
          {"actions", verify::actions_for(c.actor(), t)},
          {"assignee_kind", t.assignee_kind},
          {"assignee_code", t.assignee_code},
          {"assignee_name", t.assignee_name},
          {"deadline", t.deadline},
          {"overdue", late},
          {"category", t.category},
          {"dispatched_at", t.dispatched_at},
          {"decided_at", t.decided_at}};
}

json entry_row(const Call& c, const store::SuspectedEntry& e, const store::Task* task,
               const std::string& today) {
  return {{"id", e.id},
          {"name", e.name},
          {"sex", e.sex},
          {"birth_date", e.birth_date},
          {"id_number", core::mask_id_number(e.id_number)},
          {"township", e.township},
          {"village", e.village},
          {"township_code", e.township_code},
          {"village_code", e.village_code},
          {"school_code", e.school_code},
          {"school_name", e.school_name},
          {"grade", e.grade ? json(*e.grade) : json(nullptr)},
          {"comparison", e.comparison},
          {"reason", e.reason},
          {"poverty", e.poverty},
          {"key_groups", csv_array(e.key_groups)},
          {"status", e.status},
          {"opened_at", e.opened_at},
          {"closed_at", e.closed_at},
          {"close_category", e.close_category},
          {"task", task ? task_json(c, *task, today) : json(nullptr)}};
}

Result<json> task_detail(Call& c, const store::Task& t, const std::string& today,
                         const People& people) {
  json out = task_json(c, t, today);
  auto subs = store::submissions_of_task(c.db, c.county(), t.id);
  if (!subs) return subs.error();
  auto files = store::evidence_of_task(c.db, c.county(), t.id);
  if (!files) return files.error();
  auto file_json = [](const store::EvidenceFile& f) {
    return json{{"id", f.id},
                {"name", f.name},
                {"size", f.size},
                {"content_type", f.content_type},
                {"url", "/api/evidence/" + std::to_string(f.id)},
                {"uploaded_at", f.uploaded_at}};
  };
  json submissions = json::array();
  for (const auto& s : subs.value()) {
    json evidence = json::array();
    for (const auto& f : files.value())
      if (f.submission_id && *f.submission_id == s.id) evidence.push_back(file_json(f));
    submissions.push_back({{"id", s.id},
                           {"category", s.category},
                           {"note", s.note},
                           {"submitted_by_name", people.name_of(s.submitted_by)},
                           {"submitted_by_unit", people.unit_of(s.submitted_by)},
                           {"submitted_at", s.submitted_at},
                           {"evidence", evidence}});
  }
  json pending = json::array();  // uploaded, not yet submitted
  for (const auto& f : files.value())
    if (!f.submission_id) pending.push_back(file_json(f));
  auto moves = store::transitions_of_task(c.db, c.county(), t.id);
  if (!moves) return moves.error();
  json transitions = json::array();
  for (const auto& m : moves.value())
    transitions.push_back({{"at", m.at},
                           {"by_name", people.name_of(m.by)},
                           {"by_unit", people.unit_of(m.by)},
                           {"from", m.from},
                           {"to", m.to},
                           {"reason", m.reason}});
  out["dispatched_by_name"] = people.name_of(t.dispatched_by);
  out["decided_by_name"] = t.decided_by.empty() ? "" : people.name_of(t.decided_by);
  out["submissions"] = submissions;
  out["pending_evidence"] = pending;
  out["transitions"] = transitions;
  return out;
}

}  // namespace baoxue::api
