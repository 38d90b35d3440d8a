// Census data for specifications: children with valid ID numbers, pupils, lists put into the
// store the way import leaves them (one batch per call, records merged by key).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/id_number.h"
#include "store/enrolment_history.h"
#include "store/import_repository.h"
#include "store/region_repository.h"
#include "store/school_repository.h"
#include "support/store_fixture.h"
#include "text/name.h"

namespace baoxue::testing {

using store::RecordFields;

inline const Date kCensusDay{2026, 10, 15};

// A child born on `birth` (YYYYMMDD) with sequence `seq` in 孟津区; valid ID number.
inline RecordFields child(const std::string& name, const std::string& birth, int seq,
                          const std::string& sex = "男") {
  RecordFields f;
  f.name = text::normalize_name(name);
  f.name_key = text::name_key(f.name);
  f.pinyin_key = text::pinyin_key(f.name);
  char s[4];
  std::snprintf(s, sizeof s, "%03d", seq);
  const std::string body = "410308" + birth + s;
  f.id_number = body + core::id_check_char(body);
  f.id_valid = true;
  f.birth_date = birth.substr(0, 4) + "-" + birth.substr(4, 2) + "-" + birth.substr(6, 2);
  f.sex = sex;
  f.township = "会盟镇";
  f.village = "台荫村";
  f.guardian_name = "王建国";
  f.guardian_phone = "13800138000";
  return f;
}

inline RecordFields pupil(RecordFields f, const std::string& school = "孟津区会盟镇中心小学",
                          const std::string& status = "在读") {
  f.student_no = "G" + f.id_number;
  f.school_name = school;
  f.school_code = school == "孟津区会盟镇中心小学" ? "1141030801" : "1141030802";
  f.grade = 3;
  f.enrollment_status = status;
  return f;
}

// A store test with 孟津区 created and lists put in as import would.
class CensusTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    create_county();
  }

  // One import batch of `kind` (and key group) holding `rows`.
  // `whole`: the file is the whole list (全量), so records it no longer names are retired.
  // `list_date`: the date the list describes (default: the import's day); a 学籍 batch keeps the
  // pupils' spells as the importer does (store/enrolment_history.h).
  void put(const std::string& kind, const std::vector<RecordFields>& rows,
           const std::string& group = "", bool whole = false, const std::string& list_date = "") {
    Status st = db().transaction([&]() -> Status {
      auto list = store::ensure_source_list(db(), "410308", kind, group, kind + group);
      if (!list) return list.error();
      store::Batch b;
      b.list_id = list.value();
      b.file_name = kind + ".xlsx";
      b.file_sha256 = std::to_string(++batches_);
      b.format = "xlsx";
      b.header_row = 1;
      b.header = "[]";
      b.column_fields = "[]";
      b.imported_at = store::now_utc();
      b.imported_by = "test";
      b.list_date = list_date;
      if (Status s = store::insert_batch(db(), "410308", b); !s) return s;
      store::SourceRowWriter writer(db(), "410308", b.id);
      long n = 1;
      for (const auto& f : rows) {
        store::SourceRow r;
        r.row_number = ++n;
        r.raw = "[]";
        r.problems = "[]";
        r.record_key = "id:" + f.id_number;
        r.fields = f;
        if (Status s = writer.add(r); !s) return s;
      }
      auto merged =
          store::merge_batch(db(), "410308", b.list_id, b.id, writer.first_id(), writer.last_id());
      if (!merged) return merged.error();
      if (whole) {
        auto retired = store::retire_absent_records(db(), "410308", b.list_id, b.id);
        if (!retired) return retired.error();
      }
      if (kind != "xueji") return {};
      return store::record_spells(db(), "410308", b.list_id, b.id, b.list_date);
    });
    ASSERT_TRUE(st.ok()) << st.error().message;
  }

  // The county, 会盟镇, and `more` below or beside it.
  void regions(const std::vector<store::Region>& more) {
    std::vector<store::Region> tree = {{"410308000000", "county", "孟津区", ""},
                                       {"410308100000", "township", "会盟镇", "410308000000"}};
    tree.insert(tree.end(), more.begin(), more.end());
    ASSERT_TRUE(store::insert_regions(db(), "410308", tree).ok());
  }

  // Two villages of 会盟镇 (台荫村 410308100201, 雷河村 410308100202) and its two primary schools
  // (中心小学 1141030801, 第二小学 1141030802): the places of the scope specifications.
  void huimeng_villages_and_schools() {
    regions({{"410308100201", "village", "台荫村", "410308100000"},
             {"410308100202", "village", "雷河村", "410308100000"}});
    std::vector<store::School> schools;
    for (auto [code, name] : {std::pair{"1141030801", "孟津区会盟镇中心小学"},
                              std::pair{"1141030802", "孟津区会盟镇第二小学"}}) {
      store::School s;
      s.id = code;
      s.name = name;
      s.type = "primary";
      s.township_code = "410308100000";
      schools.push_back(s);
    }
    ASSERT_TRUE(store::insert_schools(db(), "410308", schools).ok());
  }

 private:
  int batches_ = 0;
};

}  // namespace baoxue::testing
