// A server process's memory of the sessions it resumed a moment ago, so that a page's burst of
// requests (a list, its counts, the next page) costs one session lookup instead of three
// queries each. An entry is trusted for `fresh` (5 s by default): a session ended or an account
// disabled from elsewhere (the CLI, another server process) takes effect within that time;
// signing out or changing a password through this process takes effect at once (forget).
// The sliding expiry keeps working: it is written at most once a minute, on a lookup that
// misses the cache, and an entry never outlives `fresh`.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "auth/accounts.h"

namespace baoxue::auth {

struct Resumed {
  Current current;
  Scope scope;  // scope_for(user), read with the session
};

class SessionCache {
 public:
  using Clock = std::chrono::steady_clock;
  explicit SessionCache(Clock::duration fresh = std::chrono::seconds(5),
                        std::size_t capacity = 20000);

  // The session of a cookie's token when it was resumed less than `fresh` ago and has not
  // expired since.
  std::optional<Resumed> find(const std::string& token) const;
  void put(const std::string& token, const Resumed& resumed);
  void forget(const std::string& token);
  // Every cached session of one account (its password changed, it was disabled).
  void forget_user(const std::string& county, long long user_id);

 private:
  struct Entry {
    Resumed resumed;
    Clock::time_point at;
  };
  Clock::duration fresh_;
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;  // by token digest
};

// resume_session and scope_for, through the cache when there is one (cache may be null).
Result<Resumed> resume_cached(store::Database& db, SessionCache* cache, const std::string& token);

}  // namespace baoxue::auth
