// Jobs (long work started from the browser: its progress and outcome) and exports (every row
// of a list's filter as an xlsx file, written by a job).
#include <filesystem>

#include "api/call.h"
#include "api/exports.h"
#include "auth/accounts.h"
#include "auth/password.h"
#include "core/labels.h"
#include "ingest/table_writer.h"
#include "store/job_repository.h"

namespace baoxue::api {

namespace fs = std::filesystem;

json job_json(const store::Job& j) {
  json out = {{"id", j.id},
              {"kind", j.kind},
              {"state", j.state},
              {"phase", j.phase},
              {"done", j.done},
              {"total", j.total < 0 ? json(nullptr) : json(j.total)},
              {"created_at", j.created_at},
              {"started_at", j.started_at},
              {"finished_at", j.finished_at},
              {"result", nullptr},
              {"error", nullptr}};
  if (!j.params.empty()) out["params"] = json::parse(j.params, nullptr, false);
  if (!j.result.empty()) out["result"] = json::parse(j.result, nullptr, false);
  if (j.state == "failed") out["error"] = {{"code", j.error_code}, {"message", j.error_message}};
  return out;
}

Result<Response> start_job(Call& c, const std::string& kind, const json& params, jobs::Lane lane,
                           jobs::Work work) {
  store::Job job;
  job.county = c.county();
  job.kind = kind;
  job.params = params.dump();
  job.user_id = c.user->id;
  job.username = c.user->username;
  // Whatever the work changed, views kept of the county are stale once it is done.
  work = [inner = std::move(work), views = c.options.views,
          county = c.county()](jobs::Context& ctx) -> Status {
    Status st = inner(ctx);
    if (views != nullptr) views->changed(county);
    return st;
  };
  if (c.options.jobs != nullptr) {
    auto started = c.options.jobs->submit(c.db, std::move(job), lane, std::move(work));
    if (!started) return started.error();
    return json_response({{"job", job_json(*started)}}, 202);
  }
  // No runner (the command line's and the plain specifications' way): the work runs here.
  if (Status st = store::insert_job(c.db, job); !st) return st.error();
  job.state = "running";
  job.started_at = store::now_utc();
  core::Progress progress([&](const std::string& phase, long long done, long long total) {
    job.phase = phase;
    job.done = done;
    job.total = total;
    return true;
  });
  jobs::Context context{c.db, progress, job};
  Status st = work(context);
  job.state = st ? "done" : "failed";
  if (!st) job.error_code = st.error().code, job.error_message = st.error().message;
  job.finished_at = store::now_utc();
  if (Status put = store::update_job(c.db, job); !put) return put.error();
  return json_response({{"job", job_json(job)}}, 202);
}

void remove_old_exports(store::Database& db) {
  auto old = store::jobs_with_files_before(
      db,
      store::now_utc(-std::chrono::duration_cast<std::chrono::seconds>(std::chrono::hours(24))));
  if (!old) return;
  for (store::Job j : old.value()) {
    std::error_code ec;
    fs::remove(j.file_path, ec);
    j.file_path.clear();
    (void)store::update_job(db, j);
  }
}

namespace {

// A job is its starter's: nobody else reads its progress, result or file.
Result<store::Job> own_job(Call& c) {
  auto id = c.id();
  if (!id) return id.error();
  Result<std::optional<store::Job>> found = c.options.jobs != nullptr
                                                ? c.options.jobs->find(c.db, c.county(), *id)
                                                : store::job_by_id(c.db, c.county(), *id);
  if (!found) return found.error();
  if (!found.value() || found.value()->user_id != c.user->id)
    return make_error("not_found", "没有这个任务");
  return *found.value();
}

Result<Response> job(Call& c) {
  auto j = own_job(c);
  if (!j) return j.error();
  return json_response({{"job", job_json(*j)}});
}

// The user's recent jobs, newest first: what the import page shows when a clerk comes back.
Result<Response> my_jobs(Call& c) {
  auto kind = c.query().choice("kind", core::label_codes("job_kind"), "", "job_kind");
  if (!kind) return kind.error();
  auto found = store::jobs_of_user(c.db, c.county(), c.user->id, 50);
  if (!found) return found.error();
  json rows = json::array();
  for (const store::Job& j : found.value()) {
    if (!kind->empty() && j.kind != *kind) continue;
    // A queued or running job's progress is the runner's.
    store::Job shown = j;
    if (c.options.jobs != nullptr && (j.state == "queued" || j.state == "running"))
      if (auto live = c.options.jobs->find(c.db, c.county(), j.id); live && live.value())
        shown = *live.value();
    rows.push_back(job_json(shown));
  }
  return json_response({{"rows", rows}, {"shown", "最近 50 个任务"}});
}

Result<Response> job_file(Call& c) {
  auto j = own_job(c);
  if (!j) return j.error();
  if (j->state != "done" || j->file_path.empty())
    return make_error("not_found", "该任务没有可下载的文件（未完成，或文件已过保留期）");
  std::error_code ec;
  if (!fs::exists(j->file_path, ec))
    return make_error("not_found", "文件已过保留期（24 小时），请重新导出或重新导入");
  // An import's file is its problem rows (an attendance import's, import_routes.cpp).
  if (Status st = c.audit(j->kind == "import" ? "export_import_errors" : "download_export", "job",
                          std::to_string(j->id), j->file_name);
      !st)
    return st.error();
  Response r;
  r.file = j->file_path;
  r.content_type = fs::path(j->file_path).extension() == ".csv"
                       ? "text/csv; charset=utf-8"
                       : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.attachment = j->file_name;
  return r;
}

const std::map<std::string, Exporter>& exporters() {
  static const std::map<std::string, Exporter> kExporters = {
      {"children", plan_children_export}, {"suspected", plan_suspected_export},
      {"dropouts", plan_dropouts_export}, {"audit", plan_audit_export},
      {"cases", plan_cases_export},       {"home_teaching", plan_home_teaching_export}};
  return kExporters;
}

Result<Response> start_export(Call& c) {
  auto body = c.body();
  if (!body) return body.error();
  auto list = body->string("list", true);
  if (!list) return list.error();
  auto it = exporters().find(*list);
  if (it == exporters().end()) {
    std::string names;
    for (const auto& [code, plan] : exporters())
      names +=
          (names.empty() ? "" : "、") + code + "（" + core::label_zh("export_list", code) + "）";
    return make_error("bad_request", "字段 list 应为 " + names);
  }
  auto params = body->strings("params");
  if (!params) return params.error();
  auto today = c.today();
  if (!today) return today.error();
  ExportRequest request{c.county(), c.scope, *params, *today};
  const Author author = c.author();
  auto plan = it->second(c.db, request);  // a bad filter is a 400 now, not a failed job later
  if (!plan) return plan.error();
  const std::string dir = c.options.data_dir + "/exports";
  const std::string name = list.value();
  json asked = {{"list", name}, {"params", *params}};
  return start_job(
      c, "export", asked, jobs::Lane::kReads,
      [plan = *plan, dir, request, author](jobs::Context& ctx) -> Status {
        remove_old_exports(ctx.db);
        std::error_code ec;
        fs::create_directories(dir, ec);
        const std::string path = dir + "/" + request.county + "-" + std::to_string(ctx.job.id) +
                                 "-" + auth::random_token().substr(0, 12) + ".xlsx";
        auto writer = ingest::TableWriter::open(path, ingest::TableFormat::kXlsx, plan.title,
                                                plan.title, plan.header);
        if (!writer) return writer.error();
        if (!ctx.progress.phase("write_rows")) return core::cancelled_error();
        Status wrote = plan.write(ctx.db, [&](const std::vector<std::string>& cells) -> Status {
          if (!ctx.progress.advance()) return core::cancelled_error();
          return writer.value()->add_row(cells);
        });
        if (wrote) wrote = writer.value()->close();
        if (!wrote) {
          writer.value().reset();
          fs::remove(path, ec);
          return wrote;
        }
        const long long rows = writer.value()->rows_written();
        ctx.progress.tell();
        // On file before the job says done: who exported what, how many rows.
        store::AuditEntry e = author.entry("export", plan.object_type, std::to_string(ctx.job.id),
                                           "导出" + plan.title + " " + count_text(rows) + " 条");
        if (Status st = store::append_audit(ctx.db, e); !st) {
          fs::remove(path, ec);
          return st;
        }
        ctx.job.file_path = path;
        ctx.job.file_name = plan.title + "_" + request.today.iso() + ".xlsx";
        ctx.job.result = json{{"rows", rows},
                              {"file_name", ctx.job.file_name},
                              {"file_url", "/api/jobs/" + std::to_string(ctx.job.id) + "/file"}}
                             .dump();
        return {};
      });
}

}  // namespace

void add_job_routes(std::vector<Route>& r) {
  r.push_back({"GET", "/api/jobs", my_jobs});
  r.push_back({"GET", "/api/jobs/{id}", job});
  r.push_back({"GET", "/api/jobs/{id}/file", job_file});
  r.push_back({"POST", "/api/exports", start_export, true, kJsonBody});
}

}  // namespace baoxue::api
