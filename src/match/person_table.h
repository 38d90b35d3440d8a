// A list as the matcher keeps it: per row, the fixed-width keys it compares (Features, extracted
// once) and the little text a comparison may still read — name_key (Jaro–Winkler, rarely) and
// the township and village as written, each place stored once per list.
//
// Why not a vector of Person: a Person is ~320 bytes of small strings. Ten million of them on
// each side are 6 GB of scattered heap before matching starts (faulting it in alone took a
// quarter of the 10M run), and every comparison then chased pointers into it. Here a row is
// ~110 bytes in a few flat arrays, and file mode fills them while reading, without a Person.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "match/features.h"
#include "match/person.h"

namespace baoxue::match {

class PersonTable {
 public:
  PersonTable() = default;
  // The persons' keys, extracted on two threads for large lists.
  explicit PersonTable(const std::vector<Person>& persons);

  void reserve(std::size_t rows);
  // Adds a row; `row` is its number in its list (0: unknown, shown as its position + 1).
  void add(long row, const PersonRef& p);
  // Appends another table's rows (ranges of a file read apart join in file order). With
  // `renumber`, they are numbered on from this table's last row, position + 1.
  void append(const PersonTable& part, bool renumber);
  void clear();

  std::size_t size() const { return rows_.size(); }
  long row(std::size_t i) const { return rows_[i]; }
  void prefetch(std::size_t i) const {  // asks for what row(i) and features(i) read
    __builtin_prefetch(&rows_[i]);
    __builtin_prefetch(&features_[i]);
  }
  const Features& features(std::size_t i) const { return features_[i]; }
  std::string_view name_key(std::size_t i) const {
    return std::string_view(name_keys_).substr(name_ends_[i], name_ends_[i + 1] - name_ends_[i]);
  }
  std::string_view township(std::size_t i) const { return places_[township_[i]]; }
  std::string_view village(std::size_t i) const { return places_[village_[i]]; }
  // The same as ids into place(): a list names a few hundred places, so place() stays in cache
  // while township_id / village_id are the reads at random.
  std::uint32_t township_id(std::size_t i) const { return township_[i]; }
  std::uint32_t village_id(std::size_t i) const { return village_[i]; }
  std::string_view place(std::uint32_t id) const { return places_[id]; }

 private:
  std::uint32_t place_id(std::string_view place);

  std::vector<long> rows_;
  std::vector<Features> features_;
  std::string name_keys_;                          // every row's name_key, one after the other
  std::vector<std::size_t> name_ends_{0};          // row i's is [name_ends_[i], name_ends_[i + 1])
  std::vector<std::uint32_t> township_, village_;  // into places_
  // Places as written, trimmed (a county has a few hundred; a list repeats them on every row).
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> places_{std::string()};  // 0 = blank
  std::unordered_map<std::string, std::uint32_t, TextHash, std::equal_to<>> place_ids_;
};

}  // namespace baoxue::match
