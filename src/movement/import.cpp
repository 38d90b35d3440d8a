#include "movement/import.h"

#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "core/id_number.h"
#include "core/student_no.h"
#include "ingest/fields.h"
#include "ingest/flagged_rows.h"
#include "ingest/header.h"
#include "ingest/list_reader.h"
#include "movement/kinds.h"
#include "store/county_repository.h"
#include "store/movement_repository.h"
#include "store/school_repository.h"
#include "text/name.h"

namespace baoxue::movement {
namespace {

using ingest::Field;
constexpr int kAmbiguous = -2;

// The county's 学籍 records and schools, as rows are checked against them.
struct Known {
  std::vector<store::RegistryRecord> records;
  std::unordered_map<std::string, int> by_student_no, by_id;
  std::map<std::string, const store::School*> school_by_code, school_by_name;
  std::vector<store::School> schools;

  static int find(const std::unordered_map<std::string, int>& m, const std::string& key) {
    if (key.empty()) return -1;
    auto it = m.find(key);
    return it == m.end() ? -1 : it->second;
  }
  // The county school a cell names, by 学校标识码 or name; nullptr when none.
  const store::School* school(const std::string& text) const {
    if (text.empty()) return nullptr;
    if (auto it = school_by_code.find(text); it != school_by_code.end()) return it->second;
    if (auto it = school_by_name.find(text); it != school_by_name.end()) return it->second;
    return nullptr;
  }
};

Result<Known> load_known(store::Database& db, const std::string& county) {
  Known k;
  auto records = store::registry_records(db, county);
  if (!records) return records.error();
  k.records = std::move(records.value());
  for (std::size_t i = 0; i < k.records.size(); ++i) {
    auto index = [&](std::unordered_map<std::string, int>& m, const std::string& key) {
      if (key.empty()) return;
      auto [it, fresh] = m.emplace(key, static_cast<int>(i));
      // A retired record and its returned twin share a number; the current one stands.
      if (!fresh && k.records[static_cast<std::size_t>(it->second)].current == k.records[i].current)
        it->second = kAmbiguous;
      else if (!fresh && k.records[i].current)
        it->second = static_cast<int>(i);
    };
    index(k.by_student_no, k.records[i].student_no);
    index(k.by_id, k.records[i].id_number);
  }
  auto schools = store::list_schools(db, county);
  if (!schools) return schools.error();
  k.schools = std::move(schools.value());
  for (const auto& s : k.schools) {
    k.school_by_code[s.id] = &s;
    k.school_by_name[s.name] = &s;
  }
  return k;
}

class RowCheck {
 public:
  RowCheck(const ingest::Header& h, const Known& known, const Kinds& kinds, const Date& today)
      : h_(h), columns_(h), known_(known), kinds_(kinds), today_(today) {}

  // True with `m` filled when the row is valid; otherwise `problems` says why ("列：说明；…").
  bool check(const ingest::SheetRow& row, store::Movement& m, std::string& problems) {
    problems_.clear();
    m = store::Movement{};
    m.row_number = row.number;

    const std::string kind_text(columns_.cell(row, Field::kMovementKind));
    std::optional<std::string> kind;
    if (kind_text.empty())
      flag(Field::kMovementKind, "异动类型为空：请填写 " + kinds_.accepted() + " 之一");
    else if (!(kind = kinds_.code_of(kind_text)))
      flag(Field::kMovementKind,
           "异动类型“" + kind_text + "”无法识别：应为 " + kinds_.accepted() + " 之一");
    else
      m.kind = *kind;
    const Effect effect = kind ? kinds_.effect_of(*kind) : Effect::kNone;

    const auto moved = date_of(row, Field::kMovedOn, true);
    if (moved) m.moved_on = moved->iso();
    const auto confirmed = date_of(row, Field::kConfirmedOn, false);
    if (confirmed) {
      if (moved && *confirmed < *moved)
        flag(Field::kConfirmedOn,
             "确认日期 " + confirmed->iso() + " 早于异动日期 " + moved->iso() + "：请核对");
      else
        m.confirmed_on = confirmed->iso();
    }

    const store::RegistryRecord* record = identify(row, effect, m);
    if (record) {
      m.record_id = record->id;
      m.grade = record->grade;
      m.class_number = record->class_number;
    }

    // Where from: 原学校 as written, else the school his record names.
    const std::string from(columns_.cell(row, Field::kFromSchool));
    if (const store::School* s = known_.school(from)) {
      m.from_school_code = s->id;
      m.from_school_name = s->name;
      m.from_township_code = s->township_code;
    } else if (!from.empty()) {
      m.from_school_name = from;
    } else if (record) {
      place_from_record(*record, m);
    }
    // Where to: 去向学校标识码, else 去向学校 (name or code).
    const std::string to_code(columns_.cell(row, Field::kToSchoolCode));
    const std::string to_name(columns_.cell(row, Field::kToSchool));
    const store::School* to = known_.school(to_code);
    if (!to) to = known_.school(to_name);
    if (to) {
      m.to_school_code = to->id;
      m.to_school_name = to->name;
      m.to_township_code = to->township_code;
    } else {
      m.to_school_code = to_code;
      m.to_school_name = to_name;
    }
    m.to_province = std::string(columns_.cell(row, Field::kToProvince));
    if (effect == Effect::kTransferIn && m.to_school_code.empty() && m.to_school_name.empty()) {
      if (record && record->current) {
        const store::School* at = known_.school(record->school_code);
        m.to_school_code = record->school_code;
        m.to_school_name = at ? at->name : record->school_name;
        m.to_township_code = at ? at->township_code : "";
        // Came from: 原学校 as written (already set); the record names where he is now.
        if (m.from_school_code == m.to_school_code) {
          m.from_school_code.clear();
          m.from_school_name = from;
          m.from_township_code.clear();
        }
      } else {
        flag(Field::kToSchool, "转入须写明转入的学校（去向学校名称或标识码）");
      }
    }
    problems = problems_;
    return problems_.empty();
  }

 private:
  void flag(Field f, const std::string& text) {
    const int c = h_.column_of(f);
    const std::string column =
        c >= 0 ? h_.cells[static_cast<std::size_t>(c)] : std::string(ingest::field_label(f));
    problems_ += (problems_.empty() ? "" : "；") + column + "：" + text;
  }

  std::optional<Date> date_of(const ingest::SheetRow& row, Field f, bool required) {
    const std::string text(columns_.cell(row, f));
    const std::string label = ingest::field_label(f);
    if (text.empty()) {
      if (required) flag(f, label + "为空：请填写日期，如 2027-03-02");
      return std::nullopt;
    }
    auto d = ingest::parse_date_text(text);
    if (!d) {
      flag(f, label + "“" + text + "”无法识别：请写成 2027-03-02、2027/3/2 或 2027年3月2日");
      return std::nullopt;
    }
    if (*d > today_) {
      flag(f, label + " " + d->iso() + " 晚于今天（" + today_.iso() + "）：请核对");
      return std::nullopt;
    }
    return d;
  }

  void place_from_record(const store::RegistryRecord& r, store::Movement& m) const {
    const store::School* s = known_.school(r.school_code);
    if (!s) s = known_.school(r.school_name);
    m.from_school_code = s ? s->id : r.school_code;
    m.from_school_name = s ? s->name : r.school_name;
    m.from_township_code = s ? s->township_code : "";
  }

  const store::RegistryRecord* identify(const ingest::SheetRow& row, Effect effect,
                                        store::Movement& m) {
    const std::string_view sn_text = columns_.cell(row, Field::kStudentNo);
    const std::string_view id_text = columns_.cell(row, Field::kIdNumber);
    m.name = std::string(columns_.cell(row, Field::kName));
    if (m.name.empty()) flag(Field::kName, "姓名为空：请填写学生姓名（用于核对学籍号）");
    if (sn_text.empty() && id_text.empty()) {
      flag(columns_.column(Field::kStudentNo) >= 0 ? Field::kStudentNo : Field::kIdNumber,
           "学籍号和身份证号都为空：请至少填写一项");
      return nullptr;
    }
    if (!sn_text.empty()) {
      auto parsed = core::parse_student_no(sn_text);
      m.student_no = parsed ? parsed->normalized : std::string(sn_text);
    }
    if (!id_text.empty()) m.id_number = core::normalize_id_form(id_text);
    m.subject = !m.student_no.empty() ? "sn:" + m.student_no : "id:" + m.id_number;
    const int by_sn = Known::find(known_.by_student_no, m.student_no);
    const int by_id = Known::find(known_.by_id, m.id_number);
    if (by_sn == kAmbiguous || by_id == kAmbiguous) {
      flag(by_sn == kAmbiguous ? Field::kStudentNo : Field::kIdNumber,
           "学籍名单中有两名学生使用这个号码：请先核对学籍名单");
      return nullptr;
    }
    if (by_sn >= 0 && by_id >= 0 && by_sn != by_id) {
      flag(Field::kIdNumber, "学籍号与身份证号分属学籍名单中的两名学生：请核对");
      return nullptr;
    }
    const int at = by_sn >= 0 ? by_sn : by_id;
    if (at < 0) {
      if (effect != Effect::kTransferIn)
        flag(!m.student_no.empty() ? Field::kStudentNo : Field::kIdNumber,
             "本县学籍名单中没有该生：请核对学籍号或身份证号，或先导入含该生的学籍名单");
      return nullptr;
    }
    const store::RegistryRecord& r = known_.records[static_cast<std::size_t>(at)];
    if (!m.name.empty() && text::name_key(m.name) != r.name_key) {
      flag(Field::kName, "姓名“" + m.name + "”与学籍名单（" + r.name + "）不一致：请核对");
      return nullptr;
    }
    if (m.student_no.empty()) m.student_no = r.student_no;
    if (m.id_number.empty()) m.id_number = r.id_number;
    return &r;
  }

  const ingest::Header& h_;
  ingest::FieldColumns columns_;
  const Known& known_;
  const Kinds& kinds_;
  Date today_;
  std::string problems_;
};

std::string outcome_detail(const std::string& file, const ImportOutcome& r) {
  return file + "：共 " + std::to_string(r.rows) + " 行，问题行 " + std::to_string(r.flagged) +
         " 行；异动新增 " + std::to_string(r.inserted) + " 条，更新 " + std::to_string(r.updated) +
         " 条，未变 " + std::to_string(r.unchanged) + " 条；列入疑似台账：转学未确认 " +
         std::to_string(r.sweep.transfers_overdue) + " 人，学籍名单消失 " +
         std::to_string(r.sweep.departures) + " 人";
}

}  // namespace

nlohmann::json outcome_json(const ImportOutcome& r) {
  nlohmann::json j = ingest::checked_rows_json("movement", r);
  j["inserted"] = r.inserted;
  j["updated"] = r.updated;
  j["unchanged"] = r.unchanged;
  j["in_county_transfers"] = r.in_county_transfers;
  j["transfers_overdue"] = r.sweep.transfers_overdue;
  j["departures"] = r.sweep.departures;
  j["no_census"] = r.sweep.no_census;
  return j;
}

Result<ImportOutcome> import_movements(store::Database& db, const std::string& path,
                                       const ImportOptions& o) {
  core::Progress quiet;
  core::Progress& progress = o.progress ? *o.progress : quiet;
  ImportOutcome out;
  out.file = path;
  auto county = store::choose_county(db, o.county);
  if (!county) return county.error();
  auto settings = store::load_settings(db, *county);
  if (!settings) return settings.error();
  const Date today = settings->county_today();
  auto kinds = load_kinds(db, *county);
  if (!kinds) return kinds.error();

  auto opened =
      ingest::open_checked(path, "movement", {o.sheet, o.encoding, o.limits}, "学籍异动表",
                           "学籍号（或身份证号）、姓名、异动类型、异动日期", out);
  if (!opened) return opened.error();
  ingest::ListReader& lr = *opened.value();
  const ingest::Header& header = lr.header();
  auto known = load_known(db, *county);
  if (!known) return known.error();

  std::vector<store::Movement> valid;
  std::map<long, std::string> flagged;
  std::map<std::string, std::size_t> seen;  // subject|kind|day → index in valid
  RowCheck checker(header, known.value(), kinds.value(), today);
  ingest::SheetRow row;
  store::Movement m;
  std::string problems;
  if (!progress.phase("read_rows")) return core::cancelled_error();
  while (lr.next(row)) {
    if (!progress.advance()) return core::cancelled_error();
    ++out.rows;
    if (!checker.check(row, m, problems)) {
      flagged[row.number] = std::move(problems);
      continue;
    }
    const std::string key = m.subject + "|" + m.kind + "|" + m.moved_on;
    if (auto it = seen.find(key); it != seen.end()) {
      flagged[row.number] = "与第 " + std::to_string(valid[it->second].row_number) +
                            " 行是同一学生同一天的同一异动：请只保留一行";
      continue;
    }
    seen.emplace(key, valid.size());
    m.recorded_by = o.user;
    valid.push_back(std::move(m));
  }
  if (Status s = lr.status(); !s) return s.error();
  out.flagged = static_cast<long>(flagged.size());
  out.accepted = out.rows - out.flagged;
  for (const auto& [r, p] : flagged) {
    if (out.problems.size() >= ingest::kProblemsShown) break;
    out.problems.push_back({r, p});
  }

  Status st = db.transaction([&]() -> Status {
    for (store::Movement& mv : valid) {
      if (kinds->effect_of(mv.kind) == Effect::kTransferOut && !mv.to_township_code.empty())
        ++out.in_county_transfers;
      auto saved = store::save_movement(db, *county, mv);
      if (!saved) return saved.error();
      switch (saved.value()) {
        case store::Saved::kInserted:
          ++out.inserted;
          break;
        case store::Saved::kUpdated:
          ++out.updated;
          break;
        case store::Saved::kUnchanged:
          ++out.unchanged;
          break;
      }
    }
    auto swept = sweep(db, *county, today);
    if (!swept) return swept.error();
    out.sweep = swept.value();
    if (o.audit) {
      store::AuditEntry e = *o.audit;
      if (e.county.empty()) e.county = *county;
      if (e.unit_code.empty()) e.unit_code = *county;
      e.action = "import_movement";
      e.object_type = "movements";
      e.detail = outcome_detail(std::filesystem::path(path).filename().string(), out);
      if (Status s = store::append_audit(db, e); !s) return s;
    }
    return {};
  });
  if (!st) return st.error();

  if (!flagged.empty()) {
    out.report = o.report.empty() ? ingest::flagged_rows_path(path, out.flagged) : o.report;
    if (Status s = ingest::write_flagged_rows(path, "movement", {o.sheet, o.encoding, o.limits},
                                              flagged, out.report);
        !s)
      return make_error(s.error().code,
                        "学籍异动已导入，但问题行文件写入失败：" + s.error().message);
  }
  return out;
}

}  // namespace baoxue::movement
