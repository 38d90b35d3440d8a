// The demo county as it really is: schools, classes and every child with his true identity,
// enrolment and key groups. The lists written to files are noisy copies of this truth, and the
// truth file lets the matcher be scored against it.
#pragma once

#include <string>
#include <vector>

#include "store/person_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"

namespace baoxue::demo {

// Published figures of 孟津区 (Luoyang, Henan) that the demo reproduces exactly.
struct Figures {
  int primary_schools = 57;
  int junior_schools = 19;  // plus the special school: 20 "junior" in the bureau's count
  int special_schools = 1;
  long primary_students = 34550;  // grades 1–6, all schools
  long junior_students = 17834;   // grades 7–9
  long poverty_children = 1332;   // children of 脱贫户
  long disabled_ordinary = 229;   // 随班就读
  long disabled_special = 72;     // 特教学校就读
  long disabled_home = 36;        // 送教上门
  // DOMAIN.md §7's village school: 80 pupils in autumn (78 after 3 transfers out and 1 in).
  long seed_school_pupils = 80;
};

struct Membership {
  std::string group;   // key_group code
  std::string source;  // the list it comes from
  std::string detail;  // key=value;…
};

struct Child {
  store::Person person;  // the true identity
  std::string township;  // 12-digit code of the township he lives in
  // Enrolment in this county (school < 0: none).
  int school = -1;
  int grade = 0;
  int class_index = -1;    // into County::classes; -1 for 送教上门
  std::string student_no;  // 全国学籍号 (G + ID, or J… when he has no usable ID)
  std::string status;      // enrollment_status code
  // What verification would find for a child on the household list but not the local student
  // registry: a verification category A–M; "enrolled" for pupils; "out_of_band" outside the band;
  // "not_in_hukou" for pupils registered elsewhere (migrants) or without a household entry.
  std::string truth;
  std::string truth_note;  // e.g. "在郑州市金水区就读"
  bool in_hukou = false;   // on the household registry list of this county
  std::vector<Membership> groups;
};

// A household-registry row with no child behind it (duplicate registration, wrong data).
struct PhantomRow {
  std::string name, id_number, birth_date, sex, township, village, address, truth_note;
  int duplicate_of = -1;  // index into children, for duplicate registrations
};

struct County {
  std::string code, name, prefecture, province;
  int school_year = 2026;
  std::vector<store::Region> regions;
  std::vector<store::School> schools;
  std::vector<store::SchoolClass> classes;  // class_index → here; ids assigned on insert
  std::vector<Child> children;
  std::vector<PhantomRow> phantoms;
};

// The village school of DOMAIN.md §7 (the county's first 乡村小规模学校), which holds
// Figures::seed_school_pupils pupils; -1 when the county has none.
int seed_school(const County& county);

// Builds the whole county from the seed. Same seed and school year, same county.
County build_county(uint64_t seed, int school_year, const Figures& figures = {});

}  // namespace baoxue::demo
