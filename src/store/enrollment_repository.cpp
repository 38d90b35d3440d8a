#include "store/enrollment_repository.h"

#include "store/rows.h"

namespace baoxue::store {
namespace {

// Writes one event row; `previous` empty for the opening event.
class EventWriter {
 public:
  EventWriter(Database& db, const std::string& county, const std::string& by)
      : now_(now_utc()),
        by_(by),
        put_((db.sql().prepare << "INSERT INTO enrollment_events (county_code, id, "
                                  "enrollment_id, status, previous_status, effective_on, reason, "
                                  "other_school, recorded_at, recorded_by) VALUES (:c, :i, :e, "
                                  ":s, :p, :d, :r, :o, :t, :b)",
              soci::use(county), soci::use(id_), soci::use(enrollment_), soci::use(status_),
              soci::use(previous_.value, previous_.ind), soci::use(effective_),
              soci::use(reason_.value, reason_.ind), soci::use(other_.value, other_.ind),
              soci::use(now_), soci::use(by_))) {}

  void write(long long id, long long enrollment, const std::string& status,
             const std::string& previous, const std::string& effective, const std::string& reason,
             const std::string& other) {
    id_ = id;
    enrollment_ = enrollment;
    status_ = status;
    previous_.set(previous);
    effective_ = effective;
    reason_.set(reason);
    other_.set(other);
    put_.execute(true);
  }

 private:
  long long id_ = 0, enrollment_ = 0;
  std::string status_, effective_;
  NullableText previous_, reason_, other_;
  std::string now_, by_;
  soci::statement put_;
};

bool is_known_status(Database& db, const std::string& county, const std::string& status) {
  int n = 0;
  db.sql() << "SELECT COUNT(*) FROM codes WHERE county_code = :c AND table_name = "
              "'enrollment_status' AND code = :s AND active = 1",
      soci::into(n), soci::use(county), soci::use(status);
  return n > 0;
}

}  // namespace

Status insert_enrollments(Database& db, const std::string& county,
                          std::vector<Enrollment>& enrollments, const std::string& recorded_by) {
  return db.transaction([&]() -> Status {
    const std::string now = now_utc();
    const auto n = static_cast<long long>(enrollments.size());
    long long next = db.reserve_ids("enrollments", n);
    long long next_event = db.reserve_ids("enrollment_events", n);
    Enrollment e;
    NullableText student_no, entered;
    long long class_id = 0;
    soci::indicator class_ind = soci::i_null;
    soci::statement put =
        (db.sql().prepare
             << "INSERT INTO enrollments (county_code, id, person_id, student_no, "
                "school_id, class_id, grade, status, status_since, entered_on, "
                "updated_at) VALUES (:c, :i, :p, :n, :s, :k, :g, :st, :since, :en, :t)",
         soci::use(county), soci::use(e.id), soci::use(e.person_id),
         soci::use(student_no.value, student_no.ind), soci::use(e.school_id),
         soci::use(class_id, class_ind), soci::use(e.grade), soci::use(e.status),
         soci::use(e.status_since), soci::use(entered.value, entered.ind), soci::use(now));
    for (Enrollment& in : enrollments) {
      in.id = next++;
      e = in;
      student_no.set(in.student_no);
      entered.set(in.entered_on);
      class_id = in.class_id;
      class_ind = in.class_id ? soci::i_ok : soci::i_null;
      put.execute(true);
    }
    db.refresh_statistics("enrollments");  // before the events' foreign-key checks
    EventWriter events(db, county, recorded_by);
    for (const Enrollment& in : enrollments)
      events.write(next_event++, in.id, in.status, "", in.status_since, "", "");
    return {};
  });
}

Status change_enrollment_status(Database& db, const std::string& county, long long enrollment_id,
                                const std::string& status, const Date& effective_on,
                                const std::string& reason, const std::string& other_school,
                                const std::string& recorded_by) {
  return db.transaction([&]() -> Status {
    if (!is_known_status(db, county, status)) {
      return make_error("enrollment_status_unknown",
                        "学籍状态“" + status + "”不在本县的学籍状态代码表中");
    }
    std::string previous;
    soci::indicator ind;
    db.sql() << "SELECT status FROM enrollments WHERE county_code = :c AND id = :i",
        soci::into(previous, ind), soci::use(county), soci::use(enrollment_id);
    if (!db.sql().got_data()) {
      return make_error("enrollment_not_found",
                        "学籍记录 " + std::to_string(enrollment_id) + " 不存在");
    }
    const std::string effective = effective_on.iso(), now = now_utc();
    db.sql() << "UPDATE enrollments SET status = :s, status_since = :d, updated_at = :t "
                "WHERE county_code = :c AND id = :i",
        soci::use(status), soci::use(effective), soci::use(now), soci::use(county),
        soci::use(enrollment_id);
    EventWriter events(db, county, recorded_by);
    events.write(db.reserve_ids("enrollment_events", 1), enrollment_id, status, previous, effective,
                 reason, other_school);
    return {};
  });
}

Result<std::vector<Enrollment>> enrollments_of_person(Database& db, const std::string& county,
                                                      long long person_id) {
  return guarded([&]() -> Result<std::vector<Enrollment>> {
    std::vector<Enrollment> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, person_id, student_no, school_id, class_id, grade, "
                             "status, status_since, entered_on FROM enrollments "
                             "WHERE county_code = :c AND person_id = :p ORDER BY id",
         soci::use(county), soci::use(person_id));
    for (const soci::row& r : rs) {
      out.push_back({row_int(r, 0), row_int(r, 1), row_text(r, 2), row_text(r, 3), row_int(r, 4),
                     static_cast<int>(row_int(r, 5)), row_text(r, 6), row_text(r, 7),
                     row_text(r, 8)});
    }
    return out;
  });
}

Result<std::vector<EnrollmentEvent>> enrollment_history(Database& db, const std::string& county,
                                                        long long enrollment_id) {
  return guarded([&]() -> Result<std::vector<EnrollmentEvent>> {
    std::vector<EnrollmentEvent> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT id, enrollment_id, status, previous_status, effective_on, "
                             "reason, other_school, recorded_at, recorded_by FROM "
                             "enrollment_events WHERE county_code = :c AND enrollment_id = :e "
                             "ORDER BY id",
         soci::use(county), soci::use(enrollment_id));
    for (const soci::row& r : rs) {
      out.push_back({row_int(r, 0), row_int(r, 1), row_text(r, 2), row_text(r, 3), row_text(r, 4),
                     row_text(r, 5), row_text(r, 6), row_text(r, 7), row_text(r, 8)});
    }
    return out;
  });
}

}  // namespace baoxue::store
