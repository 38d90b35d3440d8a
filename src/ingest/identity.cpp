#include "ingest/identity.h"

#include <algorithm>

#include "core/id_number.h"
#include "core/student_no.h"
#include "text/name.h"

namespace baoxue::ingest {

void read_identity(const IdentityCells& in, const Date& today, bool name_required, Identity& out,
                   IdentityProblems* problems) {
  out = Identity{};
  out.name = text::normalize_name(in.name);
  out.name_key = text::name_key(out.name);
  out.pinyin_key = text::pinyin_key(out.name);
  if (problems && name_required && out.name.empty())
    problems->error(Field::kName, "", "name_missing", "姓名为空：请补填姓名");

  // A G 学籍号 carries the ID number: read it first, so it can stand in for an ID column that
  // Excel has mangled.
  const std::string_view no_text = in.student_no;
  auto no = no_text.empty() ? Result<core::StudentNo>(make_error("", ""))
                            : core::parse_student_no(no_text);
  const std::string linked_id = no ? no->id_number : std::string();

  const std::string_view id_text = in.id_number;
  core::IdNumber id;
  // Without either there is nothing to parse: the fields stay empty (and nothing is reported).
  if (!id_text.empty() || !linked_id.empty())
    id = core::parse_id_number(id_text.empty() ? std::string_view(linked_id) : id_text, today);
  if (!id_text.empty()) {
    const bool lost_digits =
        std::any_of(id.errors.begin(), id.errors.end(),
                    [](const core::Finding& e) { return e.code == "id_excel_number"; });
    if (lost_digits && !linked_id.empty()) {
      if (problems)
        problems->warning(Field::kIdNumber, id_text, "id_excel_number_recovered",
                          "身份证号被 Excel 存成了数字（" + std::string(id_text) +
                              "），已从学籍号取得完整号码 " + linked_id +
                              "：请把该列设为“文本”格式并改正");
      id = core::parse_id_number(linked_id, today);
    } else if (problems) {
      for (const auto& e : id.errors) {
        // Digits lost to Excel cannot identify anyone; other faults keep the row (with a
        // warning) because the child it names is real and matching can still find him.
        if (e.code == "id_excel_number")
          problems->error(Field::kIdNumber, id_text, e.code, e.message);
        else
          problems->warning(Field::kIdNumber, id_text, e.code, e.message);
      }
      for (const auto& w : id.warnings)
        problems->warning(Field::kIdNumber, id_text, w.code, w.message);
    }
  }
  if (!id_text.empty() || !linked_id.empty()) {
    out.id_number = std::move(id.normalized);
    out.id_valid = id.valid;
  }
  std::optional<Date> id_birth;
  std::optional<core::Sex> id_sex;
  if (id.valid) {
    id_birth = id.birth_date;
    id_sex = id.sex;
  }

  // A valid ID number is the better source of birth date and sex: the cells then only matter
  // for what they contradict, which only the problems show.
  const std::string_view birth_text = in.birth_date;
  if (!birth_text.empty() && (problems || !id_birth)) {
    auto d = parse_date_text(birth_text);
    if (problems) {
      if (!d) {
        problems->warning(
            Field::kBirthDate, birth_text, "birth_date_unreadable",
            "出生日期“" + std::string(birth_text) + "”无法识别：请写成 2015-03-02 这样的格式");
      } else if (id_birth && *d != *id_birth) {
        problems->warning(
            Field::kBirthDate, birth_text, "birth_date_mismatch",
            "出生日期 " + d->iso() + " 与身份证号中的 " + id_birth->iso() + " 不一致：请核对");
      }
    }
    out.birth = d;
  }
  if (id_birth) out.birth = id_birth;

  const std::string_view sex_text = in.sex;
  if (!sex_text.empty() && (problems || !id_sex)) {
    auto s = parse_sex(sex_text);
    if (problems) {
      if (!s)
        problems->warning(Field::kSex, sex_text, "sex_unreadable",
                          "性别“" + std::string(sex_text) + "”无法识别：请填写男或女");
      else if (id_sex && *s != core::sex_label(*id_sex))
        problems->warning(
            Field::kSex, sex_text, "sex_mismatch",
            "性别“" + *s + "”与身份证号（" + core::sex_label(*id_sex) + "）不一致：请核对");
    }
    if (s) out.sex = std::move(*s);
  }
  if (id_sex) out.sex = core::sex_label(*id_sex);

  if (!no_text.empty()) {
    if (!no) {
      if (problems)
        problems->warning(Field::kStudentNo, no_text, no.error().code, no.error().message);
      out.student_no = std::string(no_text);
    } else {
      out.student_no = std::move(no->normalized);
      if (problems && !linked_id.empty() && out.id_valid && linked_id != out.id_number)
        problems->warning(Field::kStudentNo, no_text, "student_no_id_mismatch",
                          "学籍号中的身份证号与身份证件号不一致：请核对");
    }
  }
}

}  // namespace baoxue::ingest
