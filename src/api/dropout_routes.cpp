// 辍学台账: children verified as truly out of school — the list, the detail view (what was
// found, by whom, on what evidence) and the export.
#include "api/call.h"
#include "api/exports.h"
#include "api/verification_json.h"
#include "core/id_number.h"
#include "core/labels.h"
#include "store/case_repository.h"
#include "store/county_repository.h"

namespace baoxue::api {
namespace {

Result<std::vector<core::Code>> categories(store::Database& db, const std::string& county) {
  return store::load_codes(db, county, "verification_category");
}

Result<store::DropoutQuery> dropout_query(const Params& p,
                                          const std::vector<core::Code>& categories) {
  store::DropoutQuery q;
  auto status = p.choice("status", {"open", "closed", "all"}, "", "dropout_status");
  if (!status) return status.error();
  q.status = *status == "all" ? "" : *status;
  if (Status st = p.places(q.township_code, q.village_code, q.school_code); !st) return st.error();
  std::vector<std::string> codes;
  for (const auto& k : categories)
    if (k.flag("out_of_school")) codes.push_back(k.code);
  auto category = p.choice("category", codes);
  if (!category) return category.error();
  q.category = *category;
  q.q = p.text("q");
  auto sort = p.sort(store::dropout_sort_fields());
  if (!sort) return sort.error();
  q.sort = *sort;
  return q;
}

json dropout_row(const store::DropoutEntry& d) {
  return {{"id", d.id},
          {"suspected_entry_id", d.suspected_entry_id},
          {"name", d.name},
          {"sex", d.sex},
          {"birth_date", d.birth_date},
          {"id_number", core::mask_id_number(d.id_number)},
          {"township", d.township},
          {"village", d.village},
          {"township_code", d.township_code},
          {"village_code", d.village_code},
          {"school_name", d.school_name},
          {"grade", d.grade ? json(*d.grade) : json(nullptr)},
          {"category", d.category},
          {"note", d.note},
          {"opened_at", d.opened_at},
          {"status", d.status},
          {"poverty", d.poverty},
          {"key_groups", csv_array(d.key_groups)}};
}

Result<Response> dropouts(Call& c) {
  auto cats = c.codes("verification_category");
  if (!cats) return cats.error();
  const Params p = c.query();
  auto query = dropout_query(p, *cats);
  if (!query) return query.error();
  auto asked = p.page();
  if (!asked) return asked.error();
  auto found = find_page<store::Paged<store::DropoutEntry>>(*asked, [&](const store::Page& pg) {
    return store::find_dropouts(c.db, c.county(), *query, c.scope, pg);
  });
  if (!found) return found.error();
  const auto& [rows, served] = found.value();
  json out = json::array();
  for (const auto& d : rows.rows) out.push_back(dropout_row(d));
  return page_response(rows.total, served, out);
}

Result<Response> dropout(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto found = store::dropout_by_id(c.db, c.county(), *id, c.scope);
  if (!found) return found.error();
  if (!found.value()) return make_error("not_found", "辍学台账中没有这条记录");
  const store::DropoutEntry& d = *found.value();
  json out = dropout_row(d);
  const bool full = sees_full_numbers(c.scope);
  out["id_number"] = full ? d.id_number : core::mask_id_number(d.id_number);
  out["guardian_phone"] = full ? d.guardian_phone : core::mask_phone_number(d.guardian_phone);
  out["guardian_name"] = d.guardian_name;
  out["address"] = d.address;
  out["class_number"] = d.class_number ? json(*d.class_number) : json(nullptr);
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  out["opened_by_name"] = people->name_of(d.opened_by);
  // The child's 劝返复学 case (one per child), for the link to its page.
  auto k = store::case_of_child(c.db, c.county(), d.child_key);
  if (!k) return k.error();
  out["case_id"] = k.value() ? json(k.value()->id) : json(nullptr);
  // What verification found: the submission the county approved, with its evidence.
  auto today = c.today();
  if (!today) return today.error();
  auto task = store::task_by_id(c.db, c.county(), d.task_id, c.scope);
  if (!task) return task.error();
  out["verification"] = nullptr;
  if (task.value()) {
    auto detail = task_detail(c, *task.value(), today->iso(), *people);
    if (!detail) return detail.error();
    const json& subs = (*detail)["submissions"];
    json v = {{"task_id", d.task_id},
              {"assignee_name", task.value()->assignee_name},
              {"approved_by_name", people->name_of(task.value()->decided_by)},
              {"approved_at", task.value()->decided_at},
              {"transitions", (*detail)["transitions"]}};
    if (!subs.empty()) {
      const json& last = subs.back();
      for (const char* k : {"note", "submitted_by_name", "submitted_by_unit", "submitted_at",
                            "evidence", "category"})
        v[k] = last[k];
    }
    out["verification"] = v;
  }
  if (Status st = c.audit("view_dropout", "dropout_entry", std::to_string(d.id),
                          d.name + (full ? "（完整号码）" : "（号码已遮蔽）"));
      !st)
    return st.error();
  return json_response(out);
}

}  // namespace

Result<ExportPlan> plan_dropouts_export(store::Database& db, const ExportRequest& r) {
  auto cats = categories(db, r.county);
  if (!cats) return cats.error();
  auto query = dropout_query(Params(r.params), *cats);
  if (!query) return query.error();
  ExportPlan plan;
  plan.title = "辍学台账";
  plan.object_type = "dropout_entries";
  plan.header = {"编号",   "姓名", "性别",     "出生日期", "身份证号", "乡镇",
                 "村(居)", "学校", "核查类别", "情况说明", "状态",     "登记日期"};
  // With the child's persuade-to-return case: where it stands, its attempts, who answers for it.
  for (const auto& h : case_export_header()) plan.header.push_back(h);
  auto settings = store::load_settings(db, r.county);
  if (!settings) return settings.error();
  const cases::EscalationRules rules = cases::EscalationRules::from(*settings);
  plan.write = [query = *query, r, cats = *cats, rules](store::Database& db,
                                                        const RowSink& sink) -> Status {
    auto category = [&](const std::string& code) { return core::code_and_label(cats, code); };
    return store::for_each_dropout(
        db, r.county, query, r.scope, [&](const store::DropoutEntry& d) -> Status {
          std::vector<std::string> row = {std::to_string(d.id),
                                          d.name,
                                          d.sex,
                                          d.birth_date,
                                          core::mask_id_number(d.id_number),
                                          d.township,
                                          d.village,
                                          d.school_name,
                                          category(d.category),
                                          d.note,
                                          core::label_zh("dropout_status", d.status),
                                          d.opened_at.substr(0, 10)};
          auto k = store::case_of_child(db, r.county, d.child_key);
          if (!k) return k.error();
          if (k.value() && k.value()->dropout_id == d.id) {
            auto cells = case_export_cells(db, r.county, *k.value(), rules, r.today);
            if (!cells) return cells.error();
            row.insert(row.end(), cells->begin(), cells->end());
          } else {  // an entry superseded by a later one: its case follows the later entry
            row.resize(row.size() + case_export_header().size());
          }
          return sink(row);
        });
  };
  return plan;
}

void add_dropout_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/dropouts", dropouts});
  r.push_back({"GET", "/api/dropouts/{id}", dropout});
}

}  // namespace baoxue::api
