#include "store/import_repository.h"

#include <array>

#include "store/rows.h"

namespace baoxue::store {
namespace {

// Text columns of RecordFields, in table order; the tracked ones leave a change history.
struct TextColumn {
  const char* name;
  std::string RecordFields::*member;
  bool tracked;
};
constexpr std::array<TextColumn, 18> kText = {{
    {"name", &RecordFields::name, true},
    {"name_key", &RecordFields::name_key, false},  // derived from name
    {"pinyin_key", &RecordFields::pinyin_key, false},
    {"id_number", &RecordFields::id_number, true},
    {"birth_date", &RecordFields::birth_date, true},
    {"sex", &RecordFields::sex, true},
    {"ethnicity", &RecordFields::ethnicity, true},
    {"student_no", &RecordFields::student_no, true},
    {"school_code", &RecordFields::school_code, true},
    {"school_name", &RecordFields::school_name, true},
    {"enrollment_status", &RecordFields::enrollment_status, true},
    {"address", &RecordFields::address, true},
    {"township", &RecordFields::township, true},
    {"village", &RecordFields::village, true},
    {"guardian_name", &RecordFields::guardian_name, true},
    {"guardian_phone", &RecordFields::guardian_phone, true},
    {"disability_category", &RecordFields::disability_category, true},
    {"disability_grade", &RecordFields::disability_grade, true},
}};
// Integer columns: id_valid (derived from id_number), grade, class_number (tracked).
constexpr std::array<const char*, 3> kInts = {"id_valid", "grade", "class_number"};

std::string field_columns() {
  std::string s;
  for (const auto& c : kText) s += std::string(c.name) + ", ";
  for (const char* c : kInts) s += std::string(c) + ", ";
  return s;
}

// County codes and ids are composed into set-based statements as literals; both are checked to be
// digits, so nothing a file contains can reach the SQL text.
std::string county_literal(const std::string& county) {
  if (county.size() != 6 || county.find_first_not_of("0123456789") != std::string::npos)
    throw std::invalid_argument("county code must be six digits: " + county);
  return "'" + county + "'";
}

RecordFields read_fields(const soci::row& r, std::size_t first) {
  RecordFields f;
  std::size_t i = first;
  for (const auto& c : kText) f.*(c.member) = row_text(r, i++);
  f.id_valid = row_int(r, i++) != 0;
  f.grade = static_cast<int>(row_int(r, i++));
  f.class_number = static_cast<int>(row_int(r, i++));
  return f;
}

}  // namespace

Result<long long> ensure_source_list(Database& db, const std::string& county,
                                     const std::string& kind, const std::string& group_code,
                                     const std::string& name) {
  long long id = 0;
  Status st = db.transaction([&]() -> Status {
    soci::indicator ind;
    db.sql() << "SELECT id FROM source_lists WHERE county_code = :c AND kind = :k AND "
                "group_code = :g",
        soci::into(id, ind), soci::use(county), soci::use(kind), soci::use(group_code);
    if (db.sql().got_data()) return {};
    id = db.reserve_ids("source_lists", 1);
    db.sql() << "INSERT INTO source_lists (county_code, id, kind, group_code, name, created_at) "
                "VALUES (:c, :i, :k, :g, :n, :t)",
        soci::use(county), soci::use(id), soci::use(kind), soci::use(group_code), soci::use(name),
        soci::use(now_utc());
    return {};
  });
  if (!st) return st.error();
  return id;
}

namespace {

constexpr const char* kBatchColumns =
    "id, list_id, file_name, file_sha256, file_size, format, encoding, sheet, header_row, header, "
    "column_fields, rows_total, accepted, rejected, warnings, inserted, updated, unchanged, "
    "imported_at, imported_by, list_date";

Batch read_batch(const soci::row& r) {
  Batch b;
  b.id = row_int(r, 0);
  b.list_id = row_int(r, 1);
  b.file_name = row_text(r, 2);
  b.file_sha256 = row_text(r, 3);
  b.file_size = row_int(r, 4);
  b.format = row_text(r, 5);
  b.encoding = row_text(r, 6);
  b.sheet = row_text(r, 7);
  b.header_row = row_int(r, 8);
  b.header = row_text(r, 9);
  b.column_fields = row_text(r, 10);
  b.rows = row_int(r, 11);
  b.accepted = row_int(r, 12);
  b.rejected = row_int(r, 13);
  b.warnings = row_int(r, 14);
  b.inserted = row_int(r, 15);
  b.updated = row_int(r, 16);
  b.unchanged = row_int(r, 17);
  b.imported_at = row_text(r, 18);
  b.imported_by = row_text(r, 19);
  b.list_date = row_text(r, 20);
  return b;
}

}  // namespace

Result<std::optional<Batch>> find_batch_by_hash(Database& db, const std::string& county,
                                                long long list_id, const std::string& sha256,
                                                const std::string& sheet) {
  return guarded([&]() -> Result<std::optional<Batch>> {
    soci::rowset<soci::row> rs =
        (db.sql().prepare << std::string("SELECT ") + kBatchColumns +
                                 " FROM import_batches WHERE county_code = :c AND list_id = :l "
                                 "AND file_sha256 = :h AND sheet = :s",
         soci::use(county), soci::use(list_id), soci::use(sha256), soci::use(sheet));
    for (const soci::row& r : rs) return std::optional<Batch>(read_batch(r));
    return std::optional<Batch>();
  });
}

Status insert_batch(Database& db, const std::string& county, Batch& b) {
  return db.transaction([&]() -> Status {
    b.id = db.reserve_ids("import_batches", 1);
    if (b.imported_at.empty()) b.imported_at = now_utc();
    if (b.list_date.empty()) b.list_date = b.imported_at.substr(0, 10);
    NullableText encoding(b.encoding);
    int header_row = static_cast<int>(b.header_row);
    int zero = 0;
    db.sql() << "INSERT INTO import_batches (county_code, " << kBatchColumns
             << ") VALUES (:c, :id, :l, :fn, :h, :fs, :fmt, :enc, :sh, :hr, :hd, :cf, :r, :a, "
                ":rj, :w, :i, :u, :un, :t, :by, :ld)",
        soci::use(county), soci::use(b.id), soci::use(b.list_id), soci::use(b.file_name),
        soci::use(b.file_sha256), soci::use(b.file_size), soci::use(b.format),
        soci::use(encoding.value, encoding.ind), soci::use(b.sheet), soci::use(header_row),
        soci::use(b.header), soci::use(b.column_fields), soci::use(zero), soci::use(zero),
        soci::use(zero), soci::use(zero), soci::use(zero), soci::use(zero), soci::use(zero),
        soci::use(b.imported_at), soci::use(b.imported_by), soci::use(b.list_date);
    return {};
  });
}

Status finish_batch(Database& db, const std::string& county, const Batch& b) {
  return db.transaction([&]() -> Status {
    int rows = static_cast<int>(b.rows), accepted = static_cast<int>(b.accepted),
        rejected = static_cast<int>(b.rejected), warnings = static_cast<int>(b.warnings),
        inserted = static_cast<int>(b.inserted), updated = static_cast<int>(b.updated),
        unchanged = static_cast<int>(b.unchanged);
    db.sql() << "UPDATE import_batches SET rows_total = :r, accepted = :a, rejected = :rj, "
                "warnings = :w, inserted = :i, updated = :u, unchanged = :un "
                "WHERE county_code = :c AND id = :id",
        soci::use(rows), soci::use(accepted), soci::use(rejected), soci::use(warnings),
        soci::use(inserted), soci::use(updated), soci::use(unchanged), soci::use(county),
        soci::use(b.id);
    return {};
  });
}

struct SourceRowWriter::Impl {
  Database& db;
  std::string county;
  long long batch_id;
  long long id = 0;
  int row_number = 0;
  std::string raw, status, problems, key;
  std::array<NullableText, kText.size()> text;
  int id_valid = 0, grade = 0, class_number = 0;
  soci::indicator grade_ind = soci::i_null, class_ind = soci::i_null;
  std::unique_ptr<soci::statement> put;
  long long next_id = 0, ids_left = 0, first = 0, last = 0;

  Impl(Database& d, std::string c, long long b) : db(d), county(std::move(c)), batch_id(b) {
    std::string sql =
        "INSERT INTO source_rows (county_code, id, batch_id, row_number, raw, status, "
        "problems, record_key, " +
        field_columns();
    sql.resize(sql.size() - 2);
    sql += ") VALUES (:c, :i, :b, :n, :raw, :s, :p, :k";
    for (size_t i = 0; i < kText.size() + kInts.size(); ++i) sql += ", :f" + std::to_string(i);
    sql += ")";
    put = std::make_unique<soci::statement>(db.sql());
    put->exchange(soci::use(county));
    put->exchange(soci::use(id));
    put->exchange(soci::use(batch_id));
    put->exchange(soci::use(row_number));
    put->exchange(soci::use(raw));
    put->exchange(soci::use(status));
    put->exchange(soci::use(problems));
    put->exchange(soci::use(key));
    for (auto& t : text) put->exchange(soci::use(t.value, t.ind));
    put->exchange(soci::use(id_valid));
    put->exchange(soci::use(grade, grade_ind));
    put->exchange(soci::use(class_number, class_ind));
    put->alloc();
    put->prepare(sql);
    put->define_and_bind();
  }
};

SourceRowWriter::SourceRowWriter(Database& db, std::string county, long long batch_id)
    : impl_(std::make_unique<Impl>(db, std::move(county), batch_id)) {}
SourceRowWriter::~SourceRowWriter() = default;

Status SourceRowWriter::add(SourceRow& row) {
  return guarded([&]() -> Status {
    Impl& m = *impl_;
    if (m.ids_left == 0) {  // ids in blocks: one sequence update per 10,000 rows
      m.next_id = m.db.reserve_ids("source_rows", 10000);
      m.ids_left = 10000;
    }
    row.id = m.id = m.next_id++;
    --m.ids_left;
    if (m.first == 0) m.first = row.id;
    m.last = row.id;
    m.row_number = static_cast<int>(row.row_number);
    m.raw = row.raw;
    m.status = row.accepted ? "accepted" : "rejected";
    m.problems = row.problems;
    m.key = row.record_key;
    for (size_t i = 0; i < kText.size(); ++i) m.text[i].set(row.fields.*(kText[i].member));
    m.id_valid = row.fields.id_valid;
    m.grade = row.fields.grade;
    m.grade_ind = row.fields.grade ? soci::i_ok : soci::i_null;
    m.class_number = row.fields.class_number;
    m.class_ind = row.fields.class_number ? soci::i_ok : soci::i_null;
    m.put->execute(true);
    return {};
  });
}

long long SourceRowWriter::first_id() const { return impl_->first; }
long long SourceRowWriter::last_id() const { return impl_->last; }

Result<std::vector<Duplicate>> duplicates_in_batch(Database& db, const std::string& county,
                                                   long long batch_id) {
  return guarded([&]() -> Result<std::vector<Duplicate>> {
    db.refresh_statistics("source_rows");
    const std::string c = county_literal(county), b = std::to_string(batch_id);
    std::vector<Duplicate> out;
    soci::rowset<soci::row> rs =
        db.sql().prepare
        << "WITH d AS (SELECT record_key, MIN(row_number) AS first_row FROM source_rows "
           "WHERE county_code = " +
               c + " AND batch_id = " + b +
               " AND status = 'accepted' "
               "GROUP BY record_key HAVING COUNT(*) > 1) "
               "SELECT s.id, s.row_number, d.first_row FROM source_rows s JOIN d ON s.record_key = "
               "d.record_key WHERE s.county_code = " +
               c + " AND s.batch_id = " + b +
               " AND s.status = 'accepted' AND s.row_number > d.first_row ORDER BY s.row_number";
    for (const soci::row& r : rs)
      out.push_back(
          {row_int(r, 0), static_cast<long>(row_int(r, 1)), static_cast<long>(row_int(r, 2))});
    return out;
  });
}

Status set_row_outcome(Database& db, const std::string& county, long long row_id, bool accepted,
                       const std::string& problems) {
  return guarded([&]() -> Status {
    const std::string status = accepted ? "accepted" : "rejected";
    db.sql() << "UPDATE source_rows SET status = :s, problems = :p "
                "WHERE county_code = :c AND id = :i",
        soci::use(status), soci::use(problems), soci::use(county), soci::use(row_id);
    return {};
  });
}

Result<std::vector<NameConflict>> name_conflicts(Database& db, const std::string& county,
                                                 long long list_id, long long batch_id,
                                                 long long first_row_id, long long last_row_id) {
  return guarded([&]() -> Result<std::vector<NameConflict>> {
    std::vector<NameConflict> out;
    if (first_row_id == 0) return out;
    const std::string c = county_literal(county);
    soci::rowset<soci::row> rs =
        db.sql().prepare
        << "SELECT sr.id, sr.problems, sr.name, old.name, old.batch_id, old.row_number "
           "FROM source_rows sr JOIN list_records lr ON lr.county_code = sr.county_code AND "
           "lr.list_id = " +
               std::to_string(list_id) +
               " AND lr.record_key = sr.record_key "
               "JOIN source_rows old ON old.county_code = lr.county_code AND old.id = "
               "lr.source_row_id "
               "WHERE sr.county_code = " +
               c + " AND sr.id BETWEEN " + std::to_string(first_row_id) + " AND " +
               std::to_string(last_row_id) + " AND +sr.batch_id = " + std::to_string(batch_id) +
               " AND sr.status = 'accepted' AND sr.record_key LIKE 'id:%' "
               "AND old.name_key IS DISTINCT FROM sr.name_key ORDER BY sr.id";
    for (const soci::row& r : rs) {
      out.push_back({row_int(r, 0), row_text(r, 1), row_text(r, 2), row_text(r, 3), row_int(r, 4),
                     static_cast<long>(row_int(r, 5))});
    }
    return out;
  });
}

Result<MergeCounts> merge_batch(Database& db, const std::string& county, long long list_id,
                                long long batch_id, long long first_row_id, long long last_row_id) {
  MergeCounts counts;
  if (first_row_id == 0) return counts;  // an empty batch
  Status st = db.transaction([&]() -> Status {
    auto& sql = db.sql();
    const std::string c = county_literal(county), l = std::to_string(list_id),
                      b = std::to_string(batch_id);
    // The batch in the order it was written: by id range, with the batch index kept out of the
    // plan (unary +), because reaching wide rows through it in key order is random I/O.
    const std::string batch_rows =
        "sr.county_code = " + c + " AND sr.id BETWEEN " + std::to_string(first_row_id) + " AND " +
        std::to_string(last_row_id) + " AND +sr.batch_id = " + b + " AND sr.status = 'accepted'";
    const std::string same_record = "lr.county_code = sr.county_code AND lr.list_id = " + l +
                                    " AND lr.record_key = sr.record_key";
    db.refresh_statistics("source_rows");
    db.refresh_statistics("list_records");
    const long long existing = query_int(
        sql, "SELECT COUNT(*) FROM list_records WHERE county_code = " + c + " AND list_id = " + l);
    const long long matched =
        existing == 0
            ? 0
            : query_int(sql, "SELECT COUNT(*) FROM source_rows sr JOIN list_records lr ON " +
                                 same_record + " WHERE " + batch_rows);
    if (matched > 0) {
      // One pass over the batch finds the records whose row differs in any tracked field; the
      // per-field change rows are then written from that (usually small) set only.
      std::string differs;
      auto add_column = [&](const std::string& col) {
        differs += (differs.empty() ? "" : " OR ") + ("old." + col + " IS DISTINCT FROM sr." + col);
      };
      for (const auto& col : kText)
        if (col.tracked) add_column(col.name);
      add_column("grade");
      add_column("class_number");
      sql << "DROP TABLE IF EXISTS changed_records";
      sql << "CREATE TEMPORARY TABLE changed_records AS SELECT lr.id AS record_id, sr.id AS "
             "new_id, old.id AS old_id FROM source_rows sr JOIN list_records lr ON " +
                 same_record +
                 " JOIN source_rows old ON old.county_code = lr.county_code AND old.id = "
                 "lr.source_row_id WHERE " +
                 batch_rows + " AND (" + differs + ")";
      auto track = [&](const std::string& column) {
        sql << "INSERT INTO list_record_changes (county_code, record_id, batch_id, field, "
               "old_value, new_value) SELECT " +
                   c + ", ch.record_id, " + b + ", '" + column + "', CAST(old." + column +
                   " AS TEXT), CAST(sr." + column +
                   " AS TEXT) FROM changed_records ch JOIN source_rows sr ON sr.county_code = " +
                   c + " AND sr.id = ch.new_id JOIN source_rows old ON old.county_code = " + c +
                   " AND old.id = ch.old_id WHERE old." + column + " IS DISTINCT FROM sr." + column;
      };
      for (const auto& col : kText)
        if (col.tracked) track(col.name);
      track("grade");
      track("class_number");
      sql << "DROP TABLE changed_records";
      counts.updated = static_cast<long>(query_int(
          sql, "SELECT COUNT(DISTINCT record_id) FROM list_record_changes WHERE county_code = " +
                   c + " AND batch_id = " + b));
      counts.unchanged = static_cast<long>(matched) - counts.updated;
      // Every record the batch names now stands on the batch's row, changed or not.
      sql << "UPDATE list_records SET source_row_id = sr.id, removed_batch_id = NULL, "
             "last_batch_id = " +
                 b + " FROM source_rows sr WHERE " + batch_rows +
                 " AND list_records.county_code = sr.county_code AND list_records.list_id = " + l +
                 " AND list_records.record_key = sr.record_key";
    }
    // New keys become new records; a record takes the id of the row that created it.
    soci::statement insert =
        (sql.prepare << "INSERT INTO list_records (county_code, id, list_id, record_key, "
                        "source_row_id, first_batch_id, last_batch_id) SELECT sr.county_code, "
                        "sr.id, " +
                            l + ", sr.record_key, sr.id, " + b + ", " + b +
                            " FROM source_rows sr WHERE " + batch_rows +
                            (matched > 0 ? " AND NOT EXISTS (SELECT 1 FROM list_records lr WHERE " +
                                               same_record + ")"
                                         : std::string()));
    insert.execute(true);
    counts.inserted = static_cast<long>(insert.get_affected_rows());
    return {};
  });
  if (!st) return st.error();
  return counts;
}

Result<long> retire_absent_records(Database& db, const std::string& county, long long list_id,
                                   long long batch_id) {
  return guarded([&]() -> Result<long> {
    soci::statement st =
        (db.sql().prepare << "UPDATE list_records SET removed_batch_id = :b WHERE county_code = "
                             ":c AND list_id = :l AND last_batch_id <> :b2 AND removed_batch_id "
                             "IS NULL AND record_key NOT IN (SELECT record_key FROM source_rows "
                             "WHERE county_code = :c2 AND batch_id = :b3)",
         soci::use(batch_id), soci::use(county), soci::use(list_id), soci::use(batch_id),
         soci::use(county), soci::use(batch_id));
    st.execute(true);
    return static_cast<long>(st.get_affected_rows());
  });
}

Result<std::vector<SourceList>> source_lists(Database& db, const std::string& county) {
  return guarded([&]() -> Result<std::vector<SourceList>> {
    std::vector<SourceList> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, kind, group_code, name FROM source_lists WHERE "
                             "county_code = :c ORDER BY id",
         soci::use(county));
    for (const soci::row& r : rs)
      out.push_back({row_int(r, 0), row_text(r, 1), row_text(r, 2), row_text(r, 3)});
    return out;
  });
}

Result<std::vector<ListRecord>> list_records(Database& db, const std::string& county,
                                             long long list_id) {
  return guarded([&]() -> Result<std::vector<ListRecord>> {
    std::vector<ListRecord> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, record_key, first_batch_id, last_batch_id, " +
                                 field_columns() +
                                 "1 FROM current_records WHERE county_code = :c "
                                 "AND list_id = :l ORDER BY id",
         soci::use(county), soci::use(list_id));
    for (const soci::row& r : rs)
      out.push_back(
          {row_int(r, 0), row_text(r, 1), read_fields(r, 4), row_int(r, 2), row_int(r, 3)});
    return out;
  });
}

Result<std::unordered_map<long long, long long>> last_change_batches(Database& db,
                                                                     const std::string& county) {
  return guarded([&]() -> Result<std::unordered_map<long long, long long>> {
    std::unordered_map<long long, long long> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT record_id, MAX(batch_id) FROM list_record_changes WHERE "
                             "county_code = :c GROUP BY record_id",
         soci::use(county));
    for (const soci::row& r : rs) out[row_int(r, 0)] = row_int(r, 1);
    return out;
  });
}

Result<std::vector<RecordChange>> record_changes(Database& db, const std::string& county,
                                                 long long record_id) {
  return guarded([&]() -> Result<std::vector<RecordChange>> {
    std::vector<RecordChange> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT record_id, batch_id, field, old_value, new_value FROM "
                             "list_record_changes WHERE county_code = :c AND record_id = :r "
                             "ORDER BY batch_id, field",
         soci::use(county), soci::use(record_id));
    for (const soci::row& r : rs)
      out.push_back({row_int(r, 0), row_int(r, 1), row_text(r, 2), row_text(r, 3), row_text(r, 4)});
    return out;
  });
}

Status for_each_batch_row(Database& db, const std::string& county, long long batch_id,
                          bool rejected_only, const std::function<Status(const SourceRow&)>& f) {
  return guarded([&]() -> Status {
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, row_number, raw, status, problems, record_key, " +
                                 field_columns() +
                                 "1 FROM source_rows WHERE county_code = :c AND "
                                 "batch_id = :b" +
                                 (rejected_only ? " AND status = 'rejected'" : "") +
                                 " ORDER BY row_number",
         soci::use(county), soci::use(batch_id));
    for (const soci::row& r : rs) {
      SourceRow row{row_int(r, 0),    static_cast<long>(row_int(r, 1)),
                    row_text(r, 2),   row_text(r, 3) == "accepted",
                    row_text(r, 4),   row_text(r, 5),
                    read_fields(r, 6)};
      if (Status st = f(row); !st) return st;
    }
    return {};
  });
}

Result<std::vector<SourceRow>> batch_rows(Database& db, const std::string& county,
                                          long long batch_id, bool rejected_only) {
  std::vector<SourceRow> out;
  Status st = for_each_batch_row(db, county, batch_id, rejected_only, [&](const SourceRow& r) {
    out.push_back(r);
    return Status{};
  });
  if (!st) return st.error();
  return out;
}

Result<std::vector<BatchInList>> recent_batches(Database& db, const std::string& county,
                                                int limit) {
  return guarded([&]() -> Result<std::vector<BatchInList>> {
    std::vector<BatchInList> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare
             << "SELECT b.id, b.list_id, b.file_name, b.format, b.rows_total, "
                "b.accepted, b.rejected, b.warnings, b.inserted, b.updated, "
                "b.unchanged, b.imported_at, b.imported_by, l.kind, l.group_code, "
                "l.name, b.list_date FROM import_batches b JOIN source_lists l ON l.county_code "
                "= b.county_code AND l.id = b.list_id WHERE b.county_code = :c "
                "ORDER BY b.id DESC LIMIT " +
                    std::to_string(limit),
         soci::use(county));
    for (const soci::row& r : rs) {
      BatchInList x;
      Batch& b = x.batch;
      b.id = row_int(r, 0);
      b.list_id = row_int(r, 1);
      b.file_name = row_text(r, 2);
      b.format = row_text(r, 3);
      long* counts[] = {&b.rows,     &b.accepted, &b.rejected, &b.warnings,
                        &b.inserted, &b.updated,  &b.unchanged};
      std::size_t i = 4;
      for (long* v : counts) *v = static_cast<long>(row_int(r, i++));
      b.imported_at = row_text(r, i++);
      b.imported_by = row_text(r, i++);
      x.kind = row_text(r, i++);
      x.group_code = row_text(r, i++);
      x.list_name = row_text(r, i++);
      b.list_date = row_text(r, i++);
      out.push_back(std::move(x));
    }
    return out;
  });
}

}  // namespace baoxue::store
