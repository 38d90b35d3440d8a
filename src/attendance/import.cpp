#include "attendance/import.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "attendance/streak.h"
#include "core/id_number.h"
#include "core/labels.h"
#include "core/student_no.h"
#include "ingest/fields.h"
#include "ingest/flagged_rows.h"
#include "ingest/header.h"
#include "ingest/list_reader.h"
#include "ingest/phase_timer.h"
#include "ingest/reader_util.h"
#include "ingest/table_writer.h"
#include "store/attendance_task_repository.h"
#include "store/county_repository.h"
#include "store/roll_call_repository.h"
#include "text/name.h"

namespace baoxue::attendance {
namespace {

namespace fs = std::filesystem;
using ingest::Field;

constexpr const char* kMarksAccepted = "出勤、迟到、早退、病假、事假 或 旷课";
constexpr int kAmbiguous = -2;  // two pupils of the ledger share the number

struct ClassInfo {
  store::ClassRef ref;
  std::string school_name, township_code;
  long long pupils = 0;
};

struct Known {
  std::string child_key, name, name_key;
  int cls = -1;  // in Registry::classes; -1 when the ledger does not place him in a class
};

// The pupils of the latest ledger as rows are checked against them, read once.
struct Registry {
  std::vector<Known> pupils;
  std::vector<ClassInfo> classes;
  std::map<store::ClassRef, int> class_of;
  std::unordered_map<std::string, int> by_student_no, by_id;
  long long run_id = 0;

  static Result<Registry> load(store::Database& db, const std::string& county) {
    Registry r;
    auto run = store::for_each_enrolled_pupil(db, county, [&](store::EnrolledPupil& p) {
      const int at = static_cast<int>(r.pupils.size());
      Known k;
      k.child_key = std::move(p.child_key);
      k.name = std::move(p.name);
      k.name_key = text::name_key(k.name);
      if (p.cls.grade > 0 && p.cls.class_number > 0) {
        auto [it, fresh] = r.class_of.emplace(p.cls, static_cast<int>(r.classes.size()));
        if (fresh) r.classes.push_back({p.cls, p.school_name, p.township_code, 0});
        k.cls = it->second;
        ++r.classes[k.cls].pupils;
      }
      auto index = [&](std::unordered_map<std::string, int>& m, std::string key) {
        if (key.empty()) return;
        auto [it, fresh] = m.emplace(std::move(key), at);
        if (!fresh) it->second = kAmbiguous;
      };
      index(r.by_student_no, std::move(p.student_no));
      index(r.by_id, std::move(p.id_number));
      r.pupils.push_back(std::move(k));
    });
    if (!run) return run.error();
    r.run_id = run.value();
    return r;
  }

  // The pupil with that number: his index, -1 when nobody has it, kAmbiguous.
  static int find(const std::unordered_map<std::string, int>& m, const std::string& key) {
    if (key.empty()) return -1;
    auto it = m.find(key);
    return it == m.end() ? -1 : it->second;
  }
};

// A valid row: the pupil's mark at one roll call. 16 bytes, for a million rows.
struct RowMark {
  int pupil = 0;
  int day = 0;               // days since 1970-01-01
  std::uint8_t session = 0;  // 0 am, 1 pm
  std::uint8_t mark = 0;     // Mark
  std::int32_t row = 0;      // as Excel numbers it (a file has at most a few million)
};

const char* session_code(int s) { return s == 0 ? "am" : "pm"; }
std::string session_label(int s) { return s == 0 ? "上午" : "下午"; }
std::string day_iso(int day) { return Date::from_days_since_epoch(day).iso(); }

std::optional<int> parse_session(std::string_view text) {
  std::string t(text);
  for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (t == "上午" || t == "上" || t == "am" || t == "a.m." || t == "上午点名") return 0;
  if (t == "下午" || t == "下" || t == "pm" || t == "p.m." || t == "下午点名") return 1;
  return std::nullopt;
}

std::string where_placed(const ClassInfo& c) {
  return c.school_name + core::class_label(c.ref.grade, c.ref.class_number) + "（学校标识码 " +
         c.ref.school_code + "）";
}

// Checks one data row against the ledger: a RowMark, or what is wrong in words.
class RowCheck {
 public:
  RowCheck(const ingest::Header& h, const Registry& registry, const Date& today)
      : h_(h), columns_(h), registry_(registry), today_(today) {}

  // True with `out` set when the row is valid; false with `problems` ("列：说明；…") otherwise.
  bool check(const ingest::SheetRow& row, RowMark& out, std::string& problems) {
    problems_.clear();
    out.row = static_cast<std::int32_t>(row.number);

    const std::string_view day_text = columns_.cell(row, Field::kDay);
    if (day_text.empty()) {
      flag(Field::kDay, "日期为空：请填写点名的日期，如 2026-03-02");
    } else if (auto d = day_of(day_text); !d) {
      flag(Field::kDay, "日期“" + std::string(day_text) +
                            "”无法识别：请写成 2026-03-02、2026/3/2 或 2026年3月2日");
    } else if (*d > today_) {
      flag(Field::kDay,
           "日期 " + d->iso() + " 晚于今天（" + today_.iso() + "）：请核对，只能导入已经点过的名");
    } else {
      out.day = static_cast<int>(d->days_since_epoch());
    }

    const std::string_view session_text = columns_.cell(row, Field::kSession);
    if (session_text.empty()) {
      flag(Field::kSession, "时段为空：请填写 上午 或 下午");
    } else if (auto s = parse_session(session_text); !s) {
      flag(Field::kSession, "时段“" + std::string(session_text) + "”无法识别：应为 上午 或 下午");
    } else {
      out.session = static_cast<std::uint8_t>(*s);
    }

    const std::string mark_text(columns_.cell(row, Field::kAttendance));
    if (mark_text.empty()) {
      flag(Field::kAttendance, std::string("出勤情况为空：请填写 ") + kMarksAccepted);
    } else if (auto m = mark_of(mark_text); !m) {
      flag(Field::kAttendance,
           "出勤情况“" + mark_text + "”无法识别：应为 " + kMarksAccepted + "（每行填一种）");
    } else {
      out.mark = static_cast<std::uint8_t>(*m);
    }

    const int pupil = identify(row);
    if (pupil >= 0) {
      out.pupil = pupil;
      check_class(row, registry_.pupils[static_cast<std::size_t>(pupil)]);
    }
    problems = problems_;
    return problems_.empty();
  }

 private:
  std::optional<Date> day_of(std::string_view text) {
    if (text != last_day_text_) {  // a file holds a few days: parse each once
      last_day_text_ = std::string(text);
      last_day_ = ingest::parse_date_text(text);
    }
    return last_day_;
  }

  // The pupil the row names (by 学籍号, else 身份证号) with his name checked; -1 when flagged.
  int identify(const ingest::SheetRow& row) {
    const std::string_view sn_text = columns_.cell(row, Field::kStudentNo);
    const std::string_view id_text = columns_.cell(row, Field::kIdNumber);
    const std::string_view name_text = columns_.cell(row, Field::kName);
    if (name_text.empty()) flag(Field::kName, "姓名为空：请填写学生姓名（用于核对学籍号）");
    if (sn_text.empty() && id_text.empty()) {
      flag(columns_.column(Field::kStudentNo) >= 0 ? Field::kStudentNo : Field::kIdNumber,
           "学籍号和身份证号都为空：请至少填写一项");
      return -1;
    }
    std::string sn, id;
    if (!sn_text.empty()) {
      auto parsed = core::parse_student_no(sn_text);
      sn = parsed ? parsed->normalized : std::string(sn_text);
    }
    if (!id_text.empty()) id = core::normalize_id_form(id_text);
    const int by_sn = Registry::find(registry_.by_student_no, sn);
    const int by_id = Registry::find(registry_.by_id, id);
    if (by_sn == kAmbiguous || by_id == kAmbiguous) {
      const bool on_sn = by_sn == kAmbiguous;
      flag(on_sn ? Field::kStudentNo : Field::kIdNumber,
           "学籍台账中有不止一名学生使用" + std::string(on_sn ? "学籍号 " + sn : "身份证号 " + id) +
               "：请先核对学籍名单");
      return -1;
    }
    if (by_sn >= 0 && by_id >= 0 && by_sn != by_id) {
      flag(Field::kIdNumber, "学籍号 " + sn + " 是“" + name_of(by_sn) + "”的，身份证号 " + id +
                                 " 是“" + name_of(by_id) + "”的，不是同一学生：请核对");
      return -1;
    }
    const int pupil = by_sn >= 0 ? by_sn : by_id;
    if (pupil < 0) {
      flag_unknown(sn_text, sn, id_text, id);
      return -1;
    }
    if (name_text.empty()) return -1;  // flagged above
    const Known& k = registry_.pupils[static_cast<std::size_t>(pupil)];
    if (text::name_key(name_text) != k.name_key) {
      flag(Field::kName, "姓名“" + std::string(name_text) + "”与学籍台账中该" +
                             (by_sn >= 0 ? "学籍号" : "身份证号") + "的学生“" + k.name +
                             "”不符：请核对姓名和" + (by_sn >= 0 ? "学籍号" : "身份证号"));
      return -1;
    }
    if (k.cls < 0) {
      flag(by_sn >= 0 ? Field::kStudentNo : Field::kIdNumber,
           "学籍台账中的" + k.name +
               "没有年级或班级：请在学籍名单中补全年级和班级，导入并运行比对后再导入考勤");
      return -1;
    }
    return pupil;
  }

  void flag_unknown(std::string_view sn_text, const std::string& sn, std::string_view id_text,
                    const std::string& id) {
    const char* fix =
        "：请核对；新转入的学生，请先导入学籍名单并运行比对，再导入考勤（这一行可在问题行文件中"
        "直接重新导入）";
    if (!sn_text.empty()) {
      flag(Field::kStudentNo, "学籍号 " + sn + (id_text.empty() ? "" : "、身份证号 " + id) +
                                  " 不在本县最新的学籍台账中" + fix);
      return;
    }
    const core::IdNumber parsed = core::parse_id_number(id_text, today_);
    if (!parsed.valid && !parsed.errors.empty()) {
      flag(Field::kIdNumber,
           "身份证号“" + std::string(id_text) + "”有误：" + parsed.errors.front().message);
      return;
    }
    flag(Field::kIdNumber, "身份证号 " + id + " 不在本县最新学籍台账的学生中" + fix);
  }

  // The file's 学校标识码, 年级 and 班级, where given, must be those of his enrolment.
  void check_class(const ingest::SheetRow& row, const Known& k) {
    const ClassInfo& c = registry_.classes[static_cast<std::size_t>(k.cls)];
    // A cell that is not what the ledger says: both are named.
    auto contradicts = [&](Field f, std::string_view cell) {
      flag(f, "文件中为 " + std::string(cell) + "，学籍台账中" + k.name + "在" + where_placed(c) +
                  "：请核对；已转学或调班的，请先更新学籍名单并运行比对，再导入考勤");
    };
    // 年级 and 班级: read as the lists read them; `how` says how to write one.
    auto check_number = [&](Field f, std::optional<int> (*parse)(std::string_view), int expected,
                            const char* how) {
      const std::string_view cell = columns_.cell(row, f);
      if (cell.empty()) return;
      const std::optional<int> n = parse(cell);
      if (!n)
        flag(f, std::string(ingest::field_label(f)) + "“" + std::string(cell) +
                    "”无法识别：请写成" + how + "，也可以不填");
      else if (*n != expected)
        contradicts(f, cell);
    };
    const std::string_view school = columns_.cell(row, Field::kSchoolCode);
    if (!school.empty() && school != c.ref.school_code) contradicts(Field::kSchoolCode, school);
    check_number(Field::kGrade, ingest::parse_grade, c.ref.grade, "“三年级”“七年级”或“初一”");
    check_number(Field::kClassName, ingest::parse_class_number, c.ref.class_number,
                 "“(1)班”或“1班”");
  }

  const std::string& name_of(int pupil) const {
    return registry_.pupils[static_cast<std::size_t>(pupil)].name;
  }
  std::string column(Field f) const {
    const int c = columns_.column(f);
    return c >= 0 ? h_.cells[static_cast<std::size_t>(c)] : ingest::field_label(f);
  }
  void flag(Field f, const std::string& message) {
    problems_ += (problems_.empty() ? "" : "；") + column(f) + "：" + message;
  }

  const ingest::Header& h_;
  ingest::FieldColumns columns_;
  const Registry& registry_;
  Date today_;
  std::string problems_;
  std::string last_day_text_ = "\x01";
  std::optional<Date> last_day_;
};

Result<std::string> resolve_county(store::Database& db, const std::string& wanted) {
  if (!wanted.empty()) {
    auto exists = store::county_exists(db, wanted);
    if (!exists) return exists.error();
    if (!exists.value())
      return make_error("county_unknown", "数据库中没有县区 " + wanted +
                                              "：请先导入该县的学籍名单并运行比对，再导入考勤");
    return wanted;
  }
  auto counties = store::list_counties(db);
  if (!counties) return counties.error();
  if (counties->size() == 1) return counties->front().code;
  return make_error("county_required",
                    counties->empty() ? "数据库中还没有县区：请先导入学籍名单并运行比对，再导入考勤"
                                      : "数据库中有多个县区：请用 --county 指定");
}

bool before(const RowMark& a, const RowMark& b, const Registry& r) {
  const int ca = r.pupils[static_cast<std::size_t>(a.pupil)].cls;
  const int cb = r.pupils[static_cast<std::size_t>(b.pupil)].cls;
  return std::tie(ca, a.day, a.session, a.pupil, a.row) <
         std::tie(cb, b.day, b.session, b.pupil, b.row);
}

// Rows of the same pupil at the same roll call that disagree: all flagged, each naming the others.
// Removes them from `marks` (sorted); identical repeats stay (the first one counts).
void flag_conflicts(std::vector<RowMark>& marks, std::map<long, std::string>& flagged,
                    const ingest::Header& h) {
  const int c = h.column_of(Field::kAttendance);
  const std::string column = c >= 0 ? h.cells[static_cast<std::size_t>(c)] : "出勤情况";
  std::vector<RowMark> kept;
  kept.reserve(marks.size());
  for (std::size_t i = 0; i < marks.size();) {
    std::size_t j = i + 1;
    bool differ = false;
    while (j < marks.size() && marks[j].pupil == marks[i].pupil && marks[j].day == marks[i].day &&
           marks[j].session == marks[i].session) {
      differ = differ || marks[j].mark != marks[i].mark;
      ++j;
    }
    if (!differ) {
      kept.push_back(marks[i]);
    } else {
      std::string rows, seen;
      for (std::size_t k = i; k < j; ++k) {
        rows += (k == i ? "第 " : "、第 ") + std::to_string(marks[k].row) + " 行";
        seen += (k == i ? "" : "、") +
                std::string(
                    core::label_zh("attendance_mark", mark_code(static_cast<Mark>(marks[k].mark))));
      }
      for (std::size_t k = i; k < j; ++k) {
        std::string& text = flagged[marks[k].row];
        text += (text.empty() ? "" : "；") + column + "：" + rows + "是同一学生 " +
                day_iso(marks[i].day) + " " + session_label(marks[i].session) +
                "的点名，出勤情况不一致（" + seen +
                "）：请只保留正确的一行；在此之前该生这次点名的记录不变";
      }
    }
    i = j;
  }
  marks.swap(kept);
}

// Whether escalate_class can do anything for a class whose roll calls the file added to, from its
// roll calls since the file's first day (`h`, which holds its last school day: the file gave it a
// roll call on or after that day). It adds tasks and opens entries for a streak of at least one
// day, which needs a pupil with no attendance at any roll call of the class's last school day
// (truant or on leave at each); it cancels a task of a streak begun today, which needs a truant
// mark today of a pupil with such a task (`begun_today`). Classes with a correction are escalated
// whatever this says.
bool may_act(const store::ClassHistory& h, const Date& today,
             const std::set<std::string>& begun_today) {
  if (h.roll_calls.empty()) return false;
  const auto& [last, roll_calls] = *h.roll_calls.rbegin();
  const std::string on = today.iso();
  for (const auto& [child, marks] : h.marks) {
    int away = 0;
    for (const auto& [day, mark] : marks) {
      if (day == on && mark == "truant" && begun_today.count(child)) return true;
      if (day == last && (mark == "truant" || mark == "sick_leave" || mark == "personal_leave"))
        ++away;
    }
    if (away >= roll_calls) return true;
  }
  return false;
}

std::string outcome_detail(const std::string& file, const ImportOutcome& r) {
  return file + "：共 " + std::to_string(r.rows) + " 行，问题行 " + std::to_string(r.flagged) +
         " 行；点名新建 " + std::to_string(r.created) + " 次，更正 " + std::to_string(r.corrected) +
         " 次，未变 " + std::to_string(r.unchanged) + " 次；新增连续旷课任务 " +
         std::to_string(r.escalation.tasks_added) + " 项，列入疑似台账 " +
         std::to_string(r.escalation.entries_opened) + " 人";
}

}  // namespace

nlohmann::json outcome_json(const ImportOutcome& r) {
  auto day = [](const std::string& d) {
    return d.empty() ? nlohmann::json(nullptr) : nlohmann::json(d);
  };
  nlohmann::json j = ingest::checked_rows_json("attendance", r);
  j["first_day"] = day(r.first_day);
  j["last_day"] = day(r.last_day);
  j["classes"] = r.classes;
  j["roll_calls_created"] = r.created;
  j["roll_calls_corrected"] = r.corrected;
  j["roll_calls_unchanged"] = r.unchanged;
  j["marks_changed"] = r.marks_changed;
  j["tasks_added"] = r.escalation.tasks_added;
  j["tasks_cancelled"] = r.escalation.tasks_cancelled;
  j["entries_opened"] = r.escalation.entries_opened;
  j["cases_reopened"] = r.escalation.cases_reopened;
  return j;
}

Result<ImportOutcome> import_attendance(store::Database& db, const std::string& path,
                                        const ImportOptions& o) {
  core::Progress quiet;
  core::Progress& progress = o.progress ? *o.progress : quiet;
  ingest::PhaseTimer timer;
  ImportOutcome out;
  out.file = path;

  auto county = resolve_county(db, o.county);
  if (!county) return county.error();
  auto settings = store::load_settings(db, *county);
  if (!settings) return settings.error();
  const Date today = settings->county_today();

  auto opened = ingest::open_checked(path, "attendance", {o.sheet, o.encoding, o.limits}, "考勤表",
                                     "日期、时段、学籍号（或身份证号）、姓名、出勤情况", out);
  if (!opened) return opened.error();
  ingest::ListReader& lr = *opened.value();
  const ingest::Header& header = lr.header();

  auto registry = Registry::load(db, *county);
  if (!registry) return registry.error();
  const Registry& reg = registry.value();
  timer.mark("ledger");
  if (reg.run_id == 0)
    return make_error("no_ledger",
                      "本县还没有运行过比对，没有学籍台账可以核对学生：请先导入学籍名单并运行比对"
                      "（baoxue census），再导入考勤");

  // Read and check every row; only the valid rows' marks are kept (16 bytes each).
  std::vector<RowMark> marks;
  std::map<long, std::string> flagged;  // row number → 问题说明
  RowCheck checker(header, reg, today);
  ingest::SheetRow row;
  RowMark mark;
  std::string problems;
  if (!progress.phase("read_rows")) return core::cancelled_error();
  while (lr.next(row)) {
    if (!progress.advance()) return core::cancelled_error();
    ++out.rows;
    if (checker.check(row, mark, problems))
      marks.push_back(mark);
    else
      flagged[row.number] = std::move(problems);
  }
  if (Status st = lr.status(); !st) return st.error();
  std::sort(marks.begin(), marks.end(),
            [&](const RowMark& a, const RowMark& b) { return before(a, b, reg); });
  flag_conflicts(marks, flagged, header);
  timer.mark("read");
  out.flagged = static_cast<long>(flagged.size());
  for (const auto& [number, text] : flagged) {
    if (out.problems.size() == ingest::kProblemsShown) break;
    out.problems.emplace_back(number, text);
  }
  out.accepted = out.rows - out.flagged;

  // The roll calls: runs of marks with the same class, day and session.
  struct Group {
    int cls, day, session;
    std::size_t begin, end;
  };
  std::vector<Group> groups;
  std::set<int> days, classes;
  for (std::size_t i = 0; i < marks.size();) {
    const int cls = reg.pupils[static_cast<std::size_t>(marks[i].pupil)].cls;
    std::size_t j = i + 1;
    while (j < marks.size() && reg.pupils[static_cast<std::size_t>(marks[j].pupil)].cls == cls &&
           marks[j].day == marks[i].day && marks[j].session == marks[i].session)
      ++j;
    groups.push_back({cls, marks[i].day, marks[i].session, i, j});
    days.insert(marks[i].day);
    classes.insert(cls);
    i = j;
  }
  out.classes = static_cast<long long>(classes.size());
  if (!days.empty()) {
    out.first_day = day_iso(*days.begin());
    out.last_day = day_iso(*days.rbegin());
  }

  Status st = db.transaction([&]() -> Status {
    // What was taken already on those days, by class, day and session.
    std::map<std::tuple<int, int, int>, store::RollCall> taken;
    const core::Scope county_wide{*county, core::Role::kCountyAdmin};
    for (int day : days) {
      auto calls = store::roll_calls_on(db, *county, day_iso(day), "", county_wide);
      if (!calls) return calls.error();
      for (store::RollCall& c : calls.value()) {
        auto it = reg.class_of.find(c.cls);
        if (it == reg.class_of.end() || !classes.count(it->second)) continue;
        taken.emplace(std::tuple{it->second, day, c.session == "am" ? 0 : 1}, std::move(c));
      }
    }
    if (!progress.phase("write_roll_calls", static_cast<long long>(groups.size())))
      return core::cancelled_error();
    std::vector<store::RollCall> fresh;
    std::set<int> changed, corrected;  // classes
    for (const Group& g : groups) {
      if (!progress.advance()) return core::cancelled_error();
      const ClassInfo& c = reg.classes[static_cast<std::size_t>(g.cls)];
      auto was = taken.find({g.cls, g.day, g.session});
      if (was == taken.end()) {
        store::RollCall call;
        call.cls = c.ref;
        call.day = day_iso(g.day);
        call.session = session_code(g.session);
        call.township_code = c.township_code;
        call.pupils = c.pupils;
        call.source = "import";
        call.taken_by = o.user;
        for (std::size_t i = g.begin; i < g.end; ++i) {
          if (i > g.begin && marks[i].pupil == marks[i - 1].pupil) continue;  // a repeat
          const Mark m = static_cast<Mark>(marks[i].mark);
          if (m != Mark::kPresent)
            call.marks.push_back(
                {reg.pupils[static_cast<std::size_t>(marks[i].pupil)].child_key, mark_code(m)});
        }
        fresh.push_back(std::move(call));
        changed.insert(g.cls);
        continue;
      }
      // Taken before: the pupils the file names get its marks, the others keep theirs.
      store::RollCall call = was->second;
      std::map<std::string, std::string> before, after;
      for (const auto& m : call.marks) before[m.child_key] = m.mark;
      after = before;
      for (std::size_t i = g.begin; i < g.end; ++i) {
        const std::string& key = reg.pupils[static_cast<std::size_t>(marks[i].pupil)].child_key;
        const Mark m = static_cast<Mark>(marks[i].mark);
        if (m == Mark::kPresent)
          after.erase(key);
        else
          after[key] = mark_code(m);
      }
      if (after == before) {
        ++out.unchanged;
        continue;
      }
      call.marks.clear();
      for (const auto& [key, m] : after) call.marks.push_back({key, m});
      call.pupils = c.pupils;
      call.source = "import";
      call.taken_by = o.user;
      auto saved = store::save_roll_call(db, *county, call);
      if (!saved) return saved.error();
      ++out.corrected;
      out.marks_changed += saved->changed;
      changed.insert(g.cls);
      corrected.insert(g.cls);
    }
    if (Status s = store::insert_roll_calls(db, *county, fresh); !s) return s;
    out.created = static_cast<long long>(fresh.size());
    timer.mark("roll_calls");

    // The streak rules, for the classes whose roll calls changed where they can act (see
    // may_act): a county's day changes every class, and few have a pupil away all day.
    std::set<int> escalate = corrected;
    if (!changed.empty()) {
      std::set<std::string> begun_today;
      if (out.last_day == today.iso()) {
        auto open = store::open_tasks_of(db, *county, "");
        if (!open) return open.error();
        for (const auto& t : open.value())
          if (t.streak_since == out.last_day) begun_today.insert(t.child_key);
      }
      auto histories = store::class_histories(db, *county, out.first_day, today.iso());
      if (!histories) return histories.error();
      for (const store::ClassHistory& h : histories.value()) {
        auto it = reg.class_of.find(h.cls);
        if (it != reg.class_of.end() && changed.count(it->second) && may_act(h, today, begun_today))
          escalate.insert(it->second);
      }
    }
    if (!progress.phase("escalate", static_cast<long long>(escalate.size())))
      return core::cancelled_error();
    for (int cls : escalate) {
      if (!progress.advance()) return core::cancelled_error();
      auto e = escalate_class(db, *county, reg.classes[static_cast<std::size_t>(cls)].ref, today,
                              o.user);
      if (!e) return e.error();
      out.escalation.tasks_added += e->tasks_added;
      out.escalation.tasks_cancelled += e->tasks_cancelled;
      out.escalation.entries_opened += e->entries_opened;
      out.escalation.cases_reopened += e->cases_reopened;
    }
    out.classes_escalated = static_cast<long long>(escalate.size());
    timer.mark("escalate");
    if (!progress.tell()) return core::cancelled_error();
    if (o.audit) {
      store::AuditEntry e = *o.audit;
      if (e.county.empty()) e.county = *county;
      if (e.unit_code.empty()) e.unit_code = *county;
      e.action = "import_attendance";
      e.object_type = "roll_call";
      e.detail = outcome_detail(fs::path(path).filename().string(), out);
      if (Status s = store::append_audit(db, e); !s) return s;
    }
    return {};
  });
  timer.mark("commit");
  if (!st) return st.error();

  if (!flagged.empty()) {
    out.report = o.report.empty() ? ingest::flagged_rows_path(path, out.flagged) : o.report;
    if (Status s = ingest::write_flagged_rows(path, "attendance", {o.sheet, o.encoding, o.limits},
                                              flagged, out.report);
        !s) {
      // The roll calls are committed; a report that cannot be written is said, not hidden.
      return make_error(s.error().code, "考勤已导入，但问题行文件写入失败：" + s.error().message);
    }
  }
  return out;
}

}  // namespace baoxue::attendance
