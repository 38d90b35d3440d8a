// 易流失学生花名册: every pupil of the scope with his risk points, level and the reasons in words
// (risk/roll.h), the model's weights shown beside them, filters by school, class and level; and a
// head teacher's flag of a learning difficulty, set and cleared.
#include <cmath>

#include "api/call.h"
#include "core/labels.h"
#include "risk/roll.h"
#include "store/rows.h"

namespace baoxue::api {
namespace {

double one_decimal(double v) { return std::round(v * 10) / 10; }

json model_json(const risk::CountyModel& m) {
  json factors = json::array();
  for (const auto& f : m.model.factors) {
    const core::Code* label = core::find_label("risk_factor", f.code);
    std::string name = label ? label->label_zh : f.code;
    // The wording's placeholders read as the factor's name in the weights table.
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{"{n}", "N"}, {"{group}", "重点群体"}}) {
      for (auto at = name.find(from); at != std::string::npos; at = name.find(from))
        name.replace(at, from.size(), to);
    }
    factors.push_back({{"code", f.code}, {"name", name}, {"weight", one_decimal(f.weight)}});
  }
  return {{"source", m.model.source},
          {"note", m.note},
          {"intercept", one_decimal(m.model.intercept)},
          {"high_points", m.thresholds.high_points},
          {"medium_points", m.thresholds.medium_points},
          {"fitted_on", m.model.fitted_on},
          {"positives", m.model.positives},
          {"factors", factors}};
}

json row_json(const risk::RollRow& r) {
  json reasons = json::array();
  for (const auto& why : r.assessment.reasons)
    reasons.push_back({{"factor", why.factor},
                       {"zh", why.zh},
                       {"en", why.en},
                       {"points", one_decimal(why.points)}});
  return {{"id", r.ledger_id},
          {"name", r.name},
          {"sex", r.sex},
          {"school_code", r.school_code},
          {"school_name", r.school_name},
          {"grade", r.grade},
          {"class_number", r.class_number},
          {"class_name", core::class_label(r.grade, r.class_number)},
          {"points", one_decimal(r.assessment.points)},
          {"probability", std::round(r.assessment.probability * 1000) / 1000},
          {"level", r.assessment.level},
          {"level_name", core::label_zh("risk_level", r.assessment.level)},
          {"attendance_rate", r.features.attendance_rate
                                  ? json(std::round(*r.features.attendance_rate * 1000) / 1000)
                                  : json(nullptr)},
          {"truant_days_30", r.features.truant_days_30},
          {"learning_difficulty_flag", r.features.learning_difficulty_flag},
          {"reasons", reasons}};
}

Result<Response> roll(Call& c) {
  const Params p = c.query();
  auto school = p.code("school_code");
  if (!school) return school.error();
  auto township = p.code("township_code");
  if (!township) return township.error();
  auto level = p.choice("level", {"high", "medium", "low"}, "", "risk_level");
  if (!level) return level.error();
  const std::string grade = p.text("grade"), class_number = p.text("class_number");
  auto asked = p.page();
  if (!asked) return asked.error();
  auto today = c.today();
  if (!today) return today.error();
  auto day = day_or_today(p.text("day"), *today);
  if (!day) return day.error();
  auto model = risk::county_model_from(c.options.risk_models, c.db, c.county(), *day);
  if (!model) return model.error();
  auto found = risk::at_risk_roll(c.db, c.county(), *day, c.scope, *school, model.value());
  if (!found) return found.error();
  std::vector<const risk::RollRow*> shown;
  json counts = {{"high", 0}, {"medium", 0}, {"low", 0}};
  for (const auto& r : found->rows) {
    if (!township->empty() && r.township_code != *township) continue;
    if (!grade.empty() && std::to_string(r.grade) != grade) continue;
    if (!class_number.empty() && std::to_string(r.class_number) != class_number) continue;
    counts[r.assessment.level] = counts[r.assessment.level].get<long long>() + 1;
    if (!level->empty() && r.assessment.level != *level) continue;
    shown.push_back(&r);
  }
  auto page = find_page<store::Paged<const risk::RollRow*>>(
      *asked, [&](const store::Page& pg) -> Result<store::Paged<const risk::RollRow*>> {
        store::Paged<const risk::RollRow*> out;
        out.total = static_cast<long long>(shown.size());
        const std::size_t from = static_cast<std::size_t>(pg.page - 1) * pg.size;
        for (std::size_t i = from; i < shown.size() && i < from + pg.size; ++i)
          out.rows.push_back(shown[i]);
        return out;
      });
  if (!page) return page.error();
  const auto& [rows, served] = page.value();
  json out_rows = json::array();
  for (const auto* r : rows.rows) out_rows.push_back(row_json(*r));
  if (!out_rows.empty())
    if (Status st = c.audit("view_risk_roll", "risk_roll", *school,
                            "易流失学生花名册第 " + std::to_string(served.page.page) + " 页，" +
                                std::to_string(out_rows.size()) + " 人（共 " +
                                count_text(rows.total) + " 人）");
        !st)
      return st.error();
  json body = page_json(rows.total, served, out_rows);
  body["day"] = day->iso();
  body["counts"] = counts;
  body["model"] = model_json(found->model);
  return json_response(body);
}

bool teaches(const core::Scope& s) {
  return s.role == core::Role::kTeacher || s.role == core::Role::kSchoolAdmin;
}

Result<Response> flag(Call& c) {
  auto body = c.body();
  if (!body) return body.error();
  // The pupil first: one outside the user's scope is not found, whatever else was sent.
  auto child = child_named(c, *body, "学生", "学生");
  if (!child) return child.error();
  if (!teaches(c.scope)) return forbidden("标记学习困难（由班主任或学校标记）");
  auto note = body->string("note");
  if (!note) return note.error();
  auto clear = body->boolean("clear");
  if (!clear) return clear.error();
  const std::string now = store::now_utc();
  Status st = c.db.transaction([&]() -> Status {
    // At most one standing flag: setting again keeps the first; clearing ends it.
    c.db.sql() << "UPDATE pupil_flags SET cleared_by = :b, cleared_at = :t WHERE county_code = "
                  ":c AND child_key = :k AND flag = 'learning_difficulty' AND cleared_at IS NULL",
        soci::use(c.user->username), soci::use(now), soci::use(c.county()),
        soci::use(child->child_key);
    if (*clear) return {};
    const long long id = c.db.reserve_ids("pupil_flags", 1);
    c.db.sql() << "INSERT INTO pupil_flags (county_code, id, child_key, flag, note, set_by, "
                  "set_at) VALUES (:c, :i, :k, 'learning_difficulty', :n, :b, :t)",
        soci::use(c.county()), soci::use(id), soci::use(child->child_key), soci::use(*note),
        soci::use(c.user->username), soci::use(now);
    return {};
  });
  if (!st) return st.error();
  auto child_id = body->integer("child_id");
  if (!child_id) return child_id.error();
  if (Status a = c.audit(*clear ? "clear_pupil_flag" : "set_pupil_flag", "ledger_child",
                         std::to_string(child_id->value_or(0)),
                         child->name + (*clear ? " 取消学习困难标记" : " 标记为学习困难"));
      !a)
    return a.error();
  return json_response({{"name", child->name}, {"learning_difficulty_flag", !*clear}});
}

}  // namespace

void add_risk_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/risk", roll});
  r.push_back({"POST", "/api/risk/flags", flag, true, kSmallBody});
}

}  // namespace baoxue::api
