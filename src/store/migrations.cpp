#include "store/migrations.h"

namespace baoxue::store {

// Conventions, so the schema runs unchanged on SQLite and PostgreSQL and shards by county:
// - every row of county data carries county_code (six digits) and leads its primary key with it;
// - ids are BIGINT assigned by the application (Database::reserve_ids);
// - calendar dates are TEXT 'YYYY-MM-DD', instants TEXT 'YYYY-MM-DDTHH:MM:SSZ' (UTC);
// - flags are SMALLINT 0/1; codes are TEXT from the county's code tables.
namespace {

// Normalised fields of an imported row, shared by source_rows and list_records (migration 2).
const std::string kRecordFields = R"(
                name TEXT, name_key TEXT, pinyin_key TEXT, id_number TEXT,
                id_valid SMALLINT NOT NULL, birth_date TEXT, sex TEXT, ethnicity TEXT,
                student_no TEXT, school_code TEXT, school_name TEXT, grade INTEGER,
                class_number INTEGER, enrollment_status TEXT, address TEXT, township TEXT,
                village TEXT, guardian_name TEXT, guardian_phone TEXT, disability_category TEXT,
                disability_grade TEXT,)";

}  // namespace

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kMigrations = {
      {1,
       "foundation: counties, settings, code tables, regions, schools, persons, enrolments, "
       "key groups",
       {
           R"(CREATE TABLE id_sequences (
                name TEXT PRIMARY KEY,
                next_id BIGINT NOT NULL))",
           R"(CREATE TABLE counties (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                prefecture TEXT NOT NULL,
                province TEXT NOT NULL,
                created_at TEXT NOT NULL))",
           R"(CREATE TABLE settings (
                county_code TEXT NOT NULL REFERENCES counties(code),
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                updated_by TEXT NOT NULL,
                PRIMARY KEY (county_code, key)))",
           R"(CREATE TABLE codes (
                county_code TEXT NOT NULL REFERENCES counties(code),
                table_name TEXT NOT NULL,
                code TEXT NOT NULL,
                label_zh TEXT NOT NULL,
                label_en TEXT NOT NULL,
                attrs TEXT NOT NULL,
                sort_order INTEGER NOT NULL,
                active SMALLINT NOT NULL,
                PRIMARY KEY (county_code, table_name, code)))",
           R"(CREATE TABLE regions (
                county_code TEXT NOT NULL REFERENCES counties(code),
                code TEXT NOT NULL,
                level TEXT NOT NULL CHECK (level IN ('county', 'township', 'village')),
                name TEXT NOT NULL,
                parent_code TEXT,
                PRIMARY KEY (county_code, code)))",
           R"(CREATE TABLE schools (
                county_code TEXT NOT NULL REFERENCES counties(code),
                id TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                township_code TEXT NOT NULL,
                village_code TEXT,
                address TEXT,
                is_small_scale SMALLINT NOT NULL,
                is_boarding SMALLINT NOT NULL,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, township_code) REFERENCES regions(county_code, code)))",
           R"(CREATE TABLE school_catchments (
                county_code TEXT NOT NULL,
                school_id TEXT NOT NULL,
                village_code TEXT NOT NULL,
                PRIMARY KEY (county_code, school_id, village_code),
                FOREIGN KEY (county_code, school_id) REFERENCES schools(county_code, id),
                FOREIGN KEY (county_code, village_code) REFERENCES regions(county_code, code)))",
           R"(CREATE TABLE classes (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                school_id TEXT NOT NULL,
                school_year INTEGER NOT NULL,
                grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 9),
                number INTEGER NOT NULL,
                name TEXT NOT NULL,
                head_teacher TEXT,
                PRIMARY KEY (county_code, id),
                UNIQUE (county_code, school_id, school_year, grade, number),
                FOREIGN KEY (county_code, school_id) REFERENCES schools(county_code, id)))",
           R"(CREATE TABLE persons (
                county_code TEXT NOT NULL REFERENCES counties(code),
                id BIGINT NOT NULL,
                name TEXT NOT NULL,
                name_key TEXT NOT NULL,
                pinyin_key TEXT NOT NULL,
                id_number TEXT,
                birth_date TEXT,
                sex TEXT CHECK (sex IN ('男', '女')),
                ethnicity TEXT,
                residence_village TEXT,
                hukou_address TEXT,
                hukou_local SMALLINT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX persons_by_id_number ON persons (county_code, id_number)",
           "CREATE INDEX persons_by_name ON persons (county_code, name_key, birth_date)",
           R"(CREATE TABLE guardians (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                person_id BIGINT NOT NULL,
                name TEXT NOT NULL,
                relation TEXT NOT NULL,
                phone TEXT,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, person_id) REFERENCES persons(county_code, id)))",
           "CREATE INDEX guardians_by_person ON guardians (county_code, person_id)",
           R"(CREATE TABLE enrollments (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                person_id BIGINT NOT NULL,
                student_no TEXT,
                school_id TEXT NOT NULL,
                class_id BIGINT,
                grade INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 9),
                status TEXT NOT NULL,
                status_since TEXT NOT NULL,
                entered_on TEXT,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, person_id) REFERENCES persons(county_code, id),
                FOREIGN KEY (county_code, school_id) REFERENCES schools(county_code, id),
                FOREIGN KEY (county_code, class_id) REFERENCES classes(county_code, id)))",
           "CREATE INDEX enrollments_by_person ON enrollments (county_code, person_id)",
           "CREATE INDEX enrollments_by_school ON enrollments (county_code, school_id, status)",
           "CREATE INDEX enrollments_by_student_no ON enrollments (county_code, student_no)",
           R"(CREATE TABLE enrollment_events (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                enrollment_id BIGINT NOT NULL,
                status TEXT NOT NULL,
                previous_status TEXT,
                effective_on TEXT NOT NULL,
                reason TEXT,
                other_school TEXT,
                recorded_at TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, enrollment_id) REFERENCES enrollments(county_code, id)))",
           "CREATE INDEX enrollment_events_by_enrollment ON enrollment_events (county_code, "
           "enrollment_id)",
           R"(CREATE TABLE group_memberships (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                person_id BIGINT NOT NULL,
                group_code TEXT NOT NULL,
                source_list TEXT NOT NULL,
                since TEXT,
                until TEXT,
                detail TEXT,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, person_id) REFERENCES persons(county_code, id)))",
           "CREATE INDEX group_memberships_by_person ON group_memberships (county_code, person_id)",
           "CREATE INDEX group_memberships_by_group ON group_memberships (county_code, group_code)",
       }},
      {2,
       "imports: source lists, batches, raw source rows, list records with change history",
       {
           R"(CREATE TABLE source_lists (
                county_code TEXT NOT NULL REFERENCES counties(code),
                id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                group_code TEXT NOT NULL,
                name TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id),
                UNIQUE (county_code, kind, group_code)))",
           R"(CREATE TABLE import_batches (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                list_id BIGINT NOT NULL,
                file_name TEXT NOT NULL,
                file_sha256 TEXT NOT NULL,
                file_size BIGINT NOT NULL,
                format TEXT NOT NULL,
                encoding TEXT,
                sheet TEXT NOT NULL,
                header_row INTEGER NOT NULL,
                header TEXT NOT NULL,
                column_fields TEXT NOT NULL,
                rows_total INTEGER NOT NULL,
                accepted INTEGER NOT NULL,
                rejected INTEGER NOT NULL,
                warnings INTEGER NOT NULL,
                inserted INTEGER NOT NULL,
                updated INTEGER NOT NULL,
                unchanged INTEGER NOT NULL,
                imported_at TEXT NOT NULL,
                imported_by TEXT NOT NULL,
                PRIMARY KEY (county_code, id),
                UNIQUE (county_code, list_id, file_sha256, sheet),
                FOREIGN KEY (county_code, list_id) REFERENCES source_lists(county_code, id)))",
           R"(CREATE TABLE source_rows (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                batch_id BIGINT NOT NULL,
                row_number INTEGER NOT NULL,
                raw TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('accepted', 'rejected')),
                problems TEXT NOT NULL,
                record_key TEXT NOT NULL,)" +
               kRecordFields + R"(
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, batch_id) REFERENCES import_batches(county_code, id)))",
           // Covering for the duplicate check (GROUP BY record_key within a batch).
           "CREATE INDEX source_rows_by_batch ON source_rows (county_code, batch_id, record_key, "
           "status, row_number)",
           // A list's current state: which source row stands for each child now. The fields stay
           // in source_rows (read through current_records): copying them would double the write
           // volume of every import.
           R"(CREATE TABLE list_records (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                list_id BIGINT NOT NULL,
                record_key TEXT NOT NULL,
                source_row_id BIGINT NOT NULL,
                first_batch_id BIGINT NOT NULL,
                last_batch_id BIGINT NOT NULL,
                PRIMARY KEY (county_code, id),
                UNIQUE (county_code, list_id, record_key),
                FOREIGN KEY (county_code, list_id) REFERENCES source_lists(county_code, id)))",
           R"(CREATE VIEW current_records AS
                SELECT lr.county_code, lr.id, lr.list_id, lr.record_key, lr.source_row_id,
                       lr.first_batch_id, lr.last_batch_id, sr.row_number, sr.name, sr.name_key,
                       sr.pinyin_key, sr.id_number, sr.id_valid, sr.birth_date, sr.sex,
                       sr.ethnicity, sr.student_no, sr.school_code, sr.school_name, sr.grade,
                       sr.class_number, sr.enrollment_status, sr.address, sr.township, sr.village,
                       sr.guardian_name, sr.guardian_phone, sr.disability_category,
                       sr.disability_grade
                FROM list_records lr
                JOIN source_rows sr ON sr.county_code = lr.county_code AND sr.id = lr.source_row_id)",
           R"(CREATE TABLE list_record_changes (
                county_code TEXT NOT NULL,
                record_id BIGINT NOT NULL,
                batch_id BIGINT NOT NULL,
                field TEXT NOT NULL,
                old_value TEXT,
                new_value TEXT,
                PRIMARY KEY (county_code, record_id, batch_id, field),
                FOREIGN KEY (county_code, record_id) REFERENCES list_records(county_code, id)))",
       }},
  };
  return kMigrations;
}

}  // namespace baoxue::store
