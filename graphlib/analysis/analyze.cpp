// orgflow::analyze (orgflow/analysis.hpp): builds the graph views and the
// delivery object once, runs every family of analyses.md, and assembles the
// result in the spec's order: findings by finding_less, need rows by unit then
// artifact, unit metrics by id, processes by name, groups by id. Also the
// small helpers of the public header (severity names, finding::metric,
// analysis_result::count).
#include <algorithm>
#include <tuple>

#include "analysis/delivery.hpp"
#include "analysis/families.hpp"
#include "graph/views.hpp"

namespace orgflow {

std::string_view to_string(severity s) {
  switch (s) {
    case severity::critical: return "critical";
    case severity::warning: return "warning";
    case severity::info: return "info";
  }
  return "info";
}

std::optional<severity> parse_severity(std::string_view s) {
  if (s == "critical") return severity::critical;
  if (s == "warning") return severity::warning;
  if (s == "info") return severity::info;
  return std::nullopt;
}

const metric_value* finding::metric(std::string_view key) const {
  for (const auto& [k, value] : metrics)
    if (k == key) return &value;
  return nullptr;
}

std::int64_t analysis_result::count(severity s) const {
  return std::count_if(findings.begin(), findings.end(), [s](const finding& f) { return f.level == s; });
}

bool finding_less(const finding& a, const finding& b) {
  // std::optional orders "none" before every value, as the spec asks.
  return std::tie(a.level, a.code, a.units, a.artifact, a.process, a.ref) <
         std::tie(b.level, b.code, b.units, b.artifact, b.process, b.ref);
}

analysis_result analyze(const model& m, const analysis_options& options) {
  const unsigned threads = analysis::resolve_threads(options.threads);
  const graph::views v(m);
  const analysis::delivery d(m, v, threads);

  analysis_result r;
  r.model_name = m.display_name();

  r.units.resize(v.size());
  for (graph::vertex x = 0; x < v.size(); ++x) r.units[x].id = v.id_of(x);
  analysis::flow_degrees(v, r.units);
  const std::vector<double> between = analysis::betweenness(v, threads);
  for (graph::vertex x = 0; x < v.size() && x < between.size(); ++x) r.units[x].betweenness = between[x];

  auto take = [&r](std::vector<finding>&& fs) {
    for (auto& f : fs) r.findings.push_back(std::move(f));
  };
  take(analysis::need_findings(d));
  take(analysis::friction_findings(d));
  take(analysis::single_route_findings(d));
  take(analysis::relay_findings(d, r.units));
  take(analysis::structure_findings(m, v));
  take(analysis::load_findings(m, v, r.units));
  take(analysis::process_findings(m, v, r.processes));
  std::stable_sort(r.findings.begin(), r.findings.end(), finding_less);

  r.needs.reserve(d.needs().size());
  for (const auto& n : d.needs()) r.needs.push_back(d.row(n));
  r.groups = analysis::group_metrics_of(m, v, options.group_members);
  return r;
}

}  // namespace orgflow
