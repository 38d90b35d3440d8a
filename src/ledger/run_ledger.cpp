#include "ledger/run_ledger.h"

#include <algorithm>

#include "core/labels.h"

namespace baoxue::ledger {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// ',' || key_groups || ',' LIKE '%,group,%'
bool has_group(const std::string& groups, const std::string& group) {
  std::size_t start = 0;
  while (start <= groups.size()) {
    std::size_t end = groups.find(',', start);
    if (end == std::string::npos) end = groups.size();
    if (groups.compare(start, end - start, group) == 0) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

bool in_scope(const store::LedgerChild& row, const core::Scope& scope) {
  return core::reaches(scope, {row.township_code, row.village_code, row.school_code,
                               row.grade.value_or(0), row.class_number.value_or(0)});
}

Result<std::shared_ptr<RunLedger>> RunLedger::load(store::Database& db, const std::string& county,
                                                   long long run_id) {
  auto rows = store::ledger_children(db, county, run_id);
  if (!rows) return rows.error();
  auto out = std::make_shared<RunLedger>();
  out->run_id_ = run_id;
  out->rows_ = std::move(rows.value());
  std::sort(out->rows_.begin(), out->rows_.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  out->by_name_.resize(out->rows_.size());
  for (std::uint32_t i = 0; i < out->by_name_.size(); ++i) {
    out->by_name_[i] = i;
    if (!out->rows_[i].id_number.empty()) out->by_id_number_[out->rows_[i].id_number].push_back(i);
    out->standing_seq_ = std::max(out->standing_seq_, out->rows_[i].standing_seq);
  }
  // Byte order, as SQLite's BINARY collation and a C-collated PostgreSQL index give it.
  std::sort(out->by_name_.begin(), out->by_name_.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int c = out->rows_[a].search_name.compare(out->rows_[b].search_name);
    return c != 0 ? c < 0 : out->rows_[a].id < out->rows_[b].id;
  });
  return out;
}

namespace {

// A sort field's value as the SQL orders it: text compared as bytes, the grade as a number, the
// standing by its rank in the labels table; nullopt where the database holds NULL (empty text).
struct SortKey {
  bool null = true;
  long long number = 0;
  std::string_view text;
};

SortKey sort_key(const store::LedgerChild& r, const std::string& field) {
  auto text = [](const std::string& v) { return SortKey{v.empty(), 0, v}; };
  if (field == "name") return text(r.name);
  if (field == "birth_date") return text(r.birth_date);
  if (field == "township") return text(r.township);
  if (field == "village") return text(r.village);
  if (field == "school") return text(r.school_name);
  if (field == "grade") return r.grade ? SortKey{false, *r.grade, {}} : SortKey{};
  if (field == "standing") {
    static const std::vector<std::string> kOrder = core::label_codes("standing");
    for (std::size_t i = 0; i < kOrder.size(); ++i)
      if (kOrder[i] == r.standing) return SortKey{false, static_cast<long long>(i), {}};
  }
  return SortKey{};
}

}  // namespace

const std::vector<std::uint32_t>& RunLedger::sorted_by(const std::string& field,
                                                       bool descending) const {
  std::lock_guard lock(cache_mutex_);
  auto& index = sorted_[{field, descending}];
  if (index.size() == rows_.size()) return index;
  index.resize(rows_.size());
  for (std::uint32_t i = 0; i < index.size(); ++i) index[i] = i;
  std::stable_sort(index.begin(), index.end(), [&](std::uint32_t a, std::uint32_t b) {
    const SortKey x = sort_key(rows_[a], field), y = sort_key(rows_[b], field);
    if (x.null != y.null) return y.null;  // values first, NULLs last in either direction
    if (x.null) return false;             // stable: by id
    const int c = x.text.empty() && y.text.empty()
                      ? (x.number < y.number ? -1 : x.number > y.number)
                      : x.text.compare(y.text);
    return descending ? c > 0 : c < 0;
  });
  return index;
}

store::Paged<store::LedgerChild> RunLedger::find(const store::ChildQuery& query,
                                                 const core::Scope& scope,
                                                 const store::Page& page) const {
  std::shared_lock read(mutex_);
  // How many rows a filter selects is remembered (until a standing changes), so that a later
  // page stops reading once it is full instead of counting the county again.
  const std::string count_key =
      query.q + '\n' + query.township_code + '\n' + query.village_code + '\n' + query.school_code +
      '\n' + query.status + '\n' + query.standing + '\n' + query.band + '\n' + query.key_group +
      '\n' + std::to_string(static_cast<int>(scope.role)) + '\n' + scope.township_code + '\n' +
      scope.village_code + '\n' + scope.school_code + '\n' + std::to_string(scope.class_grade) +
      '\n' + std::to_string(scope.class_number);
  std::optional<long long> known;
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = counts_.find(count_key); it != counts_.end()) known = it->second;
  }
  store::Paged<store::LedgerChild> out;
  const std::size_t skip = static_cast<std::size_t>(page.page - 1) * page.size;
  const auto size = static_cast<std::size_t>(page.size);
  long long matched = 0;
  const store::ChildSearch search = store::child_search(query.q);
  const std::string& q = search.text;
  auto found_by_search = [&](const store::LedgerChild& r) {
    switch (search.kind) {
      case store::ChildSearch::kIdNumber:
        return r.id_number == q;
      case store::ChildSearch::kIdTail:
        return ends_with(r.id_number, q);
      case store::ChildSearch::kName:
        return r.search_name.compare(0, q.size(), q) == 0;
      default:
        return true;
    }
  };
  // false: stop, the page is full and the total known.
  auto consider = [&](const store::LedgerChild& r) {
    if (!query.township_code.empty() && r.township_code != query.township_code) return true;
    if (!query.village_code.empty() && r.village_code != query.village_code) return true;
    if (!query.school_code.empty() && r.school_code != query.school_code) return true;
    if (!query.status.empty() && r.status != query.status) return true;
    if (!query.standing.empty() && r.standing != query.standing) return true;
    if (query.band == "in" && !r.in_band) return true;
    if (query.band == "out" && r.in_band) return true;
    if (!query.key_group.empty() && !has_group(r.key_groups, query.key_group)) return true;
    if (!in_scope(r, scope)) return true;
    const auto n = static_cast<std::size_t>(matched++);
    if (n >= skip && out.rows.size() < size) out.rows.push_back(r);
    return !(known && out.rows.size() == size);
  };
  if (!query.sort.field.empty()) {
    for (std::uint32_t i : sorted_by(query.sort.field, query.sort.descending))
      if (found_by_search(rows_[i]) && !consider(rows_[i])) break;
  } else if (search.kind == store::ChildSearch::kNone) {
    for (const auto& r : rows_)
      if (!consider(r)) break;
  } else if (search.kind == store::ChildSearch::kIdNumber) {
    auto it = by_id_number_.find(q);
    if (it != by_id_number_.end())
      for (std::uint32_t i : it->second)
        if (!consider(rows_[i])) break;
  } else if (search.kind == store::ChildSearch::kIdTail) {
    for (const auto& r : rows_)
      if (found_by_search(r) && !consider(r)) break;
  } else {  // a name, from its start, in name order
    auto first = std::lower_bound(by_name_.begin(), by_name_.end(), q,
                                  [&](std::uint32_t i, const std::string& v) {
                                    return rows_[i].search_name.compare(0, v.size(), v) < 0;
                                  });
    for (auto it = first; it != by_name_.end() && found_by_search(rows_[*it]); ++it)
      if (!consider(rows_[*it])) break;
  }
  if (known) {
    out.total = *known;
  } else {
    out.total = matched;
    std::lock_guard lock(cache_mutex_);
    if (counts_.size() > 10000) counts_.clear();  // filters are few; a flood of searches is not
    counts_[count_key] = matched;
  }
  return out;
}

std::optional<store::LedgerChild> RunLedger::by_id(long long id, const core::Scope& scope) const {
  std::shared_lock read(mutex_);
  auto it = std::lower_bound(rows_.begin(), rows_.end(), id,
                             [](const store::LedgerChild& r, long long v) { return r.id < v; });
  if (it == rows_.end() || it->id != id || !in_scope(*it, scope)) return std::nullopt;
  return *it;
}

Status RunLedger::refresh_standing(store::Database& db, const std::string& county) {
  long long after = 0;
  {
    std::shared_lock read(mutex_);
    after = standing_seq_;
  }
  auto changes = store::standing_changes(db, county, run_id_, after);
  if (!changes) return changes.error();
  if (changes->empty()) return {};
  std::unique_lock write(mutex_);
  for (const store::LedgerChild& c : changes.value()) {
    if (c.standing_seq <= standing_seq_) continue;  // applied by another worker meanwhile
    auto it = std::lower_bound(rows_.begin(), rows_.end(), c.id,
                               [](const store::LedgerChild& r, long long v) { return r.id < v; });
    if (it == rows_.end() || it->id != c.id) continue;
    it->standing = c.standing;
    it->category = c.category;
    it->entry_id = c.entry_id;
    it->dropout_id = c.dropout_id;
    it->standing_seq = c.standing_seq;
  }
  standing_seq_ = std::max(standing_seq_, changes->back().standing_seq);
  std::lock_guard lock(cache_mutex_);
  counts_.clear();
  sorted_.erase({"standing", false});
  sorted_.erase({"standing", true});
  return {};
}

Result<long long> RunLedgers::latest_run(store::Database& db, const std::string& county) {
  const auto now = std::chrono::steady_clock::now();
  const std::string key = key_of(db, county);
  {
    std::lock_guard lock(mutex_);
    auto it = latest_run_.find(key);
    if (it != latest_run_.end() && now - it->second.at < fresh_) return it->second.run_id;
  }
  auto run = store::latest_match_run(db, county);
  if (!run) return run.error();
  const long long id = run.value() ? run.value()->id : 0;
  std::lock_guard lock(mutex_);
  latest_run_[key] = {id, now};
  return id;
}

void RunLedgers::forget_latest(store::Database& db, const std::string& county) {
  std::lock_guard lock(mutex_);
  latest_run_.erase(key_of(db, county));
}

std::string RunLedgers::key_of(store::Database& db, const std::string& county) {
  return db.url() + "\n" + county;
}

Result<std::shared_ptr<const RunLedger>> RunLedgers::get(store::Database& db,
                                                         const std::string& county,
                                                         long long run_id) {
  const std::string key = key_of(db, county);
  const auto now = std::chrono::steady_clock::now();
  std::shared_ptr<RunLedger> ledger;
  bool check = false;
  {
    std::lock_guard lock(mutex_);
    auto it = latest_.find(key);
    if (it != latest_.end() && it->second.ledger->run_id() == run_id) {
      ledger = it->second.ledger;
      check = now - it->second.standing_checked >= fresh_;
      if (check) it->second.standing_checked = now;
    }
  }
  if (ledger) {
    if (check)
      if (Status st = ledger->refresh_standing(db, county); !st) return st.error();
    return std::shared_ptr<const RunLedger>(ledger);
  }
  std::lock_guard one_load(loading_);
  {
    std::lock_guard lock(mutex_);  // loaded by another worker while this one waited
    auto it = latest_.find(key);
    if (it != latest_.end() && it->second.ledger->run_id() == run_id)
      return std::shared_ptr<const RunLedger>(it->second.ledger);
  }
  auto loaded = RunLedger::load(db, county, run_id);
  if (!loaded) return loaded.error();
  std::lock_guard lock(mutex_);
  auto& slot = latest_[key];
  if (!slot.ledger || slot.ledger->run_id() < run_id) slot = {loaded.value(), now};
  return std::shared_ptr<const RunLedger>(loaded.value());
}

void RunLedgers::standing_changed(store::Database& db, const std::string& county) {
  std::lock_guard lock(mutex_);
  auto it = latest_.find(key_of(db, county));
  if (it != latest_.end()) it->second.standing_checked = {};
}

}  // namespace baoxue::ledger
