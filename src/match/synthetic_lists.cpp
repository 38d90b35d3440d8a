#include "match/synthetic_lists.h"

#include <array>
#include <cstdio>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/id_number.h"
#include "text/name.h"

namespace baoxue::match {

namespace {

// splitmix64: the same lists on every platform and library (std:: distributions are not).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  double unit() { return static_cast<double>(next() >> 11) / 9007199254740992.0; }
  bool chance(double p) { return unit() < p; }

 private:
  std::uint64_t s_;
};

// Surnames roughly in order of frequency; picked with a skewed distribution so that namesakes
// (重名) are as common as in a real county.
constexpr std::array<std::string_view, 40> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱",
    "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于",
    "董", "萧", "程", "曹", "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕"};
constexpr std::array<std::string_view, 96> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "辉", "鹏", "宇", "浩", "晨",
    "欣", "怡", "子", "涵", "轩", "梓", "萱", "雨", "泽", "博", "文", "思", "佳", "嘉", "一", "诺",
    "若", "汐", "铭", "瑞", "宁", "凯", "航", "睿", "俊", "豪", "婷", "雪", "琳", "彤", "悦", "可",
    "馨", "佩", "逸", "天", "昊", "然", "皓", "宸", "煜", "晓", "海", "龙", "凤", "兰", "国", "东",
    "春", "梅", "建", "志", "永", "亮", "卫", "新", "波", "斌", "峰", "林", "阳", "丹", "飞", "鑫"};
// Traditional spellings a registry clerk's input method may produce.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kTraditionalChars = {
    {{"张", "張"}, {"刘", "劉"}, {"陈", "陳"}, {"杨", "楊"}, {"赵", "趙"}, {"黄", "黃"},
     {"吴", "吳"}, {"孙", "孫"}, {"马", "馬"}, {"罗", "羅"}, {"郑", "鄭"}, {"谢", "謝"},
     {"冯", "馮"}, {"邓", "鄧"}, {"许", "許"}, {"伟", "偉"}, {"丽", "麗"}, {"华", "華"},
     {"军", "軍"}, {"涛", "濤"}, {"龙", "龍"}, {"凤", "鳳"}, {"红", "紅"}, {"国", "國"}}};
// Homophones typed from a spoken name.
constexpr std::array<std::pair<std::string_view, std::string_view>, 20> kHomophoneChars = {
    {{"张", "章"}, {"伟", "威"}, {"丽", "莉"}, {"明", "铭"}, {"杰", "洁"},
     {"静", "敬"}, {"涛", "韬"}, {"峰", "锋"}, {"华", "桦"}, {"军", "君"},
     {"婷", "庭"}, {"欣", "新"}, {"雨", "宇"}, {"浩", "昊"}, {"子", "紫"},
     {"晨", "辰"}, {"佳", "嘉"}, {"思", "斯"}, {"林", "琳"}, {"徐", "许"}}};
constexpr std::array<std::string_view, 12> kTownships = {"城关镇", "常袋镇", "会盟镇", "平乐镇",
                                                         "送庄镇", "白鹤镇", "朝阳镇", "小浪底镇",
                                                         "麻屯镇", "横水镇", "王良镇", "新庄镇"};

struct Child {
  std::string surname, given;
  std::string id;
  Date birth;
  bool male = true;
  std::string guardian, other_parent, township, village;
};

std::string pick_given(Rng& rng) {
  std::string g(kGiven[rng.below(kGiven.size())]);
  if (rng.chance(0.7)) g += kGiven[rng.below(kGiven.size())];
  return g;
}

std::string pick_surname(Rng& rng) {
  // Skewed: the square of a uniform favours the front of the list.
  const double u = rng.unit();
  return std::string(kSurnames[static_cast<std::size_t>(u * u * kSurnames.size())]);
}

// Replace the first occurrence of any `from` in the table; false if none applies.
template <std::size_t N>
bool substitute(std::string& name,
                const std::array<std::pair<std::string_view, std::string_view>, N>& table,
                Rng& rng) {
  const std::size_t start = rng.below(N);
  for (std::size_t k = 0; k < N; ++k) {
    const auto& [from, to] = table[(start + k) % N];
    const auto pos = name.find(from);
    if (pos != std::string::npos) {
      name.replace(pos, from.size(), to);
      return true;
    }
  }
  return false;
}

class IdIssuer {
 public:
  // Sequence codes per birth date and sex, as a police station issues them: consecutive, odd
  // for boys, even for girls.
  std::string issue(const std::string& area, const Date& birth, bool male) {
    int& n = next_[(birth.days_since_epoch() * 2 + (male ? 1 : 0)) * 8 + area.back() % 8];
    const int seq = 2 * n + (male ? 1 : 0) + 10;
    ++n;
    return make_id(area, birth, seq % 1000);
  }

 private:
  std::unordered_map<long, int> next_;
};

enum Noise {
  kIdDigit,
  kIdSwap,
  kIdBlank,
  kJNumber,
  kLNumber,
  kTraditional,
  kHomophone,
  kDayOff,
  kDayMonthSwap,
  kNoiseKinds
};

void apply_noise(Person& p, int kind, Rng& rng) {
  switch (kind) {
    case kIdDigit: {
      if (p.id_number.size() != 18) return;
      const std::size_t pos = rng.below(17);
      p.id_number[pos] = static_cast<char>('0' + (p.id_number[pos] - '0' + 1 + rng.below(9)) % 10);
      p.student_no = "G" + p.id_number;  // the school system holds the same wrong number
      break;
    }
    case kIdSwap: {
      if (p.id_number.size() != 18) return;
      for (int tries = 0; tries < 20; ++tries) {
        const std::size_t pos = rng.below(16);
        if (p.id_number[pos] == p.id_number[pos + 1]) continue;
        std::swap(p.id_number[pos], p.id_number[pos + 1]);
        p.student_no = "G" + p.id_number;
        break;
      }
      break;
    }
    case kIdBlank:
      p.id_number.clear();
      p.student_no.clear();
      break;
    case kJNumber:
    case kLNumber: {
      std::string no(1, kind == kJNumber ? 'J' : 'L');
      for (int i = 0; i < 18; ++i) no += static_cast<char>('0' + rng.below(10));
      p.id_number.clear();
      p.student_no = no;
      break;
    }
    case kTraditional: {
      std::string n = p.name;
      if (substitute(n, kTraditionalChars, rng)) p.name = n;
      break;
    }
    case kHomophone: {
      std::string n = p.name;
      if (substitute(n, kHomophoneChars, rng)) p.name = n;
      break;
    }
    case kDayOff:
      p.birth = p.birth->plus_days(rng.chance(0.5) ? 1 : -1);
      break;
    case kDayMonthSwap: {
      const Date d = *p.birth;
      if (d.day <= 12 && d.day != d.month)
        p.birth = Date{d.year, d.day, d.month};
      else
        p.birth = d.plus_days(1);  // cannot swap: a day off instead
      break;
    }
    default:
      break;
  }
  // Re-derive what ingest derives.
  p.id_valid = !p.id_number.empty() && core::canonical_id_number(p.id_number) == p.id_number;
  p.name = text::normalize_name(p.name);
  p.name_key = text::name_key(p.name);
  p.pinyin_key = text::pinyin_key(p.name);
}

}  // namespace

std::string make_id(const std::string& area6, const Date& birth, int sequence3) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s%04d%02d%02d%03d", area6.c_str(), birth.year, birth.month,
                birth.day, sequence3);
  std::string id(buf);
  id += core::id_check_char(id);
  return id;
}

Person make_person(std::string name, std::string id_number, std::optional<Date> birth,
                   std::string sex, std::string guardian, std::string township, std::string village,
                   std::string student_no) {
  Person p;
  p.name = text::normalize_name(name);
  p.name_key = text::name_key(name);
  p.pinyin_key = text::pinyin_key(name);
  p.id_number = std::move(id_number);
  p.id_valid = !p.id_number.empty() && core::parse_id_number(p.id_number, Date{2030, 1, 1}).valid;
  p.birth = birth;
  p.sex = std::move(sex);
  p.guardian_name = std::move(guardian);
  p.township = std::move(township);
  p.village = std::move(village);
  p.student_no = std::move(student_no);
  return p;
}

SyntheticLists make_synthetic_lists(const SyntheticOptions& o) {
  Rng rng(o.seed);
  IdIssuer issuer;
  const std::string area = "410308";
  const long first_day = Date{2008, 1, 1}.days_since_epoch();
  const long last_day = Date{2021, 12, 31}.days_since_epoch();

  auto new_child = [&](const std::string& surname, const Date& birth, bool male) {
    Child c;
    c.surname = surname;
    c.given = pick_given(rng);
    c.birth = birth;
    c.male = male;
    c.id = issuer.issue(area, birth, male);
    c.guardian = surname + pick_given(rng);
    c.other_parent = pick_surname(rng) + pick_given(rng);
    const std::size_t t = rng.below(kTownships.size());
    c.township = std::string(kTownships[t]);
    c.village = std::string(kTownships[t].substr(0, 3)) + std::to_string(rng.below(20) + 1) + "村";
    return c;
  };

  std::vector<Child> children;
  children.reserve(static_cast<std::size_t>(o.children * (1 + o.twins + o.namesakes)) + 16);
  for (std::size_t i = 0; i < o.children; ++i) {
    const Date birth = Date::from_days_since_epoch(
        first_day + static_cast<long>(rng.below(last_day - first_day + 1)));
    children.push_back(new_child(pick_surname(rng), birth, rng.chance(0.5)));
    const Child& c = children.back();
    if (rng.chance(o.twins)) {
      Child twin = c;
      twin.male = rng.chance(0.5);
      twin.id = issuer.issue(area, c.birth, twin.male);
      // Twins' names often share the first given character (子涵 / 子轩).
      twin.given = c.given.size() > 3 && rng.chance(0.5)
                       ? c.given.substr(0, 3) + pick_given(rng).substr(0, 3)
                       : pick_given(rng);
      if (twin.given == c.given) twin.given += "二";
      children.push_back(twin);
    }
    if (rng.chance(o.namesakes)) {
      const long shift = static_cast<long>(rng.below(7)) + 1;
      Child n = new_child(c.surname, c.birth.plus_days(rng.chance(0.5) ? shift : -shift), c.male);
      n.given = c.given;
      children.push_back(n);
    }
  }

  SyntheticLists out;
  out.hukou.reserve(children.size());
  out.truth.assign(children.size(), -1);
  std::vector<std::pair<Person, long>> pupils;  // student row, hukou index or -1
  pupils.reserve(static_cast<std::size_t>(children.size() * (1 + o.migrants)) + 16);
  const core::SchoolAgeRules rules;
  for (std::size_t h = 0; h < children.size(); ++h) {
    const Child& c = children[h];
    const std::string sex = c.male ? "男" : "女";
    out.hukou.push_back(
        make_person(c.surname + c.given, c.id, c.birth, sex, c.guardian, c.township, c.village));
    out.hukou.back().row = static_cast<long>(h) + 1;
    const core::SchoolAge age = core::school_age(c.birth, o.as_of, rules);
    bool at_school;
    if (age.in_compulsory_band) {
      at_school = !rng.chance(o.dropped);
    } else if (age.over_age) {
      at_school = age.expected_grade == rules.compulsory_years + 1 && rng.chance(0.5);  // repeating
    } else {
      at_school = age.expected_grade == 0 && rng.chance(0.1);  // entered a year early
    }
    if (!at_school) continue;
    const double g = rng.unit();
    const std::string guardian = g < 0.6 ? c.guardian : g < 0.85 ? c.other_parent : "";
    Person p = make_person(c.surname + c.given, c.id, c.birth, sex, guardian,
                           rng.chance(0.9) ? c.township : "", c.village, "G" + c.id);
    if (rng.chance(o.double_noise)) {
      apply_noise(p, static_cast<int>(rng.below(kTraditional)), rng);  // an ID error
      apply_noise(p, kTraditional + static_cast<int>(rng.below(kNoiseKinds - kTraditional)), rng);
    } else if (rng.chance(o.noise)) {
      apply_noise(p, static_cast<int>(rng.below(kNoiseKinds)), rng);
    }
    pupils.emplace_back(std::move(p), static_cast<long>(h));
  }
  // Pupils whose household is registered in another county.
  const std::size_t migrants = static_cast<std::size_t>(o.children * o.migrants);
  const long band_first = Date{2010, 9, 1}.days_since_epoch();
  const long band_last = Date{2019, 8, 31}.days_since_epoch();
  for (std::size_t i = 0; i < migrants; ++i) {
    const Date birth = Date::from_days_since_epoch(
        band_first + static_cast<long>(rng.below(band_last - band_first + 1)));
    const bool male = rng.chance(0.5);
    const std::string surname = pick_surname(rng);
    const std::string id = issuer.issue(rng.chance(0.5) ? "410305" : "411323", birth, male);
    Person p = make_person(surname + pick_given(rng), id, birth, male ? "男" : "女",
                           surname + pick_given(rng), std::string(kTownships[rng.below(12)]), "",
                           "G" + id);
    if (rng.chance(o.noise)) apply_noise(p, static_cast<int>(rng.below(kNoiseKinds)), rng);
    pupils.emplace_back(std::move(p), -1);
  }
  // Schools list pupils in their own order.
  for (std::size_t i = pupils.size(); i > 1; --i) std::swap(pupils[i - 1], pupils[rng.below(i)]);
  out.xueji.reserve(pupils.size());
  for (std::size_t x = 0; x < pupils.size(); ++x) {
    out.xueji.push_back(std::move(pupils[x].first));
    out.xueji.back().row = static_cast<long>(x) + 1;
    if (pupils[x].second >= 0)
      out.truth[static_cast<std::size_t>(pupils[x].second)] = static_cast<long>(x);
  }
  return out;
}

MatchQuality assess(const SyntheticLists& lists, const std::vector<MatchResult>& results) {
  MatchQuality q;
  q.hukou = results.size();
  for (const MatchResult& r : results) {
    const long truth = lists.truth[r.hukou_index];
    if (truth >= 0)
      ++q.matchable;
    else
      ++q.out_of_school;
    switch (r.decision) {
      case Decision::kEnrolled:
        ++q.enrolled;
        if (r.xueji_index && static_cast<long>(*r.xueji_index) == truth) ++q.enrolled_correct;
        if (truth < 0) ++q.out_of_school_enrolled;
        break;
      case Decision::kProbable:
        ++q.probable;
        break;
      case Decision::kSuspected:
        ++q.suspected;
        break;
      case Decision::kOutOfBand:
        ++q.out_of_band;
        break;
    }
  }
  return q;
}

}  // namespace baoxue::match
