// 适龄儿童台账: the latest run's children with each one's standing today — the list (masked),
// the detail view (full numbers for the roles that work with families, audited) and the export.
#include "api/call.h"
#include "api/exports.h"
#include "core/id_number.h"
#include "core/labels.h"
#include "ledger/run_ledger.h"
#include "store/county_repository.h"
#include "store/ledger_repository.h"
#include "store/verification_repository.h"

namespace baoxue::api {
namespace {

json optional_int(const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); }

// A JSON string, UTF-8 as it is (the rows come from the database, where import put valid UTF-8).
void append_quoted(std::string& out, std::string_view s) {
  out += '"';
  for (char ch : s) {
    const auto u = static_cast<unsigned char>(ch);
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (u < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[u >> 4];
      out += hex[u & 15];
    } else {
      out += ch;
    }
  }
  out += '"';
}

// "a,b,c" as a JSON array of strings.
void append_list(std::string& out, std::string_view csv) {
  out += '[';
  std::size_t start = 0;
  bool first = true;
  while (start < csv.size()) {
    std::size_t end = csv.find(',', start);
    if (end == std::string_view::npos) end = csv.size();
    if (end > start) {
      if (!first) out += ',';
      append_quoted(out, csv.substr(start, end - start));
      first = false;
    }
    start = end + 1;
  }
  out += ']';
}

// The lists he is on, as list kinds: "group:poverty" counts as the kind "group" (his groups are
// in key_groups).
std::string list_kinds(const std::string& on_lists) {
  std::string out;
  std::size_t start = 0;
  while (start < on_lists.size()) {
    std::size_t end = on_lists.find(',', start);
    if (end == std::string::npos) end = on_lists.size();
    std::string kind = on_lists.substr(start, end - start);
    if (kind.rfind("group:", 0) == 0) kind = "group";
    if (!kind.empty() && ("," + out + ",").find("," + kind + ",") == std::string::npos)
      out += (out.empty() ? "" : ",") + kind;
    start = end + 1;
  }
  return out;
}

// One row of the 适龄儿童台账 as the lists show it (numbers masked). Written by hand: a page of
// rows through nlohmann's objects cost more than the rest of the request together.
void append_child_row(std::string& out, const store::LedgerChild& ch) {
  auto key = [&](const char* k) {
    out += out.back() == '{' ? "\"" : ",\"";
    out += k;
    out += "\":";
  };
  auto text = [&](const char* k, std::string_view v) {
    key(k);
    append_quoted(out, v);
  };
  auto number = [&](const char* k, const std::optional<long long>& v) {
    key(k);
    out += v ? std::to_string(*v) : "null";
  };
  auto boolean = [&](const char* k, bool v) {
    key(k);
    out += v ? "true" : "false";
  };
  out += '{';
  number("id", ch.id);
  text("name", ch.name);
  text("sex", ch.sex);
  text("birth_date", ch.birth_date);
  text("id_number", core::mask_id_number(ch.id_number));
  text("township", ch.township);
  text("village", ch.village);
  text("township_code", ch.township_code);
  text("village_code", ch.village_code);
  text("school_code", ch.school_code);
  text("school_name", ch.school_name);
  number("grade", ch.grade);
  text("status", ch.status);
  text("standing", ch.standing);
  text("category", ch.category);
  boolean("in_band", ch.in_band);
  key("key_groups");
  append_list(out, ch.key_groups);
  key("on_lists");
  append_list(out, list_kinds(ch.on_lists));
  boolean("poverty", ch.poverty);
  number("entry_id", ch.entry_id);
  number("dropout_id", ch.dropout_id);
  out += '}';
}

Result<store::ChildQuery> child_query(const Params& p) {
  store::ChildQuery q;
  q.q = p.text("q");
  if (Status st = p.places(q.township_code, q.village_code, q.school_code); !st) return st.error();
  auto standing = p.choice("standing", core::label_codes("standing"), "", "standing");
  if (!standing) return standing.error();
  q.standing = *standing;
  auto status = p.choice("status", core::label_codes("match_status"), "", "match_status");
  if (!status) return status.error();
  q.status = *status;
  auto band = p.choice("band", core::label_codes("band"), "in", "band");
  if (!band) return band.error();
  q.band = *band;
  q.key_group = p.text("group");
  auto sort = p.sort(store::child_sort_fields());
  if (!sort) return sort.error();
  q.sort = *sort;
  return q;
}

Result<long long> latest_run_id(Call& c) {
  if (c.options.ledgers != nullptr) return c.options.ledgers->latest_run(c.db, c.county());
  auto run = store::latest_match_run(c.db, c.county());
  if (!run) return run.error();
  return run.value() ? run.value()->id : 0;
}

// The latest run's ledger in memory, when the server keeps it there (null: query the database).
Result<std::shared_ptr<const ledger::RunLedger>> latest_ledger(Call& c, long long run) {
  if (c.options.ledgers == nullptr || run == 0) return std::shared_ptr<const ledger::RunLedger>();
  return c.options.ledgers->get(c.db, c.county(), run);
}

Result<Response> children(Call& c) {
  const Params p = c.query();
  auto query = child_query(p);
  if (!query) return query.error();
  auto asked = p.page();
  if (!asked) return asked.error();
  auto run = latest_run_id(c);
  if (!run) return run.error();
  auto ledger = latest_ledger(c, *run);
  if (!ledger) return ledger.error();
  auto found = find_page<store::Paged<store::LedgerChild>>(
      *asked, [&](const store::Page& page) -> Result<store::Paged<store::LedgerChild>> {
        if (ledger.value()) return ledger.value()->find(*query, c.scope, page);
        return store::find_children(c.db, c.county(), *run, *query, c.scope, page);
      });
  if (!found) return found.error();
  const auto& [rows, served] = found.value();
  Response r;
  r.body = "{\"total\":" + std::to_string(rows.total) +
           ",\"page\":" + std::to_string(served.page.page) +
           ",\"size\":" + std::to_string(served.page.size);
  if (!served.notice.empty()) {
    r.body += ",\"notice\":";
    append_quoted(r.body, served.notice);
  }
  r.body += ",\"rows\":[";
  for (std::size_t i = 0; i < rows.rows.size(); ++i) {
    if (i > 0) r.body += ',';
    append_child_row(r.body, rows.rows[i]);
  }
  r.body += "]}";
  return r;
}

// The child of the latest run from memory when the server keeps it there, else (an older
// run's row, or no memory) from the database; both apply the scope.
Result<std::optional<store::LedgerChild>> find_child(Call& c, long long id) {
  if (c.options.ledgers != nullptr) {
    auto run = latest_run_id(c);
    if (!run) return run.error();
    auto ledger = latest_ledger(c, *run);
    if (!ledger) return ledger.error();
    if (ledger.value())
      if (auto row = ledger.value()->by_id(id, c.scope)) return row;
  }
  return store::child_by_id(c.db, c.county(), id, c.scope);
}

// Why he stands where he does, in a sentence.
std::string standing_reason(const store::LedgerChild& ch,
                            const std::optional<store::SuspectedEntry>& entry,
                            const std::vector<core::Code>& categories) {
  auto category = [&](const std::string& code) { return core::code_and_label(categories, code); };
  if (ch.standing == "dropout")
    return "核查确认失学辍学（" + category(ch.category) + "），已列入辍学台账";
  if (ch.standing == "verified")
    return "经核查不属失学辍学（" + category(ch.category) + "）" +
           (entry ? "，" + entry->closed_at.substr(0, 10) + " 销号" : "");
  if (ch.standing == "pending" && entry) {
    std::string why = "疑似：" + entry->reason;
    if (entry->reopen_reason == "facts_changed") why += "（销号后名单有新变化，重新列入）";
    if (entry->reopen_reason == "back_out_of_school") why += "（曾确认在校，现再次疑似）";
    return why + "，待核查";
  }
  if (ch.standing == "probable") return "户籍与学籍记录可能为同一人，待人工确认";
  if (ch.standing == "out_of_band") return "比对基准日不在义务教育年龄段";
  return "学籍名单上有其在校记录";
}

Result<Response> child(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  auto found = find_child(c, *id);
  if (!found) return found.error();
  if (!found.value()) return make_error("not_found", "没有这名儿童的记录");
  const store::LedgerChild& ch = *found.value();
  std::string row;
  append_child_row(row, ch);
  json out = json::parse(row);
  const bool full = sees_full_numbers(c.scope);
  if (full) out["id_number"] = ch.id_number;
  out["guardian_name"] = ch.guardian_name;
  out["expected_grade"] = optional_int(ch.expected_grade);
  out["class_number"] = optional_int(ch.class_number);
  // His suspected entries (by the same child key), as far as the scope shows them.
  auto entries = store::entries_of_child(c.db, c.county(), ch.child_key, c.scope);
  if (!entries) return entries.error();
  json mine = json::array();
  for (const auto& e : entries.value())
    mine.push_back({{"id", e.id},
                    {"status", e.status},
                    {"reason", e.reason},
                    {"category", e.category},
                    {"opened_at", e.opened_at},
                    {"closed_at", e.closed_at}});
  out["entries"] = mine;
  // His dropout entries, as far as the scope shows them (his standing names the latest, so a
  // child who never had one costs no query).
  json theirs = json::array();
  if (ch.dropout_id) {
    store::DropoutQuery his;
    his.child_key = ch.child_key;
    auto dropouts = store::find_dropouts(c.db, c.county(), his, c.scope, {1, kMaxPageSize});
    if (!dropouts) return dropouts.error();
    for (const auto& d : dropouts->rows)
      theirs.push_back({{"id", d.id}, {"status", d.status}, {"category", d.category}});
  }
  out["dropouts"] = theirs;
  std::optional<store::SuspectedEntry> latest;
  if (ch.entry_id) {
    auto e = store::suspected_entry_by_id(c.db, c.county(), *ch.entry_id, c.scope);
    if (!e) return e.error();
    latest = std::move(e.value());
  }
  if (latest) {
    out["entry"] = {{"id", latest->id},
                    {"status", latest->status},
                    {"reason", latest->reason},
                    {"category", latest->close_category},
                    {"opened_at", latest->opened_at},
                    {"closed_at", latest->closed_at}};
  }
  auto categories = c.codes("verification_category");
  if (!categories) return categories.error();
  out["standing_reason"] = standing_reason(ch, latest, categories.value());
  if (Status st = c.audit("view_child", "ledger_child", std::to_string(ch.id),
                          ch.name + (full ? "（完整号码）" : "（号码已遮蔽）"));
      !st)
    return st.error();
  return json_response(out);
}

}  // namespace

Result<ExportPlan> plan_children_export(store::Database& db, const ExportRequest& r) {
  auto query = child_query(Params(r.params));
  if (!query) return query.error();
  auto run = store::latest_match_run(db, r.county);
  if (!run) return run.error();
  if (!run.value()) return make_error("no_run", "还没有运行过比对，适龄儿童台账为空");
  auto categories = store::load_codes(db, r.county, "verification_category");
  if (!categories) return categories.error();
  auto groups = store::load_codes(db, r.county, "key_group");
  if (!groups) return groups.error();
  ExportPlan plan;
  plan.title = "适龄儿童台账";
  plan.object_type = "ledger_children";
  plan.header = {"姓名", "性别", "出生日期", "身份证号", "乡镇",     "村(居)",
                 "学校", "年级", "现状",     "核查类别", "重点群体", "所在名单"};
  plan.write = [query = *query, run_id = run.value()->id, r, cats = *categories, groups = *groups](
                   store::Database& db, const RowSink& sink) -> Status {
    auto name_of = [](const std::vector<core::Code>& table, const std::string& code) {
      const core::Code* k = core::find_code(table, code);
      return k ? k->label_zh : code;
    };
    auto names = [&](const std::string& csv, auto&& one) {
      std::string out;
      std::size_t start = 0;
      while (start < csv.size()) {
        std::size_t end = csv.find(',', start);
        if (end == std::string::npos) end = csv.size();
        if (end > start) out += (out.empty() ? "" : "、") + one(csv.substr(start, end - start));
        start = end + 1;
      }
      return out;
    };
    return store::for_each_child(
        db, r.county, run_id, query, r.scope, [&](const store::LedgerChild& ch) -> Status {
          return sink(
              {ch.name, ch.sex, ch.birth_date, core::mask_id_number(ch.id_number), ch.township,
               ch.village, ch.school_name, ch.grade ? std::to_string(*ch.grade) : "",
               core::label_zh("standing", ch.standing), core::code_and_label(cats, ch.category),
               names(ch.key_groups, [&](const std::string& g) { return name_of(groups, g); }),
               names(list_kinds(ch.on_lists),
                     [](const std::string& k) { return core::label_zh("list_kind", k); })});
        });
  };
  return plan;
}

void add_children_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/children", children});
  r.push_back({"GET", "/api/children/{id}", child});
}

}  // namespace baoxue::api
