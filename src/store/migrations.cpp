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

// A list's records with their fields (the view current_records; migration 3 narrows it).
const std::string kCurrentRecords = R"(
                SELECT lr.county_code, lr.id, lr.list_id, lr.record_key, lr.source_row_id,
                       lr.first_batch_id, lr.last_batch_id, sr.row_number, sr.name, sr.name_key,
                       sr.pinyin_key, sr.id_number, sr.id_valid, sr.birth_date, sr.sex,
                       sr.ethnicity, sr.student_no, sr.school_code, sr.school_name, sr.grade,
                       sr.class_number, sr.enrollment_status, sr.address, sr.township, sr.village,
                       sr.guardian_name, sr.guardian_phone, sr.disability_category,
                       sr.disability_grade
                FROM list_records lr
                JOIN source_rows sr ON sr.county_code = lr.county_code AND sr.id = lr.source_row_id)";

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
           "CREATE VIEW current_records AS " + kCurrentRecords,
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
      {3,
       "census: records retired by whole-list imports, match runs and their decisions, the "
       "school-age children ledger, the suspected ledger",
       {
           // A list imported whole (全量) retires the records its file no longer has: a pupil
           // who left the roll must not stay "in school" because an older export named him.
           "ALTER TABLE list_records ADD COLUMN removed_batch_id BIGINT",
           "DROP VIEW current_records",
           "CREATE VIEW current_records AS " + kCurrentRecords +
               " WHERE lr.removed_batch_id IS NULL",
           R"(CREATE TABLE match_runs (
                county_code TEXT NOT NULL REFERENCES counties(code),
                id BIGINT NOT NULL,
                as_of TEXT NOT NULL,
                started_at TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                started_by TEXT NOT NULL,
                hukou_records INTEGER NOT NULL,
                village_records INTEGER NOT NULL,
                xueji_records INTEGER NOT NULL,
                present_records INTEGER NOT NULL,
                children INTEGER NOT NULL,
                in_band INTEGER NOT NULL,
                enrolled INTEGER NOT NULL,
                probable INTEGER NOT NULL,
                suspected INTEGER NOT NULL,
                out_of_band INTEGER NOT NULL,
                not_present INTEGER NOT NULL,
                poverty_suspected INTEGER NOT NULL,
                entries_opened INTEGER NOT NULL,
                entries_still_open INTEGER NOT NULL,
                entries_not_reopened INTEGER NOT NULL,
                PRIMARY KEY (county_code, id)))",
           // One row per compared record and comparison. Evidence (JSON) is kept for the
           // probabilistic decisions; an ID-number match explains itself.
           R"(CREATE TABLE match_decisions (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                run_id BIGINT NOT NULL,
                comparison TEXT NOT NULL CHECK (comparison IN ('hukou_xueji', 'xueji_present',
                                                               'village_hukou', 'group')),
                record_id BIGINT NOT NULL,
                candidate_record_id BIGINT,
                decision TEXT NOT NULL,
                score REAL NOT NULL,
                reason TEXT NOT NULL,
                evidence TEXT,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, run_id) REFERENCES match_runs(county_code, id)))",
           "CREATE INDEX match_decisions_by_record ON match_decisions (county_code, record_id, "
           "run_id)",
           "CREATE INDEX match_decisions_by_run ON match_decisions (county_code, run_id, "
           "comparison, decision)",
           // 适龄儿童台账 as one run found it: every child on the county's lists, his status and
           // the lists he is on. Runs are kept, so a report can say what was known when.
           R"(CREATE TABLE ledger_children (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                run_id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                record_id BIGINT NOT NULL,
                name TEXT, sex TEXT, birth_date TEXT, id_number TEXT, township TEXT, village TEXT,
                township_code TEXT, village_code TEXT, guardian_name TEXT,
                status TEXT NOT NULL CHECK (status IN ('enrolled', 'probable', 'suspected',
                                                       'out_of_band')),
                in_band SMALLINT NOT NULL,
                expected_grade INTEGER,
                xueji_record_id BIGINT,
                school_code TEXT, school_name TEXT, grade INTEGER,
                on_lists TEXT NOT NULL,
                key_groups TEXT,
                poverty SMALLINT NOT NULL,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, run_id) REFERENCES match_runs(county_code, id)))",
           "CREATE INDEX ledger_children_by_run ON ledger_children (county_code, run_id, status, "
           "township_code)",
           "CREATE INDEX ledger_children_by_key ON ledger_children (county_code, child_key, "
           "run_id)",
           // 疑似失学辍学台账. An entry lives across runs: it is opened once, seen again by later
           // runs, and closed by a person with a category and a note — never deleted. `basis`
           // names the facts the suspicion rests on; a closed entry is followed by a new one only
           // when they change.
           R"(CREATE TABLE suspected_entries (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                comparison TEXT NOT NULL,
                reason_code TEXT NOT NULL,
                reason TEXT NOT NULL,
                evidence TEXT,
                basis TEXT NOT NULL,
                record_id BIGINT NOT NULL,
                candidate_record_id BIGINT,
                name TEXT, sex TEXT, birth_date TEXT, id_number TEXT, student_no TEXT,
                township TEXT, village TEXT, township_code TEXT, village_code TEXT,
                address TEXT, guardian_name TEXT,
                guardian_phone TEXT, school_code TEXT, school_name TEXT, grade INTEGER,
                poverty SMALLINT NOT NULL,
                key_groups TEXT,
                status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
                opened_run_id BIGINT NOT NULL,
                opened_at TEXT NOT NULL,
                last_seen_run_id BIGINT NOT NULL,
                in_school_run_id BIGINT,
                previous_entry_id BIGINT,
                reopen_reason TEXT,
                closed_at TEXT, closed_by TEXT, close_category TEXT, close_note TEXT,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, opened_run_id) REFERENCES match_runs(county_code, id)))",
           // One open entry per child, whatever the engine's concurrency.
           "CREATE UNIQUE INDEX suspected_entries_one_open ON suspected_entries (county_code, "
           "child_key) WHERE status = 'open'",
           "CREATE INDEX suspected_entries_by_key ON suspected_entries (county_code, child_key, "
           "id)",
           "CREATE INDEX suspected_entries_by_status ON suspected_entries (county_code, status, "
           "township_code)",
       }},
      {4,
       "access: users, sessions, the audit log",
       {
           // A user belongs to one county and sits at one place in its tree (auth/role.h).
           R"(CREATE TABLE users (
                county_code TEXT NOT NULL REFERENCES counties(code),
                id BIGINT NOT NULL,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL,
                township_code TEXT, village_code TEXT, school_code TEXT, class_id BIGINT,
                password_hash TEXT NOT NULL,
                must_change_password SMALLINT NOT NULL,
                failed_logins INTEGER NOT NULL,
                locked_until TEXT,
                disabled SMALLINT NOT NULL,
                created_at TEXT NOT NULL,
                created_by TEXT NOT NULL,
                password_changed_at TEXT,
                PRIMARY KEY (county_code, id)))",
           // Sessions by the SHA-256 of their token: the cookie itself is never stored.
           R"(CREATE TABLE sessions (
                county_code TEXT NOT NULL,
                token_digest TEXT NOT NULL PRIMARY KEY,
                user_id BIGINT NOT NULL,
                csrf_digest TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                last_seen_at TEXT NOT NULL,
                address TEXT,
                FOREIGN KEY (county_code, user_id) REFERENCES users(county_code, id)))",
           // Append-only: no code path updates or deletes a row.
           R"(CREATE TABLE audit_log (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                at TEXT NOT NULL,
                user_id BIGINT,
                username TEXT NOT NULL,
                action TEXT NOT NULL,
                object_type TEXT,
                object_id TEXT,
                detail TEXT,
                address TEXT,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX audit_log_by_time ON audit_log (county_code, at)",
       }},
      {5,
       "verification (核查): tasks, submissions, evidence files, transitions; the dropout ledger",
       {
           // One task sends an open suspected entry to a township, a village or a school. The
           // assignee's place is copied into township/village/school_code so the same scope
           // filter as the ledgers decides who sees the task.
           R"(CREATE TABLE verification_tasks (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                entry_id BIGINT NOT NULL,
                assignee_kind TEXT NOT NULL CHECK (assignee_kind IN ('township', 'village',
                                                                     'school')),
                assignee_code TEXT NOT NULL,
                assignee_name TEXT NOT NULL,
                township_code TEXT, village_code TEXT, school_code TEXT,
                deadline TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('assigned', 'submitted', 'returned',
                                                     'approved')),
                dispatched_at TEXT NOT NULL,
                dispatched_by TEXT NOT NULL,
                category TEXT,
                decided_at TEXT, decided_by TEXT,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, entry_id) REFERENCES suspected_entries(county_code, id)))",
           // An entry is worked on by one task at a time.
           "CREATE UNIQUE INDEX verification_tasks_one_active ON verification_tasks (county_code, "
           "entry_id) WHERE state IN ('assigned', 'submitted', 'returned')",
           "CREATE INDEX verification_tasks_by_state ON verification_tasks (county_code, state, "
           "deadline)",
           R"(CREATE TABLE verification_submissions (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                task_id BIGINT NOT NULL,
                category TEXT NOT NULL,
                note TEXT NOT NULL,
                submitted_by TEXT NOT NULL,
                submitted_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, task_id) REFERENCES verification_tasks(county_code, id)))",
           // A file uploaded for a task; the bytes live once per SHA-256 in the evidence store.
           // submission_id is set when a submission names the file.
           R"(CREATE TABLE evidence_files (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                task_id BIGINT NOT NULL,
                submission_id BIGINT,
                sha256 TEXT NOT NULL,
                name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id),
                FOREIGN KEY (county_code, task_id) REFERENCES verification_tasks(county_code, id)))",
           // Every change of a task's state: who, when, why. Append-only.
           R"(CREATE TABLE task_transitions (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                task_id BIGINT NOT NULL,
                at TEXT NOT NULL,
                by_user TEXT NOT NULL,
                from_state TEXT,
                to_state TEXT NOT NULL,
                reason TEXT,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX task_transitions_by_task ON task_transitions (county_code, task_id, id)",
           // 辍学台账: children verified as truly out of school (categories I–M). The child's
           // particulars are copied from the suspected entry: the ledger is what was confirmed.
           R"(CREATE TABLE dropout_entries (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                suspected_entry_id BIGINT NOT NULL,
                task_id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                name TEXT, sex TEXT, birth_date TEXT, id_number TEXT,
                township TEXT, village TEXT, township_code TEXT, village_code TEXT,
                address TEXT, guardian_name TEXT, guardian_phone TEXT,
                school_code TEXT, school_name TEXT, grade INTEGER,
                poverty SMALLINT NOT NULL,
                key_groups TEXT,
                category TEXT NOT NULL,
                note TEXT,
                status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
                opened_at TEXT NOT NULL,
                opened_by TEXT NOT NULL,
                closed_at TEXT, closed_by TEXT, close_note TEXT,
                PRIMARY KEY (county_code, id)))",
           "CREATE UNIQUE INDEX dropout_entries_one_open ON dropout_entries (county_code, "
           "child_key) WHERE status = 'open'",
       }},
      {6,
       "ledger search: a run's children by name and by ID number",
       {
           "CREATE INDEX ledger_children_by_name ON ledger_children (county_code, run_id, name)",
           "CREATE INDEX ledger_children_by_id_number ON ledger_children (county_code, run_id, "
           "id_number)",
       }},
      {7,
       "a pupil's class on the ledgers, so that a head teacher's scope is his class",
       {
           "ALTER TABLE ledger_children ADD COLUMN class_number INTEGER",
           "ALTER TABLE suspected_entries ADD COLUMN class_number INTEGER",
           "ALTER TABLE dropout_entries ADD COLUMN class_number INTEGER",
       }},
      {8,
       "records a bureau can trust: each child's standing on the latest ledger, search keys "
       "that fold traditional characters, jobs for long work, the unit of each audit row",
       {
           // standing: in_school | probable | verified | pending | dropout | out_of_band, kept on
           // the latest run's rows as verification and cases change it (standing_seq orders the
           // changes, so a server holding the ledger in memory reads only what changed).
           "ALTER TABLE ledger_children ADD COLUMN standing TEXT",
           "ALTER TABLE ledger_children ADD COLUMN category TEXT",
           "ALTER TABLE ledger_children ADD COLUMN entry_id BIGINT",
           "ALTER TABLE ledger_children ADD COLUMN dropout_id BIGINT",
           "ALTER TABLE ledger_children ADD COLUMN standing_seq BIGINT NOT NULL DEFAULT 0",
           // text::name_key of the name: what the search box compares, so 張晨毅 finds 张晨毅.
           "ALTER TABLE ledger_children ADD COLUMN search_name TEXT",
           // Rows of runs made before this migration: the run's own finding; the next census
           // computes the standing in full.
           "UPDATE ledger_children SET search_name = name, standing = CASE status WHEN "
           "'enrolled' THEN 'in_school' WHEN 'probable' THEN 'probable' WHEN 'suspected' THEN "
           "'pending' ELSE 'out_of_band' END",
           "CREATE INDEX ledger_children_by_search_name ON ledger_children (county_code, run_id, "
           "search_name)",
           "CREATE INDEX ledger_children_by_standing_seq ON ledger_children (county_code, "
           "run_id, standing_seq)",
           "ALTER TABLE suspected_entries ADD COLUMN search_name TEXT",
           "UPDATE suspected_entries SET search_name = name",
           "ALTER TABLE dropout_entries ADD COLUMN search_name TEXT",
           "UPDATE dropout_entries SET search_name = name",
           R"(CREATE TABLE jobs (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
                phase TEXT,
                done BIGINT NOT NULL,
                total BIGINT NOT NULL,
                params TEXT,
                result TEXT,
                error_code TEXT, error_message TEXT,
                user_id BIGINT NOT NULL,
                username TEXT NOT NULL,
                created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT,
                file_path TEXT, file_name TEXT,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX jobs_by_user ON jobs (county_code, user_id, id)",
           // The acting user's unit (township, village or school code; the county for county
           // roles), so the log filters by unit as the tree does.
           "ALTER TABLE audit_log ADD COLUMN unit_code TEXT",
           "CREATE INDEX audit_log_by_action ON audit_log (county_code, action, at)",
           "CREATE INDEX audit_log_by_user ON audit_log (county_code, username, at)",
       }},
      {9,
       "persuade-to-return (劝返复学): a case for each confirmed dropout, its responsible people, "
       "attempts, transitions, notices, follow-up notes; files attached to records",
       {
           // One case per child, ever: a relapse reopens it (never a second record). The case
           // follows his latest 辍学台账 entry (dropout_id); the child's particulars are read from
           // it. township/village/school_code place the case for scope: the school is the one
           // responsible on the education line (the receiving school once he returns).
           // attempts … next_due are kept from case_attempts for lists and the overdue rule;
           // notice_deadline is the latest 限期返校通知书's, for the escalation to the county.
           R"(CREATE TABLE cases (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                dropout_id BIGINT NOT NULL,
                township_code TEXT, village_code TEXT, school_code TEXT, school_name TEXT,
                grade INTEGER, class_number INTEGER,
                cause_category TEXT NOT NULL,
                cause_note TEXT,
                state TEXT NOT NULL,
                prior_state TEXT,
                end_reason TEXT,
                plan_measures TEXT, plan_target_date TEXT,
                return_school_code TEXT, return_school_name TEXT, return_grade INTEGER,
                return_class TEXT, return_date TEXT, follow_up_until TEXT, adaptation_plan TEXT,
                attempts INTEGER NOT NULL,
                refusals INTEGER NOT NULL,
                last_attempt_date TEXT,
                next_due TEXT,
                notice_deadline TEXT,
                opened_at TEXT NOT NULL, opened_by TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                closed_at TEXT, closed_by TEXT,
                PRIMARY KEY (county_code, id)))",
           "CREATE UNIQUE INDEX cases_one_per_child ON cases (county_code, child_key)",
           "CREATE INDEX cases_by_state ON cases (county_code, state, township_code)",
           // The working group (双线): named people on the government line (乡镇包联干部, 村干部)
           // and the education line (校长, 班主任). username when the person has an account.
           // A person taken off the case keeps his row (removed_at).
           R"(CREATE TABLE case_people (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                case_id BIGINT NOT NULL,
                line TEXT NOT NULL CHECK (line IN ('government', 'education')),
                duty TEXT NOT NULL,
                name TEXT NOT NULL,
                phone TEXT,
                username TEXT,
                added_at TEXT NOT NULL, added_by TEXT NOT NULL,
                removed_at TEXT, removed_by TEXT,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX case_people_by_case ON case_people (county_code, case_id)",
           // 劝返记录: append-only. A correction is a new row naming the one it corrects.
           R"(CREATE TABLE case_attempts (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                case_id BIGINT NOT NULL,
                attempt_date TEXT NOT NULL,
                method TEXT NOT NULL,
                visitors TEXT NOT NULL,
                met TEXT,
                said TEXT,
                outcome TEXT NOT NULL,
                next_step TEXT,
                next_due TEXT,
                corrects_id BIGINT,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX case_attempts_by_case ON case_attempts (county_code, case_id, id)",
           // Every change of a case's state: who, when, why; `detail` (JSON) what came with it
           // (the receiving school, the end and its certificate). Append-only.
           R"(CREATE TABLE case_transitions (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                case_id BIGINT NOT NULL,
                at TEXT NOT NULL,
                by_user TEXT NOT NULL,
                action TEXT NOT NULL,
                from_state TEXT,
                to_state TEXT NOT NULL,
                reason TEXT,
                detail TEXT,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX case_transitions_by_case ON case_transitions (county_code, case_id, id)",
           // 劝返通知书 / 限期返校通知书 as issued: the PDF is kept in the evidence store.
           R"(CREATE TABLE case_notices (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                case_id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                number TEXT NOT NULL,
                issuer TEXT NOT NULL,
                issued_on TEXT NOT NULL,
                deadline TEXT,
                sha256 TEXT NOT NULL,
                size BIGINT NOT NULL,
                issued_by TEXT NOT NULL,
                issued_at TEXT NOT NULL,
                escalated_at TEXT,
                PRIMARY KEY (county_code, id),
                UNIQUE (county_code, number)))",
           "CREATE INDEX case_notices_by_case ON case_notices (county_code, case_id, id)",
           // The head teacher's monthly notes while a returned child is followed up.
           R"(CREATE TABLE case_follow_ups (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                case_id BIGINT NOT NULL,
                note_date TEXT NOT NULL,
                attendance TEXT,
                note TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX case_follow_ups_by_case ON case_follow_ups (county_code, case_id, id)",
           // Photos, signed documents, certificates: uploaded to an owner (a case, a 送教上门
           // plan, a pupil's visits) before the record that names them exists, then attached to
           // that record (an attempt, a transition, a session, a visit). The bytes live once per
           // SHA-256 in the evidence store.
           R"(CREATE TABLE record_files (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                owner_type TEXT NOT NULL,
                owner_id BIGINT NOT NULL,
                attached_type TEXT,
                attached_id BIGINT,
                sha256 TEXT NOT NULL,
                name TEXT NOT NULL,
                content_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                uploaded_by TEXT NOT NULL,
                uploaded_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX record_files_by_owner ON record_files (county_code, owner_type, "
           "owner_id)",
           // How the dropout entry was closed (销号): the case's end (case_end in data/labels.tsv).
           "ALTER TABLE dropout_entries ADD COLUMN end_reason TEXT",
       }},
      {10,
       "送教上门 plans and their sessions; the home-visit register (家访登记)",
       {
           // 一人一案 for a severely disabled child taught at home: he holds 学籍 and counts as
           // enrolled. The child's particulars are copied when the plan is made; his place
           // (township, village, school, class) scopes the plan.
           R"(CREATE TABLE home_teaching_plans (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                name TEXT NOT NULL, sex TEXT, birth_date TEXT, id_number TEXT,
                township_code TEXT, village_code TEXT, school_code TEXT, school_name TEXT,
                grade INTEGER, class_number INTEGER,
                disability_category TEXT, disability_grade TEXT,
                assessment TEXT NOT NULL,
                teachers TEXT NOT NULL,
                subjects TEXT NOT NULL,
                visits_per_week INTEGER NOT NULL,
                hours_target REAL NOT NULL,
                school_year INTEGER NOT NULL,
                start_date TEXT NOT NULL,
                end_date TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('active', 'ended')),
                case_id BIGINT,
                created_by TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE UNIQUE INDEX home_teaching_one_per_year ON home_teaching_plans (county_code, "
           "child_key, school_year)",
           // A session taught at home. Append-only; a correction names the row it corrects.
           R"(CREATE TABLE home_teaching_sessions (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                plan_id BIGINT NOT NULL,
                session_date TEXT NOT NULL,
                hours REAL NOT NULL,
                teacher TEXT NOT NULL,
                content TEXT NOT NULL,
                corrects_id BIGINT,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX home_teaching_sessions_by_plan ON home_teaching_sessions (county_code, "
           "plan_id, session_date)",
           // 家访登记: a teacher's visit to any pupil's home, not only a dropout's.
           R"(CREATE TABLE home_visits (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                name TEXT NOT NULL,
                township_code TEXT, village_code TEXT, school_code TEXT, school_name TEXT,
                grade INTEGER, class_number INTEGER,
                key_groups TEXT,
                visit_date TEXT NOT NULL,
                method TEXT NOT NULL,
                visitors TEXT NOT NULL,
                met TEXT,
                content TEXT NOT NULL,
                follow_up TEXT,
                corrects_id BIGINT,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX home_visits_by_school ON home_visits (county_code, school_code, "
           "visit_date)",
           "CREATE INDEX home_visits_by_child ON home_visits (county_code, child_key, visit_date)",
       }},
      {11,
       "attendance: roll calls (only the exceptions, and which classes took roll), their "
       "corrections, leave, the tasks absence streaks give, teacher flags, support pairs",
       {
           // A class's roll call at one session of one day. The row itself says the class took
           // roll (a school day, attendance/streak.h); pupils not in roll_call_marks were present.
           // A correction the same day replaces the marks and raises `revision`; what it changed
           // is kept in roll_call_changes. township/village_code are the school's, for scope.
           R"(CREATE TABLE roll_calls (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                school_code TEXT NOT NULL,
                grade INTEGER NOT NULL,
                class_number INTEGER NOT NULL,
                day TEXT NOT NULL,
                session TEXT NOT NULL CHECK (session IN ('am', 'pm')),
                township_code TEXT, village_code TEXT,
                pupils INTEGER NOT NULL,
                exceptions INTEGER NOT NULL,
                source TEXT NOT NULL,
                revision INTEGER NOT NULL,
                taken_by TEXT NOT NULL,
                taken_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE UNIQUE INDEX roll_calls_one_per_session ON roll_calls (county_code, "
           "school_code, grade, class_number, day, session)",
           // Covering: which classes took roll on a day reads the index alone.
           "CREATE INDEX roll_calls_by_day ON roll_calls (county_code, day, school_code, grade, "
           "class_number)",
           // The pupils not present at a roll call (attendance_mark codes other than present).
           // `day` is the roll call's, kept here so a pupil's absences read without a join.
           R"(CREATE TABLE roll_call_marks (
                county_code TEXT NOT NULL,
                roll_call_id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                day TEXT NOT NULL,
                mark TEXT NOT NULL,
                PRIMARY KEY (county_code, roll_call_id, child_key)))",
           "CREATE INDEX roll_call_marks_by_child ON roll_call_marks (county_code, child_key, "
           "day)",
           "CREATE INDEX roll_call_marks_by_day ON roll_call_marks (county_code, day, mark)",
           // What each correction changed: one row per pupil whose mark changed.
           R"(CREATE TABLE roll_call_changes (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                roll_call_id BIGINT NOT NULL,
                revision INTEGER NOT NULL,
                child_key TEXT NOT NULL,
                old_mark TEXT NOT NULL,
                new_mark TEXT NOT NULL,
                source TEXT NOT NULL,
                changed_by TEXT NOT NULL,
                changed_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX roll_call_changes_by_roll_call ON roll_call_changes (county_code, "
           "roll_call_id, revision)",
           // 请假: recorded by the head teacher beforehand; the roll call starts from it.
           R"(CREATE TABLE leave_records (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                name TEXT NOT NULL,
                township_code TEXT, village_code TEXT, school_code TEXT, school_name TEXT,
                grade INTEGER, class_number INTEGER,
                kind TEXT NOT NULL CHECK (kind IN ('sick_leave', 'personal_leave')),
                from_day TEXT NOT NULL,
                to_day TEXT NOT NULL,
                reason TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                cancelled_by TEXT, cancelled_at TEXT,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX leave_records_by_class ON leave_records (county_code, school_code, "
           "grade, class_number, to_day)",
           "CREATE INDEX leave_records_by_child ON leave_records (county_code, child_key)",
           // What a streak asks of someone (attendance_action), once per streak and action: the
           // streak is named by its first day. Closed by the home-visit record that answers it,
           // or cancelled when the absence it answered turned out not to be one.
           R"(CREATE TABLE attendance_tasks (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                name TEXT NOT NULL,
                township_code TEXT, village_code TEXT, school_code TEXT, school_name TEXT,
                grade INTEGER, class_number INTEGER,
                streak_since TEXT NOT NULL,
                level INTEGER NOT NULL,
                action TEXT NOT NULL,
                due_on TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
                created_at TEXT NOT NULL,
                closed_at TEXT, closed_by TEXT, close_note TEXT,
                home_visit_id BIGINT,
                PRIMARY KEY (county_code, id)))",
           "CREATE UNIQUE INDEX attendance_tasks_once ON attendance_tasks (county_code, "
           "child_key, streak_since, action)",
           "CREATE INDEX attendance_tasks_by_status ON attendance_tasks (county_code, status, "
           "due_on)",
           // A teacher's flag on a pupil (learning difficulty), for the at-risk ledger.
           R"(CREATE TABLE pupil_flags (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                flag TEXT NOT NULL,
                note TEXT,
                set_by TEXT NOT NULL, set_at TEXT NOT NULL,
                cleared_by TEXT, cleared_at TEXT,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX pupil_flags_by_child ON pupil_flags (county_code, child_key)",
           // 结对帮扶: a teacher paired with a pupil at risk or left behind, and their contacts.
           R"(CREATE TABLE support_pairs (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                child_key TEXT NOT NULL,
                name TEXT NOT NULL,
                township_code TEXT, village_code TEXT, school_code TEXT, school_name TEXT,
                grade INTEGER, class_number INTEGER,
                teacher TEXT NOT NULL,
                teacher_phone TEXT,
                reason TEXT NOT NULL,
                since TEXT NOT NULL,
                ended_on TEXT, end_note TEXT,
                created_by TEXT NOT NULL, created_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX support_pairs_by_school ON support_pairs (county_code, school_code)",
           "CREATE INDEX support_pairs_by_child ON support_pairs (county_code, child_key)",
           R"(CREATE TABLE support_contacts (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                pair_id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                contact_date TEXT NOT NULL,
                content TEXT NOT NULL,
                recorded_by TEXT NOT NULL, recorded_at TEXT NOT NULL,
                PRIMARY KEY (county_code, id)))",
           "CREATE INDEX support_contacts_by_pair ON support_contacts (county_code, pair_id, "
           "contact_date)",
           // A class's roster is read from the latest run at every roll call.
           "CREATE INDEX ledger_children_by_class ON ledger_children (county_code, run_id, "
           "school_code, grade, class_number)",
       }},
      {12,
       "attendance: each class's last roll-call day",
       {
           // Which classes took roll lately, without reading every roll call of the weeks: the
           // alerts read a class's streaks at its last school day (attendance/alerts.h). Kept by
           // the roll-call writes (store/roll_call_repository.h); never earlier than the truth.
           R"(CREATE TABLE roll_call_classes (
                county_code TEXT NOT NULL,
                school_code TEXT NOT NULL,
                grade INTEGER NOT NULL,
                class_number INTEGER NOT NULL,
                last_day TEXT NOT NULL,
                PRIMARY KEY (county_code, school_code, grade, class_number)))",
           "CREATE INDEX roll_call_classes_by_day ON roll_call_classes (county_code, last_day)",
           "INSERT INTO roll_call_classes (county_code, school_code, grade, class_number, "
           "last_day) SELECT county_code, school_code, grade, class_number, MAX(day) FROM "
           "roll_calls GROUP BY county_code, school_code, grade, class_number",
       }},
      {13,
       "lists over time, movements (学籍异动), frozen reports",
       {
           // The date a list describes (its 截至日期), not the day it was imported: the county's
           // enrolment on a past date is read from the lists as they stood then.
           "ALTER TABLE import_batches ADD COLUMN list_date TEXT",
           "UPDATE import_batches SET list_date = substr(imported_at, 1, 10)",
           // A pupil's stay on the student registry in one state (school, grade, class, status),
           // from the list date of the batch that showed it to the list date of the batch that
           // changed or retired it (store/enrolment_history.h). Who was enrolled where on a date
           // is then one range condition. The pupil's name and numbers are copied as the list
           // had them: a county's roll is read without touching the wide source rows.
           R"(CREATE TABLE enrolment_spells (
                county_code TEXT NOT NULL,
                record_id BIGINT NOT NULL,
                from_batch BIGINT NOT NULL,
                record_key TEXT NOT NULL,
                name TEXT, student_no TEXT, id_number TEXT,
                school_code TEXT, school_name TEXT,
                grade INTEGER, class_number INTEGER,
                status TEXT,
                from_date TEXT NOT NULL,
                to_date TEXT,
                to_batch BIGINT,
                PRIMARY KEY (county_code, record_id, from_batch)))",
           "CREATE INDEX enrolment_spells_by_dates ON enrolment_spells (county_code, from_date, "
           "to_date)",
           "CREATE INDEX enrolment_spells_open ON enrolment_spells (county_code, record_id, "
           "to_date)",
           "INSERT INTO enrolment_spells (county_code, record_id, from_batch, record_key, name, "
           "student_no, id_number, school_code, school_name, grade, class_number, status, "
           "from_date, to_date, to_batch) SELECT lr.county_code, lr.id, lr.first_batch_id, "
           "lr.record_key, sr.name, sr.student_no, sr.id_number, sr.school_code, "
           "sr.school_name, sr.grade, sr.class_number, sr.enrollment_status, fb.list_date, "
           "rb.list_date, lr.removed_batch_id FROM list_records lr JOIN source_lists sl ON "
           "sl.county_code = lr.county_code AND sl.id = lr.list_id AND sl.kind = 'xueji' JOIN "
           "source_rows sr ON sr.county_code = lr.county_code AND sr.id = lr.source_row_id JOIN "
           "import_batches fb ON fb.county_code = lr.county_code AND fb.id = lr.first_batch_id "
           "LEFT JOIN import_batches rb ON rb.county_code = lr.county_code AND rb.id = "
           "lr.removed_batch_id",
           // 学籍异动: a pupil's transfer, suspension, death, … as the registry or a school records
           // it (movement/movement.h). `subject` is how the row named him ("sn:" + 学籍号, else
           // "id:" + ID number); one movement of a kind per pupil and day.
           R"(CREATE TABLE movements (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                subject TEXT NOT NULL,
                record_id BIGINT,
                name TEXT NOT NULL,
                student_no TEXT, id_number TEXT,
                grade INTEGER, class_number INTEGER,
                moved_on TEXT NOT NULL,
                from_school_code TEXT, from_school_name TEXT, from_township_code TEXT,
                to_school_code TEXT, to_school_name TEXT, to_township_code TEXT, to_province TEXT,
                confirmed_on TEXT, confirmed_by TEXT,
                entry_id BIGINT,
                batch_id BIGINT, row_number INTEGER,
                note TEXT,
                recorded_at TEXT NOT NULL, recorded_by TEXT NOT NULL,
                PRIMARY KEY (county_code, id),
                UNIQUE (county_code, subject, kind, moved_on)))",
           "CREATE INDEX movements_by_day ON movements (county_code, moved_on)",
           "CREATE INDEX movements_by_record ON movements (county_code, record_id)",
           // 四个一 reports once submitted: the content frozen as JSON with its SHA-256; a
           // correction is the next version, saying what changed (report/report.h).
           R"(CREATE TABLE reports (
                county_code TEXT NOT NULL,
                id BIGINT NOT NULL,
                kind TEXT NOT NULL,
                period TEXT NOT NULL,
                period_from TEXT NOT NULL,
                period_to TEXT NOT NULL,
                unit_level TEXT NOT NULL,
                unit_code TEXT NOT NULL,
                unit_name TEXT NOT NULL,
                version INTEGER NOT NULL,
                content TEXT NOT NULL,
                digest TEXT NOT NULL,
                changes TEXT,
                note TEXT,
                preparer TEXT NOT NULL,
                approver TEXT,
                submitted_at TEXT NOT NULL,
                submitted_by TEXT NOT NULL,
                PRIMARY KEY (county_code, id),
                UNIQUE (county_code, kind, period, unit_code, version)))",
       }},
  };
  return kMigrations;
}

}  // namespace baoxue::store
