#include "demo/demo.h"

#include "demo/county_model.h"
#include "demo/demo_files.h"
#include "store/county_repository.h"
#include "store/enrollment_repository.h"
#include "store/group_repository.h"
#include "store/person_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"

namespace baoxue::demo {

Result<DemoResult> create_demo(store::Database& db, const DemoOptions& options) {
  County county = build_county(options.seed, options.school_year);
  auto exists = store::county_exists(db, county.code);
  if (!exists) return exists.error();
  if (exists.value()) {
    return make_error("demo_county_exists",
                      "数据库中已有县区 " + county.code + "（" + county.name +
                          "）：演示数据只能建在新的数据库里，请换一个 --db 路径");
  }

  DemoResult result;
  result.county_code = county.code;
  const std::string& c = county.code;
  Status st = db.transaction([&]() -> Status {
    if (Status s = store::create_county(db, {c, county.name, county.prefecture, county.province});
        !s)
      return s;
    if (Status s = store::insert_regions(db, c, county.regions); !s) return s;
    if (Status s = store::insert_schools(db, c, county.schools); !s) return s;
    if (Status s = store::insert_classes(db, c, county.classes); !s) return s;

    std::vector<store::Person> persons;
    persons.reserve(county.children.size());
    for (const Child& ch : county.children) persons.push_back(ch.person);
    if (Status s = store::insert_persons(db, c, persons); !s) return s;

    std::vector<store::Enrollment> enrollments;
    std::vector<store::GroupMembership> memberships;
    const std::string term_start = std::to_string(county.school_year) + "-09-01";
    for (size_t i = 0; i < county.children.size(); ++i) {
      const Child& ch = county.children[i];
      const long long person_id = persons[i].id;
      if (ch.school >= 0) {
        const int entry_year = county.school_year - (ch.grade - 1);
        enrollments.push_back({0, person_id, ch.student_no, county.schools[ch.school].id,
                               ch.class_index >= 0 ? county.classes[ch.class_index].id : 0,
                               ch.grade, ch.status, term_start,
                               std::to_string(entry_year) + "-09-01"});
      }
      for (const Membership& m : ch.groups)
        memberships.push_back({0, person_id, m.group, m.source, term_start, "", m.detail});
    }
    if (Status s = store::insert_enrollments(db, c, enrollments, "demo"); !s) return s;
    if (Status s = store::insert_group_memberships(db, c, memberships); !s) return s;
    result.persons = static_cast<long>(persons.size());
    result.enrollments = static_cast<long>(enrollments.size());
    result.memberships = static_cast<long>(memberships.size());
    result.classes = static_cast<long>(county.classes.size());
    result.schools = static_cast<long>(county.schools.size());
    return {};
  });
  if (!st) return st.error();

  if (!options.files_dir.empty()) {
    auto files = write_demo_files(county, options.files_dir, options.seed);
    if (!files) return files.error();
    result.files = std::move(files.value());
  }
  return result;
}

}  // namespace baoxue::demo
