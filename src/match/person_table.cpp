#include "match/person_table.h"

#include <thread>

namespace baoxue::match {

namespace {

// As compare_places reads a place: spaces and tabs around it do not count.
std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

PersonTable::PersonTable(const std::vector<Person>& persons) {
  auto fill = [&persons](PersonTable& t, std::size_t begin, std::size_t end) {
    t.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) t.add(persons[i].row, PersonRef::of(persons[i]));
  };
  // Extracting the keys (pinyin of guardians' names among them) is most of the work; a second
  // thread pays only on large lists.
  if (persons.size() < 20000 || std::thread::hardware_concurrency() < 2) {
    fill(*this, 0, persons.size());
    return;
  }
  const std::size_t mid = persons.size() / 2;
  PersonTable second;
  std::thread other([&] { fill(second, mid, persons.size()); });
  fill(*this, 0, mid);
  other.join();
  append(second, /*renumber=*/false);
}

void PersonTable::reserve(std::size_t rows) {
  rows_.reserve(rows);
  features_.reserve(rows);
  name_ends_.reserve(rows + 1);
  name_keys_.reserve(rows * 9);  // three characters of UTF-8, the usual name
  township_.reserve(rows);
  village_.reserve(rows);
}

std::uint32_t PersonTable::place_id(std::string_view place) {
  place = trim(place);
  if (place.empty()) return 0;
  if (auto it = place_ids_.find(place); it != place_ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(places_.size());
  places_.emplace_back(place);
  place_ids_.emplace(std::string(place), id);
  return id;
}

void PersonTable::add(long row, const PersonRef& p) {
  rows_.push_back(row);
  features_.push_back(extract_features(p));
  name_keys_.append(p.name_key);
  name_ends_.push_back(name_keys_.size());
  township_.push_back(place_id(p.township));
  village_.push_back(place_id(p.village));
}

void PersonTable::append(const PersonTable& part, bool renumber) {
  const std::size_t before = size();
  if (renumber) {
    for (std::size_t i = 0; i < part.size(); ++i)
      rows_.push_back(static_cast<long>(before + i + 1));
  } else {
    rows_.insert(rows_.end(), part.rows_.begin(), part.rows_.end());
  }
  features_.insert(features_.end(), part.features_.begin(), part.features_.end());
  const std::size_t shift = name_keys_.size();
  name_keys_ += part.name_keys_;
  for (std::size_t i = 1; i < part.name_ends_.size(); ++i)
    name_ends_.push_back(part.name_ends_[i] + shift);
  // The part's places, as this table numbers them.
  std::vector<std::uint32_t> ids(part.places_.size());
  for (std::size_t i = 0; i < part.places_.size(); ++i) ids[i] = place_id(part.places_[i]);
  for (std::uint32_t t : part.township_) township_.push_back(ids[t]);
  for (std::uint32_t v : part.village_) village_.push_back(ids[v]);
}

void PersonTable::clear() {
  rows_.clear();
  features_.clear();
  name_keys_.clear();
  name_ends_.assign(1, 0);
  township_.clear();
  village_.clear();
  places_.resize(1);
  place_ids_.clear();
}

}  // namespace baoxue::match
