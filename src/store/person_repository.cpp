#include "store/person_repository.h"

#include "store/rows.h"
#include "text/name.h"

namespace baoxue::store {
namespace {

constexpr const char* kSelectPerson =
    "SELECT id, name, id_number, birth_date, sex, ethnicity, residence_village, hukou_address, "
    "hukou_local, name_key, pinyin_key FROM persons WHERE county_code = :c ";

std::vector<Person> read_persons(Database& db, const std::string& county,
                                 soci::rowset<soci::row>& rs) {
  std::vector<Person> out;
  for (const soci::row& r : rs) {
    Person p;
    p.id = row_int(r, 0);
    p.name = row_text(r, 1);
    p.id_number = row_text(r, 2);
    p.birth_date = row_text(r, 3);
    p.sex = row_text(r, 4);
    p.ethnicity = row_text(r, 5);
    p.residence_village = row_text(r, 6);
    p.hukou_address = row_text(r, 7);
    p.hukou_local = row_int(r, 8) != 0;
    p.name_key = row_text(r, 9);
    p.pinyin_key = row_text(r, 10);
    out.push_back(std::move(p));
  }
  for (Person& p : out) {
    soci::rowset<soci::row> gs =
        (db.sql().prepare << "SELECT id, name, relation, phone FROM guardians "
                             "WHERE county_code = :c AND person_id = :p ORDER BY id",
         soci::use(county), soci::use(p.id));
    for (const soci::row& g : gs)
      p.guardians.push_back({row_int(g, 0), row_text(g, 1), row_text(g, 2), row_text(g, 3)});
  }
  return out;
}

}  // namespace

Status insert_persons(Database& db, const std::string& county, std::vector<Person>& persons) {
  return db.transaction([&]() -> Status {
    const std::string now = now_utc();
    long long next = db.reserve_ids("persons", static_cast<long long>(persons.size()));
    long long id = 0;
    std::string name, name_key, pinyin_key;
    NullableText id_number, birth, sex, ethnicity, village, address;
    int local = 1;
    soci::statement put =
        (db.sql().prepare << "INSERT INTO persons (county_code, id, name, name_key, pinyin_key, "
                             "id_number, birth_date, sex, ethnicity, residence_village, "
                             "hukou_address, hukou_local, created_at, updated_at) VALUES (:c, :i, "
                             ":n, :nk, :pk, :id, :b, :s, :e, :v, :a, :l, :t, :t2)",
         soci::use(county), soci::use(id), soci::use(name), soci::use(name_key),
         soci::use(pinyin_key), soci::use(id_number.value, id_number.ind),
         soci::use(birth.value, birth.ind), soci::use(sex.value, sex.ind),
         soci::use(ethnicity.value, ethnicity.ind), soci::use(village.value, village.ind),
         soci::use(address.value, address.ind), soci::use(local), soci::use(now), soci::use(now));

    size_t guardian_count = 0;
    for (const Person& p : persons) guardian_count += p.guardians.size();
    long long next_guardian = db.reserve_ids("guardians", static_cast<long long>(guardian_count));
    long long gid = 0;
    Guardian g;
    NullableText phone;
    soci::statement put_guardian =
        (db.sql().prepare << "INSERT INTO guardians (county_code, id, person_id, name, relation, "
                             "phone) VALUES (:c, :i, :p, :n, :r, :ph)",
         soci::use(county), soci::use(gid), soci::use(id), soci::use(g.name), soci::use(g.relation),
         soci::use(phone.value, phone.ind));

    for (Person& p : persons) {
      p.id = id = next++;
      p.name_key = name_key = text::name_key(p.name);
      p.pinyin_key = pinyin_key = text::pinyin_key(p.name);
      name = p.name;
      id_number.set(p.id_number);
      birth.set(p.birth_date);
      sex.set(p.sex);
      ethnicity.set(p.ethnicity);
      village.set(p.residence_village);
      address.set(p.hukou_address);
      local = p.hukou_local;
      put.execute(true);
    }
    db.refresh_statistics("persons");  // before the guardians' foreign-key checks
    for (Person& p : persons) {
      id = p.id;
      for (Guardian& in : p.guardians) {
        in.id = gid = next_guardian++;
        g = in;
        phone.set(in.phone);
        put_guardian.execute(true);
      }
    }
    return {};
  });
}

Result<std::optional<Person>> find_person(Database& db, const std::string& county, long long id) {
  return guarded([&]() -> Result<std::optional<Person>> {
    soci::rowset<soci::row> rs = (db.sql().prepare << std::string(kSelectPerson) + "AND id = :i",
                                  soci::use(county), soci::use(id));
    auto found = read_persons(db, county, rs);
    if (found.empty()) return std::optional<Person>();
    return std::optional<Person>(std::move(found.front()));
  });
}

Result<std::vector<Person>> find_persons_by_id_number(Database& db, const std::string& county,
                                                      const std::string& id_number) {
  return guarded([&]() -> Result<std::vector<Person>> {
    soci::rowset<soci::row> rs =
        (db.sql().prepare << std::string(kSelectPerson) + "AND id_number = :n ORDER BY id",
         soci::use(county), soci::use(id_number));
    return read_persons(db, county, rs);
  });
}

}  // namespace baoxue::store
