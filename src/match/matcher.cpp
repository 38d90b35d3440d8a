#include "match/matcher.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <thread>

#include "match/blocking.h"
#include "match/explain.h"
#include "match/features.h"
#include "match/scoring.h"

namespace baoxue::match {

const char* decision_code(Decision d) {
  switch (d) {
    case Decision::kEnrolled:
      return "enrolled";
    case Decision::kProbable:
      return "probable";
    case Decision::kSuspected:
      return "suspected";
    case Decision::kOutOfBand:
      return "out_of_band";
  }
  return "";
}

namespace {
constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr double kNoScore = -std::numeric_limits<double>::infinity();
// A nearest candidate whose evidence is on balance against (score < 0) is not worth a clerk's
// time; below this the explanation just says nothing close was found. Must stay at or below
// probable_threshold - ambiguity_margin for runner-up margins to be computed right (checked).
constexpr double kNearestWorthShowing = 0;

// Open addressing, linear probing, power-of-two capacity: valid ID (first 17 digits, which
// determine the check character) -> first student row carrying it. One flat allocation instead
// of a node per pupil, key and row side by side: a probe is one cache miss.
// Two tables, each ID in the one its hash's top bit names, so that two threads can fill them at
// once (each scans the list in order and takes its half of the IDs, so a pupil registered twice
// still keeps his first row): filling a 256 MB table at random took a second at 10M rows.
// Prefetch distance of the deterministic pass's loops over the ID table.
constexpr std::size_t kIdAhead = 16;

class IdMap {
 public:
  explicit IdMap(std::size_t n) {
    std::size_t cap = 16;
    while (cap < n) cap <<= 1;  // each table holds about half: at most half full
    mask_ = cap - 1;
    // Not zeroed here: fill() writes each table on its own core (first writes are page faults).
    for (auto& t : slots_) t.reset(new Slot[cap]);
  }
  // Fills table `part` with its half of the valid IDs id_at(0 … n - 1), in row order; the two
  // parts may be filled at once.
  template <typename IdAt>
  void fill(int part, std::size_t n, IdAt&& id_at) {
    std::fill(slots_[part].get(), slots_[part].get() + mask_ + 1, Slot{kNoId, kNone});
    for (std::size_t x = 0; x < n; ++x) {
      if (x + kIdAhead < n) {
        const IdKey& ahead = id_at(x + kIdAhead);
        if (ahead.state == IdState::kValid && part_of(ahead.id17) == part) prefetch(ahead.id17);
      }
      const IdKey& k = id_at(x);
      if (k.state == IdState::kValid && part_of(k.id17) == part)
        insert_if_absent(k.id17, static_cast<std::uint32_t>(x));
    }
  }
  void prefetch(std::uint64_t key) const {
    const std::uint64_t h = mix_key(0, key);
    __builtin_prefetch(&slots_[h >> 63][h & mask_]);
  }
  std::uint32_t find(std::uint64_t key) const {
    const std::uint64_t h = mix_key(0, key);
    const Slot* t = slots_[h >> 63].get();
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (t[i].key == key) return t[i].row;
      if (t[i].key == kNoId) return kNone;
    }
  }

 private:
  struct Slot {
    std::uint64_t key;
    std::uint32_t row;
  };
  static int part_of(std::uint64_t key) { return static_cast<int>(mix_key(0, key) >> 63); }
  void insert_if_absent(std::uint64_t key, std::uint32_t row) {
    const std::uint64_t h = mix_key(0, key);
    Slot* t = slots_[h >> 63].get();
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      if (t[i].key == key) return;  // a pupil registered twice: the first row keeps the ID
      if (t[i].key == kNoId) {
        t[i] = Slot{key, row};
        return;
      }
    }
  }
  std::size_t mask_ = 0;
  std::unique_ptr<Slot[]> slots_[2];
};

// Two cores are what a county server gives us; a second thread pays only on large inputs.
template <typename Fn>
void parallel_for(std::size_t n, Fn&& fn) {
  if (n < 20000 || std::thread::hardware_concurrency() < 2) {
    fn(std::size_t{0}, n, 0);
    return;
  }
  const std::size_t mid = n / 2;
  std::thread other([&] { fn(mid, n, 1); });
  fn(std::size_t{0}, mid, 0);
  other.join();
}

// Asks for the cache lines of *p ahead of reading it.
template <typename T>
void prefetch_object(const T* p) {
  const char* c = reinterpret_cast<const char*>(p);
  for (std::size_t off = 0; off < sizeof(T); off += 64) __builtin_prefetch(c + off);
  __builtin_prefetch(c + sizeof(T) - 1);
}

// A household row's probe keys (for_each_probe_key), their index slots asked for ahead.
struct ProbeKeys {
  static constexpr std::size_t kMax = 64;
  std::uint64_t key[kMax];
  std::size_t max_block[kMax];
  std::size_t size = 0;
  void collect(const Features& f, const BlockIndex& index, bool weak) {
    size = 0;
    for_each_probe_key(
        f,
        [&](std::uint64_t k, std::size_t max) {
          if (size == kMax) return;  // cannot happen: at most 4 × 3 birth keys + 2 + 16
          key[size] = k;
          max_block[size++] = max;
          index.prefetch_filter(k);
        },
        weak);
  }
  // Drops the keys the index surely lacks; asks for the others' slots.
  void filter(const BlockIndex& index) {
    std::size_t kept = 0;
    for (std::size_t k = 0; k < size; ++k) {
      if (!index.may_contain(key[k])) continue;
      index.prefetch(key[k]);
      key[kept] = key[k];
      max_block[kept++] = max_block[k];
    }
    size = kept;
  }
};

// One household row on its way through the probabilistic pass, which is a pipeline five rows
// deep so that each random read is asked for rows before it is needed: its keys' filter bits
// (row i + 4), then the index slots of the keys that pass (i + 3), then the blocks' row lists
// (i + 2), then the candidates' features (i + 1); row i is compared. Asked for only just before
// use, the reads stalled the comparisons at 10M rows.
struct ProbeStage {
  ProbeKeys keys;
  std::span<const std::uint32_t> blocks[ProbeKeys::kMax];
  std::size_t block_count = 0;
  std::vector<std::uint32_t> cand;
  void find_blocks(const BlockIndex& index) {
    block_count = 0;
    for (std::size_t k = 0; k < keys.size; ++k) {
      const auto block = index.find(keys.key[k]);
      if (block.empty() || block.size() > keys.max_block[k]) continue;
      __builtin_prefetch(block.data());
      blocks[block_count++] = block;
    }
  }
};

struct Pair {
  double score;
  std::uint32_t p;  // index into the probabilistic hukou set
  std::uint32_t q;  // index into the unclaimed xueji set
};

std::string row_label(const PersonTable& list, std::size_t index) {
  const long row = list.row(index);
  return std::to_string(row != 0 ? row : static_cast<long>(index) + 1);
}

}  // namespace

// What the passes leave behind: enough to decide and explain any household row later.
struct Matching::State {
  const PersonTable& hukou;
  const PersonTable& xueji;
  MatchOptions opt;
  std::vector<std::uint32_t> id_hit;      // per hukou row: student row with the same valid ID
  std::vector<std::uint32_t> claimed_by;  // per student row: the hukou row that has its ID
  std::vector<std::uint32_t> prob_of;     // per hukou row: its index in prob_hukou, or kNone
  std::vector<std::uint32_t> prob_hukou;  // hukou rows for the probabilistic pass
  std::vector<std::uint32_t> open_xueji;  // student rows left for it
  // The open student rows' features side by side, where the comparisons read them at random.
  // The household rows' are read in order, straight from the table: a copy was 320 MB at 10M
  // rows, and memory touched for the first time costs ~3 ns a byte on these machines.
  std::vector<Features> fq;
  const Features& fp(std::size_t i) const { return hukou.features(prob_hukou[i]); }
  std::vector<RowKeys> kq;  // and what else a comparison reads of a student row
  // Per probabilistic hukou row (p) and per open student row (q): best and runner-up scores
  // over all candidates, and the assignment.
  std::vector<double> best, second, qbest, qsecond;
  std::vector<std::uint32_t> best_q, qbest_p, p_to_q, q_to_p;

  State(const PersonTable& h, const PersonTable& x, const MatchOptions& o)
      : hukou(h), xueji(x), opt(o) {}
  void deterministic_pass();
  void probabilistic_pass();
  void explain(std::size_t h, MatchResult& r) const;
};

std::vector<MatchResult> match_lists(const std::vector<Person>& hukou,
                                     const std::vector<Person>& xueji, const MatchOptions& opt) {
  return match_lists(PersonTable(hukou), PersonTable(xueji), opt);
}

std::vector<MatchResult> match_lists(const PersonTable& hukou, const PersonTable& xueji,
                                     const MatchOptions& opt) {
  const Matching matching(hukou, xueji, opt);
  std::vector<MatchResult> results(hukou.size());
  parallel_for(results.size(), [&](std::size_t b, std::size_t e, int) {
    for (std::size_t h = b; h < e; ++h) matching.result(h, results[h]);
  });
  return results;
}

Matching::Matching(const PersonTable& hukou, const PersonTable& xueji, const MatchOptions& opt)
    : s_(std::make_unique<State>(hukou, xueji, opt)) {
  s_->deterministic_pass();
  s_->probabilistic_pass();
}

Matching::~Matching() = default;

std::size_t Matching::size() const { return s_->hukou.size(); }

void Matching::prefetch(std::size_t h) const {
  const std::uint32_t i = s_->prob_of[h];
  if (i == kNone) {
    s_->xueji.prefetch(s_->id_hit[h]);
    return;
  }
  const std::uint32_t q = s_->p_to_q[i] != kNone ? s_->p_to_q[i] : s_->best_q[i];
  if (q != kNone) {
    prefetch_object(&s_->fq[q]);
    s_->xueji.prefetch(s_->open_xueji[q]);
  }
}

void Matching::result(std::size_t h, MatchResult& r) const {
  // Cleared, not replaced: a caller asking row after row keeps the buffers.
  r.hukou_index = h;
  r.decision = Decision::kSuspected;
  r.xueji_index.reset();
  r.score = 0;
  r.reason.clear();
  r.evidence.clear();
  s_->explain(h, r);
}

void Matching::State::deterministic_pass() {
  const std::size_t n_hukou = hukou.size();
  const std::size_t n_xueji = xueji.size();
  // ---- 1. Deterministic pass: a valid ID number on both lists. ----
  // Every insert and probe is a miss in a table larger than the caches (256 MB at 10M rows):
  // the slot a few rows ahead is asked for first, so that the misses overlap.
  IdMap by_id(n_xueji);
  auto xueji_id = [&](std::size_t x) -> const IdKey& { return xueji.features(x).id; };
  if (n_xueji < 20000 || std::thread::hardware_concurrency() < 2) {
    by_id.fill(0, n_xueji, xueji_id);
    by_id.fill(1, n_xueji, xueji_id);
  } else {
    std::thread other([&] { by_id.fill(1, n_xueji, xueji_id); });
    by_id.fill(0, n_xueji, xueji_id);
    other.join();
  }

  id_hit.assign(n_hukou, kNone);
  parallel_for(n_hukou, [&](std::size_t b, std::size_t e, int) {
    for (std::size_t h = b; h < e; ++h) {
      if (h + kIdAhead < e) {
        const IdKey& ahead = hukou.features(h + kIdAhead).id;
        if (ahead.state == IdState::kValid) by_id.prefetch(ahead.id17);
      }
      const IdKey& k = hukou.features(h).id;
      if (k.state == IdState::kValid) id_hit[h] = by_id.find(k.id17);
    }
  });
  // One child per registry entry. When two household rows carry the same valid ID (a duplicate
  // registration, or one child's number typed onto another child), the row whose name agrees
  // with the pupil keeps it, otherwise the first; the other is shown to a person below.
  claimed_by.assign(n_xueji, kNone);
  for (std::size_t h = 0; h < n_hukou; ++h) {
    if (h + kIdAhead < n_hukou && id_hit[h + kIdAhead] != kNone)
      __builtin_prefetch(&claimed_by[id_hit[h + kIdAhead]]);
    const std::uint32_t x = id_hit[h];
    if (x == kNone) continue;
    std::uint32_t& owner = claimed_by[x];
    if (owner == kNone) {
      owner = static_cast<std::uint32_t>(h);
    } else if (hukou.name_key(h) == xueji.name_key(x) &&
               hukou.name_key(owner) != xueji.name_key(x)) {
      owner = static_cast<std::uint32_t>(h);
    }
  }

  prob_hukou.reserve(n_hukou / 16 + 16);
  prob_of.assign(n_hukou, kNone);
  for (std::size_t h = 0; h < n_hukou; ++h) {
    if (h + kIdAhead < n_hukou && id_hit[h + kIdAhead] != kNone)
      __builtin_prefetch(&claimed_by[id_hit[h + kIdAhead]]);
    const std::uint32_t x = id_hit[h];
    if (x != kNone && claimed_by[x] == h) continue;
    prob_of[h] = static_cast<std::uint32_t>(prob_hukou.size());
    prob_hukou.push_back(static_cast<std::uint32_t>(h));
  }
}

void Matching::State::probabilistic_pass() {
  const std::size_t n_xueji = xueji.size();
  // Pairs below the probable threshold minus the margin are dropped early; that is only sound if
  // nothing that could be a close runner-up is dropped.
  const double pair_floor = opt.probable_threshold - opt.ambiguity_margin;
  const double keep_above = std::min(pair_floor, kNearestWorthShowing);

  // ---- 2. Probabilistic pass over what is left on both sides. ----
  open_xueji.reserve(n_xueji / 16 + 16);
  for (std::size_t x = 0; x < n_xueji; ++x)
    if (claimed_by[x] == kNone) open_xueji.push_back(static_cast<std::uint32_t>(x));

  fq.resize(open_xueji.size());
  kq.resize(open_xueji.size());
  parallel_for(fq.size(), [&](std::size_t b, std::size_t e, int) {
    for (std::size_t i = b; i < e; ++i) {
      fq[i] = xueji.features(open_xueji[i]);
      kq[i] = row_keys(xueji, open_xueji[i]);
    }
  });

  BlockIndex index;
  index.reserve(fq.size() * 21);
  for (std::size_t i = 0; i < fq.size(); ++i)
    for_each_index_key(fq[i],
                       [&](std::uint64_t key) { index.add(key, static_cast<std::uint32_t>(i)); });
  index.finish();

  // Per hukou row: the best and runner-up scores over ALL its candidates (the runner-up decides
  // whether the best is unambiguous), and pairs close enough to matter.
  best.assign(prob_hukou.size(), kNoScore);
  second.assign(prob_hukou.size(), kNoScore);
  best_q.assign(prob_hukou.size(), kNone);
  // The birth days inside the compulsory band on the census day, widened by a year on each
  // side: household rows born outside that skip the weak blocking keys (blocking.h).
  std::int32_t band_first = std::numeric_limits<std::int32_t>::max(), band_last = 0;
  {
    const auto census = static_cast<std::int32_t>(opt.as_of.days_since_epoch());
    for (std::int32_t d = census - 25 * 366; d <= census; ++d)
      if (core::school_age(Date::from_days_since_epoch(d), opt.as_of, opt.rules)
              .in_compulsory_band) {
        band_first = std::min(band_first, d);
        band_last = std::max(band_last, d);
      }
    band_first -= 366;
    band_last += 366;
  }
  auto weak_keys = [&](const Features& f) {
    return f.band_birth == kNoDate || (f.band_birth >= band_first && f.band_birth <= band_last);
  };
  std::vector<Pair> pair_parts[2];
  parallel_for(prob_hukou.size(), [&](std::size_t b, std::size_t e, int part) {
    std::vector<Pair>& pairs = pair_parts[part];
    // Every probe and every candidate is a read at random in memory larger than the caches
    // (at 10M rows the index is ~0.5 GB): see ProbeStage.
    constexpr std::size_t kDepth = 5;
    ProbeStage stage[kDepth];
    for (ProbeStage& st : stage) st.cand.reserve(4 * kMaxBlock);
    auto prepare = [&](std::size_t i, std::size_t step) {
      ProbeStage& st = stage[i % kDepth];
      if (step == 0) {
        st.keys.collect(fp(i), index, weak_keys(fp(i)));
      } else if (step == 1) {
        st.keys.filter(index);
      } else if (step == 2) {
        st.find_blocks(index);
      } else {
        st.cand.clear();
        for (std::size_t k = 0; k < st.block_count; ++k)
          st.cand.insert(st.cand.end(), st.blocks[k].begin(), st.blocks[k].end());
        std::sort(st.cand.begin(), st.cand.end());
        st.cand.erase(std::unique(st.cand.begin(), st.cand.end()), st.cand.end());
        for (std::uint32_t q : st.cand) {
          prefetch_object(&fq[q]);
          __builtin_prefetch(&kq[q]);
        }
      }
    };
    // Rows b, b + 1, … enter the pipeline with their first kDepth - 1, kDepth - 2, … steps done.
    for (std::size_t ahead = 0; ahead < kDepth - 1; ++ahead)
      for (std::size_t step = 0; step + ahead < kDepth - 1; ++step)
        if (b + ahead < e) prepare(b + ahead, step);
    for (std::size_t i = b; i < e; ++i) {
      for (std::size_t d = 1; d < kDepth; ++d)
        if (i + d < e) prepare(i + d, kDepth - 1 - d);
      const std::vector<std::uint32_t>& cand = stage[i % kDepth].cand;
      const RowKeys ka = row_keys(hukou, prob_hukou[i]);  // read once, compared with each
      const RowRef a{hukou, prob_hukou[i], fp(i), &ka};
      for (std::uint32_t q : cand) {
        const RowRef b{xueji, open_xueji[q], fq[q], &kq[q]};
        Comparison c;
        compare_identity(a, b, c);
        const double identity = identity_weight(c);
        // A pair that cannot reach keep_above even with full context agreement matters for
        // nothing below (not a pair, not a runner-up within the margin, not shown as nearest).
        if (identity + kMaxContextWeight < keep_above) continue;
        compare_context(a, b, c);
        const double s = identity + context_weight(c);
        if (s > best[i]) {
          second[i] = best[i];
          best[i] = s;
          best_q[i] = q;
        } else if (s > second[i]) {
          second[i] = s;
        }
        if (s >= pair_floor) pairs.push_back({s, static_cast<std::uint32_t>(i), q});
      }
    }
  });
  std::vector<Pair> pairs = std::move(pair_parts[0]);
  pairs.insert(pairs.end(), pair_parts[1].begin(), pair_parts[1].end());

  // Per student row: the best and runner-up household scores (two namesakes in the household
  // registry competing for one pupil are as ambiguous as two pupils competing for one child).
  qbest.assign(fq.size(), kNoScore);
  qsecond.assign(fq.size(), kNoScore);
  qbest_p.assign(fq.size(), kNone);
  for (const Pair& pr : pairs) {
    if (pr.score > qbest[pr.q]) {
      qsecond[pr.q] = qbest[pr.q];
      qbest[pr.q] = pr.score;
      qbest_p[pr.q] = pr.p;
    } else if (pr.score > qsecond[pr.q]) {
      qsecond[pr.q] = pr.score;
    }
  }

  // Greedy one-to-one assignment, highest score first (ties by row, so the result does not
  // depend on thread timing). Optimal assignment (Hungarian) would only differ where scores
  // compete, and there the margin rule already sends the case to a person.
  std::erase_if(pairs, [&](const Pair& pr) { return pr.score < opt.probable_threshold; });
  std::sort(pairs.begin(), pairs.end(), [](const Pair& x, const Pair& y) {
    if (x.score != y.score) return x.score > y.score;
    if (x.p != y.p) return x.p < y.p;
    return x.q < y.q;
  });
  p_to_q.assign(prob_hukou.size(), kNone);
  q_to_p.assign(fq.size(), kNone);
  for (const Pair& pr : pairs) {
    if (p_to_q[pr.p] != kNone || q_to_p[pr.q] != kNone) continue;
    p_to_q[pr.p] = pr.q;
    q_to_p[pr.q] = pr.p;
  }
}

// ---- 3. Decisions and explanations. ----
void Matching::State::explain(std::size_t h, MatchResult& r) const {
  const std::uint32_t i = prob_of[h];
  if (i == kNone) {  // the deterministic pass settled it
    r.decision = Decision::kEnrolled;
    r.xueji_index = id_hit[h];
    r.score = kDeterministicScore;
    r.reason = "身份证号一致";
    r.evidence.push_back({"id_number", "exact", kDeterministicScore});
    return;
  }
  const RowRef a{hukou, h, fp(i)};
  const bool duplicate = id_hit[h] != kNone;  // its ID's pupil went to another household row
  const std::uint32_t q = p_to_q[i];
  if (q != kNone) {
    const std::size_t x = open_xueji[q];
    const Comparison c = compare(a, {xueji, x, fq[q]});
    r.score = total_weight(c);
    r.xueji_index = x;
    r.evidence = evidence_of(c);
    // The runner-up on each side: anything else this child scored, anyone else this pupil
    // scored with.
    const double other_p = (best_q[i] == q) ? second[i] : best[i];
    const double other_q = (qbest_p[q] == i) ? qsecond[q] : qbest[q];
    const double margin = r.score - std::max(other_p, other_q);
    const bool clear = margin >= opt.ambiguity_margin;
    r.evidence.push_back({"runner_up", clear ? "clear" : "close", 0});
    if (r.score >= opt.enrolled_threshold && clear && !duplicate) {
      r.decision = Decision::kEnrolled;
      r.reason = describe(c);
    } else {
      r.decision = Decision::kProbable;
      r.reason = "可能是学籍第" + row_label(xueji, x) + "行的学生：" + describe(c);
      if (!clear) r.reason += "；另有相近的候选（双胞胎或重名？）";
      if (duplicate) {
        r.evidence.push_back({"duplicate_household", "same_id_as_another_row", 0});
        r.reason += "；本人身份证号与另一条户籍记录重复";
      }
      r.reason += "，请人工核对";
    }
    return;
  }
  if (duplicate) {
    // Same valid ID as a household row that already has this pupil: one child registered
    // twice, or a number copied onto the wrong child. Either way a person must look; it is
    // not an out-of-school child to search for, and not a second claim on the pupil.
    const std::size_t x = id_hit[h];
    const std::size_t owner = claimed_by[x];
    const Comparison c = compare(a, {xueji, x, xueji.features(x)});
    r.decision = Decision::kProbable;
    r.xueji_index = x;
    r.score = total_weight(c);
    r.evidence = evidence_of(c);
    r.evidence.push_back({"duplicate_household", "same_id_as_another_row", 0});
    r.reason = "身份证号与户籍第" + row_label(hukou, owner) + "行相同（重复登记？），该学籍（第" +
               row_label(xueji, x) + "行）已与那一行匹配：" + describe(c) + "，请人工核对";
    return;
  }
  // Not found. Say what the nearest candidate was, so a clerk can overrule.
  std::string nearest;
  if (best_q[i] != kNone && best[i] >= kNearestWorthShowing) {
    const std::uint32_t bq = best_q[i];
    const std::size_t x = open_xueji[bq];
    const Comparison c = compare(a, {xueji, x, fq[bq]});
    r.score = total_weight(c);
    r.evidence = evidence_of(c);
    const bool taken = q_to_p[bq] != kNone;
    r.evidence.push_back(
        {"nearest_candidate", taken ? "matched_to_another_child" : "below_threshold", 0});
    nearest = "；最接近的是学籍第" + row_label(xueji, x) + "行：" + describe(c) +
              (taken ? "，但该学籍已匹配给更相符的户籍记录" : "，不足以认定");
  } else {
    r.score = 0;
    r.evidence.push_back({"candidates", best_q[i] == kNone ? "none" : "none_close", 0});
    nearest = "，也没有相近的记录";
  }
  bool in_band = true;
  int age = -1;
  if (fp(i).band_birth != kNoDate) {
    const Date birth = Date::from_days_since_epoch(fp(i).band_birth);
    in_band = core::school_age(birth, opt.as_of, opt.rules).in_compulsory_band;
    age = full_years(birth, opt.as_of);
  }
  r.evidence.push_back({"school_age",
                        fp(i).band_birth == kNoDate ? "unknown_birth"
                        : in_band                   ? "in_band"
                                                    : "out_of_band",
                        0});
  if (in_band) {
    r.decision = Decision::kSuspected;
    r.reason = std::string(fp(i).band_birth == kNoDate ? "出生日期不明，按适龄处理；" : "") +
               "学籍中未找到本人" + nearest;
  } else {
    r.decision = Decision::kOutOfBand;
    r.reason = "不在义务教育年龄段（" + std::to_string(age) + "周岁），学籍中未找到本人" + nearest;
  }
}

}  // namespace baoxue::match
