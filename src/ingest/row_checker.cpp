#include "ingest/row_checker.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "ingest/fields.h"
#include "ingest/identity.h"

namespace baoxue::ingest {
namespace {

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
  if (kind == "attendance")  // a roll-call file (attendance/import.h)
    return {
        {{F::kDay}, {F::kSession}, {F::kStudentNo, F::kIdNumber}, {F::kName}, {F::kAttendance}}};
  if (kind == "movement")  // a 学籍异动 file (movement/import.h)
    return {{{F::kMovementKind}, {F::kMovedOn}, {F::kStudentNo, F::kIdNumber}, {F::kName}}};
  return {{{F::kName}, {F::kIdNumber, F::kBirthDate}}};  // hukou, village, group
}

std::string labels(const std::vector<Field>& alternatives) {
  std::string s;
  for (Field f : alternatives) s += (s.empty() ? "" : "或") + std::string(field_label(f));
  return s;
}

// Checks one data row and turns it into a source row.
}  // namespace

using nlohmann::json;

class RowChecker::Impl {
 public:
  Impl(const std::string& kind, const Header& h, const Date& today, const SchoolContext* schools,
       bool keep_raw)
      : kind_(kind), h_(h), columns_(h), today_(today), schools_(schools), keep_raw_(keep_raw) {}

  store::SourceRow check(const SheetRow& in, long long batch_id) {
    store::SourceRow row;
    row.row_number = in.number;
    if (keep_raw_) {
      json raw = json::array();
      for (size_t i = 0; i < std::max(in.cells.size(), h_.cells.size()); ++i)
        raw.push_back(i < in.cells.size() ? in.cells[i] : "");
      row.raw = raw.dump(-1, ' ', false, json::error_handler_t::replace);
    }
    problems_ = json::array();
    errors_ = 0;
    store::RecordFields& f = row.fields;

    const IdentityCells cells{columns_.cell(in, Field::kName), columns_.cell(in, Field::kIdNumber),
                              columns_.cell(in, Field::kStudentNo),
                              columns_.cell(in, Field::kBirthDate), columns_.cell(in, Field::kSex)};
    Identity id;
    read_identity(cells, today_, kind_ != "school", id, &problem_sink_);
    f.name = std::move(id.name);
    f.name_key = std::move(id.name_key);
    f.pinyin_key = std::move(id.pinyin_key);
    f.id_number = std::move(id.id_number);
    f.id_valid = id.id_valid;
    if (id.birth) f.birth_date = id.birth->iso();
    f.sex = std::move(id.sex);
    f.student_no = std::move(id.student_no);

    f.ethnicity = cell(in, Field::kEthnicity);
    f.school_code = cell(in, Field::kSchoolCode);
    f.school_name = cell(in, Field::kSchoolName);
    const std::string grade_text = cell(in, Field::kGrade);
    if (!grade_text.empty()) {
      if (auto g = parse_grade(grade_text))
        f.grade = *g;
      else
        (this->*(kind_ == "xueji" ? &Impl::error : &Impl::warning))(
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
          Field::kIdNumber, cells.id_number, "identity_missing",
          "无法确定是哪个孩子：身份证号无效或为空，也没有出生日期：请补填正确的身份证号或出生日期");
    }

    if (kind_ == "school") {
      check_school(f, cell(in, Field::kSchoolType));
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
    if (keep_raw_) row.problems = problems_.dump(-1, ' ', false, json::error_handler_t::replace);
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
  void check_school(store::RecordFields& f, const std::string& type) {
    school_type_.clear();
    township_code_.clear();
    if (f.school_code.empty() || f.school_code.find_first_not_of("0123456789") != std::string::npos)
      error(Field::kSchoolCode, f.school_code, "school_code_invalid",
            "学校标识码应为数字（全国中小学校标识码，10 位）：请核对");
    if (f.school_name.empty())
      error(Field::kSchoolName, "", "school_name_missing", "学校名称为空：请补填");
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

  std::string cell(const SheetRow& in, Field f) const { return std::string(columns_.cell(in, f)); }
  std::string column_name(Field f) const {
    const int c = columns_.column(f);
    return c >= 0 ? h_.cells[c] : field_label(f);
  }
  void add(const char* severity, Field f, std::string_view value, const std::string& code,
           const std::string& message) {
    problems_.push_back({{"severity", severity},
                         {"code", code},
                         {"column", column_name(f)},
                         {"value", std::string(value)},
                         {"message", message}});
  }
  void error(Field f, std::string_view v, const std::string& code, const std::string& m) {
    add("error", f, v, code, m);
    ++errors_;
  }
  void warning(Field f, std::string_view v, const std::string& code, const std::string& m) {
    add("warning", f, v, code, m);
  }

  // read_identity's problems, added to this row's.
  class ProblemSink final : public IdentityProblems {
   public:
    explicit ProblemSink(Impl& impl) : impl_(impl) {}
    void error(Field f, std::string_view v, const std::string& code,
               const std::string& m) override {
      impl_.error(f, v, code, m);
    }
    void warning(Field f, std::string_view v, const std::string& code,
                 const std::string& m) override {
      impl_.warning(f, v, code, m);
    }

   private:
    Impl& impl_;
  };

  std::string kind_;
  const Header& h_;
  FieldColumns columns_;
  ProblemSink problem_sink_{*this};
  Date today_;
  json problems_;
  size_t errors_ = 0;
  long warnings_ = 0;
  const SchoolContext* schools_;
  bool keep_raw_;
  std::string school_type_, township_code_;
};

RowChecker::RowChecker(const std::string& kind, const Header& h, const Date& today,
                       const SchoolContext* schools, bool keep_raw)
    : impl_(std::make_unique<Impl>(kind, h, today, schools, keep_raw)) {}
RowChecker::~RowChecker() = default;
store::SourceRow RowChecker::check(const SheetRow& in, long long batch_id) {
  return impl_->check(in, batch_id);
}
long RowChecker::rows_with_warnings() const { return impl_->rows_with_warnings(); }
store::School RowChecker::school_of(const store::RecordFields& f) const {
  return impl_->school_of(f);
}

Status check_required_columns(const std::string& kind, const Header& header,
                              const std::string& path) {
  std::string missing;
  for (const auto& alternatives : needs(kind).any_of) {
    bool found = false;
    for (Field f : alternatives) found = found || header.column_of(f) >= 0;
    if (!found) missing += (missing.empty() ? "" : "、") + labels(alternatives);
  }
  if (missing.empty()) return {};
  return make_error("missing_columns",
                    "文件 " + path + " 第 " + std::to_string(header.row_number) +
                        " 行的表头缺少必需的列：" + missing +
                        "。请补上这些列（列名可用常见写法，如“身份证件号”“公民身份号码”）");
}

}  // namespace baoxue::ingest
