// Relays (analyses.md, Load and bottlenecks: LOAD.RELAY; Metrics beside
// findings: the number of delivery paths a unit relays). A unit relays a
// delivered need (declared or implicit, with a delivery path and O != U) when
// it lies on the need's path but is neither O nor U. LOAD.RELAY when
// 10·k >= 3·N and k >= 3, compared on integers.
#include "analysis/delivery.hpp"
#include "analysis/delivery_prose.hpp"
#include "analysis/families.hpp"

namespace orgflow::analysis {

std::vector<finding> relay_findings(const delivery& d, std::vector<unit_metrics>& units) {
  const graph::views& v = d.views();
  std::vector<std::int64_t> k(v.size(), 0);
  std::int64_t delivered = 0;
  for (const need_delivery& n : d.needs()) {
    if (!n.delivered_elsewhere()) continue;
    ++delivered;
    for (std::size_t i = 1; i + 1 < n.path.size(); ++i) ++k[n.path[i]];
  }
  std::vector<finding> out;
  for (vertex x = 0; x < v.size(); ++x) {
    if (x < units.size()) units[x].relays = k[x];
    if (k[x] < 3 || 10 * k[x] < 3 * delivered) continue;
    const double share = static_cast<double>(k[x]) / static_cast<double>(delivered);
    const std::string& name = v.unit_at(x).display_name();
    finding f;
    f.code = "LOAD.RELAY";
    f.level = severity::warning;
    f.units = {v.id_of(x)};
    f.metrics.emplace_back("relays", k[x]);
    f.metrics.emplace_back("delivered_needs", delivered);
    f.metrics.emplace_back("share", share);
    f.title = name + ": a relay for " + human_percent(share) +
              " of all information that reaches the units needing it (" + std::to_string(k[x]) + " of " +
              std::to_string(delivered) + " delivery paths pass through it)";
    f.recommendation = "Let the owners of that information send it directly to the units that need it, so that "
                       "nobody waits for " + name + " to pass it on and nothing goes stale on the way.";
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace orgflow::analysis
