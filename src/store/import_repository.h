// Imported lists: each list (the student registry, the household registry, one key-group list, …)
// receives batches; every source row is kept raw with its problems; accepted rows become the list's
// current records, and a later batch that changes a record leaves a change history.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/database.h"

namespace baoxue::store {

// A row's identity and attributes, normalised; what matching and the ledgers read.
struct RecordFields {
  std::string name, name_key, pinyin_key;
  std::string id_number;  // normalised form, kept even when invalid (a typo is still evidence)
  bool id_valid = false;
  std::string birth_date, sex, ethnicity, student_no, school_code, school_name;
  int grade = 0, class_number = 0;  // 0: unknown
  std::string enrollment_status, address, township, village, guardian_name, guardian_phone;
  std::string disability_category, disability_grade;
};

struct SourceRow {
  long long id = 0;  // assigned by the writer
  long row_number = 0;
  std::string raw;  // JSON array of the original cell texts, in the file's column order
  bool accepted = true;
  std::string problems;  // JSON array of {severity, code, column, value, message}
  std::string record_key;
  RecordFields fields;
};

struct Batch {
  long long id = 0;
  long long list_id = 0;
  std::string file_name, file_sha256;
  long long file_size = 0;
  std::string format, encoding, sheet;
  long header_row = 0;
  std::string header;         // JSON array of the header cells
  std::string column_fields;  // JSON array: the field each column was read as
  long rows = 0, accepted = 0, rejected = 0, warnings = 0, inserted = 0, updated = 0, unchanged = 0;
  std::string imported_at, imported_by;
  // The date the list describes (YYYY-MM-DD; the import's --list-date, default the county's
  // today): the lists over time are read by it, not by when they were imported.
  std::string list_date;
};

// The list of `kind` (and key group), created on first use.
Result<long long> ensure_source_list(Database& db, const std::string& county,
                                     const std::string& kind, const std::string& group_code,
                                     const std::string& name);

struct SourceList {
  long long id = 0;
  std::string kind, group_code, name;
};
// The county's lists, by id.
Result<std::vector<SourceList>> source_lists(Database& db, const std::string& county);

// An earlier batch of the same list from the same file content and sheet ("" = the default
// sheet), if any: importing it again would change nothing.
Result<std::optional<Batch>> find_batch_by_hash(Database& db, const std::string& county,
                                                long long list_id, const std::string& sha256,
                                                const std::string& sheet);

// A batch with its list, newest first, for the import page.
struct BatchInList {
  Batch batch;
  std::string kind, group_code, list_name;
};
Result<std::vector<BatchInList>> recent_batches(Database& db, const std::string& county, int limit);

// Inserts the batch row (counts may be filled in later with finish_batch).
Status insert_batch(Database& db, const std::string& county, Batch& batch);
Status finish_batch(Database& db, const std::string& county, const Batch& batch);

// Streams source rows into the database with one prepared statement.
class SourceRowWriter {
 public:
  SourceRowWriter(Database& db, std::string county, long long batch_id);
  ~SourceRowWriter();
  Status add(SourceRow& row);  // assigns row.id
  // Ids of the rows written so far grow with each row: [first_id, last_id], or 0, 0.
  long long first_id() const;
  long long last_id() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Rows of the batch whose record key an earlier accepted row of the same batch already has:
// (row id, row number, the earlier row's number), in file order.
struct Duplicate {
  long long row_id;
  long row_number;
  long first_row_number;
};
Result<std::vector<Duplicate>> duplicates_in_batch(Database& db, const std::string& county,
                                                   long long batch_id);
// Sets a row's status and problems after the fact (duplicates, conflicts found set-based).
Status set_row_outcome(Database& db, const std::string& county, long long row_id, bool accepted,
                       const std::string& problems);

// Accepted rows of the batch whose record key is already on the list under another name: the
// same ID number for two names is a typing error on one side, or two children behind one number.
struct NameConflict {
  long long row_id;
  std::string problems;            // the row's problems so far (JSON)
  std::string name, earlier_name;  // as normalised
  long long earlier_batch_id;
  long earlier_row_number;
};
Result<std::vector<NameConflict>> name_conflicts(Database& db, const std::string& county,
                                                 long long list_id, long long batch_id,
                                                 long long first_row_id, long long last_row_id);

struct MergeCounts {
  long inserted = 0, updated = 0, unchanged = 0;
};
// Folds the batch's accepted rows into the list's records: new keys are inserted, changed records
// updated with one change row per changed field. Set-based SQL: memory does not grow with the file.
// The batch's rows have ids in [first_row_id, last_row_id]; reading them in that order is
// reading the table in the order it was written.
Result<MergeCounts> merge_batch(Database& db, const std::string& county, long long list_id,
                                long long batch_id, long long first_row_id, long long last_row_id);

// After a whole-list (全量) import: the list's records the batch did not name (not even in a
// rejected row, which the clerk will fix and send again) are retired — they
// leave current_records (and the census) but stay, with their history, for the audit. A retired
// record named by a later batch comes back. Returns how many were retired.
Result<long> retire_absent_records(Database& db, const std::string& county, long long list_id,
                                   long long batch_id);

struct ListRecord {
  long long id = 0;
  std::string record_key;
  RecordFields fields;
  long long first_batch_id = 0, last_batch_id = 0;
};
Result<std::vector<ListRecord>> list_records(Database& db, const std::string& county,
                                             long long list_id);

struct RecordChange {
  long long record_id, batch_id;
  std::string field, old_value, new_value;
};
Result<std::vector<RecordChange>> record_changes(Database& db, const std::string& county,
                                                 long long record_id);
// For every record that has changed: the last batch that changed it (one query for a census,
// instead of one per suspected child).
Result<std::unordered_map<long long, long long>> last_change_batches(Database& db,
                                                                     const std::string& county);

// Rows of a batch as stored (for the error workbook and tests), in file order.
Result<std::vector<SourceRow>> batch_rows(Database& db, const std::string& county,
                                          long long batch_id, bool rejected_only);
// The same, one row at a time, so a large batch never sits in memory; stops at f's first error.
Status for_each_batch_row(Database& db, const std::string& county, long long batch_id,
                          bool rejected_only, const std::function<Status(const SourceRow&)>& f);

}  // namespace baoxue::store
