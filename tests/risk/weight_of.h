// Shared by the risk specs: a model's weight for one factor.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "risk/model.h"

namespace baoxue::risk {

// The model's weight for `code` (a missing factor fails the spec).
inline double weight(const Model& m, const std::string& code) {
  const Factor* f = find_factor(m, code);
  EXPECT_NE(f, nullptr) << code;
  return f ? f->weight : 0;
}

}  // namespace baoxue::risk
