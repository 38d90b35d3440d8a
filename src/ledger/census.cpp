#include "ledger/census.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "core/code_tables.h"
#include "core/school_age.h"
#include "ledger/evidence_json.h"
#include "ledger/list_persons.h"
#include "ledger/region_lookup.h"
#include "ledger/standing.h"
#include "ledger/suspected_rules.h"
#include "match/matcher.h"
#include "store/county_repository.h"
#include "store/import_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"
#include "store/verification_repository.h"

namespace baoxue::ledger {
namespace {

using match::Decision;
using match::MatchResult;
using store::ListRecord;

// `candidate_id(i)`: the record id of the compared list's i-th row.
template <typename CandidateId>
store::DecisionRow decision_row(const std::string& comparison, long long record_id,
                                const MatchResult& r, CandidateId candidate_id) {
  store::DecisionRow d;
  d.comparison = comparison;
  d.record_id = record_id;
  if (r.xueji_index) d.candidate_record_id = candidate_id(*r.xueji_index);
  d.decision = match::decision_code(r.decision);
  d.score = r.score;
  d.reason = r.reason;
  d.evidence = evidence_json(r);
  return d;
}

// One child of the ledger being built.
struct Child {
  const ListRecord* record = nullptr;   // household, village or (pupils from elsewhere) student
  std::string origin;                   // hukou | village | xueji
  const MatchResult* result = nullptr;  // 户籍 × 学籍; null for a pupil from elsewhere
  const ListRecord* pupil = nullptr;    // the student record when enrolled
  bool on_village = false, on_present = false;
  std::vector<std::string> groups;
  bool poverty = false;
  Place place;         // where he lives (or, failing that, where his school is)
  std::string status;  // the ledger status: enrolled | probable | suspected | out_of_band
  std::string key;
};

const char* const kOnlyOnGroupList = "只在重点群体名单上，户籍、学籍、村委会名单上都没有";

// Inside the compulsory band on the census day; a child without a birth date counts as inside
// (he must be looked for, not left out).
bool in_band(const match::Person& p, const Date& as_of, const core::SchoolAgeRules& rules) {
  return !p.birth || core::school_age(*p.birth, as_of, rules).in_compulsory_band;
}

std::string child_key(const Child& c) {
  if (c.record->fields.id_valid) return "id:" + c.record->fields.id_number;
  if (c.pupil && c.pupil->fields.id_valid) return "id:" + c.pupil->fields.id_number;
  return c.origin + ":" + c.record->record_key;
}

std::string join(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : ",") + p;
  return s;
}

// Codes of `table` whose flag `attr` is set, by code and by Chinese label (lists carry either).
std::set<std::string> flagged(const std::vector<core::Code>& codes, const std::string& attr,
                              bool value) {
  std::set<std::string> out;
  for (const auto& c : codes)
    if (c.flag(attr) == value) {
      out.insert(c.code);
      out.insert(c.label_zh);
    }
  return out;
}

auto record_id_in(const std::vector<ListRecord>& records) {
  return [&records](std::size_t i) { return records[i].id; };
}

std::string school_of(const store::RecordFields& f) {
  return f.school_code.empty() ? "n:" + f.school_name : "c:" + f.school_code;
}

// The batch that last changed the record (or created it): part of what a suspicion rests on.
long long last_change_batch(const std::unordered_map<long long, long long>& changed,
                            const ListRecord& r) {
  auto it = changed.find(r.id);
  return it == changed.end() ? r.first_batch_id : std::max(r.first_batch_id, it->second);
}

// What a new suspected entry says about the child.
store::SuspectedEntry entry_for(const Child& c, const ListRecord& on, const std::string& comparison,
                                const std::string& reason_code, const std::string& reason,
                                const std::string& evidence, const std::string& basis) {
  store::SuspectedEntry e;
  e.child_key = c.key;
  e.comparison = comparison;
  e.reason_code = reason_code;
  e.reason = reason;
  e.evidence = evidence;
  e.basis = basis;
  e.record_id = on.id;
  const store::RecordFields& f = on.fields;
  e.name = f.name;
  e.sex = f.sex;
  e.birth_date = f.birth_date;
  e.id_number = f.id_number;
  e.student_no = f.student_no;
  e.township = f.township;
  e.village = f.village;
  e.address = f.address;
  e.guardian_name = f.guardian_name;
  e.guardian_phone = f.guardian_phone;
  e.school_code = f.school_code;
  e.school_name = f.school_name;
  if (f.grade > 0) e.grade = f.grade;
  if (f.class_number > 0) e.class_number = f.class_number;
  if (c.record != &on) {  // not-present pupil: the household record says where he lives
    const store::RecordFields& h = c.record->fields;
    if (e.township.empty()) e.township = h.township;
    if (e.village.empty()) e.village = h.village;
    if (e.address.empty()) e.address = h.address;
  }
  e.township_code = c.place.township_code;
  e.village_code = c.place.village_code;
  e.poverty = c.poverty;
  e.key_groups = join(c.groups);
  return e;
}

}  // namespace

Result<store::MatchRun> run_census(store::Database& db, const std::string& county,
                                   const CensusOptions& options) {
  store::MatchRun run;
  run.started_at = store::now_utc();
  run.as_of = options.as_of.iso();
  run.started_by = options.run_by;

  core::Progress quiet;
  core::Progress& progress = options.progress ? *options.progress : quiet;
  if (!progress.phase("read_lists")) return core::cancelled_error();
  auto lists = store::source_lists(db, county);
  if (!lists) return lists.error();
  std::optional<ListRows> hukou, xueji, village, present;
  std::vector<ListRows> groups;
  for (const auto& l : lists.value()) {
    if (l.kind != "hukou" && l.kind != "xueji" && l.kind != "village" && l.kind != "present" &&
        l.kind != "group")
      continue;
    auto rows = load_list(db, county, l);
    if (!rows) return rows.error();
    if (l.kind == "hukou") hukou = std::move(rows.value());
    if (l.kind == "xueji") xueji = std::move(rows.value());
    if (l.kind == "village") village = std::move(rows.value());
    if (l.kind == "present") present = std::move(rows.value());
    if (l.kind == "group") groups.push_back(std::move(rows.value()));
  }
  if (!hukou || hukou->records.empty() || !xueji || xueji->records.empty())
    return make_error("census_lists_missing",
                      std::string("还没有导入") +
                          (!hukou || hukou->records.empty() ? "户籍" : "学籍") +
                          "名单，无法比对：请先用 baoxue import " +
                          (!hukou || hukou->records.empty() ? "hukou" : "xueji") + " 文件 导入");

  if (!progress.phase("match")) return core::cancelled_error();
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  auto key_groups = store::load_codes(db, county, "key_group");
  if (!key_groups) return key_groups.error();
  auto statuses = store::load_codes(db, county, "enrollment_status");
  if (!statuses) return statuses.error();
  const std::set<std::string> poverty_groups = flagged(key_groups.value(), "poverty", true);
  const std::set<std::string> not_in_school = flagged(statuses.value(), "in_school", false);
  // A pupil whose registry status itself says he left (辍学) is suspected, matched or not.
  const std::set<std::string> left_school = flagged(statuses.value(), "suspected", true);

  match::MatchOptions mo;
  mo.as_of = options.as_of;
  mo.rules = settings->school_age_rules();
  std::vector<store::DecisionRow> decisions;
  run.hukou_records = static_cast<long>(hukou->records.size());
  run.xueji_records = static_cast<long>(xueji->records.size());

  // The children: the household registry, then whoever only the village committee lists.
  std::vector<Child> children;
  for (const auto& r : hukou->records) children.push_back({&r, "hukou"});
  std::vector<MatchResult> village_results;
  if (village) {
    run.village_records = static_cast<long>(village->records.size());
    village_results = match::match_lists(village->persons, hukou->persons, mo);
  }
  // The persons compared with the student registry, child by child (taken over, not copied).
  std::vector<match::Person> left = std::move(hukou->persons);
  if (village) {
    for (const auto& r : village_results) {
      const ListRecord& v = village->records[r.hukou_index];
      decisions.push_back(decision_row("village_hukou", v.id, r, record_id_in(hukou->records)));
      // A probable pair is taken as the same child: counting him twice would be the worse error,
      // and the decision is there for a person to look at.
      if (r.xueji_index &&
          (r.decision == Decision::kEnrolled || r.decision == Decision::kProbable)) {
        children[*r.xueji_index].on_village = true;
      } else {
        match::Person p = village->persons[r.hukou_index];
        p.row = static_cast<long>(left.size() + 1);
        left.push_back(std::move(p));
        children.push_back({&v, "village"});
        children.back().on_village = true;
      }
    }
  }

  // Comparison 1: 户籍 × 学籍.
  const std::vector<MatchResult> results = match::match_lists(left, xueji->persons, mo);
  std::vector<long> child_of_pupil(xueji->records.size(), -1);
  std::vector<bool> pupil_claimed(xueji->records.size(), false);
  for (const auto& r : results) {
    Child& c = children[r.hukou_index];
    c.result = &r;
    c.status = match::decision_code(r.decision);
    decisions.push_back(decision_row("hukou_xueji", c.record->id, r, record_id_in(xueji->records)));
    if (!r.xueji_index) continue;
    pupil_claimed[*r.xueji_index] = true;
    if (r.decision == Decision::kEnrolled) {
      c.pupil = &xueji->records[*r.xueji_index];
      child_of_pupil[*r.xueji_index] = static_cast<long>(r.hukou_index);
      if (left_school.count(c.pupil->fields.enrollment_status)) c.status = "suspected";
    } else if (child_of_pupil[*r.xueji_index] < 0) {  // probably this child: a person confirms
      child_of_pupil[*r.xueji_index] = static_cast<long>(r.hukou_index);
    }
  }
  // Pupils on no household list: children from elsewhere at the county's schools.
  for (std::size_t i = 0; i < xueji->records.size(); ++i) {
    if (pupil_claimed[i]) continue;
    child_of_pupil[i] = static_cast<long>(children.size());
    Child c{&xueji->records[i], "xueji"};
    c.pupil = &xueji->records[i];
    c.status = left_school.count(c.pupil->fields.enrollment_status) ? "suspected" : "enrolled";
    children.push_back(std::move(c));
  }

  // Comparison 2: 学籍 × 在校, for the schools that sent a present list.
  std::vector<std::size_t> not_present;            // pupils (index into xueji) not found present
  std::vector<std::size_t> on_roll;                // pupils compared: index into xueji
  std::map<std::string, long long> present_batch;  // school → newest batch of its present list
  if (present && !present->records.empty()) {
    run.present_records = static_cast<long>(present->records.size());
    for (const auto& r : present->records) {
      long long& b = present_batch[school_of(r.fields)];
      b = std::max(b, r.last_batch_id);
    }
    std::vector<match::Person> roll;
    for (std::size_t i = 0; i < xueji->records.size(); ++i) {
      const auto& f = xueji->records[i].fields;
      if (!present_batch.count(school_of(f)) || not_in_school.count(f.enrollment_status)) continue;
      on_roll.push_back(i);
      roll.push_back(xueji->persons[i]);
    }
    for (const auto& r : match::match_lists(roll, present->persons, mo)) {
      const std::size_t pupil = on_roll[r.hukou_index];
      decisions.push_back(decision_row("xueji_present", xueji->records[pupil].id, r,
                                       record_id_in(present->records)));
      if (r.decision == Decision::kEnrolled) {
        if (child_of_pupil[pupil] >= 0) children[child_of_pupil[pupil]].on_present = true;
      } else if (r.decision != Decision::kProbable) {
        not_present.push_back(pupil);
      }
    }
  }

  // Key groups, and comparison 3's poverty flag: each group list against the ledger's children.
  // A row that matches nobody is a child on no other list — a lead the group list gives us —
  // and joins the ledger (and the next group lists' comparison). A probable pair is taken as
  // the same child and not flagged; its decision is there for a person.
  if (!groups.empty()) {
    // Every child so far, in ledger order: the compared persons (no longer needed apart), then
    // the pupils from elsewhere.
    std::vector<match::Person> everyone = std::move(left);
    for (std::size_t i = everyone.size(); i < children.size(); ++i) {
      everyone.push_back(xueji->persons[children[i].pupil - xueji->records.data()]);
      everyone.back().row = static_cast<long>(i + 1);
    }
    for (const auto& g : groups) {
      const std::string code = g.list.group_code;
      const bool poverty = poverty_groups.count(code) > 0;
      // The group list is the small side: compared this way round, only it is indexed.
      std::vector<bool> claimed(g.records.size(), false);
      for (const auto& r : match::match_lists(everyone, g.persons, mo)) {
        if (!r.xueji_index ||
            (r.decision != Decision::kEnrolled && r.decision != Decision::kProbable))
          continue;
        const std::size_t row = *r.xueji_index;
        claimed[row] = true;
        decisions.push_back(decision_row("group", g.records[row].id, r, [&](std::size_t) {
          return children[r.hukou_index].record->id;
        }));
        if (r.decision != Decision::kEnrolled) continue;
        Child& c = children[r.hukou_index];
        if (std::find(c.groups.begin(), c.groups.end(), code) == c.groups.end())
          c.groups.push_back(code);
        c.poverty = c.poverty || poverty;
      }
      for (std::size_t row = 0; row < g.records.size(); ++row) {
        if (claimed[row]) continue;
        Child c{&g.records[row], "group"};
        c.groups.push_back(code);
        c.poverty = poverty;
        c.status = in_band(g.persons[row], options.as_of, mo.rules) ? "suspected" : "out_of_band";
        store::DecisionRow d;
        d.comparison = "group";
        d.record_id = g.records[row].id;
        d.decision = c.status;
        d.reason = kOnlyOnGroupList;
        decisions.push_back(std::move(d));
        match::Person p = g.persons[row];
        p.row = static_cast<long>(everyone.size() + 1);
        everyone.push_back(std::move(p));
        children.push_back(std::move(c));
      }
    }
  }

  // The 适龄儿童台账, each child placed in the administrative tree.
  if (!progress.phase("write_ledger")) return core::cancelled_error();
  auto region_list = store::list_regions(db, county);
  if (!region_list) return region_list.error();
  const RegionLookup regions(region_list.value());
  auto schools = store::list_schools(db, county);
  if (!schools) return schools.error();
  std::map<std::string, std::string> school_township;
  for (const auto& sc : schools.value()) school_township[sc.id] = sc.township_code;
  std::vector<store::LedgerChild> ledger;
  ledger.reserve(children.size());
  for (std::size_t i = 0; i < children.size(); ++i) {
    Child& c = children[i];
    c.key = child_key(c);
    const store::RecordFields& f = c.record->fields;
    store::LedgerChild l;
    l.child_key = c.key;
    l.record_id = c.record->id;
    l.name = f.name;
    l.sex = f.sex;
    l.birth_date = f.birth_date;
    l.id_number = f.id_number;
    l.township = f.township;
    l.village = f.village;
    l.guardian_name = f.guardian_name;
    c.place = regions.find(f.township, f.village);
    if (c.place.township_code.empty() && c.pupil)
      if (auto it = school_township.find(c.pupil->fields.school_code); it != school_township.end())
        c.place.township_code = it->second;
    l.township_code = c.place.township_code;
    l.village_code = c.place.village_code;
    l.status = c.status;
    if (auto birth = Date::parse_iso(f.birth_date)) {
      const core::SchoolAge age = core::school_age(*birth, options.as_of, mo.rules);
      l.in_band = age.in_compulsory_band;
      l.expected_grade = age.expected_grade;
    } else {
      l.in_band = l.status != "out_of_band";
    }
    if (c.pupil) {
      l.xueji_record_id = c.pupil->id;
      l.school_code = c.pupil->fields.school_code;
      l.school_name = c.pupil->fields.school_name;
      if (c.pupil->fields.grade > 0) l.grade = c.pupil->fields.grade;
      if (c.pupil->fields.class_number > 0) l.class_number = c.pupil->fields.class_number;
    }
    std::vector<std::string> on;
    if (c.origin == "hukou") on.push_back("hukou");  // a group-only child: his group(s) below
    if (c.on_village) on.push_back("village");
    if (c.pupil) on.push_back("xueji");
    if (c.on_present) on.push_back("present");
    for (const auto& g : c.groups) on.push_back("group:" + g);
    l.on_lists = join(on);
    l.key_groups = join(c.groups);
    l.poverty = c.poverty;
    ++run.children;
    run.in_band += l.in_band;
    if (l.status == "enrolled") ++run.enrolled;
    if (l.status == "probable") ++run.probable;
    if (l.status == "suspected") ++run.suspected;
    if (l.status == "out_of_band") ++run.out_of_band;
    if (l.status == "suspected" && c.poverty) ++run.poverty_suspected;
    ledger.push_back(std::move(l));
  }

  // The 疑似台账: what each suspicion does to the child's entries.
  auto latest = store::latest_entry_per_child(db, county);
  if (!latest) return latest.error();
  std::unordered_map<std::string, const store::SuspectedEntry*> entry_of;
  for (const auto& e : latest.value()) entry_of[e.child_key] = &e;
  std::vector<store::SuspectedEntry> to_open;
  std::vector<long long> seen, in_school;
  std::set<std::string> suspected_keys;
  auto suspect = [&](store::SuspectedEntry e) {
    if (!suspected_keys.insert(e.child_key).second) return;  // one suspicion per child per run
    auto it = entry_of.find(e.child_key);
    const store::SuspectedEntry* prior = it == entry_of.end() ? nullptr : it->second;
    const EntryDecision d = decide_entry(prior, e.basis);
    switch (d.action) {
      case EntryAction::kOpen:
        if (prior) e.previous_entry_id = prior->id;
        e.reopen_reason = d.reopen_reason;
        to_open.push_back(std::move(e));
        break;
      case EntryAction::kStillOpen:
        seen.push_back(prior->id);
        ++run.entries_still_open;
        break;
      case EntryAction::kNotReopened:
        ++run.entries_not_reopened;
        break;
    }
  };
  auto changed = store::last_change_batches(db, county);
  if (!changed) return changed.error();
  for (auto& c : children) {
    if (c.status != "suspected") continue;
    // Three ways a ledger child is suspected: a group list is the only list naming him, his
    // student record's status says he left, or no student record is his.
    std::string comparison = "hukou_xueji", code = "not_on_student_list", reason, evidence;
    const ListRecord* on = c.record;
    if (c.origin == "group") {
      comparison = "group";
      code = "only_on_group_list";
      reason = kOnlyOnGroupList;
    } else if (c.pupil) {
      comparison = "xueji_status";
      code = "registry_status";
      reason = "学籍状态为“" + c.pupil->fields.enrollment_status + "”";
      on = c.pupil;
    } else {
      reason = c.result->reason;
      evidence = evidence_json(*c.result);
    }
    const std::string basis = comparison + ":" + std::to_string(on->id) + "@" +
                              std::to_string(last_change_batch(changed.value(), *on));
    store::SuspectedEntry e = entry_for(c, *on, comparison, code, reason, evidence, basis);
    suspect(std::move(e));
  }
  for (const std::size_t i : not_present) {
    const ListRecord& pupil = xueji->records[i];
    const Child& c = children[child_of_pupil[i]];
    ++run.not_present;
    if (c.poverty) ++run.poverty_suspected;
    const std::string basis = "xueji_present:" + std::to_string(pupil.id) + "@" +
                              std::to_string(present_batch[school_of(pupil.fields)]);
    suspect(entry_for(c, pupil, "xueji_present", "not_present",
                      "在学籍名单上，但不在学校报送的在校名单上（名在人不在）", "", basis));
  }
  // Children found in school: their entries note it (a closed entry then reopens on a new drop).
  for (const auto& c : children) {
    if (!c.pupil || c.status != "enrolled" || suspected_keys.count(c.key)) continue;
    if (auto it = entry_of.find(c.key); it != entry_of.end() && !it->second->in_school_run_id)
      in_school.push_back(it->second->id);
  }
  run.entries_opened = static_cast<long>(to_open.size());

  // Each child's standing: the run's finding together with what verification found since.
  auto dropouts = store::latest_dropout_per_child(db, county);
  if (!dropouts) return dropouts.error();
  std::unordered_map<std::string, const store::DropoutEntry*> dropout_of;
  for (const auto& d : dropouts.value()) dropout_of[d.child_key] = &d;
  auto categories = store::load_codes(db, county, "verification_category");
  if (!categories) return categories.error();

  Status st = db.transaction([&]() -> Status {
    run.finished_at = store::now_utc();
    if (Status s = store::insert_match_run(db, county, run); !s) return s;
    if (Status s = store::insert_decisions(db, county, run.id, decisions); !s) return s;
    for (auto& e : to_open) {
      e.opened_run_id = e.last_seen_run_id = run.id;
      e.opened_at = run.finished_at;
      if (Status s = store::insert_suspected_entry(db, county, e); !s) return s;
      entry_of[e.child_key] = &e;  // his most recent entry now
    }
    for (store::LedgerChild& l : ledger) {
      auto e = entry_of.find(l.child_key);
      auto d = dropout_of.find(l.child_key);
      const Standing standing =
          standing_of(l.status, e == entry_of.end() ? nullptr : e->second,
                      d == dropout_of.end() ? nullptr : d->second, categories.value());
      l.standing = standing.code;
      l.category = standing.category;
      l.entry_id = standing.entry_id;
      l.dropout_id = standing.dropout_id;
    }
    if (Status s = store::insert_ledger_children(db, county, run.id, ledger); !s) return s;
    if (Status s = store::mark_seen(db, county, run.id, seen); !s) return s;
    return store::mark_in_school(db, county, run.id, in_school);
  });
  if (!st) return st.error();
  return run;
}

}  // namespace baoxue::ledger
