#include "store/county_repository.h"

#include "store/rows.h"

namespace baoxue::store {

Status create_county(Database& db, const County& c) {
  return db.transaction([&]() -> Status {
    const std::string now = now_utc();
    db.sql() << "INSERT INTO counties (code, name, prefecture, province, created_at) "
                "VALUES (:c, :n, :pf, :pv, :t)",
        soci::use(c.code), soci::use(c.name), soci::use(c.prefecture), soci::use(c.province),
        soci::use(now);
    std::string key, value;
    const std::string by = "system";
    soci::statement put_setting =
        (db.sql().prepare << "INSERT INTO settings (county_code, key, value, updated_at, "
                             "updated_by) VALUES (:c, :k, :v, :t, :b)",
         soci::use(c.code), soci::use(key), soci::use(value), soci::use(now), soci::use(by));
    for (const core::Setting& s : core::default_settings()) {
      key = s.key;
      value = s.value;
      put_setting.execute(true);
    }
    core::Code code;
    std::string attrs;
    soci::statement put_code =
        (db.sql().prepare << "INSERT INTO codes (county_code, table_name, code, label_zh, "
                             "label_en, attrs, sort_order, active) "
                             "VALUES (:c, :t, :k, :zh, :en, :a, :o, 1)",
         soci::use(c.code), soci::use(code.table), soci::use(code.code), soci::use(code.label_zh),
         soci::use(code.label_en), soci::use(attrs), soci::use(code.sort_order));
    for (const core::Code& d : core::default_codes()) {
      code = d;
      attrs = core::format_attrs(d.attrs);
      put_code.execute(true);
    }
    return {};
  });
}

Result<std::vector<County>> list_counties(Database& db) {
  return guarded([&]() -> Result<std::vector<County>> {
    std::vector<County> out;
    soci::rowset<soci::row> rs =
        db.sql().prepare << "SELECT code, name, prefecture, province FROM counties ORDER BY code";
    for (const soci::row& r : rs)
      out.push_back({row_text(r, 0), row_text(r, 1), row_text(r, 2), row_text(r, 3)});
    return out;
  });
}

Result<bool> county_exists(Database& db, const std::string& code) {
  return guarded([&]() -> Result<bool> {
    int n = 0;
    db.sql() << "SELECT COUNT(*) FROM counties WHERE code = :c", soci::into(n), soci::use(code);
    return n > 0;
  });
}

Result<std::string> choose_county(Database& db, const std::string& wanted) {
  if (!wanted.empty()) {
    auto exists = county_exists(db, wanted);
    if (!exists) return exists.error();
    if (!exists.value())
      return make_error("county_not_found",
                        "数据库中没有县区 " + wanted + "：请检查 --county，或先导入该县区的名单");
    return wanted;
  }
  auto counties = list_counties(db);
  if (!counties) return counties.error();
  if (counties->empty())
    return make_error("no_county", "数据库中还没有县区：先运行 baoxue demo 或导入名单");
  if (counties->size() > 1)
    return make_error("county_ambiguous", "数据库中有多个县区，请用 --county 指定");
  return counties->front().code;
}

Result<core::Settings> load_settings(Database& db, const std::string& county) {
  return guarded([&]() -> Result<core::Settings> {
    std::map<std::string, std::string> values;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT key, value FROM settings WHERE county_code = :c",
         soci::use(county));
    for (const soci::row& r : rs) values[row_text(r, 0)] = row_text(r, 1);
    return core::Settings(std::move(values));
  });
}

Status set_setting(Database& db, const std::string& county, const std::string& key,
                   const std::string& value, const std::string& by) {
  return db.transaction([&]() -> Status {
    const std::string now = now_utc();
    soci::statement upd =
        (db.sql().prepare << "UPDATE settings SET value = :v, updated_at = :t, "
                             "updated_by = :b WHERE county_code = :c AND key = :k",
         soci::use(value), soci::use(now), soci::use(by), soci::use(county), soci::use(key));
    upd.execute(true);
    if (upd.get_affected_rows() == 0) {
      db.sql() << "INSERT INTO settings (county_code, key, value, updated_at, updated_by) "
                  "VALUES (:c, :k, :v, :t, :b)",
          soci::use(county), soci::use(key), soci::use(value), soci::use(now), soci::use(by);
    }
    return {};
  });
}

Result<std::vector<core::Code>> load_codes(Database& db, const std::string& county,
                                           const std::string& table) {
  return guarded([&]() -> Result<std::vector<core::Code>> {
    std::vector<core::Code> out;
    soci::rowset<soci::row> rs =
        (db.sql().prepare << "SELECT code, label_zh, label_en, attrs, sort_order FROM codes "
                             "WHERE county_code = :c AND table_name = :t AND active = 1 "
                             "ORDER BY sort_order",
         soci::use(county), soci::use(table));
    for (const soci::row& r : rs) {
      out.push_back({table, row_text(r, 0), row_text(r, 1), row_text(r, 2),
                     core::parse_attrs(row_text(r, 3)), static_cast<int>(row_int(r, 4))});
    }
    return out;
  });
}

}  // namespace baoxue::store
