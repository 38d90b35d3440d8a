// A census run's 适龄儿童台账 held in memory, for the server's busiest pages: the ledger list,
// the child search and the child detail. A run's rows are fixed once its census has committed —
// except each child's standing, which verification changes on the latest run — so a copy read
// once answers every later request of that run exactly as the database would
// (store::find_children, store::child_by_id — same filters, same order, same totals, same
// scope; a spec compares the two on every role) in microseconds instead of a query each. The
// standings are kept current by reading the rows whose standing changed (standing_seq) since
// the last look. A new run is simply another RunLedger; RunLedgers keeps the latest per county.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/scope.h"
#include "store/ledger_repository.h"

namespace baoxue::ledger {

class RunLedger {
 public:
  static Result<std::shared_ptr<RunLedger>> load(store::Database& db, const std::string& county,
                                                 long long run_id);
  long long run_id() const { return run_id_; }
  std::size_t size() const { return rows_.size(); }

  // As store::find_children on this run (copies of the page's rows).
  store::Paged<store::LedgerChild> find(const store::ChildQuery& query, const core::Scope& scope,
                                        const store::Page& page) const;
  // The row of this run with that id inside the scope (not this run's, or outside: none).
  std::optional<store::LedgerChild> by_id(long long id, const core::Scope& scope) const;

  // Reads the standings changed since the last look from the database and applies them.
  Status refresh_standing(store::Database& db, const std::string& county);

 private:
  // Row indexes in the order of a sort field (built on first use; the standing's is rebuilt
  // when standings change).
  const std::vector<std::uint32_t>& sorted_by(const std::string& field, bool descending) const;

  long long run_id_ = 0;
  std::vector<store::LedgerChild> rows_;  // by id
  std::vector<std::uint32_t> by_name_;    // row indexes by (search_name bytes, id)
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_id_number_;
  long long standing_seq_ = 0;  // the newest change applied
  // Guards the rows' standing fields, the sorted indexes and the remembered counts: shared by
  // readers, exclusive while changes are applied.
  mutable std::shared_mutex mutex_;
  mutable std::mutex cache_mutex_;  // the two caches below, under a shared lock of mutex_
  mutable std::map<std::pair<std::string, bool>, std::vector<std::uint32_t>> sorted_;
  mutable std::unordered_map<std::string, long long> counts_;  // by filter and scope
};

// Whether a ledger row lies in a scope: store::scope_condition with rows that carry a class,
// evaluated on the row.
bool in_scope(const store::LedgerChild& row, const core::Scope& scope);

// The latest loaded run per county, shared by the server's workers.
class RunLedgers {
 public:
  explicit RunLedgers(std::chrono::steady_clock::duration fresh = std::chrono::seconds(1))
      : fresh_(fresh) {}
  // The id of the county's latest run (0: none yet), read from the database at most once per
  // `fresh`: a census run by this process is seen at once (forget_latest), one run from the
  // command line within a second.
  Result<long long> latest_run(store::Database& db, const std::string& county);
  void forget_latest(store::Database& db, const std::string& county);
  // The ledger of run_id (loaded on first use; a newer run replaces the older), with standings
  // at most `fresh` old — or current, after standing_changed.
  Result<std::shared_ptr<const RunLedger>> get(store::Database& db, const std::string& county,
                                               long long run_id);
  // This process changed a standing: the next get() reads the changes first.
  void standing_changed(store::Database& db, const std::string& county);

 private:
  static std::string key_of(store::Database& db, const std::string& county);  // db and county
  std::chrono::steady_clock::duration fresh_;
  std::mutex mutex_;    // guards the maps, not the loading
  std::mutex loading_;  // one load at a time: a burst after a new run loads it once
  struct Loaded {
    std::shared_ptr<RunLedger> ledger;
    std::chrono::steady_clock::time_point standing_checked;
  };
  std::unordered_map<std::string, Loaded> latest_;
  struct Checked {
    long long run_id;
    std::chrono::steady_clock::time_point at;
  };
  std::unordered_map<std::string, Checked> latest_run_;  // by key_of
};

}  // namespace baoxue::ledger
