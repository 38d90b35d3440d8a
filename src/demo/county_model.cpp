#include "demo/county_model.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/id_number.h"
#include "core/region_tree.h"
#include "core/school_age.h"
#include "demo/names.h"
#include "demo/rng.h"

namespace baoxue::demo {
namespace {

const char* const kGradeNames[] = {"",       "一年级", "二年级", "三年级", "四年级",
                                   "五年级", "六年级", "七年级", "八年级", "九年级"};
constexpr int kClassSize = 45;

std::vector<store::Region> load_regions() {
  std::vector<store::Region> out;
  for (const auto& r : core::shipped_region_tree("410308"))
    out.push_back({r.code, r.level, r.name, r.parent_code});
  return out;
}

// "台荫村民委员会" → "台荫", "西霞社区居民委员会" → "西霞": the name people use.
std::string short_village(std::string name) {
  for (const char* suffix : {"社区居民委员会", "村民委员会", "居民委员会", "村委会", "社区"}) {
    const std::string s = suffix;
    if (name.size() > s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0)
      return name.substr(0, name.size() - s.size());
  }
  return name;
}

std::string strip_suffix(const std::string& name, const std::string& suffix) {
  return name.size() > suffix.size() &&
                 name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0
             ? name.substr(0, name.size() - suffix.size())
             : name;
}

bool is_street(const store::Region& t) { return t.name.find("街道") != std::string::npos; }

struct Township {
  const store::Region* region;
  std::vector<const store::Region*> villages;
  bool urban;
  std::vector<int> primaries, juniors;
};

class Builder {
 public:
  Builder(uint64_t seed, int school_year, const Figures& f) : rng_(seed), f_(f), rules_() {
    c_.code = "410308";
    c_.name = "孟津区";
    c_.prefecture = "洛阳市";
    c_.province = "河南省";
    c_.school_year = school_year;
  }

  County build() {
    c_.regions = load_regions();
    index_townships();
    make_schools();
    enrol_pupils();
    add_disabled();
    add_hukou_only_children();
    add_out_of_band_children();
    add_phantom_rows();
    add_key_groups();
    pin_seed_school();
    return std::move(c_);
  }

 private:
  // ---- regions and schools ----
  void index_townships() {
    std::map<std::string, size_t> by_code;
    for (const auto& r : c_.regions) {
      if (r.level == "township") {
        by_code[r.code] = towns_.size();
        towns_.push_back({&r, {}, is_street(r) || r.name == "城关镇", {}, {}});
      }
    }
    for (const auto& r : c_.regions)
      if (r.level == "village") towns_[by_code.at(r.parent_code)].villages.push_back(&r);
  }

  std::string next_school_id() {
    // 学校标识码: ten digits; the demo numbers its schools 1141030801, 1141030802, …
    const int seq = ++school_seq_;
    return "11410308" + std::string(seq < 10 ? "0" : "") + std::to_string(seq);
  }

  int add_school(const std::string& name, const std::string& type, Township& t, bool small,
                 bool boarding, double weight) {
    store::School s;
    s.id = next_school_id();
    s.name = name;
    s.type = type;
    s.township_code = t.region->code;
    s.small_scale = small;
    s.boarding = boarding;
    c_.schools.push_back(s);
    weights_.push_back(weight);
    return static_cast<int>(c_.schools.size() - 1);
  }

  void make_schools() {
    // Primary schools: two per township, the rest by number of villages.
    std::vector<double> village_counts;
    for (const auto& t : towns_) village_counts.push_back(static_cast<double>(t.villages.size()));
    const long base = 2 * static_cast<long>(towns_.size());
    std::vector<long> extra = apportion(f_.primary_schools - base, village_counts);
    std::set<std::string> names;
    int small_left = 10;  // 乡村小规模学校
    for (size_t i = 0; i < towns_.size(); ++i) {
      Township& t = towns_[i];
      const std::string town = t.region->name;
      const long n = 2 + extra[i];
      for (long k = 0; k < n; ++k) {
        std::string name;
        if (k == 0) {
          name = is_street(*t.region) ? strip_suffix(town, "街道") + "实验小学" : town + "中心小学";
        } else {
          const store::Region* v = t.villages[(k * 7) % t.villages.size()];
          name = short_village(v->name) + "小学";
        }
        if (!names.insert(name).second) name = town + "第" + std::to_string(k + 1) + "小学";
        names.insert(name);
        const bool small = !t.urban && k >= 2 && small_left > 0;
        small_left -= small;
        t.primaries.push_back(add_school("孟津区" + name, "primary", t, small, false,
                                         small ? 0.15 : (t.urban ? 3.0 : (k == 0 ? 1.6 : 1.0))));
      }
    }
    // Junior schools: one per township, the extra ones in the urban area.
    int extra_juniors = f_.junior_schools - static_cast<int>(towns_.size());
    int numbered = 0;
    for (Township& t : towns_) {
      const std::string town = t.region->name;
      const std::string name =
          is_street(*t.region) ? strip_suffix(town, "街道") + "初级中学" : town + "第一初级中学";
      t.juniors.push_back(
          add_school("孟津区" + name, "junior", t, false, !t.urban, t.urban ? 2.5 : 1.0));
    }
    for (Township& t : towns_) {
      if (extra_juniors <= 0) break;
      if (!t.urban) continue;
      t.juniors.push_back(add_school("孟津区第" + std::string(kNumerals[++numbered]) + "初级中学",
                                     "junior", t, false, false, 2.5));
      --extra_juniors;
    }
    Township& seat = *std::find_if(towns_.begin(), towns_.end(),
                                   [](const Township& t) { return t.region->name == "城关镇"; });
    special_ = add_school("孟津区特殊教育学校", "special", seat, false, true, 0);

    // Catchments: villages of a township are shared out among its schools of each stage.
    for (Township& t : towns_) {
      for (size_t v = 0; v < t.villages.size(); ++v) {
        c_.schools[t.primaries[v % t.primaries.size()]].catchment_villages.push_back(
            t.villages[v]->code);
        c_.schools[t.juniors[v % t.juniors.size()]].catchment_villages.push_back(
            t.villages[v]->code);
      }
      for (int s : t.primaries) {
        auto& sc = c_.schools[s];
        sc.village_code = sc.catchment_villages.empty() ? "" : sc.catchment_villages.front();
      }
      for (int s : t.juniors) {
        auto& sc = c_.schools[s];
        sc.village_code = sc.catchment_villages.empty() ? "" : sc.catchment_villages.front();
      }
    }
    for (int s = 0; s < static_cast<int>(c_.schools.size()); ++s) {
      const auto& sc = c_.schools[s];
      town_of_school_[s] = town_index(sc.township_code);
    }
  }

  size_t town_index(const std::string& code) const {
    for (size_t i = 0; i < towns_.size(); ++i)
      if (towns_[i].region->code == code) return i;
    return 0;
  }

  // ---- children ----
  std::string make_id(const std::string& area, const Date& birth, bool male) {
    for (;;) {
      int order = rng_.between(0, 499) * 2 + (male ? 1 : 0);
      char body[32];
      std::snprintf(body, sizeof body, "%s%04d%02d%02d%03d", area.c_str(), birth.year, birth.month,
                    birth.day, order);
      std::string id = std::string(body) + core::id_check_char(body);
      if (ids_.insert(id).second) return id;
    }
  }

  // Area code printed in a local child's ID: the county's code at the time of birth registration.
  std::string local_area(const Date& birth, size_t town) {
    if (birth >= Date{2021, 3, 1}) return "410308";
    return towns_[town].region->name == "吉利街道" ? "410306" : "410322";
  }

  Date birth_for_grade(int grade, bool late) {
    // Grade g in school year Y: entry_age + g − 1 full years on Y's cut-off date.
    const int age = rules_.entry_age + grade - 1 + (late ? 1 : 0);
    const Date last{c_.school_year - age, rules_.cutoff_month, rules_.cutoff_day};
    const Date first = Date{last.year - 1, last.month, last.day}.plus_days(1);
    return first.plus_days(
        static_cast<long>(rng_.below(last.days_since_epoch() - first.days_since_epoch() + 1)));
  }

  const store::Region* village_for(int school, size_t town) {
    const auto& cv = c_.schools[school].catchment_villages;
    if (!cv.empty()) {
      const std::string& code = cv[rng_.below(cv.size())];
      for (const auto* v : towns_[town].villages)
        if (v->code == code) return v;
    }
    return towns_[town].villages[rng_.below(towns_[town].villages.size())];
  }

  Child new_child(size_t town, const store::Region* village, const Date& birth, bool local) {
    Child ch;
    const bool male = rng_.chance(0.52);
    const bool uyghur = rng_.chance(0.0005);
    const std::string family = surname(rng_);
    ch.person.name = uyghur ? minority_name(rng_, male) : child_name(rng_, male, family);
    ch.person.sex = male ? "男" : "女";
    ch.person.birth_date = birth.iso();
    ch.person.ethnicity = uyghur ? "维吾尔族" : (rng_.chance(0.01) ? "回族" : "汉族");
    ch.person.residence_village = village->code;
    ch.township = towns_[town].region->code;
    ch.person.hukou_local = local;
    const std::string area = local ? local_area(birth, town) : rng_.pick(kMigrantAreas);
    ch.person.id_number = make_id(area, birth, male);
    ch.person.hukou_address = local ? address(town, village) : "（外县户籍）";
    add_guardians(ch, uyghur ? "" : family);
    ch.in_hukou = local;
    return ch;
  }

  // Villages write 村 + 组 (group); residents' committees a compound and building.
  std::string address(size_t town, const store::Region* village) {
    const std::string base =
        "河南省洛阳市孟津区" + towns_[town].region->name + short_village(village->name);
    if (village->name.find("社区") != std::string::npos ||
        village->name.find("居民委员会") != std::string::npos)
      return base + "社区" + std::to_string(rng_.between(1, 30)) + "号院" +
             std::to_string(rng_.between(1, 12)) + "号楼";
    return base + "村" + std::to_string(rng_.between(1, 9)) + "组";
  }

  void add_guardians(Child& ch, const std::string& family) {
    const std::string fam = family.empty() ? surname(rng_) : family;
    ch.person.guardians.push_back({0, adult_name(rng_, true, fam), "父亲", phone()});
    if (rng_.chance(0.85))
      ch.person.guardians.push_back({0, adult_name(rng_, false, surname(rng_)), "母亲", phone()});
  }

  std::string phone() {
    static const char* const kPrefixes[] = {"13", "15", "17", "18", "19"};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%s%09llu", kPrefixes[rng_.below(5)],
                  static_cast<unsigned long long>(rng_.below(1000000000ull)));
    return buf;
  }

  void enrol(Child& ch, int school, int grade, const std::string& status) {
    ch.school = school;
    ch.grade = grade;
    ch.status = status;
    ch.truth = ch.in_hukou ? "enrolled" : "not_in_hukou";
    ch.student_no = ch.person.id_number.empty() ? "" : "G" + ch.person.id_number;
  }

  void enrol_pupils() {
    // Cohorts shrink toward grade 1 (falling births); the split is exact to the published totals.
    const std::vector<double> primary_w = {0.93, 0.96, 0.99, 1.02, 1.04, 1.06};
    const std::vector<double> junior_w = {1.01, 1.0, 0.99};
    // Special-school pupils (72 in school, 36 taught at home) count in the totals.
    const long special_total = f_.disabled_special + f_.disabled_home;
    const long special_primary = special_total * 6 / 10;
    std::vector<long> per_grade(10, 0);
    auto p = apportion(f_.primary_students - special_primary, primary_w);
    auto j = apportion(f_.junior_students - (special_total - special_primary), junior_w);
    for (int g = 1; g <= 6; ++g) per_grade[g] = p[g - 1];
    for (int g = 7; g <= 9; ++g) per_grade[g] = j[g - 7];

    for (int grade = 1; grade <= 9; ++grade) {
      std::vector<int> schools;
      std::vector<double> w;
      for (int s = 0; s < static_cast<int>(c_.schools.size()); ++s) {
        const std::string& type = c_.schools[s].type;
        if ((grade <= 6 && type == "primary") || (grade >= 7 && type == "junior")) {
          schools.push_back(s);
          w.push_back(weights_[s]);
        }
      }
      auto counts = apportion(per_grade[grade], w);
      for (size_t k = 0; k < schools.size(); ++k) fill_grade(schools[k], grade, counts[k]);
    }
    // Special school: 72 in classes, 36 taught at home; both hold 学籍 there.
    std::vector<int> grades;
    for (long i = 0; i < special_total; ++i)
      grades.push_back(i < special_primary ? 1 + static_cast<int>(i % 6)
                                           : 7 + static_cast<int>(i % 3));
    rng_.shuffle(grades);
    for (long i = 0; i < special_total; ++i) {
      const bool home = i < f_.disabled_home;
      size_t town = rng_.below(towns_.size());
      Child ch = new_child(town, towns_[town].villages[rng_.below(towns_[town].villages.size())],
                           birth_for_grade(grades[i], rng_.chance(0.3)), true);
      enrol(ch, special_, grades[i], home ? "home_taught" : "enrolled");
      ch.class_index = home ? -1 : special_class(grades[i]);
      ch.groups.push_back({"disabled", "孟津区残联适龄残疾儿童名单", disability(home)});
      c_.children.push_back(std::move(ch));
    }
  }

  // The seed's village school gets exactly its published size by taking pupils of its
  // township's central school, grade by grade, into its own classes. No draw of the generator:
  // every other child of the county stays as he was.
  void pin_seed_school() {
    const int small = seed_school(c_);
    if (small < 0) return;
    const int central = towns_[town_of_school_.at(small)].primaries.front();
    std::map<int, int> first_class;  // grade → the seed school's (1)班
    for (int k = 0; k < static_cast<int>(c_.classes.size()); ++k)
      if (c_.classes[k].school_id == c_.schools[small].id && c_.classes[k].number == 1)
        first_class[c_.classes[k].grade] = k;
    long have = 0;
    for (const Child& ch : c_.children) have += ch.school == small;
    for (int grade = 1, idle = 0; have < f_.seed_school_pupils && idle < 6; grade = grade % 6 + 1) {
      auto cls = first_class.find(grade);
      bool moved = false;
      for (auto it = c_.children.rbegin(); cls != first_class.end() && it != c_.children.rend();
           ++it)
        if (it->school == central && it->grade == grade && it->class_index >= 0) {
          it->school = small;
          it->class_index = cls->second;
          ++have;
          moved = true;
          break;
        }
      idle = moved ? 0 : idle + 1;
    }
  }

  int special_class(int grade) {
    const int band = grade <= 3 ? 1 : (grade <= 6 ? 4 : 7);  // mixed-grade classes
    auto key = std::make_pair(special_, band);
    if (!class_of_.count(key)) {
      store::SchoolClass sc{0,
                            c_.schools[special_].id,
                            c_.school_year,
                            band,
                            static_cast<int>(class_of_.size() % 9) + 1,
                            std::string(kGradeNames[band]) + "培智班",
                            teacher()};
      class_of_[key] = static_cast<int>(c_.classes.size());
      c_.classes.push_back(sc);
    }
    return class_of_[key];
  }

  std::string teacher() { return adult_name(rng_, rng_.chance(0.3), surname(rng_)); }

  void fill_grade(int school, int grade, long count) {
    const size_t town = town_of_school_.at(school);
    const int n_classes =
        static_cast<int>(std::max<long>(1, (count + kClassSize - 1) / kClassSize));
    std::vector<int> class_ids;
    for (int k = 1; k <= n_classes; ++k) {
      class_ids.push_back(static_cast<int>(c_.classes.size()));
      c_.classes.push_back({0, c_.schools[school].id, c_.school_year, grade, k,
                            std::string(kGradeNames[grade]) + "(" + std::to_string(k) + ")班",
                            teacher()});
    }
    for (long i = 0; i < count; ++i) {
      const bool migrant = rng_.chance(towns_[town].urban ? 0.09 : 0.03);
      const Date birth = birth_for_grade(grade, rng_.chance(0.04));
      Child ch = new_child(town, village_for(school, town), birth, !migrant);
      if (migrant) ch.groups.push_back({"migrant", "孟津区教育局随迁子女名单", ""});
      // A few pupils have no usable ID number at all (no household registration): J numbers.
      if (rng_.chance(0.001)) {
        ch.person.id_number.clear();
        ch.in_hukou = false;
        ch.person.hukou_local = false;
      }
      enrol(ch, school, grade, "enrolled");
      if (ch.student_no.empty()) ch.student_no = j_number();
      ch.class_index = class_ids[i % class_ids.size()];
      // Twins: the next pupil is the sibling, same birth date, guardians and class.
      if (rng_.chance(0.006) && i + 1 < count && !ch.person.id_number.empty()) {
        Child twin = ch;
        const bool male = rng_.chance(0.5);
        twin.person.sex = male ? "男" : "女";
        twin.person.name = twin_name(rng_, ch.person.name, male);
        twin.person.id_number =
            make_id(ch.person.id_number.substr(0, 6), *Date::parse_iso(ch.person.birth_date), male);
        twin.student_no = "G" + twin.person.id_number;
        c_.children.push_back(std::move(ch));
        c_.children.push_back(std::move(twin));
        ++i;
        continue;
      }
      c_.children.push_back(std::move(ch));
    }
  }

  std::string j_number() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "J410308%012llu",
                  static_cast<unsigned long long>(rng_.below(1000000000000ull)));
    return buf;
  }

  std::string disability(bool severe) {
    static const std::vector<std::string> kinds = {"视力", "听力", "言语", "肢体",
                                                   "智力", "精神", "多重"};
    static const std::vector<std::string> severe_kinds = {"智力", "多重", "肢体", "精神"};
    const std::string kind = severe ? rng_.pick(severe_kinds) : rng_.pick(kinds);
    const int level = severe ? rng_.between(1, 2) : rng_.between(2, 4);
    static const char* const kLevels[] = {"", "一级", "二级", "三级", "四级"};
    return "category=" + kind + ";grade=" + kLevels[level];
  }

  void add_disabled() {
    // 随班就读: disabled pupils in ordinary classes, spread over ordinary schools.
    std::vector<size_t> pupils;
    for (size_t i = 0; i < c_.children.size(); ++i)
      if (c_.children[i].school >= 0 && c_.children[i].school != special_ &&
          c_.children[i].in_hukou)
        pupils.push_back(i);
    rng_.shuffle(pupils);
    for (long k = 0; k < f_.disabled_ordinary; ++k)
      c_.children[pupils[k]].groups.push_back(
          {"disabled", "孟津区残联适龄残疾儿童名单", disability(false)});
  }

  // Children on the household registry but not on this county's student registry, with what a
  // verification would find. The mix follows county reports: most are in school elsewhere.
  void add_hukou_only_children() {
    struct Case {
      const char* category;
      int count;
      const char* note;
    };
    static const Case kCases[] = {
        {"A", 18, "随父母在省内外县（市）就读，有学籍"},
        {"B", 8, "随父母在外省就读，有学籍"},
        {"C", 4, "在省内民办学校就读，学校未注册学籍"},
        {"D", 3, "在外省就读，无学籍"},
        {"E", 2, "已死亡，户籍未注销"},
        {"E", 3, "空挂户，人户分离，本人长期不在本地"},
        {"E", 1, "已迁出，户籍信息未更新"},
        {"F", 3, "因病经批准延缓入学"},
        {"G", 2, "随父母出国（境）"},
        {"H", 2, "提前入学，已初中毕业"},
        {"I", 3, "因病在家治疗，未入学"},
        {"J", 4, "因残未入学，未纳入残联名单"},
        {"K", 2, "厌学在家"},
        {"L", 2, "外出务工"},
        {"M", 1, "失联，家人不知去向"},
    };
    for (const Case& cs : kCases) {
      for (int k = 0; k < cs.count; ++k) {
        int grade = rng_.between(1, 9);
        if (cs.category[0] == 'F') grade = 1;
        if (cs.category[0] == 'K' || cs.category[0] == 'L') grade = rng_.between(7, 9);
        if (cs.category[0] == 'H') grade = 9;
        const size_t town = rng_.below(towns_.size());
        const store::Region* v = towns_[town].villages[rng_.below(towns_[town].villages.size())];
        Child ch = new_child(town, v, birth_for_grade(grade, false), true);
        ch.truth = cs.category;
        ch.truth_note = cs.note;
        c_.children.push_back(std::move(ch));
        hukou_only_.push_back(c_.children.size() - 1);
      }
    }
  }

  // The household list covers ages 5 to 16: the youngest and the oldest are outside the band.
  void add_out_of_band_children() {
    const long cohort = f_.primary_students / 6;
    for (int grade : {0, 10}) {
      const long n = grade == 0 ? cohort / 3 : cohort;  // the 5-year-olds born September–December
      for (long i = 0; i < n; ++i) {
        const size_t town = rng_.below(towns_.size());
        const store::Region* v = towns_[town].villages[rng_.below(towns_[town].villages.size())];
        Date birth = birth_for_grade(grade == 0 ? 1 : 9, grade == 10);
        if (grade == 0) {
          birth = Date{c_.school_year - 5, 9, 1}.plus_days(static_cast<long>(rng_.below(122)));
        }
        Child ch = new_child(town, v, birth, true);
        ch.truth = "out_of_band";
        c_.children.push_back(std::move(ch));
      }
    }
  }

  // Household rows with no child of their own: a second registration of a pupil, and a
  // registration whose person cannot be found.
  void add_phantom_rows() {
    for (int k = 0; k < 2; ++k) {
      size_t i;
      do {
        i = rng_.below(c_.children.size());
      } while (c_.children[i].truth != "enrolled");
      const Child& ch = c_.children[i];
      PhantomRow row{ch.person.name,
                     "",
                     ch.person.birth_date,
                     ch.person.sex,
                     ch.township,
                     ch.person.residence_village,
                     ch.person.hukou_address,
                     "重复户口：与另一户籍记录为同一人",
                     static_cast<int>(i)};
      const bool male = ch.person.sex == "男";
      row.id_number =
          make_id(ch.person.id_number.substr(0, 6), *Date::parse_iso(ch.person.birth_date), male);
      c_.phantoms.push_back(row);
    }
    const size_t town = rng_.below(towns_.size());
    const store::Region* v = towns_[town].villages[0];
    const bool male = true;
    const Date birth = birth_for_grade(5, false);
    c_.phantoms.push_back({child_name(rng_, male, surname(rng_)), make_id("410322", birth, male),
                           birth.iso(), "男", towns_[town].region->code, v->code, address(town, v),
                           "查无此人：户籍信息有误", -1});
  }

  void add_key_groups() {
    // Pupils with a local household, the pool the welfare lists draw from.
    std::vector<size_t> local;
    for (size_t i = 0; i < c_.children.size(); ++i) {
      const Child& ch = c_.children[i];
      if (ch.school >= 0 && ch.in_hukou) local.push_back(i);
    }
    rng_.shuffle(local);
    size_t cursor = 0;
    auto take = [&](long n, const char* group, const char* source) {
      for (long k = 0; k < n; ++k, ++cursor)
        c_.children[local[cursor % local.size()]].groups.push_back({group, source, ""});
    };
    // 脱贫户: 1,332 children; one is in school elsewhere (A) and one is truly out (K), so the
    // third comparison (dropouts × poverty list) has something to find.
    const char* poverty_src = "孟津区乡村振兴局脱贫户（含监测户）家庭子女名单";
    int placed = 0;
    for (size_t i : hukou_only_) {
      const std::string& t = c_.children[i].truth;
      if ((t == "A" && placed == 0) || (t == "K" && placed == 1)) {
        c_.children[i].groups.push_back({"poverty_alleviated", poverty_src, ""});
        ++placed;
      }
    }
    take(f_.poverty_children - placed, "poverty_alleviated", poverty_src);
    take(160, "monitored", poverty_src);
    // Dibao overlaps the poverty list: start inside the part already taken.
    cursor -= 200;
    take(410, "dibao", "孟津区民政局低保家庭子女名单");
    take(48, "orphan", "孟津区民政局孤儿名单");
    take(130, "unsupported", "孟津区民政局事实无人抚养儿童名单");
    take(240, "in_difficulty", "孟津区民政局困境儿童名单");
    take(1900, "single_parent", "孟津区妇联单亲家庭子女名单");
    take(500, "learning_difficulty", "各校学习困难学生名单");
    take(25, "parent_in_prison", "孟津区司法局服刑人员未成年子女名单");
    // Left-behind children: rural pupils whose parents both work away; the grandparents are
    // their carers.
    long left_behind = 0;
    for (size_t i : local) {
      Child& ch = c_.children[i];
      if (left_behind >= 3600) break;
      if (towns_[town_index(ch.township)].urban || !rng_.chance(0.2)) continue;
      ch.groups.push_back({"left_behind", "孟津区留守儿童信息库", ""});
      const std::string fam =
          ch.person.guardians.empty() ? surname(rng_) : ch.person.guardians[0].name.substr(0, 3);
      ch.person.guardians.insert(ch.person.guardians.begin(),
                                 {0, adult_name(rng_, rng_.chance(0.5), fam), "祖父母", phone()});
      ++left_behind;
    }
  }

  static constexpr const char* kNumerals[] = {"",   "一", "二", "三", "四",
                                              "五", "六", "七", "八", "九"};
  const std::vector<std::string> kMigrantAreas = {"410102", "410105", "410323", "410329", "410381",
                                                  "411402", "412702", "411502", "341602", "510104",
                                                  "130102", "370102", "140105", "610104", "420102"};

  Rng rng_;
  Figures f_;
  core::SchoolAgeRules rules_;
  County c_;
  std::vector<Township> towns_;
  std::vector<double> weights_;
  std::map<int, size_t> town_of_school_;
  std::map<std::pair<int, int>, int> class_of_;
  std::set<std::string> ids_;
  std::vector<size_t> hukou_only_;
  int school_seq_ = 0;
  int special_ = -1;
};

}  // namespace

int seed_school(const County& county) {
  for (int s = 0; s < static_cast<int>(county.schools.size()); ++s)
    if (county.schools[s].small_scale && county.schools[s].type == "primary") return s;
  return -1;
}

County build_county(uint64_t seed, int school_year, const Figures& figures) {
  return Builder(seed, school_year, figures).build();
}

}  // namespace baoxue::demo
