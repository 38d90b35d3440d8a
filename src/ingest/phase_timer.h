// BAOXUE_TRACE_IMPORT=1 prints how long each phase of an import took (for tuning; off by
// default): list imports (importer.cpp) and roll-call imports (attendance/import.cpp).
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace baoxue::ingest {

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

}  // namespace baoxue::ingest
