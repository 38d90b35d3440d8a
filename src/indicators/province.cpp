#include "indicators/province.h"

#include <map>

#include "store/county_repository.h"
#include "store/province_counts.h"

namespace baoxue::indicators {

Result<std::vector<Figures>> county_figures(store::Database& db, const Date& from, const Date& to) {
  std::vector<core::Code> codes;
  std::vector<std::string> on_roll;
  for (const auto& c : core::default_codes()) {
    if (c.table == "movement_kind") codes.push_back(c);
    if (c.table == "enrollment_status" && (c.flag("in_school") || c.code == "suspended")) {
      on_roll.push_back(c.code);
      on_roll.push_back(c.label_zh);
    }
  }
  const movement::Kinds kinds(codes);
  std::vector<std::string> explaining;
  for (auto e :
       {movement::Effect::kTransferOut, movement::Effect::kNormalLoss, movement::Effect::kDropout,
        movement::Effect::kSuspend, movement::Effect::kGraduate})
    for (auto& k : kinds.codes_with(e)) explaining.push_back(k);
  const std::string f = from.iso(), t = to.iso();
  auto roll = store::county_roll_counts(db, f, t, on_roll, explaining);
  if (!roll) return roll.error();
  auto moves = store::county_movement_counts(db, f, t);
  if (!moves) return moves.error();
  auto drops = store::county_dropouts(db, f, t, kinds.codes_with(movement::Effect::kDropout));
  if (!drops) return drops.error();
  auto counties = store::list_counties(db);
  if (!counties) return counties.error();

  std::map<std::string, Figures> by;
  for (const auto& c : counties.value()) {
    Figures& x = by[c.code];
    x.unit = {Level::kCounty, c.code, 0, 0, c.name};
    x.from = f;
    x.to = t;
  }
  for (const auto& r : roll.value()) {
    Figures& x = by[r.county];
    x.start = r.start;
    x.end = r.end;
    x.unexplained = r.unexplained;
  }
  for (const auto& m : moves.value()) {
    Figures& x = by[m.county];
    switch (kinds.effect_of(m.kind)) {
      case movement::Effect::kTransferOut:
        // Unconfirmed: listed wherever it goes. Confirmed to another school of the county:
        // neither in nor out at the county's level.
        if (!m.confirmed)
          x.unconfirmed_transfers += m.count;
        else if (!m.to_in_county)
          x.transfers_out += m.count;
        break;
      case movement::Effect::kTransferIn:
        if (!m.from_in_county) x.transfers_in += m.count;
        break;
      case movement::Effect::kNormalLoss:
        x.normal_losses += m.count;
        break;
      case movement::Effect::kSuspend:
        x.suspensions += m.count;
        break;
      default:
        break;
    }
  }
  for (const auto& [county, n] : drops.value()) by[county].dropouts = n;
  std::vector<Figures> out;
  for (auto& [code, x] : by) {
    x.expected = x.start + x.transfers_in - x.transfers_out - x.normal_losses;
    x.retention_rate =
        x.expected > 0
            ? std::optional<double>(static_cast<double>(x.end) / static_cast<double>(x.expected))
            : std::nullopt;
    x.dropout_rate =
        x.start > 0
            ? std::optional<double>(static_cast<double>(x.dropouts) / static_cast<double>(x.start))
            : std::nullopt;
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace baoxue::indicators
