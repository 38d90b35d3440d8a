#include "report/report.h"

#include <sodium.h>

#include <cstdio>

#include "core/labels.h"
#include "indicators/indicators.h"
#include "ingest/table_writer.h"

namespace baoxue::report {
namespace {

using nlohmann::json;

Date last_of_month(int year, int month) {
  const int next_y = month == 12 ? year + 1 : year, next_m = month == 12 ? 1 : month + 1;
  return Date{next_y, next_m, 1}.plus_days(-1);
}

Date due_in(int year, int month, const core::Settings& s) {
  int day = s.get_int("report.monthly_due_day");
  const Date last = last_of_month(year, month);
  if (day < 1 || day > last.day) day = last.day;
  return Date{year, month, day};
}

// The term days (census.term_days, "03-01,09-01") as month-days, in order.
std::vector<std::pair<int, int>> term_days(const core::Settings& s) {
  std::vector<std::pair<int, int>> out;
  const std::string text = s.get("census.term_days");
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find(',', at);
    if (end == std::string::npos) end = text.size();
    int m = 0, d = 0;
    if (std::sscanf(text.substr(at, end - at).c_str(), "%d-%d", &m, &d) == 2) out.push_back({m, d});
    at = end + 1;
  }
  if (out.size() != 2) out = {{3, 1}, {9, 1}};
  return out;
}

const char* kChinaQuarter[] = {"", "第一季度", "第二季度", "第三季度", "第四季度"};

std::string title_of(const std::string& kind, const std::string& level) {
  if (kind == "monthly") return level == "school" ? "学生流动情况月报表" : "学生流动情况月报汇总表";
  if (kind == "quarterly") return "控辍保学季度报告";
  return "控辍保学学期报告";
}

json summary_row(const indicators::Figures& f) {
  json j = indicators::to_json(f);
  json row = json::object();
  for (const char* k : {"start", "transfers_in", "transfers_out", "normal_losses", "expected",
                        "end", "retention_rate", "unexplained", "unconfirmed_transfers", "dropouts",
                        "dropout_rate", "suspected_open", "dropouts_open", "cleared", "rebound",
                        "targets_missed", "enrolment_rate", "disabled_enrolment_rate"})
    row[k] = j[k];
  row["unit"] = j["unit"];
  return row;
}

// The items compared between versions, with their names.
const std::vector<std::string>& compared() {
  static const std::vector<std::string> k = {"start",
                                             "transfers_in",
                                             "transfers_out",
                                             "normal_losses",
                                             "expected",
                                             "end",
                                             "retention_rate",
                                             "unexplained",
                                             "unconfirmed_transfers",
                                             "dropouts",
                                             "dropout_rate",
                                             "enrolment_rate",
                                             "disabled_enrolment_rate",
                                             "suspected_open",
                                             "dropouts_open"};
  return k;
}

std::string cell_of(const json& v, bool is_rate) {
  if (v.is_null()) return "—";
  if (is_rate && v.is_number()) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f%%", v.get<double>() * 100);
    return buf;
  }
  if (v.is_boolean()) return v.get<bool>() ? "是" : "否";
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

bool is_rate(const std::string& key) {
  return key.size() > 5 && key.substr(key.size() - 5) == "_rate";
}

}  // namespace

Result<Period> period_of(const std::string& kind, const std::string& code,
                         const core::Settings& settings) {
  Period p;
  p.kind = kind;
  p.code = code;
  int y = 0, n = 0;
  char rest[16] = {0};
  if (kind == "monthly") {
    if (std::sscanf(code.c_str(), "%4d-%2d%1s", &y, &n, rest) != 2 || n < 1 || n > 12 ||
        code.size() != 7)
      return make_error("bad_request", "月报的期间应写成 年-月，如 2026-11");
    p.from = Date{y, n, 1};
    p.to = last_of_month(y, n);
    p.due = due_in(y, n, settings);
    p.label = std::to_string(y) + "年" + std::to_string(n) + "月";
    return p;
  }
  if (kind == "quarterly") {
    if (std::sscanf(code.c_str(), "%4d-Q%1d%1s", &y, &n, rest) != 2 || n < 1 || n > 4)
      return make_error("bad_request", "季报的期间应写成 年-Q季度，如 2026-Q4");
    p.from = Date{y, 3 * n - 2, 1};
    p.to = last_of_month(y, 3 * n);
    p.due = due_in(y, 3 * n, settings);
    p.label = std::to_string(y) + "年" + kChinaQuarter[n];
    return p;
  }
  if (kind == "term") {
    const auto days = term_days(settings);  // spring, autumn
    const std::string y_text = code.substr(0, 4);
    y = std::atoi(y_text.c_str());
    if (code.size() < 6 || y < 2000 || (code.substr(5) != "autumn" && code.substr(5) != "spring"))
      return make_error("bad_request",
                        "学期报告的期间应写成 年-autumn（秋季学期）或 年-spring（春季学期），如 "
                        "2026-autumn");
    if (code.substr(5) == "spring") {
      p.from = Date{y, days[0].first, days[0].second};
      p.to = Date{y, days[1].first, days[1].second}.plus_days(-1);
      p.label = std::to_string(y) + "年春季学期";
    } else {
      p.from = Date{y, days[1].first, days[1].second};
      p.to = Date{y + 1, days[0].first, days[0].second}.plus_days(-1);
      p.label = std::to_string(y) + "年秋季学期";
    }
    p.due = p.from.plus_days(30);
    return p;
  }
  return make_error("bad_request",
                    "报表类型应为 monthly（月报）、quarterly（季报）或 term（学期报告）");
}

Period period_holding(const std::string& kind, const Date& day, const core::Settings& settings) {
  char code[16];
  if (kind == "quarterly") {
    std::snprintf(code, sizeof code, "%04d-Q%d", day.year, (day.month - 1) / 3 + 1);
  } else if (kind == "term") {
    const auto days = term_days(settings);
    const Date spring{day.year, days[0].first, days[0].second};
    const Date autumn{day.year, days[1].first, days[1].second};
    if (day >= autumn)
      std::snprintf(code, sizeof code, "%04d-autumn", day.year);
    else if (day >= spring)
      std::snprintf(code, sizeof code, "%04d-spring", day.year);
    else
      std::snprintf(code, sizeof code, "%04d-autumn", day.year - 1);
  } else {
    std::snprintf(code, sizeof code, "%04d-%02d", day.year, day.month);
  }
  return period_of(kind, code, settings).value();
}

Result<json> draft(store::Database& db, const std::string& county, const Period& period,
                   const Unit& unit, const Date& today) {
  if (today < period.from)
    return make_error("period_not_started",
                      period.label + "还没有开始（" + period.from.iso() + " 起），不能起草报表");
  const Date as_of = std::min(period.to, today);
  const auto [span_from, span_to] = indicators::facts_span(period.from, as_of);
  auto facts = indicators::load_facts(db, county, span_from.iso(), span_to.iso(), true);
  if (!facts) return facts.error();
  indicators::Unit u{indicators::Level::kCounty, county};
  if (unit.level == "school") {
    if (!facts->schools.count(unit.code))
      return make_error("unit_not_found", "本县没有学校标识码为 " + unit.code + " 的学校");
    u = {indicators::Level::kSchool, unit.code};
  } else if (unit.level == "township") {
    if (!facts->township_names.count(unit.code))
      return make_error("unit_not_found", "本县没有区划代码为 " + unit.code + " 的乡镇");
    u = {indicators::Level::kTownship, unit.code};
  }
  indicators::Figures f = indicators::compute(facts.value(), u, period.from, as_of, true);
  f.children.erase("start");  // the whole roll: the registry holds it, not the report
  f.children.erase("end");
  json rows = json::array();
  if (u.level != indicators::Level::kSchool) {
    indicators::RollUp r = indicators::roll_up(facts.value(), u, period.from, as_of);
    for (const auto& t : r.townships) rows.push_back(summary_row(t));
    for (const auto& s : r.schools) rows.push_back(summary_row(s));
  }
  // The 控辍保学台账 of the unit: who is suspected or out of school at as_of.
  json suspected = json::array(), dropouts = json::array();
  {
    indicators::Unit probe = u;
    for (const auto& e : facts->entries) {
      const std::string opened = e.opened_at.substr(0, 10), closed = e.closed_at.substr(0, 10);
      if (opened > as_of.iso() || (!closed.empty() && closed <= as_of.iso())) continue;
      bool inside = probe.level == indicators::Level::kCounty;
      if (probe.level == indicators::Level::kSchool) inside = e.school_code == unit.code;
      if (probe.level == indicators::Level::kTownship) {
        auto it = facts->schools.find(e.school_code);
        inside = e.township_code == unit.code ||
                 (it != facts->schools.end() && it->second.township_code == unit.code);
      }
      if (!inside) continue;
      json row = {{"name", e.name},
                  {"school_name", e.school_name},
                  {"grade", e.grade ? json(*e.grade) : json(nullptr)},
                  {"opened", opened}};
      if (e.kind == "suspected") {
        row["source"] = core::label_zh("comparison", e.comparison);
        suspected.push_back(std::move(row));
      } else {
        row["category"] = e.category;
        row["category_label"] = core::label_zh("verification_category", e.category);
        dropouts.push_back(std::move(row));
      }
    }
  }
  json figures = indicators::to_json(f);
  return json{{"title", title_of(period.kind, unit.level)},
              {"kind", period.kind},
              {"period", period.code},
              {"period_label", period.label},
              {"from", period.from.iso()},
              {"to", period.to.iso()},
              {"as_of", as_of.iso()},
              {"due", period.due.iso()},
              {"unit", figures["unit"]},
              {"county", facts->county_name},
              {"census_as_of", facts->census_as_of},
              {"figures", figures},
              {"rows", rows},
              {"ledger", {{"suspected", suspected}, {"dropouts", dropouts}}}};
}

std::string digest_of(const json& content) {
  const std::string text = content.dump();
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned char b : out) {
    s.push_back(hex[b >> 4]);
    s.push_back(hex[b & 15]);
  }
  return s;
}

json report_changes(const json& before, const json& after) {
  json out = json::array();
  auto compare = [&](const json& a, const json& b, const std::string& unit) {
    for (const std::string& k : compared()) {
      const json va = a.contains(k) ? a[k] : json(nullptr);
      const json vb = b.contains(k) ? b[k] : json(nullptr);
      if (va != vb)
        out.push_back({{"item", k},
                       {"label", core::label_zh("indicator", k)},
                       {"unit", unit},
                       {"before", va},
                       {"after", vb}});
    }
  };
  compare(before.value("figures", json::object()), after.value("figures", json::object()), "");
  std::map<std::string, json> old_rows;
  for (const auto& r : before.value("rows", json::array()))
    old_rows[r["unit"].value("code", "")] = r;
  for (const auto& r : after.value("rows", json::array())) {
    const std::string code = r["unit"].value("code", "");
    auto it = old_rows.find(code);
    compare(it == old_rows.end() ? json::object() : it->second, r, r["unit"].value("name", code));
  }
  return out;
}

Result<store::Report> submit(store::Database& db, const std::string& county, const Period& period,
                             const Unit& unit, const Submission& s, const Date& today) {
  if (s.preparer.empty() || s.approver.empty())
    return make_error("bad_request", "请填写填报人和审核人（报表上签署的姓名）");
  store::Report out;
  Status st = db.transaction([&]() -> Status {
    auto content = draft(db, county, period, unit, today);
    if (!content) return content.error();
    auto versions = store::report_versions(db, county, period.kind, period.code, unit.code);
    if (!versions) return versions.error();
    out.kind = period.kind;
    out.period = period.code;
    out.period_from = period.from.iso();
    out.period_to = period.to.iso();
    out.unit_level = unit.level;
    out.unit_code = unit.code;
    out.unit_name = content.value()["unit"].value("name", unit.code);
    out.content = content->dump();
    out.digest = digest_of(content.value());
    out.preparer = s.preparer;
    out.approver = s.approver;
    out.note = s.note;
    out.submitted_by = s.by;
    if (!versions->empty()) {
      const store::Report& last = versions->back();
      if (last.digest == out.digest)
        return make_error("report_unchanged", "数据与已上报的第 " + std::to_string(last.version) +
                                                  " 版相同，无需重新上报");
      if (s.note.empty()) return make_error("bad_request", "更正已上报的报表须说明更正原因");
      out.changes = report_changes(json::parse(last.content), content.value()).dump();
    }
    return store::insert_report(db, county, out);
  });
  if (!st) return st.error();
  return out;
}

Status write_xlsx(const store::Report& report, const std::string& path) {
  const json c = json::parse(report.content, nullptr, false);
  if (c.is_discarded()) return make_error("report_corrupt", "报表内容无法读取");
  auto writer =
      ingest::TableWriter::open(path, ingest::TableFormat::kXlsx, "报表", c.value("title", "报表"),
                                {"项目", "数值", "说明", "", ""});
  if (!writer) return writer.error();
  ingest::TableWriter& w = *writer.value();
  auto row = [&](std::vector<std::string> cells) { return w.add_row(cells); };
  const json& f = c["figures"];
  auto num = [&](const char* k) { return cell_of(f.value(k, json(nullptr)), is_rate(k)); };
  std::vector<std::vector<std::string>> rows = {
      {"填报单位", c["unit"].value("name", ""), c.value("county", "")},
      {"统计期间", c.value("period_label", ""),
       c.value("from", "") + " 至 " + c.value("to", "") + "（数据截至 " + c.value("as_of", "") +
           "）"},
      {"期初在籍", num("start"), "期初学籍名单在籍学生"},
      {"转入", num("transfers_in"), ""},
      {"转出（已确认）", num("transfers_out"), "接收学校已确认"},
      {"正常减员", num("normal_losses"), "死亡、出国（境）等"},
      {"应在籍", num("expected"), "期初 + 转入 − 转出 − 正常减员"},
      {"期末在籍", num("end"), ""},
      {"巩固率", num("retention_rate"), "期末在籍 ÷ 应在籍"},
      {"辍学", num("dropouts"), ""},
      {"辍学率", num("dropout_rate"), "辍学 ÷ 期初在籍"},
      {"无异动记录离开名单", num("unexplained"), "须核查"},
      {"转出未确认", num("unconfirmed_transfers"), "接收学校尚未确认"},
      {"入学率", num("enrolment_rate"), "户籍适龄儿童在校 ÷ 户籍适龄儿童"},
      {"残疾儿童入学率", num("disabled_enrolment_rate"),
       "(随班就读 + 特教学校 + 送教上门) ÷ 适龄残疾儿童"},
      {"疑似失学辍学（未销号）", num("suspected_open"), ""},
      {"辍学未返", num("dropouts_open"), f.value("cleared", false) ? "已动态清零" : "未清零"}};
  for (auto& r : rows)
    if (Status s = row(r); !s) return s;
  auto section = [&](const std::string& name, const json& list) -> Status {
    if (!list.is_array() || list.empty()) return {};
    if (Status s = row({""}); !s) return s;
    if (Status s = row({name, "姓名", "学校", "日期", "说明"}); !s) return s;
    for (const auto& ch : list) {
      const std::string school =
          ch.value("school_name", "") +
          (ch.value("grade", 0) > 0
               ? core::class_label(ch.value("grade", 0), ch.value("class_number", 0))
               : "");
      if (Status s = row({"", ch.value("name", ""), school, ch.value("day", ch.value("opened", "")),
                          ch.value("note", ch.value("source", ch.value("category_label", "")))});
          !s)
        return s;
    }
    return {};
  };
  const json children = f.value("children", json::object());
  for (const auto& [key, name] :
       std::vector<std::pair<std::string, std::string>>{{"transfers_in", "转入学生"},
                                                        {"transfers_out", "转出学生"},
                                                        {"normal_losses", "正常减员学生"},
                                                        {"dropouts", "辍学学生"},
                                                        {"unexplained", "无异动记录离开名单"},
                                                        {"unconfirmed_transfers", "转出未确认"}})
    if (Status s = section(name, children.value(key, json::array())); !s) return s;
  if (Status s = section("疑似失学辍学台账", c["ledger"]["suspected"]); !s) return s;
  if (Status s = section("辍学台账", c["ledger"]["dropouts"]); !s) return s;
  const json rows_json = c.value("rows", json::array());
  if (!rows_json.empty()) {
    if (Status s = row({""}); !s) return s;
    if (Status s = row({"单位", "期初", "期末", "巩固率", "辍学率"}); !s) return s;
    for (const auto& r : rows_json)
      if (Status s = row({r["unit"].value("name", ""), cell_of(r["start"], false),
                          cell_of(r["end"], false), cell_of(r["retention_rate"], true),
                          cell_of(r["dropout_rate"], true)});
          !s)
        return s;
  }
  for (const auto& r : std::vector<std::vector<std::string>>{
           {""},
           {"填报人", report.preparer},
           {"审核人", report.approver},
           {"上报时间", report.submitted_at},
           {"版本", "第 " + std::to_string(report.version) + " 版", report.note},
           {"数字指纹（SHA-256）", report.digest}})
    if (Status s = row(r); !s) return s;
  return w.close();
}

}  // namespace baoxue::report
