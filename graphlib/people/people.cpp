// The person-level analysis of people.md (Definitions, Privacy): the person
// graph G, its undirected U, components, reciprocity, key people
// (articulation points and bridges), betweenness and brokers, then the unit
// view (E-I indices, unit matrix, unit graph, single liaisons) over the
// reported units, small units merged. The writers are in people_writers.cpp.
//
// Boost.Graph does the components (connected_components, strong_components)
// and the biconnected components with articulation points (a bridge is a
// biconnected component of one edge); betweenness is the CSR Brandes of
// graphlib/analysis (betweenness_csr, dependency_sums_csr).
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/strong_components.hpp>

#include "analysis/csr.hpp"
#include "import/eventlog.hpp"
#include "import/person_records.hpp"
#include "orgflow/number.hpp"
#include "orgflow/people.hpp"

namespace orgflow {
namespace {

const char* const small_units_name = "other (small units)";

using arc_list = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

// Units as reported: labels with at least K members in natural order of their
// names, "(unlabelled)" after them, then the merged group.
struct unit_plan {
  std::vector<std::string> names;
  std::vector<std::uint64_t> members;
  std::vector<std::uint32_t> of_person;
  std::uint64_t merged_labels = 0;
};

unit_plan plan_units(const people_input& in, std::int64_t min_group) {
  std::vector<std::string> labels;
  std::map<std::string, std::uint32_t> label_index;
  std::vector<std::uint32_t> label_of(in.ids.size());
  for (std::size_t p = 0; p < in.ids.size(); ++p) {
    auto [it, inserted] = label_index.try_emplace(in.units[p], static_cast<std::uint32_t>(labels.size()));
    if (inserted) labels.push_back(in.units[p]);
    label_of[p] = it->second;
  }
  std::vector<std::uint64_t> count(labels.size(), 0);
  for (const auto l : label_of) ++count[l];
  std::vector<std::size_t> order(labels.size());
  std::iota(order.begin(), order.end(), 0);
  const std::string unlabelled = person_records::unlabelled_unit;
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const bool ux = labels[x] == unlabelled, uy = labels[y] == unlabelled;
    if (ux != uy) return uy;
    return eventlog_detail::natural_less(labels[x], labels[y]);
  });
  const std::uint64_t k = static_cast<std::uint64_t>(std::max<std::int64_t>(1, min_group));
  unit_plan plan;
  std::vector<std::uint32_t> final_of(labels.size(), UINT32_MAX);
  std::uint64_t merged_people = 0;
  for (const std::size_t l : order) {
    // A label spelled like the merged group joins it, so unit names stay unique.
    if (count[l] < k || labels[l] == small_units_name) {
      ++plan.merged_labels;
      merged_people += count[l];
      continue;
    }
    final_of[l] = static_cast<std::uint32_t>(plan.names.size());
    plan.names.push_back(labels[l]);
    plan.members.push_back(count[l]);
  }
  if (plan.merged_labels > 0) {
    for (auto& f : final_of)
      if (f == UINT32_MAX) f = static_cast<std::uint32_t>(plan.names.size());
    plan.names.push_back(small_units_name);
    plan.members.push_back(merged_people);
  }
  plan.of_person.resize(in.ids.size());
  for (std::size_t p = 0; p < in.ids.size(); ++p) plan.of_person[p] = final_of[label_of[p]];
  return plan;
}

std::optional<double> ratio(std::uint64_t a, std::uint64_t b) {
  if (b == 0) return std::nullopt;
  return static_cast<double>(a) / static_cast<double>(b);
}

using undirected_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                                               boost::property<boost::edge_index_t, std::size_t>>;

// Deterministic sampling of k sources out of n without replacement
// (splitmix64 and a partial Fisher-Yates shuffle: the same sources on every
// platform, unlike std::uniform_int_distribution), returned sorted.
std::vector<std::uint32_t> sample_sources(std::size_t n, std::size_t k) {
  std::uint64_t state = 0x6f7267666c6f77ULL;  // "orgflow": a fixed seed, for reproducible output
  auto next = [&]() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  };
  std::vector<std::uint32_t> v(n);
  std::iota(v.begin(), v.end(), 0u);
  for (std::size_t i = 0; i < k; ++i) {
    const std::uint64_t span = n - i;
    // Rejection sampling keeps the draw uniform (no modulo bias).
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    std::uint64_t r;
    do r = next();
    while (r >= limit);
    std::swap(v[i], v[i + static_cast<std::size_t>(r % span)]);
  }
  v.resize(k);
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

std::optional<double> ei_counts::index() const {
  const std::uint64_t total = external + internal;
  if (total == 0) return std::nullopt;
  return (static_cast<double>(external) - static_cast<double>(internal)) / static_cast<double>(total);
}

people_report analyze_people(const people_input& in, const people_options& o) {
  people_report r;
  const std::size_t n = in.ids.size();
  r.people = n;
  r.records = in.records;
  r.self_loops = in.self_loops;
  r.duplicates = in.duplicates;
  r.min_group = std::max<std::int64_t>(1, o.min_group);
  r.reveal = o.reveal;
  for (const auto& u : in.units)
    if (u == person_records::unlabelled_unit) ++r.unlabelled;

  // G: distinct arcs, no self-loops, sorted.
  arc_list arcs;
  arcs.reserve(in.arcs.size());
  for (const auto& a : in.arcs)
    if (a.first != a.second) arcs.push_back(a);
  std::sort(arcs.begin(), arcs.end());
  arcs.erase(std::unique(arcs.begin(), arcs.end()), arcs.end());
  r.arcs = arcs.size();
  if (n >= 2) r.density = static_cast<double>(arcs.size()) / (static_cast<double>(n) * static_cast<double>(n - 1));

  // U: one edge per unordered pair, (min, max), sorted.
  arc_list edges;
  edges.reserve(arcs.size());
  std::uint64_t mutual_arcs = 0;
  for (const auto& [u, v] : arcs) {
    const bool back = std::binary_search(arcs.begin(), arcs.end(), std::make_pair(v, u));
    if (back) ++mutual_arcs;
    if (!back || u < v) edges.emplace_back(std::min(u, v), std::max(u, v));
  }
  std::sort(edges.begin(), edges.end());
  r.reciprocity_arc = ratio(mutual_arcs, arcs.size());
  r.reciprocity_dyad = ratio(mutual_arcs / 2, edges.size());

  std::vector<std::uint32_t> degree(n, 0);
  for (const auto& [u, v] : edges) {
    ++degree[u];
    ++degree[v];
  }
  for (std::size_t p = 0; p < n; ++p)
    if (degree[p] == 0) ++r.isolated;

  // Components.
  undirected_graph ug(n);
  for (std::size_t e = 0; e < edges.size(); ++e) boost::add_edge(edges[e].first, edges[e].second, e, ug);
  std::vector<std::size_t> weak_of(n, 0);
  if (n > 0) r.weak = boost::connected_components(ug, weak_of.data());
  std::vector<std::uint64_t> weak_size(r.weak, 0);
  for (const auto c : weak_of) ++weak_size[c];
  {
    using directed_graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
    directed_graph dg(n);
    for (const auto& [u, v] : arcs) boost::add_edge(u, v, dg);
    std::vector<std::size_t> strong_of(n, 0);
    if (n > 0) r.strong = boost::strong_components(dg, strong_of.data());
    std::vector<std::uint64_t> strong_size(r.strong, 0);
    for (const auto c : strong_of) ++strong_size[c];
    for (const auto s : strong_size) r.largest_strong = std::max(r.largest_strong, s);
  }
  for (const auto s : weak_size) r.largest_weak = std::max(r.largest_weak, s);

  // The largest component of U; ties: the one holding the smallest id (bytes).
  std::size_t largest = SIZE_MAX;
  if (n > 0) {
    std::vector<std::size_t> smallest_member(r.weak, SIZE_MAX);
    for (std::size_t p = 0; p < n; ++p) {
      std::size_t& m = smallest_member[weak_of[p]];
      if (m == SIZE_MAX || in.ids[p] < in.ids[m]) m = p;
    }
    for (std::size_t c = 0; c < r.weak; ++c) {
      if (largest == SIZE_MAX || weak_size[c] > weak_size[largest] ||
          (weak_size[c] == weak_size[largest] && in.ids[smallest_member[c]] < in.ids[smallest_member[largest]]))
        largest = c;
    }
    r.key_component = weak_size[largest];
  }

  const unit_plan plan = plan_units(in, o.min_group);
  r.merged_units = plan.merged_labels;
  const std::size_t unit_count = plan.names.size();
  const auto& unit_of = plan.of_person;

  // Key people: articulation points and bridges (bicomponents of one edge).
  {
    std::vector<std::size_t> bicomponent(edges.size(), 0);
    std::vector<std::size_t> cut_vertices;
    std::size_t bicomponents = 0;
    if (!edges.empty()) {
      auto result = boost::biconnected_components(
          ug, boost::make_iterator_property_map(bicomponent.begin(), boost::get(boost::edge_index, ug)),
          std::back_inserter(cut_vertices));
      bicomponents = result.first;
    }
    std::vector<std::uint64_t> bicomponent_edges(bicomponents, 0);
    for (const auto b : bicomponent) ++bicomponent_edges[b];
    std::vector<std::uint64_t> key_per_unit(unit_count, 0);
    std::vector<std::uint32_t> cut_people;
    for (const auto v : cut_vertices) {
      if (weak_of[v] != largest) continue;
      ++r.articulation;
      ++key_per_unit[unit_of[v]];
      cut_people.push_back(static_cast<std::uint32_t>(v));
    }
    for (std::size_t u = 0; u < unit_count; ++u)
      if (key_per_unit[u] > 0) r.key_by_unit.emplace_back(plan.names[u], key_per_unit[u]);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> bridges_in_largest;
    for (std::size_t e = 0; e < edges.size(); ++e) {
      if (bicomponent_edges[bicomponent[e]] != 1) continue;
      ++r.bridges_all;
      if (weak_of[edges[e].first] == largest) {
        ++r.bridges_largest;
        bridges_in_largest.push_back(edges[e]);
      }
    }
    if (o.reveal) {
      std::sort(cut_people.begin(), cut_people.end(),
                [&](std::uint32_t a, std::uint32_t b) { return in.ids[a] < in.ids[b]; });
      for (const auto p : cut_people) r.articulation_people.push_back({in.ids[p], plan.names[unit_of[p]]});
      for (const auto& [a, b] : bridges_in_largest) {
        const bool swap = in.ids[b] < in.ids[a];
        const std::uint32_t x = swap ? b : a, y = swap ? a : b;
        r.bridge_people.push_back({{in.ids[x], plan.names[unit_of[x]]}, {in.ids[y], plan.names[unit_of[y]]}});
      }
      std::sort(r.bridge_people.begin(), r.bridge_people.end(), [](const people_bridge& x, const people_bridge& y) {
        return std::tie(x.a.person, x.b.person) < std::tie(y.a.person, y.b.person);
      });
    }
  }

  // Betweenness and brokers.
  betweenness_mode mode = o.betweenness;
  if (mode == betweenness_mode::automatic)
    mode = n <= o.exact_limit ? betweenness_mode::exact : betweenness_mode::sample;
  r.betweenness = mode;
  if (mode != betweenness_mode::none) {
    const analysis::csr_graph g = analysis::csr_graph::from_edges(n, arcs, /*undirected=*/false);
    std::vector<double> b;
    if (mode == betweenness_mode::exact || o.sample_sources >= n || n <= 2) {
      // Sampling every source is the exact computation: bound 0. With n <= 2
      // every betweenness is 0 (no third person to lie between).
      b = analysis::betweenness_csr(g, o.threads);
      r.sources = n;
    } else {
      const std::size_t k = std::max<std::size_t>(1, o.sample_sources);
      b = analysis::dependency_sums_csr(g, sample_sources(n, k), o.threads);
      // b(v) = sum over all n sources of delta_s(v) / ((n-1)(n-2)); the
      // estimate scales the k sampled sums by n / k.
      const double scale = static_cast<double>(n) /
                           (static_cast<double>(k) * static_cast<double>(n - 1) * static_cast<double>(n - 2));
      for (double& x : b) x *= scale;
      r.sources = k;
      // Each sampled term n delta_s(v) / ((n-1)(n-2)) lies in [0, n/(n-1)]
      // (delta_s(v) <= n-2). Hoeffding (which also holds when sampling
      // without replacement) and a union bound over the n people: with
      // probability >= 1 - alpha, every |estimate - exact| <= R sqrt(ln(2n/alpha) / (2k)).
      const double range = static_cast<double>(n) / static_cast<double>(n - 1);
      const double alpha = 1.0 - r.confidence;
      r.error_bound = range * std::sqrt(std::log(2.0 * static_cast<double>(n) / alpha) / (2.0 * static_cast<double>(k)));
    }
    std::vector<std::uint32_t> order;
    for (std::size_t p = 0; p < n; ++p)
      if (round_half_even(b[p]) > 0) order.push_back(static_cast<std::uint32_t>(p));
    // Ranked on the printed (rounded) value so that equal printed values
    // always appear in id order.
    auto before = [&](std::uint32_t x, std::uint32_t y) {
      const double bx = round_half_even(b[x]), by = round_half_even(b[y]);
      if (bx != by) return bx > by;
      return in.ids[x] < in.ids[y];
    };
    const std::size_t top = std::min<std::size_t>(10, order.size());
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), before);
    for (std::size_t i = 0; i < top; ++i) {
      people_broker br;
      br.rank = i + 1;
      br.unit = plan.names[unit_of[order[i]]];
      br.betweenness = b[order[i]];
      if (o.reveal) br.person = in.ids[order[i]];
      r.brokers.push_back(std::move(br));
    }
  }

  // Units: E-I, matrix.
  r.units.resize(unit_count);
  for (std::size_t u = 0; u < unit_count; ++u) {
    r.units[u].name = plan.names[u];
    r.units[u].members = plan.members[u];
  }
  // Unit pairs of the arcs, sorted and counted: sparse, since with
  // --min-group 1 there may be about as many units as people.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> unit_pairs;
  unit_pairs.reserve(arcs.size());
  for (const auto& [x, y] : arcs) {
    const auto a = unit_of[x], b = unit_of[y];
    unit_pairs.emplace_back(a, b);
    if (a == b) {
      ++r.units[a].directed.internal;
      ++r.units[a].directed_out.internal;
      ++r.ei_directed.internal;
    } else {
      ++r.units[a].directed.external;
      ++r.units[b].directed.external;
      ++r.units[a].directed_out.external;
      ++r.ei_directed.external;
    }
  }
  std::sort(unit_pairs.begin(), unit_pairs.end());
  for (std::size_t i = 0; i < unit_pairs.size();) {
    std::size_t j = i;
    while (j < unit_pairs.size() && unit_pairs[j] == unit_pairs[i]) ++j;
    r.matrix.push_back({plan.names[unit_pairs[i].first], plan.names[unit_pairs[i].second], j - i});
    i = j;
  }

  // Undirected: E-I, and per ordered unit pair the ends in the first unit
  // (single liaisons).
  struct pair_ends {
    std::uint64_t edges = 0;
    std::uint32_t end = 0;
    bool several = false;
  };
  std::map<std::pair<std::uint32_t, std::uint32_t>, pair_ends> between;
  for (const auto& [x, y] : edges) {
    const auto a = unit_of[x], b = unit_of[y];
    if (a == b) {
      ++r.units[a].undirected.internal;
      ++r.ei_undirected.internal;
      continue;
    }
    ++r.units[a].undirected.external;
    ++r.units[b].undirected.external;
    ++r.ei_undirected.external;
    for (int side = 0; side < 2; ++side) {
      const std::uint32_t mine = side == 0 ? x : y;
      auto& pe = between[side == 0 ? std::make_pair(a, b) : std::make_pair(b, a)];
      if (pe.edges > 0 && pe.end != mine) pe.several = true;
      pe.end = mine;
      ++pe.edges;
    }
  }
  for (const auto& [key, pe] : between) {
    if (pe.several) continue;
    people_liaison l;
    l.from = plan.names[key.first];
    l.to = plan.names[key.second];
    l.edges = pe.edges;
    if (o.reveal) l.person = in.ids[pe.end];
    r.liaisons.push_back(std::move(l));
  }

  // Unit graph: units with members, an edge when some arc joins two of them.
  {
    undirected_graph unit_graph(unit_count);
    std::size_t e = 0;
    std::vector<bool> has_edge(unit_count, false);
    for (const auto& [key, pe] : between) {
      if (key.first >= key.second) continue;  // each unordered pair once
      boost::add_edge(key.first, key.second, e++, unit_graph);
      has_edge[key.first] = has_edge[key.second] = true;
    }
    r.unit_graph_units = unit_count;
    r.unit_graph_edges = e;
    std::vector<std::size_t> comp(unit_count, 0);
    if (unit_count > 0) r.unit_graph_components = boost::connected_components(unit_graph, comp.data());
    std::vector<std::size_t> cut;
    if (e > 0) {
      std::vector<std::size_t> bic(e, 0);
      boost::biconnected_components(
          unit_graph, boost::make_iterator_property_map(bic.begin(), boost::get(boost::edge_index, unit_graph)),
          std::back_inserter(cut));
    }
    std::sort(cut.begin(), cut.end());
    for (const auto c : cut) r.articulation_units.push_back(plan.names[c]);
    for (std::size_t u = 0; u < unit_count; ++u)
      if (!has_edge[u]) r.without_edge.push_back(plan.names[u]);
  }
  return r;
}

people_result analyze_people(const std::string& interactions_path, const std::string& people_path,
                             const people_options& o) {
  people_result result;
  person_records::people_data people;
  person_records::tie_data ties;
  {
    eventlog_detail::diagnostic_sink sink(people_path);
    person_records::read_people(people_path, o.people, people, sink);
    if (sink.empty() && people.ids.size() == 0) sink.add(0, 0, "PEOPLE lists nobody (one row per person and unit)");
    if (!sink.empty()) {
      result.diagnostics = sink.take();
      return result;
    }
  }
  {
    eventlog_detail::diagnostic_sink sink(interactions_path);
    person_records::read_interactions(interactions_path, o.interactions, people, ties, sink);
    if (!sink.empty()) {
      result.diagnostics = sink.take();
      return result;
    }
  }
  people_input in;
  in.ids = people.ids.names();
  in.units.reserve(in.ids.size());
  for (const auto u : people.unit_of) in.units.push_back(people.units.names()[u]);
  in.arcs.reserve(ties.weight.size());
  for (const auto& [key, weight] : ties.weight)
    in.arcs.emplace_back(static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key & 0xffffffffu));
  in.records = ties.tie_records;
  in.self_loops = ties.self_ties;
  in.duplicates = ties.duplicates;

  auto& s = result.summary;
  if (people.duplicates > 0) s.push_back("PEOPLE: ignored " + std::to_string(people.duplicates) + " repeated person row(s)");
  if (people.without_unit > 0)
    s.push_back("PEOPLE: " + std::to_string(people.without_unit) + " person(s) without a unit put in \"(unlabelled)\"");
  if (ties.zero_count > 0)
    s.push_back("INTERACTIONS: skipped " + std::to_string(ties.zero_count) + " record(s) with count 0 (no tie)");
  if (ties.unknown_people > 0)
    s.push_back("INTERACTIONS: " + std::to_string(ties.unknown_people) + " person(s) not in PEOPLE put in \"(unlabelled)\"");
  result.value = analyze_people(in, o);
  if (o.keep_input) result.input = std::move(in);
  return result;
}

}  // namespace orgflow
