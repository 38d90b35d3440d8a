// Who may see what: a user's role and place in the administrative tree. Access follows the tree
// (teacher: his class; school: his school; township: its villages and schools; county: all).
// Pure data, so every layer can take it: the store filters its queries by it, so that no route
// of the server can forget it.
#pragma once

#include <string>

namespace baoxue::core {

enum class Role {
  kCountyAdmin,  // 县教育局管理员: everything, users and settings
  kCountyStaff,  // 县教育局专干: the county's ledgers and verification
  kTownship,     // 乡镇专干
  kVillage,      // 村(居)专干
  kSchoolAdmin,  // 校长/学校管理员
  kTeacher,      // 班主任/教师
  kInspector,    // 督学: reads the county, changes nothing
};

// A user's place: the county always, and below it a township or village region code (12
// digits), a school (学校标识码, 10 digits) or a class in a school.
struct Scope {
  std::string county;  // six digits
  Role role = Role::kInspector;
  std::string township_code;  // township users, and village users (their village's township)
  std::string village_code;   // village users
  std::string school_code;    // school admins and teachers
  long long class_id = 0;     // teachers
  // The teacher's class as the ledgers record it (grade 1–9, class number in the grade); 0 when
  // unknown, and then a teacher sees nothing.
  long long class_grade = 0, class_number = 0;

  bool county_wide() const {
    return role == Role::kCountyAdmin || role == Role::kCountyStaff || role == Role::kInspector;
  }
  bool may_write() const { return role != Role::kInspector; }
  // The county bureau's operators (admin and staff): they review, approve and dispatch; the
  // inspector, county-wide too, only reads.
  bool operates_county() const { return role == Role::kCountyAdmin || role == Role::kCountyStaff; }
};

// Where a row of personal data sits: the child's township and village, his school and class.
struct Place {
  const std::string& township_code;
  const std::string& village_code;
  const std::string& school_code;
  long long grade = 0, class_number = 0;
};
// Whether the scope reaches the place: the in-memory twin of store::scope_condition (a scope
// that names no usable place reaches nothing).
bool reaches(const Scope& scope, const Place& place);

}  // namespace baoxue::core
