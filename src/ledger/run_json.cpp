#include "ledger/run_json.h"

namespace baoxue::ledger {

nlohmann::json run_json(const store::MatchRun& r) {
  return {{"id", r.id},
          {"as_of", r.as_of},
          {"started_at", r.started_at},
          {"finished_at", r.finished_at},
          {"started_by", r.started_by},
          {"lists",
           {{"hukou", r.hukou_records},
            {"village", r.village_records},
            {"xueji", r.xueji_records},
            {"present", r.present_records}}},
          {"children", r.children},
          {"in_band", r.in_band},
          {"enrolled", r.enrolled},
          {"probable", r.probable},
          {"suspected", r.suspected},
          {"out_of_band", r.out_of_band},
          {"not_present", r.not_present},
          {"poverty_suspected", r.poverty_suspected},
          {"entries",
           {{"opened", r.entries_opened},
            {"still_open", r.entries_still_open},
            {"not_reopened", r.entries_not_reopened}}}};
}

}  // namespace baoxue::ledger
