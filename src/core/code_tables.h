// Code tables (verification categories, dropout reasons, key groups, enrolment statuses, school
// types, disability placements) and settings. Both differ between provinces and counties, so they
// are data: the versioned defaults below ship in the binary, each county gets a copy in the
// database, and a county edits its copy. Nothing here reads the database.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/school_age.h"

namespace baoxue::core {

struct Code {
  std::string table;  // "verification_category"
  std::string code;   // "A"
  std::string label_zh;
  std::string label_en;
  std::map<std::string, std::string> attrs;  // "out_of_school" -> "0"
  int sort_order = 0;

  bool flag(const std::string& key) const {  // attrs[key] == "1"
    auto it = attrs.find(key);
    return it != attrs.end() && it->second == "1";
  }
};

struct Setting {
  std::string key, value, description;
};

// The attribute column: "out_of_school=1;group=in_school".
std::map<std::string, std::string> parse_attrs(std::string_view text);
std::string format_attrs(const std::map<std::string, std::string>& attrs);

// Parses the TSV forms of data/code_tables.tsv and data/settings.tsv.
Result<std::vector<Code>> parse_code_tables(std::string_view tsv);
Result<std::vector<Setting>> parse_settings(std::string_view tsv);

// The code `code` of a table, or null.
const Code* find_code(const std::vector<Code>& table, std::string_view code);
// "A 在校就读有学籍（本省）": a code with its Chinese label, as exports and reasons write a
// category (the code alone when the table does not know it; empty for an empty code).
std::string code_and_label(const std::vector<Code>& table, std::string_view code);

// The defaults compiled into the binary.
const std::vector<Code>& default_codes();
const std::vector<Setting>& default_settings();

// A county's settings as a key → value map, with typed accessors that fall back to defaults.
class Settings {
 public:
  Settings();  // the defaults
  explicit Settings(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  std::string get(const std::string& key) const;  // default value when the key is absent
  int get_int(const std::string& key) const;
  SchoolAgeRules school_age_rules() const;
  // The term's census day (census.term_days): the latest of those month-days on or before
  // `today` — what a census run is measured at unless the clerk picks another day.
  Date census_day(const Date& today) const;
  // Today on the county's calendar (county.utc_offset_hours). Reads the clock: for the edges —
  // a command, a job, a request — which then pass the day to the rules.
  Date county_today() const;
  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace baoxue::core
