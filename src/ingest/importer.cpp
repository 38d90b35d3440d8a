#include "ingest/importer.h"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
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
#include "ingest/row_reader.h"
#include "ingest/table_writer.h"
#include "store/county_repository.h"
#include "store/import_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"
#include "text/name.h"

namespace baoxue::ingest {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// BAOXUE_TRACE_IMPORT=1 prints how long each phase took (for tuning; off by default).
class PhaseTimer {
 public:
  PhaseTimer()
      : on_(std::getenv("BAOXUE_TRACE_IMPORT") != nullptr), t_(std::chrono::steady_clock::now()) {}
  void mark(const char* phase) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "import phase %-12s %8.3f s\n", phase,
                 std::chrono::duration<double>(now - t_).count());
    t_ = now;
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point t_;
};

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

// Columns each kind needs; an alternative is written a|b.
struct Need {
  std::vector<std::vector<Field>> any_of;
};
Need needs(const std::string& kind) {
  using F = Field;
  if (kind == "xueji")
    return {
        {{F::kName}, {F::kIdNumber, F::kStudentNo}, {F::kSchoolCode, F::kSchoolName}, {F::kGrade}}};
  if (kind == "present")
    return {{{F::kName}, {F::kIdNumber, F::kStudentNo}, {F::kSchoolCode, F::kSchoolName}}};
  if (kind == "school") return {{{F::kSchoolCode}, {F::kSchoolName}}};
  return {{{F::kName}, {F::kIdNumber, F::kBirthDate}}};  // hukou, village, group
}

std::string labels(const std::vector<Field>& alternatives) {
  std::string s;
  for (Field f : alternatives) s += (s.empty() ? "" : "或") + std::string(field_label(f));
  return s;
}

// Checks one data row and turns it into a source row.
// What a school list row is checked against: the county's townships and school types.
struct SchoolContext {
  std::map<std::string, std::string> township_by_name;  // 会盟镇 and 会盟 → code
  std::vector<core::Code> school_types;
};

class RowChecker {
 public:
  RowChecker(const std::string& kind, const Header& h, const Date& today,
             const SchoolContext* schools = nullptr)
      : kind_(kind), h_(h), today_(today), schools_(schools) {}

  store::SourceRow check(const SheetRow& in, long long batch_id) {
    store::SourceRow row;
    row.row_number = in.number;
    json raw = json::array();
    for (size_t i = 0; i < std::max(in.cells.size(), h_.cells.size()); ++i)
      raw.push_back(i < in.cells.size() ? in.cells[i] : "");
    row.raw = raw.dump(-1, ' ', false, json::error_handler_t::replace);
    problems_ = json::array();
    errors_ = 0;
    store::RecordFields& f = row.fields;

    f.name = text::normalize_name(cell(in, Field::kName));
    f.name_key = text::name_key(f.name);
    f.pinyin_key = text::pinyin_key(f.name);
    if (kind_ != "school" && f.name.empty())
      error(Field::kName, "", "name_missing", "姓名为空：请补填姓名");

    // A G 学籍号 carries the ID number: read it first, so it can stand in for an ID column that
    // Excel has mangled.
    const std::string no_text = cell(in, Field::kStudentNo);
    auto no = no_text.empty() ? Result<core::StudentNo>(make_error("", ""))
                              : core::parse_student_no(no_text);
    const std::string linked_id = no ? no->id_number : std::string();

    const std::string id_text = cell(in, Field::kIdNumber);
    core::IdNumber id = core::parse_id_number(id_text.empty() ? linked_id : id_text, today_);
    if (!id_text.empty()) {
      const bool lost_digits =
          std::any_of(id.errors.begin(), id.errors.end(),
                      [](const core::Finding& e) { return e.code == "id_excel_number"; });
      if (lost_digits && !linked_id.empty()) {
        warning(Field::kIdNumber, id_text, "id_excel_number_recovered",
                "身份证号被 Excel 存成了数字（" + id_text + "），已从学籍号取得完整号码 " +
                    linked_id + "：请把该列设为“文本”格式并改正");
        id = core::parse_id_number(linked_id, today_);
      } else {
        for (const auto& e : id.errors) {
          // Digits lost to Excel cannot identify anyone; other faults keep the row (with a
          // warning) because the child it names is real and matching can still find him.
          if (e.code == "id_excel_number")
            error(Field::kIdNumber, id_text, e.code, e.message);
          else
            warning(Field::kIdNumber, id_text, e.code, e.message);
        }
        for (const auto& w : id.warnings) warning(Field::kIdNumber, id_text, w.code, w.message);
      }
    }
    if (!id_text.empty() || !linked_id.empty()) {
      f.id_number = id.normalized;
      f.id_valid = id.valid;
    }
    std::optional<Date> id_birth;
    std::optional<core::Sex> id_sex;
    if (id.valid) {
      id_birth = id.birth_date;
      id_sex = id.sex;
    }

    const std::string birth_text = cell(in, Field::kBirthDate);
    if (!birth_text.empty()) {
      auto d = parse_date_text(birth_text);
      if (!d) {
        warning(Field::kBirthDate, birth_text, "birth_date_unreadable",
                "出生日期“" + birth_text + "”无法识别：请写成 2015-03-02 这样的格式");
      } else if (id_birth && *d != *id_birth) {
        warning(Field::kBirthDate, birth_text, "birth_date_mismatch",
                "出生日期 " + d->iso() + " 与身份证号中的 " + id_birth->iso() + " 不一致：请核对");
      }
      if (d) f.birth_date = d->iso();
    }
    if (id_birth) f.birth_date = id_birth->iso();  // a valid ID number is the better source

    const std::string sex_text = cell(in, Field::kSex);
    if (!sex_text.empty()) {
      auto s = parse_sex(sex_text);
      if (!s)
        warning(Field::kSex, sex_text, "sex_unreadable",
                "性别“" + sex_text + "”无法识别：请填写男或女");
      else if (id_sex && *s != core::sex_label(*id_sex))
        warning(Field::kSex, sex_text, "sex_mismatch",
                "性别“" + *s + "”与身份证号（" + core::sex_label(*id_sex) + "）不一致：请核对");
      if (s) f.sex = *s;
    }
    if (id_sex) f.sex = core::sex_label(*id_sex);

    if (!no_text.empty()) {
      if (!no) {
        warning(Field::kStudentNo, no_text, no.error().code, no.error().message);
        f.student_no = trim(no_text);
      } else {
        f.student_no = no->normalized;
        if (!linked_id.empty() && f.id_valid && linked_id != f.id_number)
          warning(Field::kStudentNo, no_text, "student_no_id_mismatch",
                  "学籍号中的身份证号与身份证件号不一致：请核对");
      }
    }

    f.ethnicity = cell(in, Field::kEthnicity);
    f.school_code = cell(in, Field::kSchoolCode);
    f.school_name = cell(in, Field::kSchoolName);
    const std::string grade_text = cell(in, Field::kGrade);
    if (!grade_text.empty()) {
      if (auto g = parse_grade(grade_text))
        f.grade = *g;
      else
        (this->*(kind_ == "xueji" ? &RowChecker::error : &RowChecker::warning))(
            Field::kGrade, grade_text, "grade_unreadable",
            "年级“" + grade_text + "”无法识别：请写成“三年级”“七年级”或“初一”");
    } else if (kind_ == "xueji") {
      error(Field::kGrade, "", "grade_missing", "年级为空：请补填年级");
    }
    const std::string class_text = cell(in, Field::kClassName);
    if (!class_text.empty()) {
      if (auto c = parse_class_number(class_text))
        f.class_number = *c;
      else
        warning(Field::kClassName, class_text, "class_unreadable",
                "班级“" + class_text + "”无法识别：请写成“(1)班”或“1班”");
    }
    if ((kind_ == "xueji" || kind_ == "present") && f.school_code.empty() && f.school_name.empty())
      error(Field::kSchoolName, "", "school_missing", "学校标识码和学校名称都为空：请至少填写一项");
    f.enrollment_status = cell(in, Field::kEnrollmentStatus);
    f.address = cell(in, Field::kAddress);
    f.township = cell(in, Field::kTownship);
    f.village = cell(in, Field::kVillage);
    f.guardian_name = cell(in, Field::kGuardianName);
    f.guardian_phone = cell(in, Field::kGuardianPhone);
    f.disability_category = cell(in, Field::kDisabilityCategory);
    f.disability_grade = cell(in, Field::kDisabilityGrade);

    if (kind_ != "school" && !f.name.empty() && !f.id_valid && f.birth_date.empty() &&
        f.student_no.empty()) {
      error(
          Field::kIdNumber, id_text, "identity_missing",
          "无法确定是哪个孩子：身份证号无效或为空，也没有出生日期：请补填正确的身份证号或出生日期");
    }

    if (kind_ == "school") {
      cell_type_ = cell(in, Field::kSchoolType);
      check_school(f);
    }

    // The key that says "same child" within this list across batches.
    if (kind_ == "school")
      row.record_key = "school:" + f.school_code;
    else if (f.id_valid)
      row.record_key = "id:" + f.id_number;
    else if (!f.student_no.empty())
      row.record_key = "sn:" + f.student_no;
    else if (!f.name_key.empty() && !f.birth_date.empty())
      row.record_key = "nb:" + f.name_key + "|" + f.birth_date;
    else
      row.record_key = "row:" + std::to_string(batch_id) + ":" + std::to_string(in.number);

    row.accepted = errors_ == 0;
    row.problems = problems_.dump(-1, ' ', false, json::error_handler_t::replace);
    if (row.accepted && problems_.size() > errors_) ++warnings_;  // counted per row
    return row;
  }

  long rows_with_warnings() const { return warnings_; }

  // The school a school-list row describes; valid only for accepted rows.
  store::School school_of(const store::RecordFields& f) const {
    store::School s;
    s.id = f.school_code;
    s.name = f.school_name;
    s.type = school_type_;
    s.township_code = township_code_;
    return s;
  }

 private:
  void check_school(store::RecordFields& f) {
    school_type_.clear();
    township_code_.clear();
    if (f.school_code.empty() || f.school_code.find_first_not_of("0123456789") != std::string::npos)
      error(Field::kSchoolCode, f.school_code, "school_code_invalid",
            "学校标识码应为数字（全国中小学校标识码，10 位）：请核对");
    if (f.school_name.empty())
      error(Field::kSchoolName, "", "school_name_missing", "学校名称为空：请补填");
    const std::string type = cell_type_;
    for (const core::Code& t : schools_->school_types) {
      if (type == t.label_zh || type == t.code || (type == "初中" && t.code == "junior") ||
          (type == "九年一贯制" && t.code == "nine_year") ||
          (type.find("特") != std::string::npos && t.code == "special"))
        school_type_ = t.code;
    }
    if (school_type_.empty()) {
      error(Field::kSchoolType, type, "school_type_unknown",
            "办学类型“" + type +
                "”不认识：请填写小学、初级中学、九年一贯制学校、特殊教育学校或教学点");
    }
    auto it = schools_->township_by_name.find(f.township);
    if (it == schools_->township_by_name.end()) {
      error(Field::kTownship, f.township, "township_unknown",
            "乡镇（街道）“" + f.township + "”不在本县区划中：请按本县乡镇名称填写，如“会盟镇”");
    } else {
      township_code_ = it->second;
    }
  }

  std::string cell(const SheetRow& in, Field f) const {
    const int c = h_.column_of(f);
    return c >= 0 && static_cast<size_t>(c) < in.cells.size() ? trim(in.cells[c]) : std::string();
  }
  std::string column_name(Field f) const {
    const int c = h_.column_of(f);
    return c >= 0 ? h_.cells[c] : field_label(f);
  }
  void add(const char* severity, Field f, const std::string& value, const std::string& code,
           const std::string& message) {
    problems_.push_back({{"severity", severity},
                         {"code", code},
                         {"column", column_name(f)},
                         {"value", value},
                         {"message", message}});
  }
  void error(Field f, const std::string& v, const std::string& code, const std::string& m) {
    add("error", f, v, code, m);
    ++errors_;
  }
  void warning(Field f, const std::string& v, const std::string& code, const std::string& m) {
    add("warning", f, v, code, m);
  }

  std::string kind_;
  const Header& h_;
  Date today_;
  json problems_;
  size_t errors_ = 0;
  long warnings_ = 0;
  const SchoolContext* schools_;
  std::string school_type_, township_code_, cell_type_;
};

bool is_blank(const SheetRow& r) {
  for (const auto& c : r.cells)
    if (!trim(c).empty()) return false;
  return true;
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

Status write_error_workbook(store::Database& db, const std::string& county, long long batch,
                            const Header& h, const std::string& path) {
  std::vector<std::string> header = h.cells;
  header.push_back("问题说明");
  auto writer = TableWriter::open(path, TableFormat::kXlsx, "问题行",
                                  "以下各行未导入：请按“问题说明”修改后，直接导入本文件", header);
  if (!writer) return writer.error();
  Status st = store::for_each_batch_row(db, county, batch, true, [&](const store::SourceRow& r) {
    std::vector<std::string> cells;
    for (const auto& c : json::parse(r.raw, nullptr, false))
      cells.push_back(c.is_string() ? c.get<std::string>() : "");
    cells.resize(h.cells.size());
    cells.push_back(problems_text(r.problems));
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

std::string default_report_path(const std::string& input, long long batch) {
  const fs::path p(input);
  return (p.parent_path() / (p.stem().string() + "_问题行_批次" + std::to_string(batch) + ".xlsx"))
      .string();
}

}  // namespace

bool is_unreadable_file_error(const Error& e) {
  return e.code.rfind("file_", 0) == 0 || e.code == "sheet_not_found" ||
         e.code == "encoding_unknown" || e.code == "no_header" || e.code == "missing_columns";
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
  auto county = resolve_county(db, o.county);
  if (!county) return county.error();
  auto spec = resolve_list(db, county.value(), o);
  if (!spec) return spec.error();
  auto list_id =
      store::ensure_source_list(db, county.value(), o.kind, spec->group_code, spec->name);
  if (!list_id) return list_id.error();

  ImportResult result;
  result.kind = o.kind;
  result.list_name = spec->name;
  result.file = path;
  auto earlier =
      store::find_batch_by_hash(db, county.value(), list_id.value(), sha.value(), o.sheet);
  if (!earlier) return earlier.error();
  if (earlier->has_value()) {
    copy_counts(**earlier, result);
    result.already_imported = true;
    result.imported_at = (*earlier)->imported_at;
    result.format = (*earlier)->format;
    result.header_row = (*earlier)->header_row;
    return result;
  }

  auto reader = open_table(path, {o.sheet, o.encoding});
  if (!reader) return reader.error();
  RowReader& rr = *reader.value();
  result.format = rr.description();

  // The header is among the first rows; rows above it are titles and notes.
  std::vector<SheetRow> top;
  SheetRow row;
  while (top.size() < static_cast<size_t>(kHeaderSearchRows) && rr.next(row)) top.push_back(row);
  if (Status st = rr.status(); !st) return st.error();
  auto header = find_header(top);
  if (!header) {
    return make_error(
        "no_header",
        "在文件 " + path + " 的前 " + std::to_string(kHeaderSearchRows) +
            " 行中没有找到表头（如“姓名”“身份证号”“出生日期”）：请确认表头行存在，且列名写法常见");
  }
  std::string missing;
  for (const auto& alternatives : needs(o.kind).any_of) {
    bool found = false;
    for (Field f : alternatives) found = found || header->column_of(f) >= 0;
    if (!found) missing += (missing.empty() ? "" : "、") + labels(alternatives);
  }
  if (!missing.empty()) {
    return make_error("missing_columns",
                      "文件 " + path + " 第 " + std::to_string(header->row_number) +
                          " 行的表头缺少必需的列：" + missing +
                          "。请补上这些列（列名可用常见写法，如“身份证件号”“公民身份号码”）");
  }
  result.header_row = header->row_number;
  for (size_t i = 0; i < header->cells.size(); ++i)
    result.columns.push_back({header->cells[i], header->fields[i] == Field::kExtra
                                                    ? ""
                                                    : field_label(header->fields[i])});

  store::Batch batch;
  batch.list_id = list_id.value();
  batch.file_name = fs::path(path).filename().string();
  batch.file_sha256 = sha.value();
  batch.file_size = size;
  batch.format = rr.description();
  batch.encoding = rr.encoding();
  batch.sheet = o.sheet;
  batch.header_row = header->row_number;
  batch.header = json(header->cells).dump(-1, ' ', false, json::error_handler_t::replace);
  json fields = json::array();
  for (Field f : header->fields) fields.push_back(field_key(f));
  batch.column_fields = fields.dump();
  batch.imported_by = o.user;

  auto settings = store::load_settings(db, county.value());
  if (!settings) return settings.error();
  const Date today = Date::today(settings->get_int("county.utc_offset_hours"));

  SchoolContext school_context;
  if (o.kind == "school") {
    auto regions = store::list_regions(db, county.value());
    if (!regions) return regions.error();
    for (const auto& r : regions.value()) {
      if (r.level != "township") continue;
      school_context.township_by_name[r.name] = r.code;
      for (const char* suffix : {"街道", "镇", "乡"}) {
        const std::string sfx = suffix;
        if (r.name.size() > sfx.size() &&
            r.name.compare(r.name.size() - sfx.size(), sfx.size(), sfx) == 0)
          school_context.township_by_name.emplace(r.name.substr(0, r.name.size() - sfx.size()),
                                                  r.code);
      }
    }
    auto types = store::load_codes(db, county.value(), "school_type");
    if (!types) return types.error();
    school_context.school_types = types.value();
  }
  std::vector<store::School> schools;  // accepted rows of a school list (a few hundred at most)

  PhaseTimer timer;
  Status st = db.transaction([&]() -> Status {
    if (Status s = store::insert_batch(db, county.value(), batch); !s) return s;
    store::SourceRowWriter writer(db, county.value(), batch.id);
    RowChecker checker(o.kind, *header, today, &school_context);
    auto take = [&](const SheetRow& r) -> Status {
      if (r.number <= header->row_number || is_blank(r)) return {};
      store::SourceRow sr = checker.check(r, batch.id);
      if (o.kind == "school" && sr.accepted) schools.push_back(checker.school_of(sr.fields));
      ++batch.rows;
      (sr.accepted ? batch.accepted : batch.rejected)++;
      return writer.add(sr);
    };
    for (const SheetRow& r : top)
      if (Status s = take(r); !s) return s;
    while (rr.next(row))
      if (Status s = take(row); !s) return s;
    if (Status s = rr.status(); !s) return s;
    batch.warnings = checker.rows_with_warnings();
    timer.mark("load");

    // The same child twice in one file: the first row stands, later ones are returned.
    auto dups = store::duplicates_in_batch(db, county.value(), batch.id);
    if (!dups) return dups.error();
    for (const auto& d : dups.value()) {
      json p = json::array({{{"severity", "error"},
                             {"code", "duplicate_in_file"},
                             {"column", ""},
                             {"value", ""},
                             {"message", "与第 " + std::to_string(d.first_row_number) +
                                             " 行是同一人（身份证号、学籍号或姓名加出生日期相同）："
                                             "请删除重复行，或核对后改正"}}});
      if (Status s = store::set_row_outcome(db, county.value(), d.row_id, false, p.dump()); !s)
        return s;
      --batch.accepted;
      ++batch.rejected;
    }
    // Against the list already in the database: the same ID number under another name.
    auto conflicts = store::name_conflicts(db, county.value(), batch.list_id, batch.id,
                                           writer.first_id(), writer.last_id());
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
      if (Status s =
              store::set_row_outcome(db, county.value(), k.row_id, true,
                                     problems.dump(-1, ' ', false, json::error_handler_t::replace));
          !s)
        return s;
    }
    timer.mark("duplicates");
    auto merged = store::merge_batch(db, county.value(), batch.list_id, batch.id, writer.first_id(),
                                     writer.last_id());
    timer.mark("merge");
    if (!merged) return merged.error();
    batch.inserted = merged->inserted;
    batch.updated = merged->updated;
    batch.unchanged = merged->unchanged;
    // A school list also maintains the county's schools (a duplicate row was rejected above and
    // is skipped here by taking each school id once).
    std::set<std::string> seen;
    for (const store::School& s : schools) {
      if (!seen.insert(s.id).second) continue;
      if (Status u = store::upsert_school(db, county.value(), s); !u) return u;
    }
    return store::finish_batch(db, county.value(), batch);
  });
  timer.mark("commit");
  if (!st) return st.error();

  copy_counts(batch, result);
  if (batch.rejected > 0) {
    result.report = o.report.empty() ? default_report_path(path, batch.id) : o.report;
    if (Status s = write_error_workbook(db, county.value(), batch.id, *header, result.report); !s) {
      // The batch is committed; a report that cannot be written is said, not hidden.
      return make_error(s.error().code, "批次 " + std::to_string(batch.id) +
                                            " 已导入，但问题行文件写入失败：" + s.error().message);
    }
  }
  return result;
}

}  // namespace baoxue::ingest
