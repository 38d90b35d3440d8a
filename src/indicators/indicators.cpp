#include "indicators/indicators.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/labels.h"

namespace baoxue::indicators {
namespace {

using movement::Effect;

std::optional<double> rate(long long num, long long den) {
  if (den <= 0) return std::nullopt;
  return static_cast<double>(num) / static_cast<double>(den);
}

std::string day_of(const std::string& instant) { return instant.substr(0, 10); }

double setting_fraction(const Facts& f, const std::string& key) {
  return std::strtod(f.settings.get(key).c_str(), nullptr);
}

// Reads a unit's membership off the facts.
class Scope {
 public:
  Scope(const Facts& f, const Unit& u) : f_(f), u_(u) {}

  std::string school_id(const std::string& code, const std::string& name) const {
    return f_.school_id(code, name);
  }
  // The schools whose spells may lie in the unit.
  std::vector<const std::vector<std::size_t>*> buckets() const {
    std::vector<const std::vector<std::size_t>*> out;
    for (const auto& [school, spells] : f_.spells_of_school) {
      const bool inside = u_.level == Level::kCounty     ? !school.empty()
                          : u_.level == Level::kTownship ? township_of(school) == u_.code
                                                         : school == u_.code;
      if (inside) out.push_back(&spells);
    }
    return out;
  }
  std::string township_of(const std::string& school) const {
    auto it = f_.schools.find(school);
    return it == f_.schools.end() ? "" : it->second.township_code;
  }
  bool has_school(const std::string& school, int grade = 0, int class_number = 0) const {
    switch (u_.level) {
      case Level::kCounty:
        return !school.empty();
      case Level::kTownship:
        return !school.empty() && township_of(school) == u_.code;
      case Level::kSchool:
        return school == u_.code;
      case Level::kClass:
        return school == u_.code && grade == u_.grade && class_number == u_.class_number;
    }
    return false;
  }
  // Where a child lives or studies, for the ledgers' entries.
  bool has_entry(const store::EntryFact& e) const {
    const std::string school = school_id(e.school_code, e.school_name);
    switch (u_.level) {
      case Level::kCounty:
        return true;
      case Level::kTownship:
        return e.township_code == u_.code || (!school.empty() && township_of(school) == u_.code);
      case Level::kSchool:
        return school == u_.code;
      case Level::kClass:
        return school == u_.code && e.grade.value_or(0) == u_.grade &&
               e.class_number.value_or(0) == u_.class_number;
    }
    return false;
  }

 private:
  const Facts& f_;
  const Unit& u_;
};

Child child_of(const Facts& f, const store::Spell& s, const std::string& note = "") {
  Child c;
  c.name = s.name;
  c.student_no = s.student_no;
  c.school_code = s.school_code;
  auto it = f.schools.find(s.school_code);
  c.school_name = it != f.schools.end() ? it->second.name : s.school_name;
  c.grade = s.grade;
  c.class_number = s.class_number;
  c.note = note;
  return c;
}

Child child_of(const store::Movement& m, const std::string& note) {
  Child c;
  c.name = m.name;
  c.student_no = m.student_no;
  c.school_code = m.from_school_code.empty() ? m.to_school_code : m.from_school_code;
  c.school_name = m.from_school_name.empty() ? m.to_school_name : m.from_school_name;
  c.grade = static_cast<int>(m.grade.value_or(0));
  c.class_number = static_cast<int>(m.class_number.value_or(0));
  c.day = m.moved_on;
  c.note = note;
  return c;
}

std::string unit_name(const Facts& f, const Unit& u) {
  switch (u.level) {
    case Level::kCounty:
      return f.county_name;
    case Level::kTownship: {
      auto it = f.township_names.find(u.code);
      return it == f.township_names.end() ? u.code : it->second;
    }
    case Level::kSchool:
    case Level::kClass: {
      auto it = f.schools.find(u.code);
      std::string name = it == f.schools.end() ? u.code : it->second.name;
      if (u.level == Level::kClass) name += core::class_label(u.grade, u.class_number);
      return name;
    }
  }
  return u.code;
}

// A graduation: last seen in grade 9, left the list in the summer.
bool graduated(const store::Spell& s) {
  if (s.grade != 9 || s.to_date.size() < 7) return false;
  const std::string month = s.to_date.substr(5, 2);
  return month >= "06" && month <= "09";
}

// The retention and dropout figures of [from, to] (no ledgers, no targets).
void flows(const Facts& f, const Unit& u, const std::string& from, const std::string& to,
           bool detail, Figures& out) {
  const Scope scope(f, u);
  const bool keep = detail;
  auto add = [&](const char* what, Child c) {
    if (keep) out.children[what].push_back(std::move(c));
  };
  // On the roll on a day, inside the unit: record → spell.
  std::unordered_map<long long, const store::Spell*> at_start, at_end;
  auto on_roll = [&](const store::Spell& s) {
    return s.status.empty() || f.on_roll_status.count(s.status);
  };
  const auto buckets = scope.buckets();
  std::size_t spells = 0;
  for (const auto* bucket : buckets) spells += bucket->size();
  at_start.reserve(spells);
  at_end.reserve(spells);
  for (const auto* bucket : buckets)
    for (std::size_t i : *bucket) {
      const store::Spell& s = f.spells[i];
      // The buckets are the unit's schools; a class asks for its grade and number too.
      if (!f.spell_on_roll[i] ||
          (u.level == Level::kClass && (s.grade != u.grade || s.class_number != u.class_number)))
        continue;
      if (s.holds_on(from)) at_start[s.record_id] = &s;
      if (s.holds_on(to)) at_end[s.record_id] = &s;
    }
  out.start = static_cast<long long>(at_start.size());
  out.end = static_cast<long long>(at_end.size());
  for (const auto& [id, s] : at_start) (s->grade >= 7 ? out.junior : out.primary).start++;
  for (const auto& [id, s] : at_end) (s->grade >= 7 ? out.junior : out.primary).end++;

  // Movements after the start, up to the end.
  std::set<long long> explained;       // records whose leaving a movement explains
  std::set<std::string> arrivals;      // subject|school, once per arrival
  std::set<std::string> dropout_keys;  // one count per child
  for (const store::Movement& m : f.movements) {
    if (m.moved_on <= from || m.moved_on > to) continue;
    const Effect e = f.kinds.effect_of(m.kind);
    const std::string from_school = scope.school_id(m.from_school_code, m.from_school_name);
    const std::string to_school = scope.school_id(m.to_school_code, m.to_school_name);
    const int g = static_cast<int>(m.grade.value_or(0));
    const int k = static_cast<int>(m.class_number.value_or(0));
    const bool from_in = scope.has_school(from_school, g, k) ||
                         (from_school.empty() && m.record_id && at_start.count(*m.record_id));
    const bool to_in = scope.has_school(to_school, g, k);
    const std::string to_text = m.to_school_name.empty() ? m.to_school_code : m.to_school_name;
    switch (e) {
      case Effect::kTransferOut:
        if (from_in && m.record_id) explained.insert(*m.record_id);
        // Not yet confirmed: listed wherever it left from, even to a school of the same unit
        // (until the receiving school confirms, nobody has shown where he is).
        if (from_in && m.confirmed_on.empty()) {
          ++out.unconfirmed_transfers;
          add("unconfirmed_transfers", child_of(m, "转往" + to_text + "，接收学校尚未确认"));
        } else if (from_in && !to_in) {
          ++out.transfers_out;
          add("transfers_out", child_of(m, "转往" + to_text + "，" + m.confirmed_on + " 确认"));
        } else if (to_in && !from_in && !m.confirmed_on.empty() &&
                   arrivals.insert(m.subject + "|" + to_school).second) {
          ++out.transfers_in;
          add("transfers_in", child_of(m, "自" + m.from_school_name + "转入"));
        }
        break;
      case Effect::kTransferIn:
        if (to_in && !from_in && arrivals.insert(m.subject + "|" + to_school).second) {
          ++out.transfers_in;
          const std::string origin =
              m.from_school_name.empty() ? m.from_school_code : m.from_school_name;
          add("transfers_in", child_of(m, origin.empty() ? "转入" : "自" + origin + "转入"));
        }
        break;
      case Effect::kNormalLoss:
        if (from_in) {
          ++out.normal_losses;
          if (m.record_id) explained.insert(*m.record_id);
          add("normal_losses", child_of(m, f.kinds.label(m.kind)));
        }
        break;
      case Effect::kDropout:
        if (from_in) {
          if (m.record_id) explained.insert(*m.record_id);
          const std::string key = !m.id_number.empty() ? "id:" + m.id_number : m.subject;
          if (dropout_keys.insert(key).second) {
            ++out.dropouts;
            (g >= 7 ? out.junior : out.primary).dropouts++;
            add("dropouts", child_of(m, "学籍异动：辍学"));
          }
        }
        break;
      case Effect::kSuspend:
        if (from_in) {
          ++out.suspensions;
          if (m.record_id) explained.insert(*m.record_id);
        }
        break;
      case Effect::kGraduate:
        if (from_in && m.record_id) explained.insert(*m.record_id);
        break;
      case Effect::kResume:
      case Effect::kNone:
        break;
    }
  }
  // Dropouts the 辍学台账 confirmed in the period, of pupils who held 学籍 in the unit.
  for (const store::EntryFact& e : f.entries) {
    if (e.kind != "dropout") continue;
    const std::string day = day_of(e.opened_at);
    if (day <= from || day > to) continue;
    const std::string school = scope.school_id(e.school_code, e.school_name);
    if (!scope.has_school(school, static_cast<int>(e.grade.value_or(0)),
                          static_cast<int>(e.class_number.value_or(0))))
      continue;
    const std::string key = !e.id_number.empty() ? "id:" + e.id_number : e.child_key;
    if (!dropout_keys.insert(key).second) continue;
    ++out.dropouts;
    (e.grade.value_or(0) >= 7 ? out.junior : out.primary).dropouts++;
    if (keep) {
      Child c;
      c.name = e.name;
      c.school_code = e.school_code;
      c.school_name = e.school_name;
      c.grade = static_cast<int>(e.grade.value_or(0));
      c.class_number = static_cast<int>(e.class_number.value_or(0));
      c.day = day;
      c.note = "辍学台账：" + core::label_zh("verification_category", e.category) + "类";
      out.children["dropouts"].push_back(std::move(c));
    }
  }

  // Gone from the unit with nothing that explains it.
  for (const auto& [id, s] : at_start) {
    if (at_end.count(id) || explained.count(id) || graduated(*s)) continue;
    ++out.unexplained;
    if (!keep) continue;
    // Where he is at the end, if anywhere on the list: the county's spells, read only for the
    // children a detailed answer names.
    const store::Spell* now = nullptr;
    for (const store::Spell& other : f.spells)
      if (other.record_id == id && other.holds_on(to) && on_roll(other)) now = &other;
    std::string note = "已不在学籍名单上，也没有学籍异动记录";
    if (now) {
      auto it = f.schools.find(now->school_code);
      note = "现在" + (it != f.schools.end() ? it->second.name : now->school_name) +
             core::class_label(now->grade, now->class_number) + "，没有转学记录";
    }
    add("unexplained", child_of(f, *s, note));
  }
  if (keep) {
    for (const auto& [id, s] : at_start) add("start", child_of(f, *s));
    for (const auto& [id, s] : at_end) add("end", child_of(f, *s));
  }
  out.expected = out.start + out.transfers_in - out.transfers_out - out.normal_losses;
  out.retention_rate = rate(out.end, out.expected);
  out.dropout_rate = rate(out.dropouts, out.start);
  out.primary.dropout_rate = rate(out.primary.dropouts, out.primary.start);
  out.junior.dropout_rate = rate(out.junior.dropouts, out.junior.start);
}

// 入学率 and 残疾儿童入学率 of the county or a township, from the latest census.
void enrolment(const Facts& f, const Unit& u, Figures& out) {
  if (u.level != Level::kCounty && u.level != Level::kTownship) return;
  if (!f.has_census) return;
  long long age = 0, in = 0;
  for (const auto& h : f.hukou)
    if (u.level == Level::kCounty || h.township_code == u.code) {
      age += h.school_age;
      in += h.in_school;
    }
  out.school_age_hukou = age;
  out.school_age_in_school = in;
  out.enrolment_rate = rate(in, age);
  long long total = 0, ordinary = 0, special = 0, home = 0;
  for (const store::GroupChild& c : f.disabled) {
    if (u.level == Level::kTownship && c.township_code != u.code) continue;
    ++total;
    const bool in_school = c.standing == "in_school" ||
                           (c.standing == "verified" && f.in_school_categories.count(c.category));
    if (f.home_status.count(c.enrollment_status) || f.home_taught.count(c.child_key)) {
      ++home;
    } else if (in_school) {
      auto it = f.schools.find(c.school_code);
      if (it != f.schools.end() && it->second.type == "special")
        ++special;
      else
        ++ordinary;
    }
  }
  out.disabled = total;
  out.disabled_ordinary = ordinary;
  out.disabled_special = special;
  out.disabled_home = home;
  out.disabled_enrolment_rate = rate(ordinary + special + home, total);
}

void ledgers(const Facts& f, const Unit& u, const std::string& from, const std::string& to,
             Figures& out) {
  const Scope scope(f, u);
  for (const store::EntryFact& e : f.entries) {
    if (!scope.has_entry(e)) continue;
    const std::string opened = day_of(e.opened_at), closed = day_of(e.closed_at);
    const bool open_at_end = opened <= to && (closed.empty() || closed > to);
    const bool closed_in = !closed.empty() && closed > from && closed <= to;
    if (e.kind == "suspected") {
      if (open_at_end) ++out.suspected_open;
      if (opened > from && opened <= to) ++out.suspected_opened;
      if (closed_in && f.not_out_categories.count(e.category)) ++out.verified;
    } else {
      if (open_at_end) ++out.dropouts_open;
      if (closed_in && f.returned_ends.count(e.end_reason)) ++out.returned;
    }
  }
  out.cleared = out.dropouts_open == 0;
}

void targets(const Facts& f, Figures& out) {
  auto over = [&](const std::optional<double>& r, const char* key) {
    return r && *r > setting_fraction(f, key) + 1e-12;
  };
  auto under = [&](const std::optional<double>& r, const char* key) {
    return r && *r + 1e-12 < setting_fraction(f, key);
  };
  if (over(out.primary.dropout_rate, "target.primary_dropout_rate"))
    out.targets_missed.push_back("primary_dropout_rate");
  if (over(out.junior.dropout_rate, "target.junior_dropout_rate"))
    out.targets_missed.push_back("junior_dropout_rate");
  if (under(out.retention_rate, "target.retention_rate"))
    out.targets_missed.push_back("retention_rate");
  if (under(out.disabled_enrolment_rate, "target.disabled_enrolment_rate"))
    out.targets_missed.push_back("disabled_enrolment_rate");
}

nlohmann::json optional_json(const std::optional<double>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
nlohmann::json optional_json(const std::optional<long long>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

const char* level_code(Level l) {
  switch (l) {
    case Level::kCounty:
      return "county";
    case Level::kTownship:
      return "township";
    case Level::kSchool:
      return "school";
    case Level::kClass:
      return "class";
  }
  return "county";
}

}  // namespace

std::pair<Date, Date> facts_span(const Date& from, const Date& to) {
  const long days = to.days_since_epoch() - from.days_since_epoch() + 1;
  return {from.plus_days(-days), to};
}

Figures compute(const Facts& facts, const Unit& unit, const Date& from, const Date& to,
                bool detail) {
  Figures out;
  out.unit = unit;
  out.unit.name = unit_name(facts, unit);
  out.from = from.iso();
  out.to = to.iso();
  flows(facts, unit, out.from, out.to, detail, out);
  enrolment(facts, unit, out);
  ledgers(facts, unit, out.from, out.to, out);
  targets(facts, out);
  // The period before, as long as this one.
  const Date prev_from = facts_span(from, to).first;
  if (prev_from.iso() >= facts.from) {
    Figures before;
    flows(facts, unit, prev_from.iso(), from.plus_days(-1).iso(), false, before);
    out.previous_dropout_rate = before.dropout_rate;
    out.rebound =
        out.dropout_rate && before.dropout_rate && *out.dropout_rate > *before.dropout_rate;
  }
  return out;
}

RollUp roll_up(const Facts& facts, const Unit& scope, const Date& from, const Date& to) {
  RollUp r;
  r.total = compute(facts, scope, from, to, false);
  if (scope.level == Level::kCounty) {
    for (const auto& [code, name] : facts.township_names) {
      bool has_school = false;
      for (const auto& [id, s] : facts.schools) has_school = has_school || s.township_code == code;
      if (has_school)
        r.townships.push_back(compute(facts, {Level::kTownship, code}, from, to, false));
    }
  }
  if (scope.level == Level::kCounty || scope.level == Level::kTownship)
    for (const auto& [id, s] : facts.schools)
      if (scope.level == Level::kCounty || s.township_code == scope.code)
        r.schools.push_back(compute(facts, {Level::kSchool, id}, from, to, false));
  return r;
}

std::pair<Date, Date> cohort_span(const std::string& stage, int entry_year,
                                  const core::Settings& settings) {
  int m = 9, d = 1;
  std::sscanf(settings.get("school_year.start").c_str(), "%d-%d", &m, &d);
  const int years = stage == "junior" ? 3 : 6;
  return {Date{entry_year, m, d}, Date{entry_year + years, 6, 30}};
}

Cohort cohort(const Facts& f, const Unit& u, const std::string& stage, int entry_year,
              const Date& today) {
  Cohort c;
  c.unit = u;
  c.unit.name = unit_name(f, u);
  c.stage = stage;
  c.entry_year = entry_year;
  const auto [start, end] = cohort_span(stage, entry_year, f.settings);
  c.from = start.iso();
  c.to = end.iso();
  const int first = stage == "junior" ? 7 : 1, last = stage == "junior" ? 9 : 6;
  const Scope scope(f, u);
  // The grade a pupil of the cohort is in during the school year that holds `day`.
  int m0 = 9, d0 = 1;
  std::sscanf(f.settings.get("school_year.start").c_str(), "%d-%d", &m0, &d0);
  auto cohort_grade = [&](const std::string& day) {
    auto date = Date::parse_iso(day);
    if (!date) return 0;
    const int school_year = *date >= Date{date->year, m0, d0} ? date->year : date->year - 1;
    return first + (school_year - entry_year);
  };
  std::set<long long> members, graduated;
  std::set<std::string> arrived;  // transfers in not yet on the list when they came: by number
  // The grade the list first gave each pupil, with the day (for a transfer in without a grade).
  std::map<std::string, std::pair<std::string, int>> first_seen;
  for (const store::Spell& s : f.spells)
    if (!s.student_no.empty() && s.grade > 0) {
      auto [it, fresh] = first_seen.emplace(s.student_no, std::make_pair(s.from_date, s.grade));
      if (!fresh && s.from_date < it->second.first) it->second = {s.from_date, s.grade};
    }
  for (std::size_t i = 0; i < f.spells.size(); ++i) {
    const store::Spell& s = f.spells[i];
    if (!f.spell_on_roll[i] || !scope.has_school(f.spell_school[i], s.grade, s.class_number))
      continue;
    if (s.grade == first && s.holds_on(c.from)) members.insert(s.record_id);
  }
  c.entrants = static_cast<long long>(members.size());
  for (const store::Movement& m : f.movements) {
    if (m.moved_on <= c.from || m.moved_on > c.to) continue;
    const movement::Effect e = f.kinds.effect_of(m.kind);
    const std::string from_school = scope.school_id(m.from_school_code, m.from_school_name);
    const std::string to_school = scope.school_id(m.to_school_code, m.to_school_name);
    const bool from_in = scope.has_school(from_school);
    const bool to_in = scope.has_school(to_school);
    if (e == movement::Effect::kTransferIn && to_in && !from_in) {
      int grade = static_cast<int>(m.grade.value_or(0));
      std::string on = m.moved_on;
      if (grade == 0)
        if (auto it = first_seen.find(m.student_no); it != first_seen.end())
          std::tie(on, grade) = std::make_pair(it->second.first, it->second.second);
      if (grade > 0 && grade == cohort_grade(on)) {
        ++c.transfers_in;
        if (m.record_id)
          members.insert(*m.record_id);
        else if (!m.student_no.empty())
          arrived.insert(m.student_no);
      }
    } else if (e == movement::Effect::kTransferOut && from_in && !to_in &&
               !m.confirmed_on.empty() && m.record_id && members.count(*m.record_id)) {
      ++c.transfers_out;
    } else if (e == movement::Effect::kGraduate && from_in && m.record_id &&
               members.count(*m.record_id)) {
      graduated.insert(*m.record_id);
    }
  }
  for (std::size_t i = 0; i < f.spells.size(); ++i) {
    const store::Spell& s = f.spells[i];
    const bool member =
        members.count(s.record_id) || (!s.student_no.empty() && arrived.count(s.student_no));
    if (!f.spell_on_roll[i] || !member || s.grade != last ||
        !scope.has_school(f.spell_school[i], s.grade, s.class_number))
      continue;
    // On the roll in the last grade at the stage's end, or left it that summer (graduated).
    if (s.holds_on(c.to) || (s.to_date > c.to.substr(0, 4) + "-05-31" &&
                             s.to_date <= c.to.substr(0, 4) + "-09-30" && s.from_date < c.to))
      graduated.insert(s.record_id);
  }
  c.completed = today > end;
  c.graduates = c.completed ? static_cast<long long>(graduated.size()) : 0;
  c.expected = c.entrants + c.transfers_in - c.transfers_out;
  if (c.completed) c.cohort_retention_rate = rate(c.graduates, c.expected);
  return c;
}

nlohmann::json to_json(const Cohort& c) {
  return {
      {"unit", {{"level", level_code(c.unit.level)}, {"code", c.unit.code}, {"name", c.unit.name}}},
      {"stage", c.stage},
      {"entry_year", c.entry_year},
      {"from", c.from},
      {"to", c.to},
      {"entrants", c.entrants},
      {"transfers_in", c.transfers_in},
      {"transfers_out", c.transfers_out},
      {"expected", c.expected},
      {"graduates", c.graduates},
      {"completed", c.completed},
      {"cohort_retention_rate", optional_json(c.cohort_retention_rate)}};
}

nlohmann::json to_json(const Figures& f) {
  using nlohmann::json;
  auto stage = [](const Stage& s) {
    return json{{"start", s.start},
                {"end", s.end},
                {"dropouts", s.dropouts},
                {"dropout_rate", optional_json(s.dropout_rate)}};
  };
  json j = {
      {"unit", {{"level", level_code(f.unit.level)}, {"code", f.unit.code}, {"name", f.unit.name}}},
      {"from", f.from},
      {"to", f.to},
      {"start", f.start},
      {"transfers_in", f.transfers_in},
      {"transfers_out", f.transfers_out},
      {"normal_losses", f.normal_losses},
      {"expected", f.expected},
      {"end", f.end},
      {"retention_rate", optional_json(f.retention_rate)},
      {"unexplained", f.unexplained},
      {"unconfirmed_transfers", f.unconfirmed_transfers},
      {"suspensions", f.suspensions},
      {"dropouts", f.dropouts},
      {"dropout_rate", optional_json(f.dropout_rate)},
      {"primary", stage(f.primary)},
      {"junior", stage(f.junior)},
      {"school_age_hukou", optional_json(f.school_age_hukou)},
      {"school_age_in_school", optional_json(f.school_age_in_school)},
      {"enrolment_rate", optional_json(f.enrolment_rate)},
      {"disabled", optional_json(f.disabled)},
      {"disabled_ordinary", optional_json(f.disabled_ordinary)},
      {"disabled_special", optional_json(f.disabled_special)},
      {"disabled_home", optional_json(f.disabled_home)},
      {"disabled_enrolment_rate", optional_json(f.disabled_enrolment_rate)},
      {"suspected_open", f.suspected_open},
      {"suspected_opened", f.suspected_opened},
      {"verified", f.verified},
      {"dropouts_open", f.dropouts_open},
      {"returned", f.returned},
      {"cleared", f.cleared},
      {"targets_missed", f.targets_missed},
      {"previous_dropout_rate", optional_json(f.previous_dropout_rate)},
      {"rebound", f.rebound}};
  if (f.unit.level == Level::kClass) {
    j["unit"]["grade"] = f.unit.grade;
    j["unit"]["class_number"] = f.unit.class_number;
  }
  if (!f.children.empty()) {
    json children = json::object();
    for (const auto& [what, list] : f.children) {
      json rows = json::array();
      for (const Child& c : list) {
        json row = {{"name", c.name},
                    {"student_no", c.student_no},
                    {"school_code", c.school_code},
                    {"school_name", c.school_name},
                    {"grade", c.grade},
                    {"class_number", c.class_number}};
        if (!c.day.empty()) row["day"] = c.day;
        if (!c.note.empty()) row["note"] = c.note;
        rows.push_back(std::move(row));
      }
      children[what] = std::move(rows);
    }
    j["children"] = std::move(children);
  }
  return j;
}

}  // namespace baoxue::indicators
