#include "ingest/match_list.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>

#include "ingest/csv_ranges.h"
#include "ingest/header.h"
#include "ingest/identity.h"
#include "ingest/list_reader.h"
#include "ingest/reader_util.h"
#include "ingest/row_checker.h"

namespace baoxue::ingest {
namespace {

using match::Person;
using match::PersonTable;
using Persons = std::vector<Person>;

// Persons' memory is taken this many at a time (2.5 MB) where their number is not known ahead.
constexpr std::size_t kRoomStep = 8192;

// Room for `extra` more persons, backed by memory now (see prefault): a person is 320 bytes, and
// faulting a million of them in page by page would cost more than reading them.
void make_room(Persons& v, std::size_t extra) {
  const std::size_t need = v.size() + extra;
  if (need <= v.capacity()) {
    prefault(v.data() + v.size(), extra * sizeof(Person));
    return;
  }
  Persons bigger;
  bigger.reserve(std::max(need, v.capacity() + v.capacity() / 2));
  advise_huge_pages(bigger.data(), bigger.capacity() * sizeof(Person));
  prefault(bigger.data(), need * sizeof(Person));
  std::move(v.begin(), v.end(), std::back_inserter(bigger));
  v.swap(bigger);
}

class PersonReader;

// A list is read into persons (the reference that tests hold against import) or into a
// match::PersonTable (file-mode matching: the keys, and no strings kept per row). A sink adds
// rows to either, taking room ahead of them; `expected`: how many are likely to come.
class PersonSink {
 public:
  PersonSink(Persons& v, std::size_t expected) : v_(v), ready_(v.size() + expected) {
    make_room(v_, expected);
  }
  // `number`: the row's number in its list (0: numbered when the ranges join).
  template <typename Row>
  void add(PersonReader& reader, const Row& row, long number);

 private:
  Persons& v_;
  std::size_t ready_;  // room is backed up to here
};

class TableSink {
 public:
  TableSink(PersonTable& t, std::size_t expected) : t_(t) { t_.reserve(t_.size() + expected); }
  template <typename Row>
  void add(PersonReader& reader, const Row& row, long number);

 private:
  PersonTable& t_;
};

template <typename List>
using SinkFor = std::conditional_t<std::is_same_v<List, Persons>, PersonSink, TableSink>;

// A data row → a person, with the rules import uses (read_identity, trimmed cells) and nothing
// it does not need.
class PersonReader {
 public:
  PersonReader(const Header& h, const std::string& kind, const Date& today)
      : columns_(h), name_required_(kind != "school"), today_(today) {}

  template <typename Row>  // SheetRow or CsvCells
  void read(const Row& row, Person& p) {
    read_identity(row);
    p.name = std::move(id_.name);
    p.name_key = std::move(id_.name_key);
    p.pinyin_key = std::move(id_.pinyin_key);
    p.id_number = std::move(id_.id_number);
    p.id_valid = id_.id_valid;
    p.birth = id_.birth;
    p.sex = std::move(id_.sex);
    p.student_no = std::move(id_.student_no);
    p.guardian_name.assign(columns_.cell(row, Field::kGuardianName));
    p.township.assign(columns_.cell(row, Field::kTownship));
    p.village.assign(columns_.cell(row, Field::kVillage));
  }

  // The same fields, straight into a table: the reader's buffers are reused row after row.
  template <typename Row>
  void read(const Row& row, long number, PersonTable& t) {
    read_identity(row);
    t.add(number, {id_.name, id_.name_key, id_.pinyin_key, id_.id_number, id_.id_valid, id_.birth,
                   id_.sex, id_.student_no, columns_.cell(row, Field::kGuardianName),
                   columns_.cell(row, Field::kTownship), columns_.cell(row, Field::kVillage)});
  }

 private:
  template <typename Row>
  void read_identity(const Row& row) {
    const IdentityCells cells{
        columns_.cell(row, Field::kName), columns_.cell(row, Field::kIdNumber),
        columns_.cell(row, Field::kStudentNo), columns_.cell(row, Field::kBirthDate),
        columns_.cell(row, Field::kSex)};
    ingest::read_identity(cells, today_, name_required_, id_, nullptr);
  }

  FieldColumns columns_;
  bool name_required_;
  Date today_;
  Identity id_;
};

template <typename Row>
void PersonSink::add(PersonReader& reader, const Row& row, long number) {
  if (v_.size() == ready_) {
    make_room(v_, kRoomStep);
    ready_ = v_.size() + kRoomStep;
  }
  Person& p = v_.emplace_back();
  reader.read(row, p);
  p.row = number;
}

template <typename Row>
void TableSink::add(PersonReader& reader, const Row& row, long number) {
  reader.read(row, number, t_);
}

// A range's rows join the list in file order, numbered on from the list's last row.
void join_part(Persons& list, Persons& part) {
  make_room(list, part.size());
  for (Person& p : part) {
    list.push_back(std::move(p));
    list.back().row = static_cast<long>(list.size());
  }
}
void join_part(PersonTable& list, const PersonTable& part) { list.append(part, /*renumber=*/true); }

// Room for the whole list, estimated from its first range (with a margin; unused room is address
// space only), so that it need not move as it grows.
void reserve_list(Persons& list, std::size_t rows) {
  list.reserve(rows);
  advise_huge_pages(list.data(), list.capacity() * sizeof(Person));
}
void reserve_list(PersonTable& list, std::size_t rows) { list.reserve(rows); }

// Lists for the rows of one range, handed back once their rows have joined the list: their
// memory, once backed, serves range after range.
template <typename List>
class PartPool {
 public:
  std::unique_ptr<List> take() {
    std::lock_guard lock(mutex_);
    if (free_.empty()) return std::make_unique<List>();
    auto v = std::move(free_.back());
    free_.pop_back();
    return v;
  }
  void give(std::unique_ptr<List> v) {
    v->clear();
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(v));
  }

 private:
  std::mutex mutex_;
  std::vector<std::unique_ptr<List>> free_;
};

// One list file as it is being read.
template <typename List>
struct ListState {
  PersonListFile file;
  Status status;                     // the first error
  std::unique_ptr<ListReader> list;  // open, header found; read it to the end unless cut
  std::optional<Header> header;
  std::optional<CsvFormat> format;  // CSV files
  std::vector<CsvRange> ranges;     // empty: read `list` to the end
  std::uint64_t bytes = 0;          // of the ranges, in all
  std::atomic<bool> ranges_failed{false};
  std::atomic<std::uint64_t> records{0};  // read in ranges so far, for ReadLimits::max_rows
  bool streamed = false;

  // Ranges finish in any order and join `persons` in file order.
  std::mutex mutex;
  std::vector<std::unique_ptr<List>> finished;  // per range, until it joins
  std::size_t next_to_join = 0;
  bool joining = false;  // a thread is moving finished ranges into `persons`
  List persons;
};

// What a thread keeps from task to task.
struct Worker {
  CsvRangeReader ranges;
  std::map<std::size_t, PersonReader> readers;  // per file
  PersonReader& reader(std::size_t file, const Header& header, const std::string& kind,
                       const Date& today) {
    auto it = readers.find(file);
    if (it == readers.end()) it = readers.emplace(file, PersonReader(header, kind, today)).first;
    return it->second;
  }
};

// Runs tasks on `threads` threads (this one included), each task taken by the first free one.
void run_tasks(const std::vector<std::function<void(Worker&)>>& tasks, int threads) {
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    Worker worker;
    for (std::size_t i; (i = next.fetch_add(1)) < tasks.size();) tasks[i](worker);
  };
  std::vector<std::thread> others;
  const int extra = std::min<int>(std::max(threads, 1), static_cast<int>(tasks.size())) - 1;
  for (int t = 0; t < extra; ++t) others.emplace_back(work);
  work();
  for (auto& t : others) t.join();
}

// Reads the rest of an open list on this thread.
template <typename List>
void read_stream(ListState<List>& st, Worker& w, std::size_t file, const Date& today) {
  PersonReader& reader = w.reader(file, *st.header, st.file.kind, today);
  SinkFor<List> sink(st.persons, kRoomStep);
  SheetRow row;
  long number = 0;
  while (st.list->next(row)) sink.add(reader, row, ++number);
  if (Status s = st.list->status(); !s) st.status = s;
  st.list.reset();
}

// Moves finished ranges, in file order, into the list, numbering their rows. Whichever thread
// finishes a range joins what is ready; the other threads go on reading meanwhile.
template <typename List>
void join_range(ListState<List>& st, std::size_t index, std::unique_ptr<List> part,
                PartPool<List>& pool) {
  std::unique_lock lock(st.mutex);
  st.finished[index] = std::move(part);
  if (st.joining) return;
  st.joining = true;
  while (st.next_to_join < st.finished.size() && st.finished[st.next_to_join]) {
    const std::size_t i = st.next_to_join++;
    std::unique_ptr<List> ready = std::move(st.finished[i]);
    lock.unlock();
    if (i == 0) {
      const double per_byte =
          static_cast<double>(ready->size()) /
          static_cast<double>(std::max<std::uint64_t>(st.ranges[0].end - st.ranges[0].begin, 1));
      reserve_list(st.persons,
                   static_cast<std::size_t>(per_byte * static_cast<double>(st.bytes) * 1.2) +
                       ready->size() + 1024);
    }
    join_part(st.persons, *ready);
    pool.give(std::move(ready));
    lock.lock();
  }
  st.joining = false;
}

// Reads one range of a CSV list; marks the list for reading as a stream if the range does not
// stand on its own.
template <typename List>
void read_range(ListState<List>& st, std::size_t file, std::size_t index, Worker& w,
                PartPool<List>& pool, const Date& today, const ReadLimits& limits) {
  if (st.ranges_failed) return;
  const bool last = index + 1 == st.ranges.size();
  bool ok = w.ranges.load(st.file.path, *st.format, st.ranges[index], last, limits);
  std::unique_ptr<List> part = pool.take();
  if (ok) {
    SinkFor<List> sink(*part, w.ranges.lines());
    PersonReader& reader = w.reader(file, *st.header, st.file.kind, today);
    // The header and the rows above it are in the first range (the header is looked for in the
    // first rows): those records are not data.
    const long above = index == 0 ? st.header->row_number : 0;
    long seen = 0;
    ok = w.ranges.parse([&](const CsvCells& row) {
      if (++seen <= above || is_blank_row(row)) return;
      sink.add(reader, row, 0);
    });
    ok = ok && seen >= above;
    // Past the row limit, the streaming reader reads the file again and says so.
    const auto total =
        st.records.fetch_add(static_cast<std::uint64_t>(seen)) + static_cast<std::uint64_t>(seen);
    ok = ok && total <= static_cast<std::uint64_t>(std::max(limits.max_rows, 0L));
  }
  if (!ok) {
    st.ranges_failed = true;
    pool.give(std::move(part));
    return;
  }
  join_range(st, index, std::move(part), pool);
}

template <typename List>
Result<std::vector<List>> read_lists(const std::vector<PersonListFile>& files, const Date& today,
                                     const PersonListOptions& options, PersonListStats* stats) {
  // Open every file and find its header (the first rows only); decide how to read the rest.
  std::vector<std::unique_ptr<ListState<List>>> lists;
  for (const PersonListFile& f : files) {
    auto st = std::make_unique<ListState<List>>();
    st->file = f;
    auto list = ListReader::open(f.path, f.kind, {"", "", options.limits});
    if (!list) {
      st->status = list.error();
    } else {
      st->header = list.value()->header();
      if (const CsvFormat* format = list.value()->csv_format()) st->format = *format;
      st->list = std::move(list.value());
    }
    if (st->format) {
      auto ranges = cut_csv_file(f.path, *st->format, options.range_bytes);
      if (!ranges) {
        st->status = ranges.error();
      } else {
        st->ranges = std::move(ranges.value());
        if (!st->ranges.empty()) st->list.reset();  // read again in ranges
        for (const CsvRange& r : st->ranges) st->bytes += r.end - r.begin;
        st->finished.resize(st->ranges.size());
      }
    }
    lists.push_back(std::move(st));
  }

  // Whole files first (they take longest), then every range of every file.
  PartPool<List> pool;
  std::vector<std::function<void(Worker&)>> tasks;
  for (std::size_t i = 0; i < lists.size(); ++i) {
    ListState<List>& st = *lists[i];
    if (st.status.ok() && st.ranges.empty()) {
      st.streamed = true;
      tasks.push_back([&st, i, &today](Worker& w) { read_stream(st, w, i, today); });
    }
  }
  for (std::size_t i = 0; i < lists.size(); ++i) {
    ListState<List>& st = *lists[i];
    if (!st.status.ok()) continue;
    for (std::size_t r = 0; r < st.ranges.size(); ++r)
      tasks.push_back([&st, i, r, &pool, &today, &options](Worker& w) {
        read_range(st, i, r, w, pool, today, options.limits);
      });
  }
  run_tasks(tasks, options.threads);

  // A list whose ranges did not stand on their own is read again from its start, as a stream.
  tasks.clear();
  for (std::size_t i = 0; i < lists.size(); ++i) {
    ListState<List>& st = *lists[i];
    if (!st.status.ok() || !st.ranges_failed) continue;
    st.persons = List();
    st.streamed = true;
    auto list = ListReader::open(st.file.path, st.file.kind, {"", "", options.limits});
    if (!list) {
      st.status = list.error();
      continue;
    }
    st.list = std::move(list.value());
    tasks.push_back([&st, i, &today](Worker& w) { read_stream(st, w, i, today); });
  }
  run_tasks(tasks, options.threads);

  if (stats) {
    stats->ranges.clear();
    stats->streamed.clear();
    for (const auto& st : lists) {
      stats->ranges.push_back(st->streamed ? 0 : st->ranges.size());
      stats->streamed.push_back(st->streamed);
    }
  }
  std::vector<List> out;
  for (auto& st : lists) {
    if (!st->status.ok()) return st->status.error();
    out.push_back(std::move(st->persons));
  }
  return out;
}

}  // namespace

match::Person person_from_fields(long row, store::RecordFields&& f) {
  match::Person p;
  p.row = row;
  p.name = std::move(f.name);
  p.name_key = std::move(f.name_key);
  p.pinyin_key = std::move(f.pinyin_key);
  p.id_number = std::move(f.id_number);
  p.id_valid = f.id_valid;
  if (!f.birth_date.empty()) p.birth = Date::parse_iso(f.birth_date);
  p.sex = std::move(f.sex);
  p.student_no = std::move(f.student_no);
  p.guardian_name = std::move(f.guardian_name);
  p.township = std::move(f.township);
  p.village = std::move(f.village);
  return p;
}

Result<std::vector<match::Person>> read_persons_checked(const std::string& path,
                                                        const std::string& kind, const Date& today,
                                                        const ReadLimits& limits) {
  auto list = ListReader::open(path, kind, {"", "", limits});
  if (!list) return list.error();
  RowChecker checker(kind, list.value()->header(), today, nullptr, /*keep_raw=*/false);
  std::vector<match::Person> out;
  SheetRow row;
  while (list.value()->next(row)) {
    store::SourceRow sr = checker.check(row, 0);
    out.push_back(person_from_fields(static_cast<long>(out.size()) + 1, std::move(sr.fields)));
  }
  if (Status st = list.value()->status(); !st) return st.error();
  return out;
}

Result<std::vector<std::vector<match::Person>>> read_person_lists(
    const std::vector<PersonListFile>& files, const Date& today, const PersonListOptions& options,
    PersonListStats* stats) {
  return read_lists<Persons>(files, today, options, stats);
}

Result<std::vector<match::PersonTable>> read_person_tables(const std::vector<PersonListFile>& files,
                                                           const Date& today,
                                                           const PersonListOptions& options,
                                                           PersonListStats* stats) {
  return read_lists<PersonTable>(files, today, options, stats);
}

}  // namespace baoxue::ingest
