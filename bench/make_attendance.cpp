// make_attendance DB FIRST_DAY DAYS PATH: writes a synthetic roll-call file (`baoxue import
// attendance`) for the pupils of the database's latest census ledger, as a school system exports
// it: one row per pupil per roll call, both sessions of each of DAYS days from FIRST_DAY
// (YYYY-MM-DD), most pupils 出勤 and a few 迟到, 病假, 事假 or 旷课. GB18030 CSV for a .csv path,
// xlsx otherwise. Deterministic: the same database and arguments give the same file.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/date.h"
#include "ingest/table_writer.h"
#include "store/county_repository.h"
#include "store/database.h"
#include "store/roll_call_repository.h"

int main(int argc, char** argv) {
  using namespace baoxue;
  if (argc != 5) {
    std::fprintf(stderr, "usage: make_attendance DB FIRST_DAY DAYS PATH\n");
    return 2;
  }
  auto first = Date::parse_iso(argv[2]);
  const long days = std::atol(argv[3]);
  const std::string path = argv[4];
  if (!first || days < 1) {
    std::fprintf(stderr, "FIRST_DAY is YYYY-MM-DD and DAYS at least 1\n");
    return 2;
  }
  auto db = store::Database::open(argv[1]);
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().message.c_str());
    return 1;
  }
  auto counties = store::list_counties(*db.value());
  if (!counties || counties->size() != 1) {
    std::fprintf(stderr, "the database should hold one county\n");
    return 1;
  }
  struct Pupil {
    std::string school, student_no, id_number, name;
    int grade, number;
  };
  std::vector<Pupil> pupils;
  auto run = store::for_each_enrolled_pupil(
      *db.value(), counties->front().code, [&](store::EnrolledPupil& p) {
        if (p.cls.grade > 0 && p.cls.class_number > 0)
          pupils.push_back({p.cls.school_code, p.student_no, p.id_number, p.name, p.cls.grade,
                            p.cls.class_number});
      });
  if (!run || run.value() == 0) {
    std::fprintf(stderr, "no census run in the database\n");
    return 1;
  }
  const bool csv = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  auto writer = ingest::TableWriter::open(
      path, csv ? ingest::TableFormat::kCsvGb18030 : ingest::TableFormat::kXlsx, "考勤", "",
      {"日期", "时段", "学校标识码", "年级", "班级", "学籍号", "身份证号", "姓名", "出勤情况"});
  if (!writer) {
    std::fprintf(stderr, "%s\n", writer.error().message.c_str());
    return 1;
  }
  std::uint64_t x = 88172645463325252ull;
  long rows = 0;
  for (long d = 0; d < days; ++d) {
    const std::string day = first->plus_days(d).iso();
    for (const char* session : {"上午", "下午"}) {
      for (const Pupil& p : pupils) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        const unsigned r = x % 1000;
        const char* mark = r < 970   ? "出勤"
                           : r < 980 ? "迟到"
                           : r < 985 ? "病假"
                           : r < 990 ? "事假"
                                     : "旷课";
        Status st =
            writer.value()->add_row({day, session, p.school, std::to_string(p.grade) + "年级",
                                     "(" + std::to_string(p.number) + ")班", p.student_no,
                                     p.student_no.empty() ? p.id_number : "", p.name, mark});
        if (!st) {
          std::fprintf(stderr, "%s\n", st.error().message.c_str());
          return 1;
        }
        ++rows;
      }
    }
  }
  if (!writer.value()->close()) return 1;
  std::fprintf(stderr, "%ld rows, %zu pupils\n", rows, pupils.size());
  return 0;
}
