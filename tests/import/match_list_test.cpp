// Specification: file-mode matching reads a list as the matcher's persons (or their table of
// keys) with exactly the fields import stores for each row (RowChecker), whichever way the file
// is read — cut into ranges on several threads, or from start to end — so that matching files
// and matching imported lists decide alike.
#include "ingest/match_list.h"

#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "demo/county_model.h"
#include "demo/demo_files.h"

namespace baoxue::ingest {
namespace {

namespace fs = std::filesystem;
using match::Person;

const Date kAsOf{2026, 10, 15};

std::string describe(const Person& p) {
  return "row " + std::to_string(p.row) + " " + p.name + " " + p.id_number + " " +
         (p.birth ? p.birth->iso() : "-") + " " + p.sex + " " + p.student_no;
}

// Every field of every person, so that a difference names the row and the field.
void expect_same_persons(const std::vector<Person>& got, const std::vector<Person>& want,
                         const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  int differences = 0;
  for (std::size_t i = 0; i < want.size() && differences < 10; ++i) {
    const Person& a = got[i];
    const Person& b = want[i];
    const bool same = a.row == b.row && a.name == b.name && a.name_key == b.name_key &&
                      a.pinyin_key == b.pinyin_key && a.id_number == b.id_number &&
                      a.id_valid == b.id_valid && a.birth == b.birth && a.sex == b.sex &&
                      a.student_no == b.student_no && a.guardian_name == b.guardian_name &&
                      a.township == b.township && a.village == b.village;
    if (!same) {
      ++differences;
      ADD_FAILURE() << what << ": read " << describe(a) << " " << a.guardian_name << " "
                    << a.township << " " << a.village << "\n   import has " << describe(b) << " "
                    << b.guardian_name << " " << b.township << " " << b.village;
    }
  }
}

std::vector<Person> read_fast(const std::string& path, const std::string& kind,
                              const PersonListOptions& options = {},
                              PersonListStats* stats = nullptr) {
  auto r = read_person_lists({{path, kind}}, kAsOf, options, stats);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r.value()[0]) : std::vector<Person>();
}

std::vector<Person> read_checked(const std::string& path, const std::string& kind) {
  auto r = read_persons_checked(path, kind, kAsOf);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r.value()) : std::vector<Person>();
}

// File-mode matching reads tables, not persons: row for row, the keys of the persons import
// would store.
void expect_same_table(const match::PersonTable& got, const std::vector<Person>& want,
                       const std::string& what) {
  const match::PersonTable table(want);
  ASSERT_EQ(got.size(), table.size()) << what;
  int differences = 0;
  for (std::size_t i = 0; i < table.size() && differences < 10; ++i) {
    const bool same = got.row(i) == table.row(i) && got.features(i) == table.features(i) &&
                      got.name_key(i) == table.name_key(i) &&
                      got.township(i) == table.township(i) && got.village(i) == table.village(i);
    if (!same) {
      ++differences;
      ADD_FAILURE() << what << ": table row " << i << " differs from " << describe(want[i]);
    }
  }
}

match::PersonTable read_table(const std::string& path, const std::string& kind,
                              const PersonListOptions& options = {}) {
  auto r = read_person_tables({{path, kind}}, kAsOf, options);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r.value()[0]) : match::PersonTable();
}

std::string to_gb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 4 + 8, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  iconv(cd, &in, &in_left, &dst, &dst_left);
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

// A scratch directory per test.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("baoxue_match_list_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  ~TempDir() { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& bytes) const {
    const std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

 private:
  fs::path dir_;
};

// A household list the way they really arrive: a title above the header, and rows with every
// fault of typing and of Excel that the importer knows how to read.
const std::string kTrickyHukou =
    "孟津区会盟镇户籍儿童名单（2026年）,,,,,,,,,\n"
    "序号,姓名,性别,出生日期,公民身份号码,全国学籍号,乡镇（街道）,村（居）委会,户主姓名,"
    "家庭住址\n"
    // Plain; a birth date as eight digits.
    "1,王子涵,男,20110901,410308201109010013,,会盟镇,台荫村民委员会,王建国,台荫村3组\n"
    // Excel turned the ID into a number; the G 学籍号 still holds it whole.
    "2,李欣怡,女,2011-9-1,4.10308E+17,G410308201109010021,会盟镇,台荫村民委员会,李强,"
    "台荫村3组\n"
    // An ID as the Excel text formula some systems export, unquoted and quoted.
    "3,张 伟,男,2011年9月1日,=\"41030820110901003X\",,会盟镇,雷河村民委员会,张军,雷河村\n"
    "4,劉德華,男,2011/9/1,\"=\"\"410308201109010048\"\"\",,会盟镇,雷河村民委员会,劉大明,雷河村\n"
    // Full-width digits; a name with spaces of three widths around it and inside it.
    "5, \u3000欧阳 晓明\u00A0,女,2011.9.1,"
    "４１０３０８２０１１０９０１００５６,,会盟镇,扣马村民委员会,欧阳华,扣马村\n"
    // Minority names, dotted three ways.
    "6,阿卜杜·热合曼,男,2011-09-01,410308201109010064,,平乐镇,平乐村民委员会,阿卜杜,平乐村\n"
    "7,买买提.艾力,男,,410308201203150020,,平乐镇,平乐村民委员会,买买提,平乐村\n"
    "8,古丽•努尔,女,40787,,,平乐镇,平乐村民委员会,古丽,平乐村\n"
    // No ID at all, but a G 学籍号; a J and an L number that link to nobody's ID.
    "9,赵一诺,女,20121120,,G410308201211200016,白鹤镇,白鹤村民委员会,赵刚,白鹤村\n"
    "10,钱多多,男,2013-07-08,,J410308201307080047,白鹤镇,白鹤村民委员会,钱进,白鹤村\n"
    "11,孙小美,女,2010-01-01,,L410308201001010038,白鹤镇,白鹤村民委员会,孙立,白鹤村\n"
    // A quoted address with a comma and a line break in it; blank lines of three kinds.
    "12,周杰,男,2011-09-01,410308201109010072,,会盟镇,台荫村民委员会,周平,\"台荫村3组,\n15号\"\n"
    "\n"
    ",,,,,,,,,\n"
    "  ,\u3000, ,,,,,,,\n"
    // A wrong check digit (kept: a typo is still evidence); an old 15-digit ID; lower-case x.
    "13,吴用,男,2011-09-01,410308201109010081,,会盟镇,台荫村民委员会,吴江,台荫村\n"
    "14,郑老,男,1911-09-01,410308110901011,,会盟镇,台荫村民委员会,,台荫村\n"
    "15,冯小,女,2011-09-01,41030820110901003x,,会盟镇,台荫村民委员会,冯大,台荫村\n"
    // Birth date and sex that cannot be read, or disagree with the ID.
    "16,陈晨,女,不详,410308201402020018,,会盟镇,台荫村民委员会,陈东,台荫村\n"
    "17,褚卫,未知,2011-09-02,410308201109010099,,会盟镇,台荫村民委员会,褚南,台荫村\n"
    "18,卫东,男,2011-09-01,,,会盟镇,台荫村民委员会,卫西,台荫村\n"
    // No name; a row that ends early; a 学籍号 that is not one; an ID mangled with no 学籍号.
    "19,,男,2011-09-01,410308201109010101,,会盟镇\n"
    "20,蒋勤\n"
    "21,沈舟,男,2011-09-01,,X12345,会盟镇,台荫村民委员会,沈河,台荫村\n"
    "22,韩梅,女,2011-09-01,4.10308E+17,,会盟镇,台荫村民委员会,韩雷,台荫村\n"
    // The last row has no line end.
    "23,杨柳,女,2011-09-01,410308201109010013,,会盟镇,台荫村民委员会,杨树,台荫村";

TEST(PersonList, TrickyRowsReadAsImportReadsThem) {
  TempDir dir;
  const std::string utf8 = dir.write("户籍_utf8.csv", "\xEF\xBB\xBF" + kTrickyHukou);
  const std::string gbk = dir.write("户籍_gbk.csv", to_gb18030(kTrickyHukou));
  for (const std::string& path : {utf8, gbk}) {
    const std::vector<Person> want = read_checked(path, "hukou");
    // Cut at every line, at a few, and not at all: always the same persons.
    for (std::size_t range_bytes : {1, 64, 200, 1000, 8 << 20}) {
      PersonListOptions options;
      options.range_bytes = range_bytes;
      expect_same_persons(read_fast(path, "hukou", options), want,
                          path + " in ranges of " + std::to_string(range_bytes));
      expect_same_table(read_table(path, "hukou", options), want,
                        path + " as a table, in ranges of " + std::to_string(range_bytes));
    }
  }
}

TEST(PersonList, TheTrickyRowsMeanWhatAClerkMeant) {
  TempDir dir;
  const std::vector<Person> p = read_fast(dir.write("户籍.csv", to_gb18030(kTrickyHukou)), "hukou");
  // Blank lines are not rows; rows are numbered from 1 under the header, in file order.
  ASSERT_EQ(p.size(), 23u);
  for (std::size_t i = 0; i < p.size(); ++i) EXPECT_EQ(p[i].row, static_cast<long>(i) + 1);
  EXPECT_EQ(p[0].id_number, "410308201109010013");
  EXPECT_TRUE(p[0].id_valid);
  EXPECT_EQ(p[0].birth, (Date{2011, 9, 1}));
  EXPECT_EQ(p[0].village, "台荫村民委员会");
  // The ID Excel lost is recovered from the G 学籍号.
  EXPECT_EQ(p[1].id_number, "410308201109010021");
  EXPECT_TRUE(p[1].id_valid);
  EXPECT_EQ(p[1].student_no, "G410308201109010021");
  EXPECT_EQ(p[2].name, "张伟");
  EXPECT_EQ(p[2].id_number, "41030820110901003X");
  EXPECT_TRUE(p[2].id_valid);
  EXPECT_EQ(p[3].name, "刘德华");
  EXPECT_EQ(p[3].pinyin_key, "liudehua");
  EXPECT_EQ(p[3].guardian_name, "劉大明");  // other names are kept as written
  EXPECT_TRUE(p[3].id_valid);
  EXPECT_EQ(p[4].name, "欧阳晓明");
  EXPECT_EQ(p[4].id_number, "410308201109010056");
  EXPECT_EQ(p[5].name, "阿卜杜·热合曼");
  EXPECT_EQ(p[6].name, "买买提·艾力");
  EXPECT_EQ(p[6].name_key, "买买提艾力");
  EXPECT_EQ(p[7].name, "古丽·努尔");
  EXPECT_EQ(p[7].birth, (Date{2011, 9, 1}));  // Excel serial 40787
  EXPECT_EQ(p[7].id_number, "");
  EXPECT_EQ(p[8].id_number, "410308201211200016");  // from the G 学籍号 alone
  EXPECT_TRUE(p[8].id_valid);
  EXPECT_EQ(p[9].id_number, "");   // J: no ID in it
  EXPECT_EQ(p[10].id_number, "");  // L: shaped like an ID, but somebody else's
  EXPECT_EQ(p[10].student_no, "L410308201001010038");
  EXPECT_EQ(p[12].id_number, "410308201109010081");  // checksum wrong: kept, not valid
  EXPECT_FALSE(p[12].id_valid);
  EXPECT_EQ(p[13].id_number, "410308191109010113");  // 15 digits, made 18
  EXPECT_EQ(p[14].id_number, "41030820110901003X");
  EXPECT_EQ(p[15].birth, (Date{2014, 2, 2}));  // from the ID; the cell said 不详
  EXPECT_EQ(p[16].sex, "男");                  // from the ID; the cell said 未知
  EXPECT_EQ(p[16].birth, (Date{2011, 9, 1}));  // the ID wins over the cell's 09-02
  EXPECT_EQ(p[17].sex, "男");
  EXPECT_FALSE(p[17].id_valid);
  EXPECT_EQ(p[18].name, "");
  EXPECT_EQ(p[19].name, "蒋勤");
  EXPECT_EQ(p[19].township, "");
  EXPECT_EQ(p[20].student_no, "X12345");
  EXPECT_EQ(p[21].id_number, "4.10308E+17");
  EXPECT_FALSE(p[21].id_valid);
  EXPECT_EQ(p[22].name, "杨柳");
}

TEST(PersonList, AFileWithoutLineBreaksInCellsIsReadInRanges) {
  TempDir dir;
  std::string text = "姓名,公民身份号码,出生日期,性别\r\n";
  for (int i = 0; i < 500; ++i)
    text += "王" + std::to_string(i) + ",410308201109010013,2011-09-01,男\r\n";
  const std::string path = dir.write("户籍.csv", to_gb18030(text));
  PersonListOptions options;
  options.range_bytes = 1000;
  PersonListStats stats;
  expect_same_persons(read_fast(path, "hukou", options, &stats), read_checked(path, "hukou"),
                      "500 rows");
  ASSERT_EQ(stats.ranges.size(), 1u);
  EXPECT_GT(stats.ranges[0], 10u);
  EXPECT_FALSE(stats.streamed[0]);
}

TEST(PersonList, ALineBreakInACellAcrossACutMeansReadingTheFileWhole) {
  TempDir dir;
  std::string text = "姓名,公民身份号码,家庭住址\n";
  for (int i = 0; i < 100; ++i)
    text +=
        "王" + std::to_string(i) + ",410308201109010013,\"台荫村\n" + std::to_string(i) + "组\"\n";
  const std::string path = dir.write("户籍.csv", text);
  PersonListOptions options;
  options.range_bytes = 100;
  PersonListStats stats;
  const std::vector<Person> persons = read_fast(path, "hukou", options, &stats);
  expect_same_persons(persons, read_checked(path, "hukou"), "line breaks in cells");
  EXPECT_EQ(persons.size(), 100u);
  EXPECT_TRUE(stats.streamed[0]);
}

TEST(PersonList, TwoFilesOnTwoThreadsComeBackInTheOrderAsked) {
  TempDir dir;
  std::string hukou = "姓名,公民身份号码\n", xueji = "姓名,全国学籍号,学校名称,年级\n";
  for (int i = 0; i < 300; ++i) {
    hukou += "户" + std::to_string(i) + ",410308201109010013\n";
    xueji += "学" + std::to_string(i) + ",G410308201109010021,会盟镇中心小学,三年级\n";
  }
  const std::string h = dir.write("户籍.csv", hukou);
  const std::string x = dir.write("学籍.csv", to_gb18030(xueji));
  PersonListOptions options;
  options.range_bytes = 512;
  auto lists = read_person_lists({{h, "hukou"}, {x, "xueji"}}, kAsOf, options);
  ASSERT_TRUE(lists.ok()) << lists.error().message;
  ASSERT_EQ(lists->size(), 2u);
  expect_same_persons((*lists)[0], read_checked(h, "hukou"), "hukou");
  expect_same_persons((*lists)[1], read_checked(x, "xueji"), "xueji");
}

TEST(PersonList, TheFirstFileThatCannotBeReadIsTheError) {
  TempDir dir;
  const std::string ok = dir.write("户籍.csv", "姓名,公民身份号码\n王五,410308201109010013\n");
  const std::string no_header = dir.write("学籍.csv", "a,b\n1,2\n");
  auto missing =
      read_person_lists({{dir.write("x.csv", "") + ".gone", "hukou"}, {ok, "xueji"}}, kAsOf);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "file_not_found");
  auto headless = read_person_lists({{ok, "hukou"}, {no_header, "xueji"}}, kAsOf);
  ASSERT_FALSE(headless.ok());
  EXPECT_EQ(headless.error().code, "no_header");
  auto unterminated = read_person_lists(
      {{dir.write("坏.csv", "姓名,公民身份号码\n王五,\"4103\n"), "hukou"}}, kAsOf);
  ASSERT_FALSE(unterminated.ok());
  EXPECT_EQ(unterminated.error().code, "file_corrupt");
}

TEST(PersonList, TheReaderTestListsReadAsImportReadsThem) {
  // A GBK police export, and a student list under a title row with merged cells, dates as date
  // cells and an ID Excel turned into a number, as xlsx and as Excel 97-2003.
  for (const auto& [name, kind] :
       {std::pair{"hukou_gbk.csv", "hukou"}, std::pair{"xueji_title_row.xlsx", "xueji"},
        std::pair{"xueji_title_row.xls", "xueji"}}) {
    const std::string path = std::string(TEST_DATA_DIR) + "/" + name;
    const std::vector<Person> want = read_checked(path, kind);
    EXPECT_GE(want.size(), 6u) << name;
    expect_same_persons(read_fast(path, kind), want, name);
    expect_same_table(read_table(path, kind), want, std::string(name) + " as a table");
  }
}

// The demo county's lists, as the bureau receives them (GB18030 CSV, xlsx under a title row,
// key-group workbooks), with their 2% noise.
class DemoCountyLists : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(
        (fs::temp_directory_path() / ("baoxue_match_list_demo_" + std::to_string(::getpid())))
            .string());
    fs::remove_all(*dir_);
    const demo::County county = demo::build_county(20260901, 2026);
    auto files = demo::write_demo_files(county, *dir_, 20260901);
    ASSERT_TRUE(files.ok()) << files.error().message;
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }
  static std::string file(const std::string& name) { return *dir_ + "/" + name; }
  static std::string* dir_;
};
std::string* DemoCountyLists::dir_ = nullptr;

TEST_F(DemoCountyLists, TheHouseholdCsvReadsAsImportReadsIt) {
  const std::string path = file("hukou_410308.csv");
  const std::vector<Person> want = read_checked(path, "hukou");
  EXPECT_GT(want.size(), 50000u);
  for (std::size_t range_bytes : {64u << 10, 8u << 20}) {
    PersonListOptions options;
    options.range_bytes = range_bytes;
    PersonListStats stats;
    expect_same_persons(read_fast(path, "hukou", options, &stats), want,
                        "hukou in ranges of " + std::to_string(range_bytes));
    EXPECT_FALSE(stats.streamed[0]);
    expect_same_table(read_table(path, "hukou", options), want,
                      "hukou as a table, in ranges of " + std::to_string(range_bytes));
  }
}

TEST_F(DemoCountyLists, TheStudentWorkbookReadsAsImportReadsIt) {
  const std::string path = file("xueji_410308.xlsx");
  PersonListStats stats;
  const std::vector<Person> got = read_fast(path, "xueji", {}, &stats);
  expect_same_persons(got, read_checked(path, "xueji"), "xueji");
  EXPECT_GT(got.size(), 50000u);
  EXPECT_TRUE(stats.streamed[0]);  // spreadsheets are read from start to end
  expect_same_table(read_table(path, "xueji"), got, "xueji as a table");
}

TEST_F(DemoCountyLists, TheKeyGroupWorkbooksReadAsImportReadsThem) {
  int lists = 0;
  for (const auto& entry : fs::directory_iterator(*dir_)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("group_", 0) != 0) continue;
    ++lists;
    expect_same_persons(read_fast(entry.path().string(), "group"),
                        read_checked(entry.path().string(), "group"), name);
  }
  EXPECT_GT(lists, 0);
}

}  // namespace
}  // namespace baoxue::ingest
