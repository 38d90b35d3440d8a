// Internal to baoxue_risk: reading a numeric setting without guessing. Not part of the contract.
#pragma once

#include <string>

#include "core/code_tables.h"
#include "core/result.h"

namespace baoxue::risk::detail {

// The setting's value as a finite number; risk_setting_invalid naming the key and the value when
// it is not one (empty included).
Result<double> number_setting(const core::Settings& settings, const std::string& key);

}  // namespace baoxue::risk::detail
