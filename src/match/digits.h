// Powers of ten for working on ID numbers held as integers (17 digits fit in 64 bits).
#pragma once

#include <cstdint>

namespace baoxue::match {

inline constexpr std::uint64_t kPow10[18] = {1ull,
                                             10ull,
                                             100ull,
                                             1000ull,
                                             10000ull,
                                             100000ull,
                                             1000000ull,
                                             10000000ull,
                                             100000000ull,
                                             1000000000ull,
                                             10000000000ull,
                                             100000000000ull,
                                             1000000000000ull,
                                             10000000000000ull,
                                             100000000000000ull,
                                             1000000000000000ull,
                                             10000000000000000ull,
                                             100000000000000000ull};

}  // namespace baoxue::match
