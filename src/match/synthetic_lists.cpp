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

// Household registration counties for large lists (see kSyntheticChildrenPerCounty): 孟津区 first,
// then the other counties and districts of Luoyang; 410305 (涧西区) is left to the migrants.
constexpr std::array<std::string_view, 13> kCounties = {
    "410308", "410302", "410303", "410304", "410307", "410311", "410323",
    "410324", "410325", "410326", "410327", "410328", "410329"};

struct Child {
  std::string surname, given;
  std::string id;
  Date birth;
  bool male = true;
  std::string guardian, other_parent, township, village;
  std::string area;
  std::uint8_t kin = 0;
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
  // Sequence codes per county, birth date and sex, as a police station issues them:
  // consecutive, odd for boys, even for girls.
  std::string issue(const std::string& area, const Date& birth, bool male) {
    const long long key =
        (std::stoll(area) * 2 + (male ? 1 : 0)) * 1000000 + birth.days_since_epoch();
    int& n = next_[key];
    const int seq = 2 * n + (male ? 1 : 0) + 10;
    ++n;
    return make_id(area, birth, seq % 1000);
  }

 private:
  std::unordered_map<long long, int> next_;
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

constexpr std::array<std::string_view, kNoiseKinds> kNoiseLabels = {
    "id_digit",    "id_swap",   "id_blank", "j_number",      "l_number",
    "traditional", "homophone", "day_off",  "day_month_swap"};

// Changes the written cells as a clerk or a school would get them wrong.
void apply_noise(WrittenRow& p, int kind, Rng& rng) {
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
      bool swapped = false;
      for (int tries = 0; tries < 20 && !swapped; ++tries) {
        const std::size_t pos = rng.below(16);
        if (p.id_number[pos] == p.id_number[pos + 1]) continue;
        std::swap(p.id_number[pos], p.id_number[pos + 1]);
        p.student_no = "G" + p.id_number;
        swapped = true;
      }
      if (!swapped) return;
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
    case kTraditional:
      if (!substitute(p.name, kTraditionalChars, rng)) return;
      break;
    case kHomophone:
      if (!substitute(p.name, kHomophoneChars, rng)) return;
      break;
    case kDayOff:
      p.birth = p.birth.plus_days(rng.chance(0.5) ? 1 : -1);
      break;
    case kDayMonthSwap: {
      const Date d = p.birth;
      if (d.day <= 12 && d.day != d.month) {
        p.birth = Date{d.year, d.day, d.month};
      } else {
        p.birth = d.plus_days(1);  // cannot swap: a day off instead
        kind = kDayOff;
      }
      break;
    }
    default:
      return;
  }
  p.noise |= static_cast<std::uint16_t>(1u << kind);
}

Child new_child(Rng& rng, IdIssuer& issuer, const std::string& area, const std::string& surname,
                const Date& birth, bool male) {
  Child c;
  c.surname = surname;
  c.given = pick_given(rng);
  c.birth = birth;
  c.male = male;
  c.area = area;
  c.id = issuer.issue(area, birth, male);
  c.guardian = surname + pick_given(rng);
  std::string other_given = pick_given(rng);  // drawn before the surname, always
  c.other_parent = pick_surname(rng) + other_given;
  const std::size_t t = rng.below(kTownships.size());
  c.township = std::string(kTownships[t]);
  c.village = std::string(kTownships[t].substr(0, 3)) + std::to_string(rng.below(20) + 1) + "村";
  return c;
}

// Draw i of the household list: a child, then maybe a twin and a namesake (1–3 rows).
void draw_children(std::size_t i, const SyntheticOptions& o, Rng& rng, IdIssuer& issuer,
                   std::vector<Child>& group) {
  static const long first_day = Date{2008, 1, 1}.days_since_epoch();
  static const long last_day = Date{2021, 12, 31}.days_since_epoch();
  const std::string area(kCounties[i / kSyntheticChildrenPerCounty % kCounties.size()]);
  group.clear();
  const Date birth = Date::from_days_since_epoch(
      first_day + static_cast<long>(rng.below(last_day - first_day + 1)));
  const bool male = rng.chance(0.5);  // drawn before the surname, always
  group.push_back(new_child(rng, issuer, area, pick_surname(rng), birth, male));
  if (rng.chance(o.twins)) {
    const Child& c = group.front();
    Child twin = c;
    twin.male = rng.chance(0.5);
    twin.id = issuer.issue(area, c.birth, twin.male);
    // Twins' names often share the first given character (子涵 / 子轩).
    twin.given = c.given.size() > 3 && rng.chance(0.5)
                     ? c.given.substr(0, 3) + pick_given(rng).substr(0, 3)
                     : pick_given(rng);
    if (twin.given == c.given) twin.given += "二";
    group.front().kin |= kKinTwin;
    twin.kin |= kKinTwin;
    group.push_back(std::move(twin));
  }
  if (rng.chance(o.namesakes)) {
    const Child& c = group.front();
    const long shift = static_cast<long>(rng.below(7)) + 1;
    const Date other = c.birth.plus_days(rng.chance(0.5) ? shift : -shift);
    Child n = new_child(rng, issuer, area, c.surname, other, c.male);
    n.given = c.given;
    group.front().kin |= kKinNamesake;
    n.kin |= kKinNamesake;
    group.push_back(std::move(n));
  }
}

// The matcher's view of a written row, as ingest derives it: name keys of the normalised name
// (a traditional character reads as its simplified form), ID validity checked.
Person as_read(const WrittenRow& r) {
  return make_person(text::normalize_name(r.name), r.id_number, r.birth, r.male ? "男" : "女",
                     r.guardian, r.township, r.village, r.student_no);
}

}  // namespace

std::string noise_label(std::uint16_t noise) {
  std::string s;
  for (int k = 0; k < kNoiseKinds; ++k)
    if (noise & (1u << k)) (s += s.empty() ? "" : "+") += kNoiseLabels[k];
  return s;
}

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

std::vector<std::uint32_t> stream_synthetic_lists(const SyntheticOptions& o, SyntheticSink& sink) {
  std::vector<Child> group;
  // The household list is drawn first and the student list's choices follow in the same random
  // stream. Drawing the children once without keeping them tells where that stream continues;
  // the second drawing then goes hand in hand with the choices, one child at a time.
  Rng rng(o.seed);
  {
    IdIssuer issuer;
    for (std::size_t i = 0; i < o.children; ++i) draw_children(i, o, rng, issuer, group);
  }
  Rng children_rng(o.seed);
  IdIssuer issuer;
  std::size_t hukou_rows = 0, pupils = 0;
  const core::SchoolAgeRules rules;
  for (std::size_t i = 0; i < o.children; ++i) {
    draw_children(i, o, children_rng, issuer, group);
    for (const Child& c : group) {
      const std::size_t h = hukou_rows++;
      WrittenRow row{c.surname + c.given, c.id, c.birth, c.male, c.guardian, c.township,
                     c.village,           "",   c.area,  0,      c.kin};
      const core::SchoolAge age = core::school_age(c.birth, o.as_of, rules);
      bool at_school;
      if (age.in_compulsory_band) {
        at_school = !rng.chance(o.dropped);
      } else if (age.over_age) {
        at_school =
            age.expected_grade == rules.compulsory_years + 1 && rng.chance(0.5);  // repeating
      } else {
        at_school = age.expected_grade == 0 && rng.chance(0.1);  // entered a year early
      }
      if (!at_school) {
        sink.hukou_row(h, row, -1);
        continue;
      }
      const double g = rng.unit();
      WrittenRow pupil = row;
      pupil.guardian = g < 0.6 ? c.guardian : g < 0.85 ? c.other_parent : "";
      if (!rng.chance(0.9)) pupil.township.clear();
      pupil.student_no = "G" + c.id;
      if (rng.chance(o.double_noise)) {
        apply_noise(pupil, static_cast<int>(rng.below(kTraditional)), rng);  // an ID error
        apply_noise(pupil, kTraditional + static_cast<int>(rng.below(kNoiseKinds - kTraditional)),
                    rng);
      } else if (rng.chance(o.noise)) {
        apply_noise(pupil, static_cast<int>(rng.below(kNoiseKinds)), rng);
      }
      const std::size_t p = pupils++;
      sink.hukou_row(h, row, static_cast<long>(p));
      sink.pupil_row(p, pupil, static_cast<long>(h));
    }
  }
  // Pupils whose household is registered in another county.
  const std::size_t migrants = static_cast<std::size_t>(o.children * o.migrants);
  const long band_first = Date{2010, 9, 1}.days_since_epoch();
  const long band_last = Date{2019, 8, 31}.days_since_epoch();
  for (std::size_t i = 0; i < migrants; ++i) {
    WrittenRow p;
    p.birth = Date::from_days_since_epoch(band_first +
                                          static_cast<long>(rng.below(band_last - band_first + 1)));
    p.male = rng.chance(0.5);
    const std::string surname = pick_surname(rng);
    p.area = rng.chance(0.5) ? "410305" : "411323";
    p.id_number = issuer.issue(p.area, p.birth, p.male);
    // Drawn in this order, always: township, guardian, child's given name.
    p.township = std::string(kTownships[rng.below(12)]);
    p.guardian = surname + pick_given(rng);
    p.name = surname + pick_given(rng);
    p.student_no = "G" + p.id_number;
    if (rng.chance(o.noise)) apply_noise(p, static_cast<int>(rng.below(kNoiseKinds)), rng);
    sink.pupil_row(pupils++, p, -1);
  }
  // Schools list pupils in their own order.
  std::vector<std::uint32_t> order(pupils);
  for (std::size_t x = 0; x < pupils; ++x) order[x] = static_cast<std::uint32_t>(x);
  for (std::size_t i = pupils; i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  return order;
}

SyntheticLists make_synthetic_lists(const SyntheticOptions& o) {
  struct Collect : SyntheticSink {
    SyntheticLists out;
    std::vector<Person> pupils;
    std::vector<long> pupil_child;
    void hukou_row(std::size_t h, const WrittenRow& row, long) override {
      out.hukou.push_back(as_read(row));
      out.hukou.back().row = static_cast<long>(h) + 1;
    }
    void pupil_row(std::size_t, const WrittenRow& row, long h) override {
      pupils.push_back(as_read(row));
      pupil_child.push_back(h);
    }
  } collect;
  const std::vector<std::uint32_t> order = stream_synthetic_lists(o, collect);
  SyntheticLists out = std::move(collect.out);
  out.truth.assign(out.hukou.size(), -1);
  out.xueji.reserve(order.size());
  for (std::size_t x = 0; x < order.size(); ++x) {
    out.xueji.push_back(std::move(collect.pupils[order[x]]));
    out.xueji.back().row = static_cast<long>(x) + 1;
    if (const long h = collect.pupil_child[order[x]]; h >= 0)
      out.truth[static_cast<std::size_t>(h)] = static_cast<long>(x);
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
