// Roles by their codes and Chinese labels (the types are in core/scope.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/scope.h"

namespace baoxue::auth {

using core::Role;
using core::Scope;

std::string_view role_code(Role r);      // "county_admin", …
std::string_view role_label_zh(Role r);  // "县教育局管理员", …
std::optional<Role> parse_role(std::string_view code);

}  // namespace baoxue::auth
