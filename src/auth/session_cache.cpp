#include "auth/session_cache.h"

#include "auth/password.h"

namespace baoxue::auth {

SessionCache::SessionCache(Clock::duration fresh, std::size_t capacity)
    : fresh_(fresh), capacity_(capacity) {}

std::optional<Resumed> SessionCache::find(const std::string& token) const {
  const std::string key = token_digest(token);
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || now - it->second.at >= fresh_) return std::nullopt;
  // An entry is younger than `fresh`, but the session may have reached its end meanwhile.
  if (it->second.resumed.current.session.expires_at <= store::now_utc()) return std::nullopt;
  return it->second.resumed;
}

void SessionCache::put(const std::string& token, const Resumed& resumed) {
  const std::string key = token_digest(token);
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_)  // stale entries go first; if all are fresh, start over
    std::erase_if(entries_, [&](const auto& e) { return now - e.second.at >= fresh_; });
  if (entries_.size() >= capacity_) entries_.clear();
  entries_[key] = Entry{resumed, now};
}

void SessionCache::forget(const std::string& token) {
  const std::string key = token_digest(token);
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

void SessionCache::forget_user(const std::string& county, long long user_id) {
  std::lock_guard lock(mutex_);
  std::erase_if(entries_, [&](const auto& e) {
    const store::User& u = e.second.resumed.current.user;
    return u.county == county && u.id == user_id;
  });
}

Result<Resumed> resume_cached(store::Database& db, SessionCache* cache, const std::string& token) {
  if (cache != nullptr)
    if (auto hit = cache->find(token)) return *hit;
  auto current = resume_session(db, token);
  if (!current) return current.error();
  auto scope = scope_for(db, current->user);
  if (!scope) return scope.error();
  Resumed out{std::move(current.value()), std::move(scope.value())};
  if (cache != nullptr) cache->put(token, out);
  return out;
}

}  // namespace baoxue::auth
