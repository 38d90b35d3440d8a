// How long work (an import, a census, a mass dispatch, an export) tells its caller how far it
// got, and learns that it should stop. The work names its phase and, when it knows it, the total;
// the listener (a job, or nobody) sees "phase, done of total" and answers whether to go on.
// Stopping is cooperative: the work checks at points where giving up leaves nothing half-written
// (its transaction rolls back), and returns the `cancelled` error.
#pragma once

#include <functional>
#include <string>

#include "core/result.h"

namespace baoxue::core {

class Progress {
 public:
  // phase: a stable code ("read_rows", "match", …); total -1 when not known yet. Returns false
  // when the work should stop.
  using Listener = std::function<bool(const std::string& phase, long long done, long long total)>;

  Progress() = default;  // nobody listens: every call is cheap and answers "go on"
  explicit Progress(Listener listener) : listener_(std::move(listener)) {}

  // Starts a phase: done goes back to 0.
  bool phase(const std::string& code, long long total = -1) {
    phase_ = code;
    done_ = 0;
    total_ = total;
    return tell();
  }
  void set_total(long long total) { total_ = total; }
  // Counts n more units of the phase. The listener hears of it every `kEvery` units (and at the
  // phase's end through phase() or finish), so a million-row loop costs a million additions.
  bool advance(long long n = 1) {
    done_ += n;
    since_told_ += n;
    if (since_told_ < kEvery) return go_on_;
    return tell();
  }
  // Asks the listener now (after the last unit of a phase, or before a long step).
  bool tell() {
    since_told_ = 0;
    if (listener_) go_on_ = listener_(phase_, done_, total_);
    return go_on_;
  }
  bool go_on() const { return go_on_; }
  long long done() const { return done_; }

  static constexpr long long kEvery = 1000;

 private:
  Listener listener_;
  std::string phase_;
  long long done_ = 0, total_ = -1, since_told_ = 0;
  bool go_on_ = true;
};

// The error long work returns when its listener asked it to stop.
inline Error cancelled_error() {
  return {"cancelled", "任务已中止（服务停止或被取消），本次未写入任何内容，请重新发起"};
}

}  // namespace baoxue::core
