// List files as the cross-matcher's persons (match/person.h) or tables (match/person_table.h),
// for file-mode matching: every
// non-blank data row below the header, in file order, numbered from 1, rejected rows included
// (a household row that import would return for fixing still names a child).
//
// The persons carry exactly the fields import stores for the row (RowChecker, through
// read_identity), so file mode and matching on imported lists decide alike; only what matching
// does not need (raw cells, problems, school and class) is left out.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "ingest/read_limits.h"
#include "match/person.h"
#include "match/person_table.h"
#include "store/import_repository.h"

namespace baoxue::ingest {

// The person for a row as RowChecker left it (and as import stores it); `row`: its number in
// the list.
match::Person person_from_fields(long row, store::RecordFields&& fields);

struct PersonListFile {
  std::string path;
  std::string kind;  // "hukou", "xueji", … as for import
};

// File-mode matching reads registries given on the command line, not uploads, and keeps every
// row as a person anyway (2.7 GB for ten million): rows are not what bounds it, and its
// 10-million-row benchmark must read. The other limits are the readers' defaults.
inline ReadLimits file_mode_limits() {
  ReadLimits limits;
  limits.max_rows = 100'000'000;
  return limits;
}

struct PersonListOptions {
  int threads = 2;                         // in all, for all the files
  std::size_t range_bytes = 2u << 20;      // CSV files are read in ranges of about this size
  ReadLimits limits = file_mode_limits();  // per file (read_limits.h)
};

// How the files were read, for tests and benchmarks; one entry per file.
struct PersonListStats {
  std::vector<std::size_t> ranges;  // CSV ranges read apart (0: the file was not cut)
  std::vector<bool> streamed;       // read from start to end on one thread: a spreadsheet,
                                    // UTF-16, or a CSV whose ranges did not stand on their own
};

// Reads the files on `threads` threads: CSV files (UTF-8, GB18030) in ranges, everything else
// one file to a thread. `today` bounds birth dates, as for import. Errors: the first failing
// file's (in the order given), as ListReader words them.
Result<std::vector<std::vector<match::Person>>> read_person_lists(
    const std::vector<PersonListFile>& files, const Date& today,
    const PersonListOptions& options = {}, PersonListStats* stats = nullptr);

// The same lists as the matcher's tables (match/person_table.h): each row's keys are extracted
// as it is read, and no Person is kept — what file-mode matching reads (a tenth of the memory
// at ten million rows). Row i of a table holds what person i of read_person_lists holds.
Result<std::vector<match::PersonTable>> read_person_tables(const std::vector<PersonListFile>& files,
                                                           const Date& today,
                                                           const PersonListOptions& options = {},
                                                           PersonListStats* stats = nullptr);

// One list read row by row through RowChecker on this thread: slower, and the reference that
// read_person_lists agrees with.
Result<std::vector<match::Person>> read_persons_checked(
    const std::string& path, const std::string& kind, const Date& today,
    const ReadLimits& limits = file_mode_limits());

}  // namespace baoxue::ingest
