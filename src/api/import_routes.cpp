// Importing lists from the browser: the upload is kept under the data directory and imported by
// a job (a 500,000-row list takes longer than any request should); the batches so far; a
// batch's rejected rows as a workbook to fix and import again. Kind attendance is a school
// system's roll calls rather than a list (attendance/import.h), kind movement the registry's
// 学籍异动 (movement/import.h), by the same upload and job. A list carries the date it describes
// (list_date, default today).
#include <filesystem>
#include <fstream>

#include "api/call.h"
#include "api/places.h"
#include "attendance/import.h"
#include "auth/password.h"
#include "core/labels.h"
#include "ingest/importer.h"
#include "ledger/run_ledger.h"
#include "movement/import.h"
#include "movement/sweep.h"
#include "store/county_repository.h"
#include "store/import_repository.h"

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

// A batch's rejected rows, kept for download: an xlsx, or a CSV when they would not fit one sheet.
std::string report_path(const std::string& data_dir, long long batch, const std::string& ext) {
  return data_dir + "/reports/batch-" + std::to_string(batch) + ext;
}

// The kept report of a batch, or "".
std::string kept_report(const std::string& data_dir, long long batch) {
  std::error_code ec;
  for (const char* ext : {".xlsx", ".csv"})
    if (fs::exists(report_path(data_dir, batch, ext), ec)) return report_path(data_dir, batch, ext);
  return "";
}

// A message for the person who uploaded the file: it names his file, never where the server
// keeps it.
std::string without_paths(std::string message, const std::string& dir) {
  for (const std::string& p : {dir + "/", dir}) {
    std::size_t at;
    while ((at = message.find(p)) != std::string::npos) message.erase(at, p.size());
  }
  return message;
}

// What became of the file, in one word the page can colour.
std::string outcome_of(const ingest::ImportResult& r) {
  if (r.already_imported) return "already_imported";
  if (r.rows > 0 && r.accepted == 0) return "all_rejected";
  if (r.rejected > 0) return "partly_rejected";
  return "ok";
}

json result_json(const ingest::ImportResult& r, const std::string& file, const std::string& group,
                 long long batch_report) {
  json out = {{"batch", r.batch},
              {"kind", r.kind},
              {"list_date", r.list_date},
              {"list_name", r.list_name},
              {"file", file},
              {"format", r.format},
              {"header_row", r.header_row},
              {"outcome", outcome_of(r)},
              {"already_imported", r.already_imported},
              {"errors_url", nullptr}};
  if (r.already_imported) {
    out["imported_at"] = r.imported_at;  // of the earlier batch; nothing was counted now
  } else {
    for (auto [k, v] : {std::pair{"rows", r.rows},
                        {"accepted", r.accepted},
                        {"rejected", r.rejected},
                        {"warnings", r.warnings},
                        {"inserted", r.inserted},
                        {"updated", r.updated},
                        {"unchanged", r.unchanged},
                        {"retired", r.retired}})
      out[k] = v;
  }
  if (batch_report > 0)
    out["errors_url"] = "/api/imports/" + std::to_string(batch_report) + "/errors";
  return out;
}

std::string import_detail(const ingest::ImportResult& r, const std::string& file) {
  if (r.already_imported) return file + "：该文件已导入过，未做改动";
  return file + "（" + r.list_name + "）：共 " + count_text(r.rows) + " 行，接受 " +
         count_text(r.accepted) + " 行，拒绝 " + count_text(r.rejected) + " 行；新增 " +
         count_text(r.inserted) + "，更新 " + count_text(r.updated);
}

// The upload, kept under the data directory for the job that reads it: in a folder of its own so
// that two clerks uploading "户籍.xlsx" at once do not meet. The job removes the folder.
struct Upload {
  fs::path dir, file;
  std::string shown_name;
};
Result<Upload> keep_upload(const Call& c) {
  if (c.req.body.empty()) return make_error("bad_request", "没有收到文件内容，请重新选择文件上传");
  Upload u;
  u.dir = fs::path(c.options.data_dir) / "uploads" / auth::random_token().substr(0, 16);
  std::error_code ec;
  fs::create_directories(u.dir, ec);
  u.shown_name = safe_file_name(c.req.file_name);
  u.file = u.dir / u.shown_name;
  std::ofstream out(u.file, std::ios::binary);
  out.write(c.req.body.data(), static_cast<std::streamsize>(c.req.body.size()));
  if (!out) {
    fs::remove_all(u.dir, ec);
    return make_error("upload_not_saved",
                      "上传的文件无法保存（服务器磁盘已满或无写权限），请联系管理员");
  }
  return u;
}

// Files checked row by row against what Baoxue knows — 考勤 (attendance/import.h), 学籍异动
// (movement/import.h) — imported by a job. The problem rows are the job's file
// (GET /api/jobs/{id}/file), kept like an export's. `run(db, path, options)` imports;
// `to_json` gives the outcome as the job's result.
template <typename Options, typename Run, typename ToJson>
Result<Response> import_checked(Call& c, const std::string& kind, Options o, Run run,
                                ToJson to_json) {
  auto upload = keep_upload(c);
  if (!upload) return upload.error();
  o.county = c.county();
  o.user = c.user->username;
  const std::string data_dir = c.options.data_dir;
  json asked = {{"kind", kind}, {"file", upload->shown_name}};
  return start_job(
      c, "import", asked, jobs::Lane::kWrites,
      [o, u = *upload, data_dir, kind, run, to_json](jobs::Context& ctx) mutable -> Status {
        o.progress = &ctx.progress;
        auto result = run(ctx.db, u.file.string(), o);
        std::error_code ec;
        std::string errors_url;
        if (result && !result->report.empty() && fs::exists(result->report, ec)) {
          // An xlsx, or a CSV when the problem rows would not fit one sheet.
          const std::string ext = fs::path(result->report).extension().string();
          const std::string kept = data_dir + "/reports/" + kind + "-" + ctx.job.county + "-" +
                                   std::to_string(ctx.job.id) + "-" +
                                   auth::random_token().substr(0, 12) + ext;
          fs::create_directories(fs::path(kept).parent_path(), ec);
          fs::rename(result->report, kept, ec);
          if (!ec) {
            ctx.job.file_path = kept;
            ctx.job.file_name = fs::path(u.shown_name).stem().string() + "_问题行" + ext;
            errors_url = "/api/jobs/" + std::to_string(ctx.job.id) + "/file";
          }
        }
        fs::remove_all(u.dir, ec);
        if (!result)
          return Error{result.error().code, without_paths(result.error().message, u.dir.string())};
        json out = to_json(*result);
        out["file"] = u.shown_name;
        out["errors_url"] = errors_url.empty() ? json(nullptr) : json(errors_url);
        ctx.job.result = out.dump();
        return {};
      });
}

Result<Response> import_attendance(Call& c) {
  attendance::ImportOptions o;
  o.audit = c.author().entry("import_attendance", "roll_call", "");
  return import_checked(c, "attendance", o, attendance::import_attendance,
                        attendance::outcome_json);
}

Result<Response> import_movements(Call& c) {
  movement::ImportOptions o;
  o.audit = c.author().entry("import_movement", "movements", "");
  return import_checked(c, "movement", o, movement::import_movements, movement::outcome_json);
}

Result<Response> import_list(Call& c) {
  if (Status st = require_county_operator(c, "导入名单"); !st) return st.error();
  const Params p = c.query();
  ingest::ImportOptions o;
  std::vector<std::string> kinds = ingest::kImportKinds;
  kinds.push_back("attendance");
  kinds.push_back("movement");
  auto kind = p.choice("kind", kinds, "", "list_kind");
  if (!kind) return kind.error();
  if (kind->empty()) return make_error("bad_request", "缺少参数 kind（名单类型）");
  if (*kind == "attendance") return import_attendance(c);
  if (*kind == "movement") return import_movements(c);
  auto list_date = p.date("list_date");
  if (!list_date) return list_date.error();
  if (!list_date->empty()) o.list_date = Date::parse_iso(*list_date);
  o.kind = *kind;
  o.county = c.county();
  o.group = p.text("group");
  auto whole = p.choice("whole", {"0", "1", "true", "false"}, "0");
  if (!whole) return whole.error();
  o.whole = *whole == "1" || *whole == "true";
  o.user = c.user->username;
  auto upload = keep_upload(c);
  if (!upload) return upload.error();
  const fs::path dir = upload->dir, file = upload->file;
  const std::string shown_name = upload->shown_name;
  const std::string data_dir = c.options.data_dir;
  const Author author = c.author();
  json asked = {{"kind", o.kind},
                {"group", o.group},
                {"whole", o.whole},
                {"list_date", list_date.value()},
                {"file", shown_name}};
  return start_job(
      c, "import", asked, jobs::Lane::kWrites,
      [o, dir, file, shown_name, data_dir, author](jobs::Context& ctx) mutable -> Status {
        o.progress = &ctx.progress;
        auto result = ingest::import_file(ctx.db, file.string(), o);
        std::error_code ec;
        long long report_batch = 0;
        if (result && !result->report.empty() && fs::exists(result->report, ec)) {
          // An xlsx, or a CSV when the problem rows would not fit one sheet.
          const std::string ext = fs::path(result->report).extension().string();
          const std::string kept =
              report_path(data_dir, result->batch, fs::path(result->report).extension().string());
          fs::create_directories(fs::path(kept).parent_path(), ec);
          fs::rename(result->report, kept, ec);
          if (!ec) report_batch = result->batch;
        }
        fs::remove_all(dir, ec);
        if (!result)
          return Error{result.error().code, without_paths(result.error().message, dir.string())};
        store::AuditEntry e = author.entry("import", "import_batch", std::to_string(result->batch),
                                           import_detail(*result, shown_name));
        if (Status st = store::append_audit(ctx.db, e); !st) return st;
        json out = result_json(*result, shown_name, o.group, report_batch);
        // A 学籍 list that left pupils out: those no movement explains are suspected.
        if (o.kind == "xueji" && result->retired > 0) {
          auto settings = store::load_settings(ctx.db, o.county);
          if (!settings) return settings.error();
          auto swept = movement::sweep(ctx.db, o.county, settings->county_today());
          if (!swept) return swept.error();
          out["departures"] = swept->departures;
        }
        ctx.job.result = out.dump();
        return {};
      });
}

Result<Response> imports(Call& c) {
  if (Status st = require_county_operator(c, "查看导入记录"); !st) return st.error();
  auto asked = c.query().page();
  if (!asked) return asked.error();
  store::Where mine;
  mine.equals("county_code", c.county());
  auto total = store::count_rows(c.db, "FROM import_batches", mine);
  if (!total) return total.error();
  auto groups = store::load_codes(c.db, c.county(), "key_group");
  if (!groups) return groups.error();
  auto places = places_in_scope(c.db, c.county(), c.scope);
  if (!places) return places.error();
  auto people = People::load(c.db, c.county(), *places);
  if (!people) return people.error();
  auto found = find_page<store::Paged<store::BatchInList>>(
      *asked, [&](const store::Page& pg) -> Result<store::Paged<store::BatchInList>> {
        auto batches = store::recent_batches(c.db, c.county(), pg.page * pg.size);
        if (!batches) return batches.error();
        store::Paged<store::BatchInList> out;
        out.total = *total;
        for (std::size_t i = static_cast<std::size_t>(pg.page - 1) * pg.size; i < batches->size();
             ++i)
          out.rows.push_back(std::move(batches.value()[i]));
        return out;
      });
  if (!found) return found.error();
  const auto& [batches, served] = found.value();
  json rows = json::array();
  std::error_code ec;
  for (const auto& x : batches.rows) {
    const store::Batch& b = x.batch;
    const bool report = !kept_report(c.options.data_dir, b.id).empty();
    std::string group_label;
    for (const auto& g : groups.value())
      if (g.code == x.group_code) group_label = g.label_zh;
    rows.push_back({{"batch", b.id},
                    {"kind", x.kind},
                    {"group", x.group_code},
                    {"group_label", group_label},
                    {"list_name", x.list_name},
                    {"file", b.file_name},
                    {"list_date", b.list_date},
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
                    {"imported_by_name", people->name_of(b.imported_by)},
                    {"errors_url", report ? json("/api/imports/" + std::to_string(b.id) + "/errors")
                                          : json(nullptr)}});
  }
  return page_response(batches.total, served, rows);
}

Result<Response> import_errors(Call& c) {
  if (Status st = require_county_operator(c, "下载问题行"); !st) return st.error();
  auto id = c.id("batch");
  if (!id) return id.error();
  // The batch must be this county's (the file name alone does not say).
  store::Where mine;
  mine.equals("county_code", c.county()).equals("id", std::to_string(*id));
  auto found = store::count_rows(c.db, "FROM import_batches", mine);
  if (!found) return found.error();
  const std::string path = kept_report(c.options.data_dir, *id);
  if (*found == 0 || path.empty()) return make_error("not_found", "该批次没有问题行文件");
  if (Status st = c.audit("export_import_errors", "import_batch", std::to_string(*id),
                          "批次 " + std::to_string(*id) + " 的问题行");
      !st)
    return st.error();
  Response r;
  r.file = path;
  const std::string ext = fs::path(path).extension().string();
  r.content_type = ext == ".csv"
                       ? "text/csv; charset=utf-8"
                       : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.attachment = "问题行_批次" + std::to_string(*id) + ext;
  return r;
}

}  // namespace

void add_import_routes(std::vector<Route>& r) {
  r.push_back({"POST", "/api/imports", import_list, true, 0});  // Options::max_upload
  r.push_back({"GET", "/api/imports", imports});
  r.push_back({"GET", "/api/imports/{batch}/errors", import_errors});
}

}  // namespace baoxue::api
