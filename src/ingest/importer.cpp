#include "ingest/importer.h"

#include <sodium.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "core/area_codes.h"
#include "core/code_tables.h"
#include "core/id_number.h"
#include "core/region_tree.h"
#include "core/student_no.h"
#include "ingest/fields.h"
#include "ingest/header.h"
#include "ingest/list_reader.h"
#include "ingest/phase_timer.h"
#include "ingest/reader_util.h"
#include "ingest/row_checker.h"
#include "ingest/row_reader.h"
#include "ingest/table_writer.h"
#include "store/county_repository.h"
#include "store/enrolment_history.h"
#include "store/import_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"
#include "text/name.h"

namespace baoxue::ingest {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Rows of a batch checked for name conflicts per query (what one query's answer may hold).
constexpr long long kConflictSlice = 50000;

Result<std::string> sha256_file(const std::string& path, long long* size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("file_not_found", "找不到文件 " + path + "：请检查路径");
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  std::vector<char> buf(1 << 16);
  *size = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    const auto n = in.gcount();
    if (n <= 0) break;
    crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()),
                              static_cast<unsigned long long>(n));
    *size += n;
  }
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&st, out);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex);
}

// The county to import into: named, or the only one; a named county that is not yet in the
// database is created when its code is a known county.
Result<std::string> resolve_county(store::Database& db, const std::string& wanted) {
  if (!wanted.empty()) {
    auto exists = store::county_exists(db, wanted);
    if (!exists) return exists.error();
    if (exists.value()) return wanted;
    auto area = core::find_area(wanted);
    if (!area || !area->current) {
      return make_error(
          "county_unknown",
          "县区代码 " + wanted + " 不是现行的县级行政区划代码：请用 6 位代码，如 410308");
    }
    Status st = db.transaction([&]() -> Status {
      if (Status c =
              store::create_county(db, {wanted, area->county, area->prefecture, area->province});
          !c)
        return c;
      // The real township/village tree, where Baoxue ships it (data/regions/).
      std::vector<store::Region> tree;
      for (const auto& r : core::shipped_region_tree(wanted))
        tree.push_back({r.code, r.level, r.name, r.parent_code});
      return tree.empty() ? Status{} : store::insert_regions(db, wanted, tree);
    });
    if (!st) return st.error();
    return wanted;
  }
  auto counties = store::list_counties(db);
  if (!counties) return counties.error();
  if (counties->size() == 1) return counties->front().code;
  return make_error("county_required",
                    counties->empty()
                        ? "数据库中还没有县区：请用 --county 指定县区代码（如 410308）"
                        : "数据库中有多个县区：请用 --county 指定");
}

struct ListSpec {
  std::string group_code, name;
};

Result<ListSpec> resolve_list(store::Database& db, const std::string& county,
                              const ImportOptions& o) {
  static const std::map<std::string, std::string> kNames = {{"xueji", "学籍名单"},
                                                            {"hukou", "户籍名单"},
                                                            {"village", "村（居）委会登记名单"},
                                                            {"school", "学校名单"},
                                                            {"present", "在校学生名单"}};
  if (o.kind != "group") {
    if (!o.group.empty())
      return make_error("group_not_allowed", "只有 group（重点群体名单）需要 --group");
    return ListSpec{"", kNames.at(o.kind)};
  }
  auto groups = store::load_codes(db, county, "key_group");
  if (!groups) return groups.error();
  std::string known;
  for (const core::Code& g : groups.value()) {
    if (o.group == g.code || o.group == g.label_zh ||
        (!g.label_zh.empty() && o.group + "户" == g.label_zh) || o.group + "儿童" == g.label_zh)
      return ListSpec{g.code, g.label_zh + "名单"};
    known += (known.empty() ? "" : "、") + g.label_zh;
  }
  return make_error("group_unknown",
                    (o.group.empty() ? std::string("导入重点群体名单需要 --group")
                                     : "重点群体“" + o.group + "”不在本县代码表中") +
                        "：可选 " + known);
}

// What the clerk reads in 问题说明: the errors that kept the row out, then the warnings, which
// often say what exactly is wrong (an ID number's expected check character).
std::string problems_text(const std::string& problems_json) {
  std::string s;
  const json problems = json::parse(problems_json, nullptr, false);
  for (const char* severity : {"error", "warning"}) {
    for (const auto& p : problems) {
      if (!p.is_object() || p.value("severity", "") != severity) continue;
      const std::string column = p.value("column", "");
      s += (s.empty() ? "" : "；") + (column.empty() ? "" : column + "：") + p.value("message", "");
    }
  }
  return s;
}

// The column a clerk reads why a row was refused. A workbook that already has one (an error
// workbook fixed and imported again) gets it rewritten, not a second one beside it.
constexpr const char* kProblemsColumn = "问题说明";

Status write_error_workbook(store::Database& db, const std::string& county, long long batch,
                            const Header& h, const std::string& path) {
  std::vector<std::string> header = h.cells;
  std::size_t problems_at = header.size();
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == kProblemsColumn) problems_at = i;
  if (problems_at == header.size()) header.push_back(kProblemsColumn);
  auto format = table_format_for(path, "utf-8-bom");
  if (!format) return format.error();
  auto writer = TableWriter::open(path, *format, "问题行",
                                  "以下各行未导入：请按“问题说明”修改后，直接导入本文件", header);
  if (!writer) return writer.error();
  Status st = store::for_each_batch_row(db, county, batch, true, [&](const store::SourceRow& r) {
    std::vector<std::string> cells;
    for (const auto& c : json::parse(r.raw, nullptr, false))
      cells.push_back(c.is_string() ? c.get<std::string>() : "");
    cells.resize(header.size());
    cells[problems_at] = problems_text(r.problems);
    return writer.value()->add_row(cells);
  });
  if (!st) return st;
  return writer.value()->close();
}

void copy_counts(const store::Batch& b, ImportResult& r) {
  r.batch = b.id;
  r.rows = b.rows;
  r.accepted = b.accepted;
  r.rejected = b.rejected;
  r.warnings = b.warnings;
  r.inserted = b.inserted;
  r.updated = b.updated;
  r.unchanged = b.unchanged;
}

// Beside the input: an xlsx, or a CSV (UTF-8 with BOM, which Excel opens) when the rejected
// rows would not fit in one sheet (1,048,576 rows with the title and header).
std::string default_report_path(const std::string& input, long long batch, long rejected) {
  const fs::path p(input);
  const char* ext = rejected + 2 >= 1048576 ? ".csv" : ".xlsx";
  return (p.parent_path() / (p.stem().string() + "_问题行_批次" + std::to_string(batch) + ext))
      .string();
}

// What school-list rows are checked against: the county's townships, by full name and by the
// name without 街道/镇/乡 (lists write both), and its school types.
Result<SchoolContext> load_school_context(store::Database& db, const std::string& county) {
  SchoolContext context;
  auto regions = store::list_regions(db, county);
  if (!regions) return regions.error();
  for (const auto& r : regions.value()) {
    if (r.level != "township") continue;
    context.township_by_name[r.name] = r.code;
    for (const std::string suffix : {"街道", "镇", "乡"}) {
      if (r.name.size() > suffix.size() &&
          r.name.compare(r.name.size() - suffix.size(), suffix.size(), suffix) == 0)
        context.township_by_name.emplace(r.name.substr(0, r.name.size() - suffix.size()), r.code);
    }
  }
  auto types = store::load_codes(db, county, "school_type");
  if (!types) return types.error();
  context.school_types = types.value();
  return context;
}

}  // namespace

bool is_unreadable_file_error(const Error& e) {
  // The limits' codes (read_limits.h): the file is refused as it is.
  static const std::set<std::string> kLimits = {"cell_too_long",
                                                "row_too_long",
                                                "too_many_columns",
                                                "too_many_rows",
                                                "too_many_cells",
                                                "line_too_long",
                                                "too_many_zip_entries",
                                                "too_many_shared_strings",
                                                "shared_strings_too_large",
                                                "too_many_merged_ranges",
                                                "too_many_schools"};
  return e.code.rfind("file_", 0) == 0 || e.code == "sheet_not_found" ||
         e.code == "encoding_unknown" || e.code == "no_header" || e.code == "missing_columns" ||
         kLimits.count(e.code) > 0;
}

Result<ImportResult> import_file(store::Database& db, const std::string& path,
                                 const ImportOptions& o) {
  if (std::find(kImportKinds.begin(), kImportKinds.end(), o.kind) == kImportKinds.end())
    return make_error("kind_unknown", "名单类型“" + o.kind +
                                          "”不认识：可选 "
                                          "xueji（学籍）、hukou（户籍）、village（村委会）、group（"
                                          "重点群体）、school（学校）、present（在校）");
  if (sodium_init() < 0) return make_error("crypto_init", "libsodium 初始化失败");

  long long size = 0;
  auto sha = sha256_file(path, &size);
  if (!sha) return sha.error();

  ImportResult result;
  result.kind = o.kind;
  result.file = path;
  std::string county;
  std::unique_ptr<ListReader> list;
  store::Batch batch;
  core::Progress quiet;
  core::Progress& progress = o.progress ? *o.progress : quiet;
  PhaseTimer timer;
  // One transaction from the first write to the last: a file that fails — a limit hit at row
  // 400,000, a database error — leaves nothing behind, not even the list or county it would have
  // created.
  Status st = db.transaction([&]() -> Status {
    auto resolved = resolve_county(db, o.county);
    if (!resolved) return resolved.error();
    county = resolved.value();
    auto spec = resolve_list(db, county, o);
    if (!spec) return spec.error();
    auto list_id = store::ensure_source_list(db, county, o.kind, spec->group_code, spec->name);
    if (!list_id) return list_id.error();
    result.list_name = spec->name;

    auto settings = store::load_settings(db, county);
    if (!settings) return settings.error();
    const Date today = settings->county_today();
    const Date list_date = o.list_date.value_or(today);
    if (list_date > today)
      return make_error("list_date_future",
                        "名单日期 " + list_date.iso() + " 晚于今天（" + today.iso() +
                            "）：名单日期是名单所反映的日期（截至日期），请核对 --list-date");
    if (o.kind == "xueji") {
      // The registry's history is built forward: a list older than the newest one would rewrite
      // what later lists already said.
      auto latest = store::latest_list_date(db, county, list_id.value());
      if (!latest) return latest.error();
      if (!latest->empty() && list_date.iso() < latest.value())
        return make_error(
            "list_date_out_of_order",
            "学籍名单日期 " + list_date.iso() + " 早于已导入的最新学籍名单（" + latest.value() +
                "）：学籍名单须按日期先后导入；请核对 --list-date，或先导入较早的名单");
    }

    auto earlier = store::find_batch_by_hash(db, county, list_id.value(), sha.value(), o.sheet);
    if (!earlier) return earlier.error();
    if (earlier->has_value()) {
      copy_counts(**earlier, result);
      result.already_imported = true;
      result.imported_at = (*earlier)->imported_at;
      result.list_date = (*earlier)->list_date;
      result.format = (*earlier)->format;
      result.header_row = (*earlier)->header_row;
      return {};
    }

    auto opened = ListReader::open(path, o.kind, {o.sheet, o.encoding, o.limits});
    if (!opened) return opened.error();
    list = std::move(opened.value());
    ListReader& lr = *list;
    const Header* header = &lr.header();
    result.format = lr.description();
    result.header_row = header->row_number;
    for (size_t i = 0; i < header->cells.size(); ++i)
      result.columns.push_back({header->cells[i], header->fields[i] == Field::kExtra
                                                      ? ""
                                                      : field_label(header->fields[i])});

    batch.list_id = list_id.value();
    batch.file_name = fs::path(path).filename().string();
    batch.file_sha256 = sha.value();
    batch.file_size = size;
    batch.format = lr.description();
    batch.encoding = lr.encoding();
    batch.sheet = o.sheet;
    batch.header_row = header->row_number;
    batch.header = json(header->cells).dump(-1, ' ', false, json::error_handler_t::replace);
    json fields = json::array();
    for (Field f : header->fields) fields.push_back(field_key(f));
    batch.column_fields = fields.dump();
    batch.imported_by = o.user;
    batch.list_date = list_date.iso();
    result.list_date = batch.list_date;

    SchoolContext school_context;
    if (o.kind == "school") {
      auto context = load_school_context(db, county);
      if (!context) return context.error();
      school_context = std::move(context.value());
    }
    // Accepted rows of a school list, each school id once (the first row stands, as for the
    // rows): a county has a few hundred schools, so a list of more than max_schools is refused,
    // not held.
    std::vector<store::School> schools;
    std::set<std::string> school_ids;

    if (Status s = store::insert_batch(db, county, batch); !s) return s;
    store::SourceRowWriter writer(db, county, batch.id);
    RowChecker checker(o.kind, *header, today, &school_context);
    SheetRow r;
    if (!progress.phase("read_rows")) return core::cancelled_error();
    while (lr.next(r)) {
      if (!progress.advance()) return core::cancelled_error();
      store::SourceRow sr = checker.check(r, batch.id);
      if (o.kind == "school" && sr.accepted) {
        store::School school = checker.school_of(sr.fields);
        if (school_ids.insert(school.id).second) {
          if (schools.size() >= o.max_schools)
            return make_error("too_many_schools",
                              quoted_file_name(path) + "中的学校超过上限 " +
                                  format_count(o.max_schools) +
                                  " 所（一个县只有几百所学校）：请确认导入的是本县的学校名单");
          schools.push_back(std::move(school));
        }
      }
      ++batch.rows;
      (sr.accepted ? batch.accepted : batch.rejected)++;
      if (Status s = writer.add(sr); !s) return s;
    }
    if (Status s = lr.status(); !s) return s;
    batch.warnings = checker.rows_with_warnings();
    timer.mark("load");
    if (!progress.phase("merge", batch.rows)) return core::cancelled_error();

    // The same child twice in one file: the first row stands, later ones are returned.
    auto dups = store::duplicates_in_batch(db, county, batch.id);
    if (!dups) return dups.error();
    for (const auto& d : dups.value()) {
      json p = json::array({{{"severity", "error"},
                             {"code", "duplicate_in_file"},
                             {"column", ""},
                             {"value", ""},
                             {"message", "与第 " + std::to_string(d.first_row_number) +
                                             " 行是同一人（身份证号、学籍号或姓名加出生日期相同）："
                                             "请删除重复行，或核对后改正"}}});
      if (Status s = store::set_row_outcome(db, county, d.row_id, false, p.dump()); !s) return s;
      --batch.accepted;
      ++batch.rejected;
    }
    // Against the list already in the database: the same ID number under another name. Asked
    // for a slice of the batch's rows at a time, so that a list whose every name changed is not
    // held in memory at once.
    for (long long lo = writer.first_id(); lo != 0 && lo <= writer.last_id();
         lo += kConflictSlice) {
      const long long hi = std::min(writer.last_id(), lo + kConflictSlice - 1);
      auto conflicts = store::name_conflicts(db, county, batch.list_id, batch.id, lo, hi);
      if (!conflicts) return conflicts.error();
      for (const auto& k : conflicts.value()) {
        json problems = json::parse(k.problems, nullptr, false);
        if (!problems.is_array()) problems = json::array();
        if (problems.empty()) ++batch.warnings;  // the row had no warning before
        problems.push_back(
            {{"severity", "warning"},
             {"code", "id_number_other_name"},
             {"column", header->cells[std::max(0, header->column_of(Field::kName))]},
             {"value", k.name},
             {"message", "该身份证号在名单中已登记为“" + k.earlier_name + "”（批次 " +
                             std::to_string(k.earlier_batch_id) + " 第 " +
                             std::to_string(k.earlier_row_number) +
                             " 行），与本行姓名不同：请核对身份证号是否录错，或是否改过名"}});
        if (Status s = store::set_row_outcome(
                db, county, k.row_id, true,
                problems.dump(-1, ' ', false, json::error_handler_t::replace));
            !s)
          return s;
      }
    }
    timer.mark("duplicates");
    auto merged = store::merge_batch(db, county, batch.list_id, batch.id, writer.first_id(),
                                     writer.last_id());
    timer.mark("merge");
    if (!merged) return merged.error();
    progress.advance(batch.rows);  // the merge is a few set-wise statements: done at once
    if (!progress.tell()) return core::cancelled_error();
    batch.inserted = merged->inserted;
    batch.updated = merged->updated;
    batch.unchanged = merged->unchanged;
    if (o.whole) {
      auto retired = store::retire_absent_records(db, county, batch.list_id, batch.id);
      if (!retired) return retired.error();
      result.retired = retired.value();
    }
    if (o.kind == "xueji")
      if (Status sp = store::record_spells(db, county, batch.list_id, batch.id, batch.list_date);
          !sp)
        return sp;
    // A school list also maintains the county's schools.
    for (const store::School& s : schools)
      if (Status u = store::upsert_school(db, county, s); !u) return u;
    return store::finish_batch(db, county, batch);
  });
  timer.mark("commit");
  if (!st) return st.error();
  if (result.already_imported) return result;

  copy_counts(batch, result);
  if (batch.rejected > 0) {
    result.report =
        o.report.empty() ? default_report_path(path, batch.id, batch.rejected) : o.report;
    if (Status s = write_error_workbook(db, county, batch.id, list->header(), result.report); !s) {
      // The batch is committed; a report that cannot be written is said, not hidden.
      return make_error(s.error().code, "批次 " + std::to_string(batch.id) +
                                            " 已导入，但问题行文件写入失败：" + s.error().message);
    }
  }
  return result;
}

}  // namespace baoxue::ingest
