#include "movement/sweep.h"

#include <map>
#include <set>

#include "ledger/standing.h"
#include "movement/kinds.h"
#include "store/county_repository.h"
#include "store/enrolment_history.h"
#include "store/ledger_repository.h"
#include "store/movement_repository.h"
#include "store/school_repository.h"
#include "store/verification_repository.h"

namespace baoxue::movement {
namespace {

// What an entry is opened from: the pupil as the registry last showed him.
struct Seed {
  long long record_id = 0;
  std::string record_key, name, student_no, id_number, school_code, school_name;
  std::optional<long long> grade, class_number;
  std::string comparison, reason_code, reason, basis;
  // The day he went: an entry of the child opened on or after it (the census found him missing,
  // verification looked into it) already covers this departure.
  std::string since;
};

class Opener {
 public:
  Opener(store::Database& db, const std::string& county, long long run_id,
         std::map<std::string, std::string> township_of_school)
      : db_(db), county_(county), run_id_(run_id), township_of_(std::move(township_of_school)) {}

  // The entry's id, 0 when the child was already suspected or out of school (nothing opened).
  Result<long long> open(const Seed& s) {
    auto row = store::child_by_registry_record(db_, county_, run_id_, s.record_id);
    if (!row) return row.error();
    store::SuspectedEntry e;
    if (row.value()) {
      const store::LedgerChild& c = *row.value();
      e.child_key = c.child_key;
      e.sex = c.sex;
      e.birth_date = c.birth_date;
      e.township = c.township;
      e.village = c.village;
      e.township_code = c.township_code;
      e.village_code = c.village_code;
      e.guardian_name = c.guardian_name;
      e.poverty = c.poverty;
      e.key_groups = c.key_groups;
    } else {
      e.child_key = s.record_key.rfind("id:", 0) == 0 ? s.record_key : "xueji:" + s.record_key;
    }
    if (e.township_code.empty())
      if (auto it = township_of_.find(s.school_code); it != township_of_.end())
        e.township_code = it->second;
    auto latest = store::latest_entry_of_child(db_, county_, e.child_key);
    if (!latest) return latest.error();
    if (latest.value() &&
        (latest.value()->status == "open" || latest.value()->opened_at.substr(0, 10) >= s.since))
      return 0;
    auto dropout = store::latest_dropout_of_child(db_, county_, e.child_key);
    if (!dropout) return dropout.error();
    if (dropout.value() && dropout.value()->status == "open") return 0;
    e.comparison = s.comparison;
    e.reason_code = s.reason_code;
    e.reason = s.reason;
    e.basis = s.basis;
    e.record_id = s.record_id;
    e.name = s.name;
    e.id_number = s.id_number;
    e.student_no = s.student_no;
    e.school_code = s.school_code;
    e.school_name = s.school_name;
    e.grade = s.grade;
    e.class_number = s.class_number;
    e.opened_run_id = run_id_;
    e.last_seen_run_id = run_id_;
    e.opened_at = store::now_utc();
    if (latest.value()) e.previous_entry_id = latest.value()->id;
    if (Status st = store::insert_suspected_entry(db_, county_, e); !st) return st.error();
    if (Status st = ledger::refresh_standing(db_, county_, e.child_key); !st) return st.error();
    return e.id;
  }

 private:
  store::Database& db_;
  const std::string& county_;
  long long run_id_;
  std::map<std::string, std::string> township_of_;
};

// Whether a summer departure from grade 9 is a graduation: the list that left him out is dated
// June to September.
bool graduated(const store::Spell& s) {
  if (s.grade != 9 || s.to_date.size() < 7) return false;
  const std::string month = s.to_date.substr(5, 2);
  return month >= "06" && month <= "09";
}

}  // namespace

Result<SweepOutcome> sweep(store::Database& db, const std::string& county, const Date& today) {
  SweepOutcome out;
  auto run = store::latest_match_run(db, county);
  if (!run) return run.error();
  if (!run.value()) {
    out.no_census = true;
    return out;
  }
  auto kinds = load_kinds(db, county);
  if (!kinds) return kinds.error();
  auto settings = store::load_settings(db, county);
  if (!settings) return settings.error();
  const int confirm_days = settings->get_int("movement.confirm_days");
  auto schools = store::list_schools(db, county);
  if (!schools) return schools.error();
  std::map<std::string, std::string> township_of;
  for (const auto& s : schools.value()) township_of[s.id] = s.township_code;

  Status st = db.transaction([&]() -> Status {
    Opener opener(db, county, run.value()->id, township_of);
    // Transfers out not confirmed in time.
    store::MovementQuery q;
    q.kinds = kinds->codes_with(Effect::kTransferOut);
    q.unconfirmed_only = true;
    q.to = today.plus_days(-confirm_days - 1).iso();
    if (!q.kinds.empty()) {
      auto late = store::movements_where(db, county, q);
      if (!late) return late.error();
      for (const store::Movement& m : late.value()) {
        if (m.entry_id || !m.record_id) continue;
        Seed s;
        s.record_id = *m.record_id;
        s.record_key = m.subject;
        s.name = m.name;
        s.student_no = m.student_no;
        s.id_number = m.id_number;
        s.school_code = m.from_school_code;
        s.school_name = m.from_school_name;
        s.grade = m.grade;
        s.class_number = m.class_number;
        s.comparison = "transfer_unconfirmed";
        s.reason_code = "transfer_unconfirmed";
        const std::string to = m.to_school_name.empty() ? m.to_school_code : m.to_school_name;
        s.reason = m.moved_on + " 转出" + (to.empty() ? "" : "至" + to) + "，超过 " +
                   std::to_string(confirm_days) + " 天仍无接收学校确认";
        s.basis = "transfer_unconfirmed:" + std::to_string(m.id);
        s.since = m.moved_on;
        auto id = opener.open(s);
        if (!id) return id.error();
        if (id.value() == 0) {
          ++out.already_suspected;
          continue;
        }
        if (Status u = store::set_movement_entry(db, county, m.id, id.value()); !u) return u;
        ++out.transfers_overdue;
      }
    }

    // Departures from the list that no movement explains.
    std::vector<store::Spell> departed;
    if (Status d =
            store::for_each_departure(db, county, [&](store::Spell& s) { departed.push_back(s); });
        !d)
      return d;
    if (departed.empty()) return {};
    auto bases = store::entry_bases(db, county, "registry_gap");
    if (!bases) return bases.error();
    std::vector<std::string> explaining;
    for (Effect e : {Effect::kTransferOut, Effect::kNormalLoss, Effect::kDropout, Effect::kSuspend,
                     Effect::kGraduate})
      for (auto& c : kinds->codes_with(e)) explaining.push_back(c);
    store::MovementQuery mq;
    mq.kinds = explaining;
    auto moves = store::movements_where(db, county, mq);
    if (!moves) return moves.error();
    std::set<long long> explained;
    for (const auto& m : moves.value())
      if (m.record_id) explained.insert(*m.record_id);
    for (const store::Spell& sp : departed) {
      if (explained.count(sp.record_id) || graduated(sp)) continue;
      const std::string basis = "registry_gap:" + std::to_string(sp.record_id) + ":" + sp.to_date;
      if (bases->count(basis)) continue;
      Seed s;
      s.record_id = sp.record_id;
      s.record_key = sp.record_key;
      s.name = sp.name;
      s.student_no = sp.student_no;
      s.id_number = sp.id_number;
      s.school_code = sp.school_code;
      s.school_name = sp.school_name;
      if (sp.grade > 0) s.grade = sp.grade;
      if (sp.class_number > 0) s.class_number = sp.class_number;
      s.comparison = "registry_gap";
      s.reason_code = "registry_gap";
      s.reason = "学籍名单（" + sp.to_date + "）中已没有该生（此前在" + sp.school_name +
                 "），也没有转学、死亡、出国等学籍异动记录";
      s.basis = basis;
      s.since = sp.to_date;
      auto id = opener.open(s);
      if (!id) return id.error();
      if (id.value() == 0)
        ++out.already_suspected;
      else
        ++out.departures;
    }
    return {};
  });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::movement
