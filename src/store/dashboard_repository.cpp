#include "store/dashboard_repository.h"

#include "core/task_flow.h"
#include "store/ledger_repository.h"
#include "store/query.h"
#include "store/rows.h"
#include "store/scope_filter.h"

namespace baoxue::store {

Result<std::vector<PlaceCount>> children_by_place(Database& db, const std::string& county,
                                                  long long run_id, const core::Scope& scope) {
  Where where;
  where.equals("county_code", county).equals("run_id", std::to_string(run_id));
  where.add(scope_condition(scope, ""));
  std::vector<PlaceCount> out;
  Status st = for_each_row(
      db,
      "SELECT COALESCE(township_code, ''), COALESCE(village_code, ''), COALESCE(school_code, "
      "''), COALESCE(standing, ''), in_band, COUNT(*) FROM ledger_children",
      where, "GROUP BY 1, 2, 3, 4, 5", [&](const soci::row& r) {
        PlaceCount p;
        p.township_code = row_text(r, 0);
        p.village_code = row_text(r, 1);
        p.school_code = row_text(r, 2);
        p.status = row_text(r, 3);
        p.in_band = row_int(r, 4) != 0;
        p.count = row_int(r, 5);
        out.push_back(std::move(p));
      });
  if (!st) return st.error();
  return out;
}

Result<std::vector<PlaceCount>> open_entries_by_place(Database& db, const std::string& county,
                                                      const core::Scope& scope) {
  std::vector<PlaceCount> out;
  auto collect = [&](const std::string& status) {
    return [&out, status](const soci::row& r) {
      PlaceCount p;
      p.township_code = row_text(r, 0);
      p.village_code = row_text(r, 1);
      p.school_code = row_text(r, 2);
      p.status = status;
      p.count = row_int(r, 3);
      out.push_back(std::move(p));
    };
  };
  const std::string select =
      "SELECT COALESCE(e.township_code, ''), COALESCE(e.village_code, ''), "
      "COALESCE(e.school_code, ''), COUNT(*) FROM ";
  Where entries;
  entries.equals("e.county_code", county).add("e.status = 'open'").add(entry_visible(scope, "e"));
  if (Status st = for_each_row(db, select + "suspected_entries e", entries, "GROUP BY 1, 2, 3",
                               collect("suspected"));
      !st)
    return st.error();
  Where dropouts;
  dropouts.equals("e.county_code", county)
      .add("e.status = 'open'")
      .add(scope_condition(scope, "e"));
  if (Status st = for_each_row(db, select + "dropout_entries e", dropouts, "GROUP BY 1, 2, 3",
                               collect("dropout"));
      !st)
    return st.error();
  return out;
}

Result<std::map<std::string, long long>> task_counts(Database& db, const std::string& county,
                                                     const core::Scope& scope,
                                                     const std::string& today) {
  std::map<std::string, long long> out;
  Where tasks;
  tasks.equals("t.county_code", county)
      .add("t.state IN " + core::sql_list(core::open_task_states()))
      .add(scope_condition(scope, "t", false));
  Status st = for_each_row(db, "SELECT t.state, COUNT(*) FROM verification_tasks t", tasks,
                           "GROUP BY t.state",
                           [&](const soci::row& r) { out[row_text(r, 0)] = row_int(r, 1); });
  if (!st) return st.error();
  Where late;
  late.equals("t.county_code", county)
      .add("t.state IN " + core::sql_list(core::awaiting_assignee_states()) + " AND t.deadline < ?",
           {today})
      .add(scope_condition(scope, "t", false));
  auto overdue = count_rows(db, "FROM verification_tasks t", late);
  if (!overdue) return overdue.error();
  out["overdue"] = overdue.value();
  Where open;
  open.equals("e.county_code", county)
      .add(
          "e.status = 'open' AND NOT EXISTS (SELECT 1 FROM verification_tasks t WHERE "
          "t.county_code = e.county_code AND t.entry_id = e.id AND t.state IN " +
          core::sql_list(core::open_task_states()) + ")")
      .add(entry_visible(scope, "e"));
  auto undispatched = count_rows(db, "FROM suspected_entries e", open);
  if (!undispatched) return undispatched.error();
  out["undispatched"] = undispatched.value();
  return out;
}

Result<std::vector<Span>> entry_spans(Database& db, const std::string& county,
                                      const core::Scope& scope) {
  std::vector<Span> out;
  Where entries;
  entries.equals("e.county_code", county).add(entry_visible(scope, "e"));
  Status st = for_each_row(db, "SELECT e.opened_at, e.closed_at FROM suspected_entries e", entries,
                           "", [&](const soci::row& r) {
                             out.push_back({"suspected", row_text(r, 0), row_text(r, 1)});
                           });
  if (!st) return st.error();
  Where dropouts;
  dropouts.equals("e.county_code", county).add(scope_condition(scope, "e"));
  st = for_each_row(db, "SELECT e.opened_at, e.closed_at FROM dropout_entries e", dropouts, "",
                    [&](const soci::row& r) {
                      out.push_back({"dropout", row_text(r, 0), row_text(r, 1)});
                    });
  if (!st) return st.error();
  return out;
}

}  // namespace baoxue::store
