// make_list KIND ROWS PATH: writes a synthetic list for the import and matching benchmarks.
// hukou and xueji lists of the same size describe the same children (same seed).
//   hukou → household registry layout (use a .csv path; GB18030 like the police exports)
//   xueji → student registry layout under a title row (use .xlsx)
// Deterministic: the same arguments give the same file.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/id_number.h"
#include "ingest/table_writer.h"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: make_list hukou|xueji ROWS PATH\n");
    return 2;
  }
  const std::string kind = argv[1], path = argv[3];
  const long rows = std::atol(argv[2]);
  using baoxue::ingest::TableFormat;
  const bool hukou = kind == "hukou";
  const std::vector<std::string> header =
      hukou ? std::vector<std::string>{"序号",         "姓名",         "性别",       "民族",
                                       "出生日期",     "公民身份号码", "户籍地址",   "乡镇（街道）",
                                       "村（居）委会", "户主姓名",     "与户主关系", "联系电话"}
            : std::vector<std::string>{"学校标识码", "学校名称",      "年级",     "班级",
                                       "姓名",       "性别",          "出生日期", "身份证件号",
                                       "全国学籍号", "民族",          "学籍状态", "现住址",
                                       "监护人姓名", "监护人联系电话"};
  // The household list as the police send it (GB18030 CSV); the student list as xlsx, or as
  // CSV when the path says so (for matching benchmarks at sizes xlsx makes slow to produce).
  const bool csv = path.size() > 4 && path.compare(path.size() - 4, 4, ".csv") == 0;
  auto writer = baoxue::ingest::TableWriter::open(
      path, hukou || csv ? TableFormat::kCsvGb18030 : TableFormat::kXlsx, "名单",
      hukou || csv ? "" : "孟津区2026年秋季学期在校学生名单", header);
  if (!writer) {
    std::fprintf(stderr, "%s\n", writer.error().message.c_str());
    return 1;
  }
  static const char* const kSurnames[] = {"王", "李", "张", "刘", "陈",
                                          "杨", "赵", "郭", "孙", "马"};
  static const char* const kGiven[] = {"浩宇", "欣怡", "子涵", "梓轩",
                                       "雨桐", "一诺", "俊杰", "梦琪"};
  uint64_t x = 88172645463325252ull;
  for (long i = 0; i < rows; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    // Unique ID numbers, as on a real list: each birth date carries up to 1,000 order codes.
    const baoxue::Date born = baoxue::Date{2011, 9, 1}.plus_days(i / 1000 % 3650);
    const int year = born.year, month = born.month, day = born.day;
    char body[18];
    std::snprintf(body, sizeof body, "%s%04d%02d%02d%03ld", i / 3650000 % 2 ? "410322" : "410308",
                  year, month, day, i % 1000);
    const std::string id = std::string(body) + baoxue::core::id_check_char(body);
    const std::string name = std::string(kSurnames[x % 10]) + kGiven[x / 7 % 8];
    char birth[16];
    std::snprintf(birth, sizeof birth, hukou ? "%04d%02d%02d" : "%04d-%02d-%02d", year, month, day);
    const std::string sex = (body[16] - '0') % 2 ? "男" : "女";
    std::vector<std::string> row =
        hukou ? std::vector<std::string>{std::to_string(i + 1),
                                         name,
                                         sex,
                                         "汉族",
                                         birth,
                                         id,
                                         "河南省洛阳市孟津区会盟镇台荫村3组",
                                         "会盟镇",
                                         "台荫村民委员会",
                                         "王建国",
                                         "子女",
                                         "13800138000"}
              : std::vector<std::string>{"1141030801",
                                         "孟津区会盟镇中心小学",
                                         std::to_string(1 + i % 6) + "年级",
                                         "(1)班",
                                         name,
                                         sex,
                                         birth,
                                         id,
                                         "G" + id,
                                         "汉族",
                                         "在读",
                                         "河南省洛阳市孟津区会盟镇台荫村3组",
                                         "王建国",
                                         "13800138000"};
    if (auto st = writer.value()->add_row(row); !st) {
      std::fprintf(stderr, "%s\n", st.error().message.c_str());
      return 1;
    }
  }
  return writer.value()->close().ok() ? 0 : 1;
}
