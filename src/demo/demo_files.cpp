#include "demo/demo_files.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "core/code_tables.h"
#include "core/id_number.h"
#include "demo/names.h"
#include "demo/rng.h"
#include "ingest/table_writer.h"

namespace baoxue::demo {
namespace {

// About 2% of the records that stand on two lists carry one of these mistakes on one side.
constexpr double kNoiseRate = 0.02;

const char* const kGradeNames[] = {"",       "一年级", "二年级", "三年级", "四年级",
                                   "五年级", "六年级", "七年级", "八年级", "九年级"};

// One list row's identity fields as typed, starting from the truth.
struct Typed {
  std::string name, id_number, birth_date, student_no;
  std::string noise;  // what was done to it, for the truth file
};

std::string substitute_digit(Rng& rng, const std::string& id) {
  std::string s = id;
  const size_t i = rng.below(17);
  char d;
  do {
    d = static_cast<char>('0' + rng.below(10));
  } while (d == s[i]);
  s[i] = d;
  return s;
}

std::string transpose_digits(Rng& rng, const std::string& id) {
  for (int attempt = 0; attempt < 20; ++attempt) {
    const size_t i = rng.below(16);
    if (id[i] != id[i + 1]) {
      std::string s = id;
      std::swap(s[i], s[i + 1]);
      return s;
    }
  }
  return substitute_digit(rng, id);
}

std::string full_width(const std::string& id) {
  std::string s;
  for (char c : id) {
    if (c >= '0' && c <= '9') {
      s += "\xEF\xBC";
      s += static_cast<char>(0x90 + (c - '0'));
    } else {
      s += c;
    }
  }
  return s;
}

std::string shift_day(const std::string& iso, long days) {
  return Date::parse_iso(iso)->plus_days(days).iso();
}

// Applies one mistake of the given kind; returns false when the kind does not fit the record.
bool apply(Rng& rng, const std::string& kind, Typed& t) {
  if (kind == "name_traditional") {
    const std::string v = traditional_variant(t.name);
    if (v == t.name) return false;
    t.name = v;
  } else if (kind == "name_homophone") {
    const std::string v = homophone_variant(rng, t.name);
    if (v == t.name) return false;
    t.name = v;
  } else if (kind == "name_space") {
    const std::string v = spaced_variant(t.name);
    if (v == t.name) return false;
    t.name = v;
  } else if (kind == "id_substituted" || kind == "id_transposed") {
    if (t.id_number.size() != 18) return false;
    t.id_number = kind == "id_substituted" ? substitute_digit(rng, t.id_number)
                                           : transpose_digits(rng, t.id_number);
    if (!t.student_no.empty() && t.student_no[0] == 'G') t.student_no = "G" + t.id_number;
  } else if (kind == "id_fullwidth") {
    if (t.id_number.empty()) return false;
    t.id_number = full_width(t.id_number);
  } else if (kind == "id_lowercase_x") {
    if (t.id_number.empty() || t.id_number.back() != 'X') return false;
    t.id_number.back() = 'x';
  } else if (kind == "id_blank_j" || kind == "id_l_number") {
    // Registered without a usable ID: the clerk gave a J number, or a temporary L number that is
    // shaped like an ID number but is not the child's.
    if (t.id_number.size() != 18) return false;
    char buf[24];
    std::snprintf(buf, sizeof buf, "%012llu",
                  static_cast<unsigned long long>(rng.below(1000000000000ull)));
    t.student_no = (kind == "id_blank_j" ? "J410308" : "L410308") + std::string(buf);
    t.id_number.clear();
  } else if (kind == "birth_day_off") {
    if (t.birth_date.empty()) return false;
    t.birth_date = shift_day(t.birth_date, rng.chance(0.5) ? 1 : -1);
  } else if (kind == "birth_day_month_swapped") {
    auto d = Date::parse_iso(t.birth_date);
    if (!d || d->day > 12 || d->day == d->month) return false;
    t.birth_date = Date{d->year, d->day, d->month}.iso();
  } else {
    return false;
  }
  t.noise += (t.noise.empty() ? "" : ";") + kind;
  return true;
}

std::string police_date(const std::string& iso) {  // 2015-03-02 → 20150302
  std::string s;
  for (char c : iso)
    if (c != '-') s += c;
  return s;
}

class FileSet {
 public:
  FileSet(const County& c, const std::string& dir, uint64_t seed)
      : c_(c), dir_(dir), rng_(seed ^ 0x6e6f697365ull), seed_(seed) {
    for (const auto& r : c.regions) region_name_[r.code] = r.name;
  }

  Result<std::vector<std::string>> write() {
    std::error_code ec;
    std::filesystem::create_directories(dir_, ec);
    if (ec) return make_error("demo_files_dir", "无法创建目录 " + dir_ + "：" + ec.message());
    decide_noise();
    for (auto step : {&FileSet::write_schools, &FileSet::write_xueji, &FileSet::write_hukou,
                      &FileSet::write_groups, &FileSet::write_truth, &FileSet::write_november}) {
      if (Status st = (this->*step)(); !st) return st.error();
    }
    return written_;
  }

 private:
  // Noise is decided per child before any file is written, so each file is a pure function of
  // the county and the seed.
  void decide_noise() {
    static const std::vector<std::string> kHukouKinds = {
        "name_traditional", "name_homophone", "name_space",    "id_substituted",
        "id_transposed",    "id_fullwidth",   "id_lowercase_x"};
    static const std::vector<std::string> kXuejiKinds = {
        "name_traditional", "name_homophone", "id_substituted", "id_transposed",
        "id_blank_j",       "id_l_number",    "birth_day_off",  "birth_day_month_swapped"};
    hukou_.resize(c_.children.size());
    xueji_.resize(c_.children.size());
    for (size_t i = 0; i < c_.children.size(); ++i) {
      const Child& ch = c_.children[i];
      hukou_[i] = {ch.person.name, ch.person.id_number, ch.person.birth_date, "", ""};
      xueji_[i] = {ch.person.name, ch.person.id_number, ch.person.birth_date, ch.student_no, ""};
      if (!rng_.chance(kNoiseRate)) continue;
      const bool on_both = ch.in_hukou && ch.school >= 0;
      const bool hukou_side = ch.school < 0 || (on_both && rng_.chance(0.5));
      Typed& t = hukou_side ? hukou_[i] : xueji_[i];
      const auto& kinds = hukou_side ? kHukouKinds : kXuejiKinds;
      for (int attempt = 0; attempt < 8 && !apply(rng_, rng_.pick(kinds), t); ++attempt) {
      }
    }
  }

  std::string region(const std::string& code) const {
    auto it = region_name_.find(code);
    return it == region_name_.end() ? "" : it->second;
  }

  std::string guardian(const Child& ch) const {
    return ch.person.guardians.empty() ? "" : ch.person.guardians.front().name;
  }
  std::string guardian_phone(const Child& ch) const {
    return ch.person.guardians.empty() ? "" : ch.person.guardians.front().phone;
  }

  Status table(const std::string& file, ingest::TableFormat format, const std::string& sheet,
               const std::string& title, const std::vector<std::string>& header,
               const std::vector<std::vector<std::string>>& rows) {
    const std::string path = dir_ + "/" + file;
    if (Status st = ingest::write_table(path, format, sheet, title, header, rows); !st) return st;
    written_.push_back(path);
    return {};
  }

  Status write_schools() {
    static const std::map<std::string, std::string> kTypes = {
        {"primary", "小学"}, {"junior", "初级中学"}, {"special", "特殊教育学校"}};
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : c_.schools) {
      rows.push_back({s.id, s.name, kTypes.at(s.type), region(s.township_code),
                      region(s.village_code), s.small_scale ? "是" : "否",
                      s.boarding ? "是" : "否"});
    }
    return table("schools_" + c_.code + ".xlsx", ingest::TableFormat::kXlsx, "学校名单",
                 c_.name + "义务教育学校名单（" + std::to_string(c_.school_year) + "年秋季）",
                 {"学校标识码", "学校名称", "办学类型", "所在乡镇（街道）", "所在村（社区）",
                  "是否乡村小规模学校", "是否寄宿制学校"},
                 rows);
  }

  // A pupil on a 学籍 list: as typed (the noise decided once), where he is, and his status.
  struct OnList {
    const Typed* typed;
    const Child* child;  // sex, ethnicity, address, guardian
    int school, grade, class_index;
    std::string status;  // as the registry writes it
    size_t index;        // into children, or children.size() + k for a newcomer
  };

  std::vector<OnList> autumn_roll() const {
    std::vector<OnList> out;
    for (size_t i = 0; i < c_.children.size(); ++i) {
      const Child& ch = c_.children[i];
      if (ch.school < 0) continue;
      out.push_back({&xueji_[i], &ch, ch.school, ch.grade, ch.class_index,
                     ch.status == "home_taught" ? "送教上门" : "在读", i});
    }
    return out;
  }

  // The registry export (CNSSIS layout under a title row), sorted by school, grade and class.
  Status write_xueji_list(const std::string& file, const std::string& title,
                          std::vector<OnList> roll, std::vector<long>* row_of) {
    std::stable_sort(roll.begin(), roll.end(), [](const OnList& x, const OnList& y) {
      return std::tie(x.school, x.grade, x.class_index) <
             std::tie(y.school, y.grade, y.class_index);
    });
    std::vector<std::vector<std::string>> rows;
    for (const OnList& p : roll) {
      const Child& ch = *p.child;
      const Typed& t = *p.typed;
      const auto& school = c_.schools[p.school];
      const std::string klass =
          p.class_index >= 0 ? c_.classes[p.class_index].name.substr(
                                   std::string(kGradeNames[c_.classes[p.class_index].grade]).size())
                             : "";
      rows.push_back({school.id, school.name, kGradeNames[p.grade], klass, t.name, ch.person.sex,
                      t.birth_date, t.id_number.empty() ? "" : "居民身份证", t.id_number,
                      t.student_no, ch.person.ethnicity, p.status,
                      region(ch.township) + region(ch.person.residence_village), guardian(ch),
                      guardian_phone(ch)});
      if (row_of && p.index < row_of->size()) (*row_of)[p.index] = static_cast<long>(rows.size());
    }
    return table(
        file, ingest::TableFormat::kXlsx, "学生名单", title,
        {"学校标识码", "学校名称", "年级", "班级", "姓名", "性别", "出生日期", "身份证件类型",
         "身份证件号", "全国学籍号", "民族", "学籍状态", "现住址", "监护人姓名", "监护人联系电话"},
        rows);
  }

  Status write_xueji() {
    xueji_row_.assign(c_.children.size(), 0);
    return write_xueji_list(
        "xueji_" + c_.code + ".xlsx",
        c_.name + std::to_string(c_.school_year) +
            "年秋季学期义务教育阶段在校学生名单（全国中小学生学籍信息管理系统导出）",
        autumn_roll(), &xueji_row_);
  }

  // November of the autumn term, as the registry saw it: the movements of the month
  // (movements_<county>.xlsx) and the 学籍 list at its end (xueji_<county>_<y>-11-30.xlsx).
  // The seed's village school loses 3 pupils to schools elsewhere, with the receiving schools'
  // confirmation, and gains 1: 80 → 78, retention 100%. Across the county: transfers between
  // its schools (most confirmed in Baoxue's sense by the file, some awaiting the receiving
  // school, one overdue), transfers to and from other counties, two deaths, one pupil gone
  // abroad, one 休学, and two pupils who are simply no longer on the list.
  Status write_november() {
    Rng rng(seed_ ^ 0x6d6f76656d656e74ull);
    const int y = c_.school_year;
    auto day = [&](int d) {
      char b[16];
      std::snprintf(b, sizeof b, "%04d-11-%02d", y, d);
      return std::string(b);
    };
    std::vector<OnList> roll = autumn_roll();
    std::vector<std::vector<std::string>> moves;
    std::set<size_t> used;  // pupils already moved
    auto pupil_at = [&](int school, int min_grade) -> OnList* {
      std::vector<OnList*> pool;
      for (OnList& p : roll)
        if (p.school == school && p.grade >= min_grade && p.class_index >= 0 &&
            !used.count(p.index) && p.child->groups.empty())
          pool.push_back(&p);
      if (pool.empty()) return nullptr;
      OnList* p = pool[rng.below(pool.size())];
      used.insert(p->index);
      return p;
    };
    auto first_class = [&](int school, int grade) {
      for (int k = 0; k < static_cast<int>(c_.classes.size()); ++k)
        if (c_.classes[k].school_id == c_.schools[school].id && c_.classes[k].grade == grade &&
            c_.classes[k].number == 1)
          return k;
      return -1;
    };
    auto move_row = [&](const OnList& p, const std::string& kind, const std::string& on,
                        const std::string& to, const std::string& province,
                        const std::string& confirmed) {
      moves.push_back({p.typed->student_no, p.typed->name, kind, on, c_.schools[p.school].name, to,
                       province, confirmed});
    };
    std::set<size_t> gone;  // off the list at the month's end
    // Newcomers: pupils from elsewhere, on the list at the month's end.
    std::vector<Typed> new_typed;
    std::vector<Child> new_children;
    std::vector<std::pair<int, int>> new_place;  // school, grade
    auto newcomer = [&](int school, int grade, const std::string& on, const std::string& from) {
      Child ch;
      const bool male = rng.chance(0.5);
      ch.person.sex = male ? "男" : "女";
      ch.person.name = child_name(rng, male, surname(rng));
      ch.person.ethnicity = "汉族";
      const int birth_year = y - 6 - grade + 1;
      char body[32];
      std::snprintf(body, sizeof body, "410305%04d%02d%02d%03d", birth_year, 1 + rng.between(0, 7),
                    1 + rng.between(0, 27), rng.between(100, 999));
      ch.person.id_number = std::string(body) + core::id_check_char(body);
      ch.person.birth_date = ch.person.id_number.substr(6, 4) + "-" +
                             ch.person.id_number.substr(10, 2) + "-" +
                             ch.person.id_number.substr(12, 2);
      ch.township = c_.schools[school].township_code;
      new_children.push_back(std::move(ch));
      const Child& c = new_children.back();
      new_typed.push_back(
          {c.person.name, c.person.id_number, c.person.birth_date, "G" + c.person.id_number, ""});
      new_place.push_back({school, grade});
      moves.push_back({"G" + c.person.id_number, c.person.name, "转入", on, from,
                       c_.schools[school].name, "", ""});
    };

    // The seed's village school: 3 out with proof, 1 in.
    const int seed = seed_school(c_);
    const std::vector<std::array<std::string, 3>> away = {
        {"洛阳市西工区红山街道第一小学", "河南省", "05"},
        {"郑州市金水区文化路第一小学", "河南省", "12"},
        {"东莞市长安镇实验小学", "广东省", "19"}};
    if (seed >= 0) {
      for (const auto& [to, province, d] : away)
        if (OnList* p = pupil_at(seed, 2)) {
          move_row(*p, "转出", day(std::stoi(d)), to, province, day(std::stoi(d) + 4));
          gone.insert(p->index);
        }
      newcomer(seed, 3, day(16), "洛阳市老城区第二实验小学");
    }
    // Across the county.
    std::vector<int> primaries, juniors;
    for (int s = 0; s < static_cast<int>(c_.schools.size()); ++s) {
      if (s == seed) continue;
      if (c_.schools[s].type == "primary") primaries.push_back(s);
      if (c_.schools[s].type == "junior") juniors.push_back(s);
    }
    auto any_school = [&](bool junior) {
      const auto& v = junior ? juniors : primaries;
      return v[rng.below(v.size())];
    };
    // Between the county's schools: 24 confirmed by the file, 4 awaiting (late November), 1
    // overdue (early November, never confirmed).
    for (int k = 0; k < 29; ++k) {
      const bool junior = k % 3 == 0;
      const int from = any_school(junior);
      int to = any_school(junior);
      if (to == from) to = any_school(junior);
      OnList* p = pupil_at(from, junior ? 7 : 1);
      if (!p || to == from) continue;
      const int d = k < 24 ? 2 + k : (k < 28 ? 24 + (k - 24) : 3);
      const bool confirmed = k < 24;
      move_row(*p, "转出", day(d), c_.schools[to].name, "",
               confirmed ? day(std::min(d + 3, 30)) : "");
      if (confirmed) {
        p->school = to;
        p->class_index = first_class(to, p->grade);
      }
    }
    // To other counties, confirmed; and two never confirmed (overdue), still on the list.
    const std::vector<std::pair<std::string, std::string>> elsewhere = {
        {"洛阳市涧西区广州市场小学", "河南省"},   {"郑州市二七区陇西小学", "河南省"},
        {"北京市朝阳区呼家楼中心小学", "北京市"}, {"上海市浦东新区明珠小学", "上海市"},
        {"深圳市宝安区西乡小学", "广东省"},       {"洛阳市第二外国语学校", "河南省"}};
    for (int k = 0; k < 14; ++k) {
      const bool junior = k % 4 == 0;
      OnList* p = pupil_at(any_school(junior), junior ? 7 : 1);
      if (!p) continue;
      const auto& [to, province] = elsewhere[k % elsewhere.size()];
      const int d = 2 + 2 * k % 27;
      const bool confirmed = k < 12;
      move_row(*p, "转出", day(d), to, province, confirmed ? day(std::min(d + 5, 30)) : "");
      if (confirmed) gone.insert(p->index);
    }
    for (int k = 0; k < 10; ++k) {
      const bool junior = k % 3 == 0;
      newcomer(any_school(junior), junior ? 7 + k % 3 : 1 + k % 6, day(3 + 2 * k),
               k % 2 ? "郑州市管城区外国语小学" : "洛阳市西工区实验小学");
    }
    // Normal losses, a 休学, and two who are gone without a word.
    for (const auto& [kind, d] :
         std::vector<std::pair<std::string, int>>{{"死亡", 8}, {"死亡", 21}, {"出国（境）", 14}}) {
      OnList* p = pupil_at(any_school(false), 1);
      if (!p) continue;
      move_row(*p, kind, day(d), "", "", "");
      gone.insert(p->index);
    }
    if (OnList* p = pupil_at(any_school(true), 7)) {
      move_row(*p, "休学", day(10), "", "", "");
      p->status = "休学";
    }
    for (int k = 0; k < 2; ++k)
      if (OnList* p = pupil_at(any_school(true), 8)) gone.insert(p->index);

    std::vector<OnList> end;
    for (const OnList& p : roll)
      if (!gone.count(p.index)) end.push_back(p);
    for (size_t k = 0; k < new_children.size(); ++k) {
      const auto [school, grade] = new_place[k];
      end.push_back({&new_typed[k], &new_children[k], school, grade, first_class(school, grade),
                     "在读", c_.children.size() + k});
    }
    if (Status st = table(
            "movements_" + c_.code + ".xlsx", ingest::TableFormat::kXlsx, "学籍异动",
            c_.name + std::to_string(y) + "年11月学籍异动（全国中小学生学籍信息管理系统导出）",
            {"全国学籍号", "姓名", "异动类型", "异动日期", "原学校", "去向学校", "去向省份",
             "确认日期"},
            moves);
        !st)
      return st;
    return write_xueji_list(
        "xueji_" + c_.code + "_" + day(30) + ".xlsx",
        c_.name + std::to_string(y) +
            "年11月30日义务教育阶段在校学生名单（全国中小学生学籍信息管理系统导出）",
        end, nullptr);
  }

  Status write_hukou() {
    struct Row {
      std::string village;
      uint64_t key;
      long child;  // -1 - phantom index for phantom rows
    };
    std::vector<Row> order;
    for (size_t i = 0; i < c_.children.size(); ++i)
      if (c_.children[i].in_hukou)
        order.push_back(
            {c_.children[i].person.residence_village, rng_.next(), static_cast<long>(i)});
    for (size_t p = 0; p < c_.phantoms.size(); ++p)
      order.push_back({c_.phantoms[p].village, rng_.next(), -1 - static_cast<long>(p)});
    std::sort(order.begin(), order.end(), [](const Row& a, const Row& b) {
      return std::tie(a.village, a.key) < std::tie(b.village, b.key);
    });
    std::vector<std::vector<std::string>> rows;
    hukou_row_.assign(c_.children.size(), 0);
    phantom_row_.assign(c_.phantoms.size(), 0);
    for (const Row& r : order) {
      const long n = static_cast<long>(rows.size()) + 1;
      if (r.child >= 0) {
        const Child& ch = c_.children[r.child];
        const Typed& t = hukou_[r.child];
        rows.push_back({std::to_string(n), t.name, ch.person.sex, ch.person.ethnicity,
                        police_date(t.birth_date), t.id_number, ch.person.hukou_address,
                        region(ch.township), region(ch.person.residence_village), guardian(ch),
                        "子女", guardian_phone(ch)});
        hukou_row_[r.child] = n;
      } else {
        const PhantomRow& p = c_.phantoms[-1 - r.child];
        rows.push_back({std::to_string(n), p.name, p.sex, "汉族", police_date(p.birth_date),
                        p.id_number, p.address, region(p.township), region(p.village), "", "子女",
                        ""});
        phantom_row_[-1 - r.child] = n;
      }
    }
    return table("hukou_" + c_.code + ".csv", ingest::TableFormat::kCsvGb18030, "户籍", "",
                 {"序号", "姓名", "性别", "民族", "出生日期", "公民身份号码", "户籍地址",
                  "乡镇（街道）", "村（居）委会", "户主姓名", "与户主关系", "联系电话"},
                 rows);
  }

  Status write_groups() {
    static const std::map<std::string, std::string> kTitles = {
        {"poverty_alleviated", "脱贫户家庭子女名单"},
        {"monitored", "监测户家庭子女名单"},
        {"dibao", "低保家庭子女名单"},
        {"orphan", "孤儿名单"},
        {"unsupported", "事实无人抚养儿童名单"},
        {"in_difficulty", "困境儿童名单"},
        {"single_parent", "单亲家庭子女名单"},
        {"learning_difficulty", "学习困难学生名单"},
        {"parent_in_prison", "服刑人员未成年子女名单"},
        {"left_behind", "留守儿童名单"},
        {"disabled", "适龄残疾儿童少年名单"},
        {"migrant", "随迁子女名单"}};
    std::map<std::string, std::vector<size_t>> members;
    for (size_t i = 0; i < c_.children.size(); ++i)
      for (const auto& m : c_.children[i].groups) members[m.group].push_back(i);
    for (const auto& [group, idx] : members) {
      const bool disabled = group == "disabled";
      std::vector<std::string> header = {"序号",         "姓名",       "性别",   "身份证号",
                                         "乡镇（街道）", "村（社区）", "监护人", "联系电话"};
      if (disabled) header.insert(header.end(), {"残疾类别", "残疾等级"});
      std::vector<std::vector<std::string>> rows;
      for (size_t i : idx) {
        const Child& ch = c_.children[i];
        Typed t{ch.person.name, ch.person.id_number, ch.person.birth_date, "", ""};
        if (rng_.chance(kNoiseRate)) {
          apply(rng_, rng_.chance(0.5) ? "name_traditional" : "id_substituted", t);
        }
        std::vector<std::string> row = {std::to_string(rows.size() + 1),
                                        t.name,
                                        ch.person.sex,
                                        t.id_number,
                                        region(ch.township),
                                        region(ch.person.residence_village),
                                        guardian(ch),
                                        guardian_phone(ch)};
        if (disabled) {
          std::map<std::string, std::string> detail;
          for (const auto& m : ch.groups)
            if (m.group == "disabled") detail = core::parse_attrs(m.detail);
          row.push_back(detail["category"]);
          row.push_back(detail["grade"]);
        }
        rows.push_back(std::move(row));
      }
      if (Status st = table("group_" + group + ".xlsx", ingest::TableFormat::kXlsx, "名单",
                            c_.name + kTitles.at(group), header, rows);
          !st)
        return st;
    }
    return {};
  }

  Status write_truth() {
    std::vector<std::vector<std::string>> rows;
    auto num = [](long n) { return n ? std::to_string(n) : std::string(); };
    for (size_t i = 0; i < c_.children.size(); ++i) {
      const Child& ch = c_.children[i];
      std::string groups;
      for (const auto& m : ch.groups) groups += (groups.empty() ? "" : ";") + m.group;
      rows.push_back({std::to_string(i + 1), ch.person.name, ch.person.id_number, ch.truth,
                      ch.truth_note, num(hukou_row_[i]), num(xueji_row_[i]), hukou_[i].noise,
                      xueji_[i].noise, groups});
    }
    for (size_t p = 0; p < c_.phantoms.size(); ++p) {
      const PhantomRow& ph = c_.phantoms[p];
      rows.push_back({"", ph.name, ph.id_number, "E", ph.truth_note, num(phantom_row_[p]),
                      ph.duplicate_of >= 0 ? num(xueji_row_[ph.duplicate_of]) : "", "", "", ""});
    }
    return table("truth_" + c_.code + ".csv", ingest::TableFormat::kCsvUtf8, "truth", "",
                 {"child", "name", "id_number", "truth", "note", "hukou_row", "xueji_row",
                  "hukou_noise", "xueji_noise", "groups"},
                 rows);
  }

  const County& c_;
  std::string dir_;
  Rng rng_;
  std::map<std::string, std::string> region_name_;
  uint64_t seed_;
  std::vector<Typed> hukou_, xueji_;
  std::vector<long> hukou_row_, xueji_row_, phantom_row_;
  std::vector<std::string> written_;
};

}  // namespace

Result<std::vector<std::string>> write_demo_files(const County& county, const std::string& dir,
                                                  uint64_t seed) {
  return FileSet(county, dir, seed).write();
}

}  // namespace baoxue::demo
