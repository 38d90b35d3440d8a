// County work: importing lists from the browser, running the census, the audit log.
#include <filesystem>
#include <fstream>
#include <iterator>

#include "api/call.h"
#include "auth/password.h"
#include "core/date.h"
#include "ingest/importer.h"
#include "ledger/census.h"
#include "ledger/run_json.h"
#include "ledger/run_ledger.h"
#include "store/import_repository.h"
#include "store/ledger_repository.h"

namespace baoxue::api {
namespace {

namespace fs = std::filesystem;

Status require_county_operator(const Call& c, const std::string& what) {
  if (!is_county_role(c.scope)) return forbidden(what);
  return {};
}

// A file name from the browser, reduced to its last component and stripped of anything a path
// could use.
std::string safe_file_name(const std::string& name) {
  std::string base = fs::path(name).filename().string();
  std::string out;
  for (char ch : base)
    if (ch != '/' && ch != '\\' && ch != '\0' && static_cast<unsigned char>(ch) >= 0x20) out += ch;
  if (out.empty() || out == "." || out == "..") out = "upload";
  return out;
}

std::string report_path(const Call& c, long long batch) {
  return c.options.data_dir + "/reports/batch-" + std::to_string(batch) + ".xlsx";
}

Result<Response> import_list(Call& c) {
  if (Status st = require_county_operator(c, "导入名单"); !st) return st.error();
  ingest::ImportOptions o;
  o.kind = c.query("kind");
  o.county = c.county();
  o.group = c.query("group");
  o.whole = c.query("whole") == "1" || c.query("whole") == "true";
  o.user = c.user->username;
  if (c.req.body.empty()) return make_error("bad_request", "没有收到文件内容，请重新选择文件上传");
  // The importer reads files: keep the upload under the data directory, in a folder of its own
  // so that two clerks uploading "户籍.xlsx" at once do not meet.
  const fs::path dir =
      fs::path(c.options.data_dir) / "uploads" / auth::random_token().substr(0, 16);
  std::error_code ec;
  fs::create_directories(dir, ec);
  const fs::path file = dir / safe_file_name(c.req.file_name);
  {
    std::ofstream out(file, std::ios::binary);
    out.write(c.req.body.data(), static_cast<std::streamsize>(c.req.body.size()));
    if (!out) return make_error("internal", "上传的文件无法保存：" + file.string());
  }
  auto result = ingest::import_file(c.db, file.string(), o);
  if (!result) {
    fs::remove_all(dir, ec);
    return result.error();
  }
  json out = {{"batch", result->batch},
              {"kind", result->kind},
              {"list_name", result->list_name},
              {"file", c.req.file_name},
              {"format", result->format},
              {"header_row", result->header_row},
              {"rows", result->rows},
              {"accepted", result->accepted},
              {"rejected", result->rejected},
              {"warnings", result->warnings},
              {"inserted", result->inserted},
              {"updated", result->updated},
              {"unchanged", result->unchanged},
              {"retired", result->retired},
              {"already_imported", result->already_imported},
              {"imported_at", result->imported_at},
              {"errors_url", nullptr}};
  if (!result->report.empty() && fs::exists(result->report, ec)) {
    fs::create_directories(fs::path(report_path(c, result->batch)).parent_path(), ec);
    fs::rename(result->report, report_path(c, result->batch), ec);
    if (!ec) out["errors_url"] = "/api/imports/" + std::to_string(result->batch) + "/errors";
  }
  fs::remove_all(dir, ec);
  if (Status st = c.audit("import", "import_batch", std::to_string(result->batch),
                          result->kind + " " + c.req.file_name);
      !st)
    return st.error();
  return json_response(out);
}

Result<Response> imports(Call& c) {
  if (Status st = require_county_operator(c, "查看导入记录"); !st) return st.error();
  auto batches = store::recent_batches(c.db, c.county(), 200);
  if (!batches) return batches.error();
  json rows = json::array();
  std::error_code ec;
  for (const auto& x : batches.value()) {
    const store::Batch& b = x.batch;
    const bool report = fs::exists(report_path(c, b.id), ec);
    rows.push_back({{"batch", b.id},
                    {"kind", x.kind},
                    {"group", x.group_code},
                    {"list_name", x.list_name},
                    {"file", b.file_name},
                    {"format", b.format},
                    {"rows", b.rows},
                    {"accepted", b.accepted},
                    {"rejected", b.rejected},
                    {"warnings", b.warnings},
                    {"inserted", b.inserted},
                    {"updated", b.updated},
                    {"unchanged", b.unchanged},
                    {"imported_at", b.imported_at},
                    {"imported_by", b.imported_by},
                    {"errors_url", report ? json("/api/imports/" + std::to_string(b.id) + "/errors")
                                          : json(nullptr)}});
  }
  return json_response({{"rows", rows}});
}

Result<Response> import_errors(Call& c) {
  if (Status st = require_county_operator(c, "下载问题行"); !st) return st.error();
  auto id = c.id("batch");
  if (!id) return id.error();
  // The batch must be this county's (the file name alone does not say).
  auto batches = store::recent_batches(c.db, c.county(), 100000);
  if (!batches) return batches.error();
  bool mine = false;
  for (const auto& x : batches.value()) mine = mine || x.batch.id == *id;
  std::ifstream in(report_path(c, *id), std::ios::binary);
  if (!mine || !in) return make_error("not_found", "该批次没有问题行文件");
  Response r;
  r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.attachment = "问题行_批次" + std::to_string(*id) + ".xlsx";
  if (Status st = c.audit("export_import_errors", "import_batch", std::to_string(*id)); !st)
    return st.error();
  return r;
}

Result<Response> census(Call& c) {
  if (Status st = require_county_operator(c, "运行比对"); !st) return st.error();
  ledger::CensusOptions o;
  json body = json::parse(c.req.body.empty() ? "{}" : c.req.body, nullptr, false);
  const std::string as_of = body.is_object() ? body.value("as_of", "") : "";
  auto date = Date::parse_iso(as_of.empty() ? today() : as_of);
  if (!date) return make_error("bad_request", "比对基准日应为 YYYY-MM-DD：" + as_of);
  o.as_of = *date;
  o.run_by = c.user->username;
  auto run = ledger::run_census(c.db, c.county(), o);
  if (c.options.ledgers != nullptr) c.options.ledgers->forget_latest(c.db, c.county());
  if (!run) return run.error();
  if (Status st = c.audit("census", "match_run", std::to_string(run->id), run->as_of); !st)
    return st.error();
  return json_response({{"run", ledger::run_json(*run)}});
}

Result<Response> runs(Call& c) {
  auto all = store::match_runs(c.db, c.county(), 100);
  if (!all) return all.error();
  json rows = json::array();
  for (const auto& r : all.value()) rows.push_back(ledger::run_json(r));
  return json_response({{"rows", rows}});
}

Result<Response> audit_rows(Call& c, int limit, int offset, json& rows) {
  auto entries = store::audit_entries(c.db, c.county(), limit, offset);
  if (!entries) return entries.error();
  for (const auto& e : entries.value())
    rows.push_back({{"id", e.id},
                    {"at", e.at},
                    {"username", e.username},
                    {"action", e.action},
                    {"object_type", e.object_type},
                    {"object_id", e.object_id},
                    {"detail", e.detail},
                    {"address", e.address}});
  return Response{};
}

Result<Response> audit(Call& c) {
  if (c.scope.role != core::Role::kCountyAdmin) return forbidden("查看审计日志");
  const store::Page p = c.page();
  json rows = json::array();
  if (auto r = audit_rows(c, p.size, (p.page - 1) * p.size, rows); !r) return r.error();
  store::Where mine;
  mine.equals("county_code", c.county());
  auto total = store::count_rows(c.db, "FROM audit_log", mine);
  if (!total) return total.error();
  return json_response({{"total", *total}, {"page", p.page}, {"size", p.size}, {"rows", rows}});
}

Result<Response> export_audit(Call& c) {
  if (c.scope.role != core::Role::kCountyAdmin) return forbidden("导出审计日志");
  if (Status st = c.audit("export_audit", "audit_log", ""); !st) return st.error();
  json rows = json::array();
  if (auto r = audit_rows(c, 1000000, 0, rows); !r) return r.error();
  std::vector<std::vector<std::string>> table;
  for (const auto& e : rows)
    table.push_back({e["at"], e["username"], e["action"], e["object_type"], e["object_id"],
                     e["detail"], e["address"]});
  return xlsx_response("审计日志.xlsx", "审计日志",
                       {"时间", "用户", "操作", "对象", "对象编号", "说明", "来源地址"}, table);
}

}  // namespace

void add_admin_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/imports", import_list});
  r.push_back({"GET", "/api/imports", imports});
  r.push_back({"GET", "/api/imports/{batch}/errors", import_errors});
  r.push_back({"POST", "/api/census", census});
  r.push_back({"GET", "/api/runs", runs});
  r.push_back({"GET", "/api/audit", audit});
  r.push_back({"GET", "/api/audit/export", export_audit});
}

}  // namespace baoxue::api
