// The need findings of analyses.md, "Delivery of an artifact": GAP.NO_ROUTE,
// STALE.ROUTE and LOSSY.ROUTE, one per need (declared or implicit, never the
// owner's own), read off the delivery object. Thresholds are exact: staleness
// compares integer milliseconds (2E > 2T, W > T; W = T is not stale), loss
// compares R < 0.8 with a tolerance of 1e-12.
#include <algorithm>

#include "analysis/delivery.hpp"
#include "analysis/delivery_prose.hpp"
#include "analysis/families.hpp"
#include "text/concat.hpp"

namespace orgflow::analysis {

namespace {

using text_detail::concat;

// The metrics every need finding starts with (cli.md), with room for the
// `more` its code adds.
void need_metrics(const delivery& d, const need_delivery& n, finding& f, std::size_t more) {
  const model& m = d.source();
  f.metrics.reserve(4 + more);
  f.metrics.emplace_back("owner", d.views().id_of(n.owner));
  f.metrics.emplace_back("consumer", d.views().id_of(n.unit));
  f.metrics.emplace_back("implicit", n.implicit);
  if (n.source_handoff)
    f.metrics.emplace_back("source_handoff", m.handoffs[*n.source_handoff].id);
  else
    f.metrics.emplace_back("source_handoff", std::monostate{});
}

std::vector<std::string> path_ids(const delivery& d, const need_delivery& n) {
  std::vector<std::string> out;
  out.reserve(n.path.size());
  for (vertex x : n.path) out.push_back(d.views().id_of(x));
  return out;
}

// The flows the delivery chose along the path: what writers print beside
// each hop (they never choose a flow themselves).
std::vector<std::string> path_flow_ids(const delivery& d, const need_delivery& n) {
  std::vector<std::string> out;
  out.reserve(n.flows.size());
  for (std::size_t f : n.flows) out.push_back(d.source().flows[f].id);
  return out;
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// ", needed with each lead handed over by Marketing" for an implicit need;
// empty for a declared one.
std::string implicit_clause(const delivery& d, const need_delivery& n) {
  if (!n.implicit || !n.source_handoff) return "";
  const model& m = d.source();
  const handoff& h = m.handoffs[*n.source_handoff];
  const std::string from = d.views().unit_at(d.views().handoff_from(*n.source_handoff)).display_name();
  if (h.item && !h.item->empty()) return concat({", needed with each ", *h.item, " handed over by ", from});
  return concat({", needed for the work handed over by ", from});
}

// One need that is not its owner's own, with the names its findings speak
// of; one function per code.
struct need_words {
  const delivery& d;
  const need_delivery& n;
  const artifact& art;
  const std::string& a_name;
  const std::string& o_name;
  const std::string& u_name;
  // "Send the X from O to U as it changes"
  std::string direct() const { return concat({"Send the ", a_name, " from ", o_name, " to ", u_name, " as it changes"}); }
  finding no_route_finding() const;
  finding stale_finding() const;
  finding lossy_finding() const;
};

// GAP.NO_ROUTE: the need has no delivery path.
finding need_words::no_route_finding() const {
  const graph::views& v = d.views();
  finding f;
  f.code = "GAP.NO_ROUTE";
  f.level = severity::critical;
  f.units = sorted({v.id_of(n.owner), v.id_of(n.unit)});
  f.artifact = art.id;
  need_metrics(d, n, f, 1);
  f.metrics.emplace_back("reachable_in_G", n.reachable_in_g);
  // Titles never put a verb after a unit's or artifact's name: names may
  // be singular or plural ("Sales", "Tier 1 agents", "Open issues").
  f.title = n.reachable_in_g ? concat({"No route brings the ", a_name, " from ", o_name, " to ", u_name,
                                       implicit_clause(d, n), " (information from ", o_name, " does reach ",
                                       u_name, ", but never the ", a_name, ")"})
                             : concat({"No route brings the ", a_name, " from ", o_name, " to ", u_name,
                                       implicit_clause(d, n), " (nothing at all from ", o_name, " reaches ", u_name,
                                       ")"});
  f.recommendation = concat({direct(), " (a direct flow)."});
  return f;
}

// STALE.ROUTE: T known and W > T; critical when E > T too (2E > 2T).
finding need_words::stale_finding() const {
  const model& m = d.source();
  const graph::views& v = d.views();
  const millis t = *n.tolerance;
  const bool critical = n.expected_lag2 / 2 > t || (n.expected_lag2 / 2 == t && n.expected_lag2 % 2 != 0);  // 2E > 2T
  // The slowest hop: the first along the path among the largest w.
  std::size_t slow = 0;
  millis slow_w = -1;
  for (std::size_t k = 0; k < n.flows.size(); ++k) {
    const flow& fl = m.flows[n.flows[k]];
    const millis w = fl.latency_ms() + fl.cadence_ms();
    if (w > slow_w) {
      slow_w = w;
      slow = k;
    }
  }
  const flow& sf = m.flows[n.flows[slow]];
  finding f;
  f.code = "STALE.ROUTE";
  f.level = critical ? severity::critical : severity::warning;
  f.path = path_ids(d, n);
  f.path_flows = path_flow_ids(d, n);
  f.units = sorted(f.path);
  f.artifact = art.id;
  need_metrics(d, n, f, 7);
  f.metrics.emplace_back("expected_lag_h", hours_value{n.expected_lag()});
  f.metrics.emplace_back("worst_lag_h", hours_value{n.worst_lag});
  f.metrics.emplace_back("tolerance_h", hours_value{t});
  if (n.outdated_share)
    f.metrics.emplace_back("outdated_share", *n.outdated_share);
  else
    f.metrics.emplace_back("outdated_share", std::monostate{});
  f.metrics.emplace_back("slowest_hop",
                         std::vector<std::string>{v.id_of(n.path[slow]), v.id_of(n.path[slow + 1])});
  f.metrics.emplace_back("slowest_flow", sf.id);
  f.metrics.emplace_back("slowest_w_h", hours_value{slow_w});

  if (critical) {
    f.title = concat({"Outdated ", a_name, " at ", u_name, ": on average ", human_duration(n.expected_lag()), " late, ",
                      art.changes ? concat({"with a change ", human_every(art.changes->ms)})
                                  : concat({"with at most ", human_duration(t), " tolerated"})});
  } else {
    f.title = concat({"Sometimes outdated ", a_name, " at ", u_name, ": up to ", human_duration(n.worst_lag),
                      " late, with at most ", human_duration(t), " tolerated"});
  }
  const std::string& slow_from = v.unit_at(n.path[slow]).display_name();
  const std::string& slow_to = v.unit_at(n.path[slow + 1]).display_name();
  if (n.flows.size() == 1 && sf.cadence_ms() > 0)
    f.recommendation = concat({direct(), " instead of ", human_cadence(sf.cadence_ms()), "."});
  else if (n.flows.size() == 1)
    f.recommendation = concat({"Cut the delay of ", human_duration(sf.latency_ms()), " before the ", a_name, " from ",
                               o_name, " is usable at ", u_name, "."});
  else if (sf.cadence_ms() > 0)
    f.recommendation = concat({direct(), ", or at least make its slowest hop, from ", slow_from, " to ", slow_to, " (",
                               human_cadence(sf.cadence_ms()),
                               sf.latency_ms() > 0 ? concat({", with a delay of ", human_duration(sf.latency_ms())})
                                                   : std::string(),
                               "), an on-change flow."});
  else
    f.recommendation = concat({direct(), ", or at least cut the delay of ", human_duration(sf.latency_ms()),
                               " on its slowest hop, from ", slow_from, " to ", slow_to, "."});
  return f;
}

// LOSSY.ROUTE: R < 0.8, within 1e-12 R counts as 0.8.
finding need_words::lossy_finding() const {
  finding f;
  f.code = "LOSSY.ROUTE";
  f.level = severity::warning;
  f.path = path_ids(d, n);
  f.path_flows = path_flow_ids(d, n);
  f.units = sorted(f.path);
  f.artifact = art.id;
  need_metrics(d, n, f, 1);
  f.metrics.emplace_back("reliability", n.reliability);
  f.title = concat({"Changes to the ", a_name, " get lost on the way from ", o_name, " to ", u_name, ": only ",
                    human_percent(n.reliability), " get through"});
  f.recommendation = concat({"Give ", u_name, " a reliable direct flow of the ", a_name, " from ", o_name,
                             " (a shared system or an automatic feed), so that no change gets lost on the way."});
  return f;
}

}  // namespace

std::vector<finding> need_findings(const delivery& d) {
  const model& m = d.source();
  const graph::views& v = d.views();
  std::vector<finding> out;
  for (const need_delivery& n : d.needs()) {
    if (n.own) continue;
    const artifact& art = m.artifacts[n.artifact];
    const need_words w{d, n, art, art.display_name(), v.unit_at(n.owner).display_name(),
                       v.unit_at(n.unit).display_name()};
    if (!n.delivered) {
      out.push_back(w.no_route_finding());
      continue;
    }
    if (n.tolerance && n.worst_lag > *n.tolerance) out.push_back(w.stale_finding());
    if (n.reliability < 0.8 - 1e-12) out.push_back(w.lossy_finding());
  }
  return out;
}

}  // namespace orgflow::analysis
