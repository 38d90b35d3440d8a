#include "auth/role.h"

#include <array>
#include <utility>

namespace baoxue::auth {
namespace {

struct RoleName {
  Role role;
  std::string_view code, label_zh;
};
constexpr std::array<RoleName, 7> kRoles = {{
    {Role::kCountyAdmin, "county_admin", "县教育局管理员"},
    {Role::kCountyStaff, "county_staff", "县教育局专干"},
    {Role::kTownship, "township", "乡镇专干"},
    {Role::kVillage, "village", "村（居）专干"},
    {Role::kSchoolAdmin, "school_admin", "校长/学校管理员"},
    {Role::kTeacher, "teacher", "班主任/教师"},
    {Role::kInspector, "inspector", "督学"},
}};

}  // namespace

std::string_view role_code(Role r) { return kRoles[static_cast<std::size_t>(r)].code; }
std::string_view role_label_zh(Role r) { return kRoles[static_cast<std::size_t>(r)].label_zh; }

std::optional<Role> parse_role(std::string_view code) {
  for (const auto& r : kRoles)
    if (r.code == code) return r.role;
  return std::nullopt;
}

}  // namespace baoxue::auth
