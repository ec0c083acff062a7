// orgflow::analyze (orgflow/analysis.hpp): builds the graph views and the
// delivery object once, runs every family of analyses.md, and assembles the
// result in the spec's order: findings by finding_less, need rows by unit then
// artifact, unit metrics by id, processes by name, groups by id. Also the
// small helpers of the public header (severity names, finding::metric,
// analysis_result::count).
#include <algorithm>
#include <cstdint>
#include <numeric>
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

namespace {

// The order of finding_less, computed once per finding: every string is
// replaced by its rank among the strings of its field (byte order, "none"
// ranked first), so that sorting compares integers instead of code
// strings and vectors of unit ids (docs/performance.md: 0.4 s of CPU for
// the 139,000 findings of the 10,000-unit model). Stable, as before.
void sort_findings(std::vector<finding>& findings) {
  const std::size_t n = findings.size();
  std::vector<std::string_view> all;
  auto rank_of = [&all](std::string_view s) {
    return static_cast<std::uint32_t>(std::lower_bound(all.begin(), all.end(), s) - all.begin()) + 1;
  };
  auto ranks = [&](auto&& field) {  // field(finding) -> const std::optional<std::string>& or std::string
    all.clear();
    for (const auto& f : findings)
      if (const auto* s = field(f)) all.emplace_back(*s);
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    std::vector<std::uint32_t> out(n, 0);  // 0: none
    for (std::size_t i = 0; i < n; ++i)
      if (const auto* s = field(findings[i])) out[i] = rank_of(*s);
    return out;
  };
  auto opt = [](const std::optional<std::string>& o) { return o ? &*o : nullptr; };
  const auto code = ranks([](const finding& f) { return &f.code; });
  const auto artifact = ranks([&](const finding& f) { return opt(f.artifact); });
  const auto process = ranks([&](const finding& f) { return opt(f.process); });
  const auto ref = ranks([&](const finding& f) { return opt(f.ref); });
  all.clear();
  for (const auto& f : findings) all.insert(all.end(), f.units.begin(), f.units.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  std::vector<std::uint32_t> unit_start(n + 1, 0), unit_rank;
  for (std::size_t i = 0; i < n; ++i) {
    for (const auto& u : findings[i].units) unit_rank.push_back(rank_of(u));
    unit_start[i + 1] = static_cast<std::uint32_t>(unit_rank.size());
  }
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const finding &x = findings[a], &y = findings[b];
    if (x.level != y.level) return x.level < y.level;
    if (code[a] != code[b]) return code[a] < code[b];
    const auto* xu = unit_rank.data();
    if (std::lexicographical_compare(xu + unit_start[a], xu + unit_start[a + 1], xu + unit_start[b],
                                     xu + unit_start[b + 1]))
      return true;
    if (std::lexicographical_compare(xu + unit_start[b], xu + unit_start[b + 1], xu + unit_start[a],
                                     xu + unit_start[a + 1]))
      return false;
    return std::tie(artifact[a], process[a], ref[a]) < std::tie(artifact[b], process[b], ref[b]);
  });
  std::vector<finding> sorted;
  sorted.reserve(n);
  for (const auto i : order) sorted.push_back(std::move(findings[i]));
  findings = std::move(sorted);
}

}  // namespace

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
  sort_findings(r.findings);  // the order of finding_less

  r.needs.reserve(d.needs().size());
  for (const auto& n : d.needs()) r.needs.push_back(d.row(n));
  r.groups = analysis::group_metrics_of(m, v);
  return r;
}

}  // namespace orgflow
