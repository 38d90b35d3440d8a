// Specification of `baoxue import attendance`: a school system's roll calls, one row per pupil per
// roll call, become the classes' roll calls holding only the exceptions; rows that name nobody on
// the ledger, or name him wrongly, come back with reasons; the same file twice changes nothing; a
// changed file corrects with history; the streak rules act on what came in. SQLite and PostgreSQL.
#include "attendance/import.h"

#include <algorithm>
#include <filesystem>

#include "ingest/importer.h"
#include "ingest/row_reader.h"
#include "ingest/table_writer.h"
#include "ledger/census.h"
#include "store/attendance_task_repository.h"
#include "store/county_repository.h"
#include "store/rows.h"
#include "support/census_fixture.h"

namespace baoxue::attendance {
namespace {

namespace fs = std::filesystem;
using baoxue::testing::child;
using baoxue::testing::kCensusDay;

const std::vector<std::string> kHeader = {"日期", "时段", "学籍号", "姓名", "出勤情况"};

struct Kid {
  std::string name, id, student_no;
};

class AttendanceImport : public baoxue::testing::CensusTest {
 protected:
  void SetUp() override {
    CensusTest::SetUp();
    huimeng_villages_and_schools();
    // 中心小学 三年级(1)班: 张三, 李四, 王五; 三年级(2)班: 赵六.
    std::vector<store::RecordFields> hukou, xueji;
    const char* names[] = {"张三", "李四", "王五", "赵六"};
    for (int i = 0; i < 4; ++i) {
      auto c = child(names[i], "20170302", 11 + i * 10, i % 2 ? "女" : "男");
      hukou.push_back(c);
      auto p = baoxue::testing::pupil(c);
      p.class_number = i < 3 ? 1 : 2;
      xueji.push_back(p);
      kids_.push_back({names[i], c.id_number, p.student_no});
    }
    put("hukou", hukou);
    put("xueji", xueji);
    auto run = ledger::run_census(db(), "410308", {kCensusDay, "test"});
    ASSERT_TRUE(run.ok()) << run.error().message;
    auto settings = store::load_settings(db(), "410308");
    ASSERT_TRUE(settings.ok());
    today_ = settings->county_today();
    char tmpl[] = "/tmp/baoxue-attimport-XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override {
    fs::remove_all(dir_);
    CensusTest::TearDown();
  }

  const Kid& kid(const std::string& name) const {
    for (const Kid& k : kids_)
      if (k.name == name) return k;
    return kids_.front();
  }
  std::string day(int days_ago) const { return today_.plus_days(-days_ago).iso(); }
  // A row by 学籍号.
  std::vector<std::string> row(int days_ago, const std::string& session, const std::string& name,
                               const std::string& mark) const {
    return {day(days_ago), session, kid(name).student_no, name, mark};
  }

  std::string write(const std::string& name, const std::vector<std::string>& header,
                    const std::vector<std::vector<std::string>>& rows,
                    const std::string& encoding = "") {
    const std::string path = dir_ + "/" + name;
    auto format = ingest::table_format_for(path, encoding);
    EXPECT_TRUE(format.ok());
    Status st = ingest::write_table(path, format.value(), "考勤", "", header, rows);
    EXPECT_TRUE(st.ok()) << st.error().message;
    return path;
  }
  std::string write(const std::string& name, const std::vector<std::vector<std::string>>& rows) {
    return write(name, kHeader, rows);
  }

  Result<ImportOutcome> run(const std::string& path, core::Progress* progress = nullptr) {
    ImportOptions o;
    o.user = "clerk";
    o.progress = progress;
    store::AuditEntry e;
    e.username = "clerk";
    e.address = "test";
    o.audit = e;
    return import_attendance(db(), path, o);
  }

  store::ClassRef class_1() const { return {"1141030801", 3, 1}; }
  std::map<std::string, std::string> marks(int days_ago, const std::string& session,
                                           const store::ClassRef& cls) {
    auto call = store::roll_call_of(db(), "410308", cls, day(days_ago), session);
    EXPECT_TRUE(call.ok());
    std::map<std::string, std::string> out;
    if (call.ok() && call.value())
      for (const auto& m : call.value()->marks) out[m.child_key] = m.mark;
    return out;
  }
  std::string key(const std::string& name) const { return "id:" + kid(name).id; }

  std::vector<std::vector<std::string>> read_all(const std::string& path) {
    std::vector<std::vector<std::string>> rows;
    auto r = ingest::open_table(path, {});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (!r.ok()) return rows;
    ingest::SheetRow row;
    while (r.value()->next(row)) rows.push_back(row.cells);
    return rows;
  }
  // The 问题说明 of the report's row whose 姓名 is `name`.
  std::string problem_of(const std::string& report, const std::string& name) {
    for (const auto& r : read_all(report))
      if (std::find(r.begin(), r.end(), name) != r.end()) return r.back();
    return "(no row for " + name + ")";
  }

  long long count(const std::string& sql) { return store::query_int(db().sql(), sql); }

  std::vector<Kid> kids_;
  Date today_;
  std::string dir_;
};

TEST_P(AttendanceImport, ARollCallFileBecomesRollCallsHoldingOnlyTheExceptions) {
  auto r = run(write("考勤.xlsx", {row(1, "上午", "张三", "出勤"), row(1, "上午", "李四", "旷课"),
                                   row(1, "上午", "王五", "病假"), row(1, "下午", "张三", "迟到"),
                                   row(1, "下午", "李四", "出勤"), row(1, "下午", "王五", "出勤"),
                                   row(1, "上午", "赵六", "事假")}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->rows, 7);
  EXPECT_EQ(r->accepted, 7);
  EXPECT_EQ(r->flagged, 0);
  EXPECT_EQ(r->created, 3);  // (1)班 上午 and 下午, (2)班 上午
  EXPECT_EQ(r->corrected, 0);
  EXPECT_EQ(r->classes, 2);
  EXPECT_EQ(r->first_day, day(1));
  EXPECT_TRUE(r->report.empty());
  EXPECT_EQ(marks(1, "am", class_1()), (std::map<std::string, std::string>{
                                           {key("李四"), "truant"}, {key("王五"), "sick_leave"}}));
  EXPECT_EQ(marks(1, "pm", class_1()), (std::map<std::string, std::string>{{key("张三"), "late"}}));
  EXPECT_EQ(marks(1, "am", {"1141030801", 3, 2}),
            (std::map<std::string, std::string>{{key("赵六"), "personal_leave"}}));
  auto call = store::roll_call_of(db(), "410308", class_1(), day(1), "am");
  ASSERT_TRUE(call.ok() && call.value());
  EXPECT_EQ(call.value()->source, "import");
  EXPECT_EQ(call.value()->taken_by, "clerk");
  EXPECT_EQ(call.value()->pupils, 3);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'import_attendance' AND "
                  "username = 'clerk'"),
            1);
}

TEST_P(AttendanceImport, TheSameFileAgainChangesNothing) {
  const std::string path =
      write("考勤.csv", {row(1, "上午", "张三", "出勤"), row(1, "上午", "李四", "旷课"),
                         row(1, "下午", "李四", "旷课")});
  ASSERT_TRUE(run(path).ok());
  auto again = run(path);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->corrected, 0);
  EXPECT_EQ(again->unchanged, 2);
  EXPECT_EQ(again->escalation.tasks_added, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM roll_calls"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM roll_call_changes"), 0);
  EXPECT_EQ(count("SELECT MAX(revision) FROM roll_calls"), 1);
}

TEST_P(AttendanceImport, AChangedFileCorrectsTheRollCallAndKeepsWhatChanged) {
  ASSERT_TRUE(run(write("v1.xlsx", {row(1, "上午", "张三", "出勤"), row(1, "上午", "李四", "旷课"),
                                    row(1, "下午", "李四", "出勤")}))
                  .ok());
  // The school corrected its system: 李四 came after all, 张三 was late.
  auto r = run(write("v2.xlsx", {row(1, "上午", "张三", "迟到"), row(1, "上午", "李四", "出勤"),
                                 row(1, "下午", "李四", "出勤")}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->created, 0);
  EXPECT_EQ(r->corrected, 1);
  EXPECT_EQ(r->unchanged, 1);
  EXPECT_EQ(r->marks_changed, 2);
  EXPECT_EQ(marks(1, "am", class_1()), (std::map<std::string, std::string>{{key("张三"), "late"}}));
  auto call = store::roll_call_of(db(), "410308", class_1(), day(1), "am");
  ASSERT_TRUE(call.ok() && call.value());
  EXPECT_EQ(call.value()->revision, 2);
  auto history = store::roll_call_history(db(), "410308", call.value()->id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  std::map<std::string, std::string> changed;
  for (const auto& c : history.value()) {
    changed[c.child_key] = c.old_mark + " → " + c.new_mark;
    EXPECT_EQ(c.source, "import");
    EXPECT_EQ(c.changed_by, "clerk");
  }
  EXPECT_EQ(changed[key("李四")], "truant → present");
  EXPECT_EQ(changed[key("张三")], "present → late");
}

TEST_P(AttendanceImport, AFixedProblemRowImportedAloneChangesOnlyItsPupil) {
  ASSERT_TRUE(
      run(write("考勤.xlsx", {row(1, "上午", "张三", "出勤"), row(1, "上午", "李四", "旷课")}))
          .ok());
  // 王五's row came back from the problem rows and is imported on its own.
  auto r = run(write("问题行.xlsx", {row(1, "上午", "王五", "病假")}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->corrected, 1);
  EXPECT_EQ(marks(1, "am", class_1()), (std::map<std::string, std::string>{
                                           {key("李四"), "truant"}, {key("王五"), "sick_leave"}}));
}

TEST_P(AttendanceImport, AStudentNumberAndAnIdNumberBothIdentifyThePupil) {
  const std::vector<std::string> header = {"日期",     "时段", "学籍号",
                                           "身份证号", "姓名", "出勤情况"};
  auto r = run(
      write("考勤.xlsx", header,
            {{day(1), "上午", kid("李四").student_no, "", "李四", "旷课"},
             {day(1), "上午", "", kid("王五").id, "王五", "事假"},
             // Both, and the name written with a space and in traditional characters: still 张三.
             {day(1), "上午", kid("张三").student_no, kid("张三").id, "張 三", "迟到"}}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->flagged, 0);
  EXPECT_EQ(marks(1, "am", class_1()),
            (std::map<std::string, std::string>{
                {key("张三"), "late"}, {key("李四"), "truant"}, {key("王五"), "personal_leave"}}));
}

TEST_P(AttendanceImport, APupilNotOnTheRegistryIsAFlaggedRowWithItsRowNumberAndReason) {
  auto r = run(write("考勤.xlsx", {row(1, "上午", "张三", "出勤"),
                                   {day(1), "上午", "G410308201703029999", "孙七", "旷课"},
                                   row(1, "上午", "李四", "旷课")}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->rows, 3);
  EXPECT_EQ(r->accepted, 2);
  EXPECT_EQ(r->flagged, 1);
  EXPECT_EQ(r->created, 1);
  ASSERT_FALSE(r->report.empty());
  auto report = read_all(r->report);
  ASSERT_EQ(report.size(), 3u);  // title, header, the row
  EXPECT_EQ(report[1].back(), "问题说明");
  EXPECT_EQ(report[2][3], "孙七");
  EXPECT_NE(report[2].back().find("学籍号 G410308201703029999 不在本县最新的学籍台账中"),
            std::string::npos)
      << report[2].back();
  ASSERT_EQ(r->problems.size(), 1u);  // what the command line prints: the file's row number
  EXPECT_EQ(r->problems[0].first, 3);
  EXPECT_EQ(r->problems[0].second, report[2].back());
  EXPECT_EQ(marks(1, "am", class_1()),
            (std::map<std::string, std::string>{{key("李四"), "truant"}}));
}

TEST_P(AttendanceImport, AClassThatContradictsTheEnrolmentIsFlaggedSayingBoth) {
  const std::vector<std::string> header = {"日期", "时段",   "学校标识码", "年级",
                                           "班级", "学籍号", "姓名",       "出勤情况"};
  auto r = run(write(
      "考勤.xlsx", header,
      {{day(1), "上午", "1141030801", "三年级", "(1)班", kid("张三").student_no, "张三", "旷课"},
       {day(1), "上午", "1141030801", "三年级", "(2)班", kid("李四").student_no, "李四", "旷课"},
       {day(1), "上午", "1141030802", "", "", kid("王五").student_no, "王五", "旷课"}}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->flagged, 2);
  const std::string li = problem_of(r->report, "李四");
  EXPECT_NE(li.find("班级：文件中为 (2)班"), std::string::npos) << li;
  EXPECT_NE(li.find("三年级(1)班"), std::string::npos) << li;
  const std::string wang = problem_of(r->report, "王五");
  EXPECT_NE(wang.find("学校标识码：文件中为 1141030802"), std::string::npos) << wang;
  EXPECT_NE(wang.find("1141030801"), std::string::npos) << wang;
  EXPECT_EQ(marks(1, "am", class_1()),
            (std::map<std::string, std::string>{{key("张三"), "truant"}}));
}

TEST_P(AttendanceImport, AnUnknownMarkIsFlaggedNamingTheColumnAndTheAcceptedValues) {
  auto r =
      run(write("考勤.xlsx", {row(1, "上午", "张三", "没来"), row(1, "中午", "李四", "出勤"),
                              row(-2, "上午", "王五", "出勤"), row(1, "上午", "赵六", "出勤")}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->flagged, 3);
  EXPECT_EQ(problem_of(r->report, "张三"),
            "出勤情况：出勤情况“没来”无法识别：应为 出勤、迟到、早退、病假、事假 或 "
            "旷课（每行填一种）");
  EXPECT_NE(problem_of(r->report, "李四").find("时段：时段“中午”无法识别：应为 上午 或 下午"),
            std::string::npos);
  EXPECT_NE(problem_of(r->report, "王五").find("晚于今天"), std::string::npos);
}

TEST_P(AttendanceImport, TwoRowsOfOnePupilAtOneRollCallThatDisagreeAreBothFlagged) {
  ASSERT_TRUE(run(write("早.xlsx", {row(1, "上午", "李四", "病假")})).ok());
  auto r =
      run(write("考勤.xlsx", {row(1, "上午", "张三", "出勤"), row(1, "上午", "李四", "旷课"),
                              row(1, "上午", "李四", "出勤"), row(1, "上午", "张三", "出勤")}));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->flagged, 2);  // 李四's two rows; 张三's repeat agrees with itself
  auto report = read_all(r->report);
  ASSERT_EQ(report.size(), 4u);
  for (std::size_t i : {2u, 3u})
    EXPECT_NE(report[i].back().find("第 3 行、第 4 行是同一学生"), std::string::npos)
        << report[i].back();
  // His mark at that roll call stays what it was until the school says which is right.
  EXPECT_EQ(marks(1, "am", class_1()),
            (std::map<std::string, std::string>{{key("李四"), "sick_leave"}}));
}

TEST_P(AttendanceImport, AGbkCsvAndAnXlsxOfTheSameRollCallsReadAlike) {
  const std::vector<std::vector<std::string>> rows = {row(2, "上午", "张三", "出勤"),
                                                      row(2, "上午", "李四", "旷课"),
                                                      row(2, "下午", "王五", "早退")};
  auto csv = run(write("考勤.csv", kHeader, rows, "gbk"));
  ASSERT_TRUE(csv.ok()) << csv.error().message;
  EXPECT_NE(csv->format.find("GB18030"), std::string::npos) << csv->format;
  EXPECT_EQ(csv->created, 2);
  auto xlsx = run(write("考勤.xlsx", kHeader, rows));
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  EXPECT_EQ(xlsx->created, 0);
  EXPECT_EQ(xlsx->unchanged, 2);
  EXPECT_EQ(marks(2, "pm", class_1()),
            (std::map<std::string, std::string>{{key("王五"), "left_early"}}));
}

TEST_P(AttendanceImport, ThreeDaysAwayInAFileGiveTheStreaksTasks) {
  std::vector<std::vector<std::string>> rows;
  for (int ago : {2, 1, 0})
    for (const char* session : {"上午", "下午"}) {
      rows.push_back(row(ago, session, "张三", "出勤"));
      rows.push_back(row(ago, session, "李四", "旷课"));
    }
  auto r = run(write("考勤.xlsx", rows));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->created, 6);
  EXPECT_EQ(r->classes_escalated, 1);
  // Three school days away: the call, the home visit and the joint visit (default settings).
  EXPECT_EQ(r->escalation.tasks_added, 3);
  auto open = store::open_tasks_of(db(), "410308", {key("李四")});
  ASSERT_TRUE(open.ok());
  std::set<std::string> actions;
  for (const auto& t : open.value()) {
    actions.insert(t.action);
    EXPECT_EQ(t.streak_since, day(2));
  }
  EXPECT_EQ(actions, (std::set<std::string>{"phone_guardian", "home_visit", "joint_visit"}));
  // The same file again: the streak is the same, no task twice.
  auto again = run(write("考勤2.xlsx", rows));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->escalation.tasks_added, 0);
}

TEST_P(AttendanceImport, AFileWithoutTheColumnsIsUnusableAndWritesNothing) {
  auto r = run(write("名单.xlsx", {"日期", "姓名", "出勤情况"}, {{day(1), "张三", "出勤"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "missing_columns");
  EXPECT_TRUE(ingest::is_unreadable_file_error(r.error()));
  EXPECT_NE(r.error().message.find("时段"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("学籍号或身份证号"), std::string::npos) << r.error().message;
  auto none = run(write("空.xlsx", {"甲", "乙"}, {{"1", "2"}}));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, "no_header");
  EXPECT_NE(none.error().message.find("日期、时段"), std::string::npos) << none.error().message;
  EXPECT_EQ(count("SELECT COUNT(*) FROM roll_calls"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'import_attendance'"), 0);
}

TEST_P(AttendanceImport, AnImportStoppedBeforeItCommitsLeavesNothingBehind) {
  std::vector<std::vector<std::string>> rows;
  for (int ago : {3, 2, 1, 0}) {
    rows.push_back(row(ago, "上午", "李四", "旷课"));
    rows.push_back(row(ago, "下午", "李四", "旷课"));
  }
  const std::string path = write("考勤.xlsx", rows);
  // Stopped while the roll calls are written (the server shutting down, say).
  core::Progress stop([](const std::string& phase, long long done, long long) {
    return !(phase == "escalate" && done == 0);
  });
  auto r = run(path, &stop);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "cancelled");
  EXPECT_EQ(count("SELECT COUNT(*) FROM roll_calls"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM roll_call_marks"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM attendance_tasks"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'import_attendance'"), 0);
  auto whole = run(path);
  ASSERT_TRUE(whole.ok()) << whole.error().message;
  EXPECT_EQ(whole->created, 8);
}

BAOXUE_ON_BOTH_ENGINES(AttendanceImport);

}  // namespace
}  // namespace baoxue::attendance
