// The person-level analysis of people.md (Definitions, Privacy): the person
// graph G, its undirected U, components, reciprocity, key people
// (articulation points and bridges), betweenness and brokers, then the unit
// view (E-I indices, unit matrix, unit graph, single liaisons) over the
// reported units, small units merged. The writers are in people_writers.cpp.
//
// Everything runs on compressed rows (analysis/csr.hpp): the readers'
// collapse_ties builds G directly from the tie records, the graph
// algorithms of person_graph.hpp work on G, its transpose and U, and the unit
// figures walk the rows unit by unit with one dense counter array, so that
// nothing is allocated per tie. Betweenness is the CSR Brandes of
// graphlib/analysis (betweenness_csr, dependency_sums_csr).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <tuple>

#include "analysis/csr.hpp"
#include "import/eventlog.hpp"
#include "import/person_records.hpp"
#include "orgflow/number.hpp"
#include "orgflow/people.hpp"
#include "people/person_graph.hpp"

namespace orgflow {
namespace {

const char* const small_units_name = "other (small units)";

using analysis::csr_graph;

// Units as reported: labels with at least K members in natural order of their
// names, "(unlabelled)" after them, then the merged group.
struct unit_plan {
  std::vector<std::string> names;
  std::vector<std::uint64_t> members;
  std::vector<std::uint32_t> of_person;
  std::uint64_t merged_labels = 0;
};

// `labels` are the unit labels of PEOPLE, `label_of` each person's.
unit_plan plan_units(const std::vector<std::string>& labels, const std::vector<std::uint32_t>& label_of,
                     std::int64_t min_group) {
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
  plan.of_person.resize(label_of.size());
  for (std::size_t p = 0; p < label_of.size(); ++p) plan.of_person[p] = final_of[label_of[p]];
  return plan;
}

std::optional<double> ratio(std::uint64_t a, std::uint64_t b) {
  if (b == 0) return std::nullopt;
  return static_cast<double>(a) / static_cast<double>(b);
}

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

// Records the time since the previous mark (or construction) as a phase.
class phase_clock {
 public:
  phase_clock() : last_(std::chrono::steady_clock::now()) {}
  void mark(const char* name) {
    const auto now = std::chrono::steady_clock::now();
    phases_.push_back({name, std::chrono::duration<double>(now - last_).count()});
    last_ = now;
  }
  std::vector<people_phase> take() { return std::move(phases_); }

 private:
  std::vector<people_phase> phases_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

std::optional<double> ei_counts::index() const {
  const std::uint64_t total = external + internal;
  if (total == 0) return std::nullopt;
  return (static_cast<double>(external) - static_cast<double>(internal)) / static_cast<double>(total);
}

namespace {

// The people of an analysis: ids, unit labels and each person's label.
struct person_table {
  const std::vector<std::string>& ids;
  const std::vector<std::string>& labels;
  const std::vector<std::uint32_t>& label_of;
};

// Key people (people.md, Definitions): articulation points and bridges of U
// on its largest component (bridges also over all of U).
void key_people(const person_table& people, const csr_graph& u, const std::vector<std::uint32_t>& weak_of,
                std::uint32_t largest, const unit_plan& plan, bool reveal, people_report& r) {
  const auto& ids = people.ids;
  const auto& unit_of = plan.of_person;
  const people_detail::cut_structure cut = people_detail::articulation_points_and_bridges(u);
  std::vector<std::uint64_t> key_per_unit(plan.names.size(), 0);
  std::vector<std::uint32_t> cut_people;
  for (std::uint32_t v = 0; v < cut.articulation.size(); ++v) {
    if (!cut.articulation[v] || weak_of[v] != largest) continue;
    ++r.articulation;
    ++key_per_unit[unit_of[v]];
    if (reveal) cut_people.push_back(v);
  }
  for (std::size_t k = 0; k < plan.names.size(); ++k)
    if (key_per_unit[k] > 0) r.key_by_unit.emplace_back(plan.names[k], key_per_unit[k]);
  r.bridges_all = cut.bridges.size();
  for (const auto& [a, b] : cut.bridges) {
    if (weak_of[a] != largest) continue;
    ++r.bridges_largest;
    if (!reveal) continue;
    const bool swap = ids[b] < ids[a];
    const std::uint32_t x = swap ? b : a, y = swap ? a : b;
    r.bridge_people.push_back({{ids[x], plan.names[unit_of[x]]}, {ids[y], plan.names[unit_of[y]]}});
  }
  if (reveal) {
    std::sort(cut_people.begin(), cut_people.end(), [&](std::uint32_t a, std::uint32_t b) { return ids[a] < ids[b]; });
    for (const auto p : cut_people) r.articulation_people.push_back({ids[p], plan.names[unit_of[p]]});
    std::sort(r.bridge_people.begin(), r.bridge_people.end(), [](const people_bridge& x, const people_bridge& y) {
      return std::tie(x.a.person, x.b.person) < std::tie(y.a.person, y.b.person);
    });
  }
}

// Betweenness (exact or sampled) and the ten brokers.
void brokers(const person_table& people, const csr_graph& g, const unit_plan& plan, const people_options& o,
             people_report& r) {
  const std::size_t n = g.size();
  const auto& ids = people.ids;
  betweenness_mode mode = o.betweenness;
  if (mode == betweenness_mode::automatic)
    mode = n <= o.exact_limit ? betweenness_mode::exact : betweenness_mode::sample;
  r.betweenness = mode;
  if (mode == betweenness_mode::none) return;
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
    const double scale =
        static_cast<double>(n) / (static_cast<double>(k) * static_cast<double>(n - 1) * static_cast<double>(n - 2));
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
    return ids[x] < ids[y];
  };
  const std::size_t top = std::min<std::size_t>(10, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(), before);
  for (std::size_t i = 0; i < top; ++i) {
    people_broker br;
    br.rank = i + 1;
    br.unit = plan.names[plan.of_person[order[i]]];
    br.betweenness = b[order[i]];
    if (o.reveal) br.person = ids[order[i]];
    r.brokers.push_back(std::move(br));
  }
}

// The unit view: E-I (three variants), the unit matrix, single liaisons and
// the unit graph. People are grouped by unit; for each unit A the rows of
// its members are walked once, counting per other unit B in one dense array
// (reset through the list of units touched), so cells come out in (A, B)
// order without sorting the ties.
// Long on purpose: one walk over each unit's members fills E-I, the matrix
// and the liaisons together, so that the ties are read once.
void unit_view(const person_table& people, const csr_graph& g, const csr_graph& u, const unit_plan& plan,
               bool reveal, people_report& r) {
  const std::size_t n = g.size();
  const std::size_t unit_count = plan.names.size();
  const auto& unit_of = plan.of_person;
  r.units.resize(unit_count);
  for (std::size_t k = 0; k < unit_count; ++k) {
    r.units[k].name = plan.names[k];
    r.units[k].members = plan.members[k];
  }
  // Members of each unit, in person order.
  std::vector<std::uint32_t> first(unit_count + 1, 0), members(n);
  for (std::size_t p = 0; p < n; ++p) ++first[unit_of[p] + 1];
  for (std::size_t k = 0; k < unit_count; ++k) first[k + 1] += first[k];
  {
    std::vector<std::uint32_t> fill(first.begin(), first.end() - 1);
    for (std::size_t p = 0; p < n; ++p) members[fill[unit_of[p]]++] = static_cast<std::uint32_t>(p);
  }
  struct pair_ends {
    std::uint64_t count = 0;  // arcs (matrix) or edges of U (liaisons)
    std::uint32_t end = 0;    // the member of A on the edges, while there is one
    bool several = false;
  };
  std::vector<pair_ends> cell(unit_count);
  std::vector<std::uint32_t> touched;
  csr_graph unit_graph;  // units, an edge when some tie joins their members
  unit_graph.offsets.assign(unit_count + 1, 0);
  for (std::uint32_t a = 0; a < unit_count; ++a) {
    // Directed: the matrix row of A and the E-I over arcs.
    touched.clear();
    for (std::uint32_t i = first[a]; i < first[a + 1]; ++i) {
      const std::uint32_t x = members[i];
      for (const std::uint32_t* p = g.begin(x); p != g.end(x); ++p) {
        const std::uint32_t b = unit_of[*p];
        if (cell[b].count++ == 0) touched.push_back(b);
      }
    }
    std::sort(touched.begin(), touched.end());
    for (const std::uint32_t b : touched) {
      const std::uint64_t c = cell[b].count;
      cell[b].count = 0;
      r.matrix.push_back({plan.names[a], plan.names[b], c});
      if (a == b) {
        r.units[a].directed.internal += c;
        r.units[a].directed_out.internal += c;
        r.ei_directed.internal += c;
      } else {
        r.units[a].directed.external += c;
        r.units[b].directed.external += c;
        r.units[a].directed_out.external += c;
        r.ei_directed.external += c;
      }
    }
    // Undirected: E-I over the edges of U, and per unit B the ends in A.
    touched.clear();
    for (std::uint32_t i = first[a]; i < first[a + 1]; ++i) {
      const std::uint32_t x = members[i];
      for (const std::uint32_t* p = u.begin(x); p != u.end(x); ++p) {
        const std::uint32_t b = unit_of[*p];
        if (a == b) {
          if (x < *p) {  // each internal edge once
            ++r.units[a].undirected.internal;
            ++r.ei_undirected.internal;
          }
          continue;
        }
        ++r.units[a].undirected.external;  // B counts the edge from its side
        if (x < *p) ++r.ei_undirected.external;
        pair_ends& pe = cell[b];
        if (pe.count++ == 0) {
          touched.push_back(b);
          pe.end = x;
        } else if (pe.end != x) {
          pe.several = true;
        }
      }
    }
    std::sort(touched.begin(), touched.end());
    for (const std::uint32_t b : touched) {
      pair_ends& pe = cell[b];
      if (!pe.several) {
        people_liaison l;
        l.from = plan.names[a];
        l.to = plan.names[b];
        l.edges = pe.count;
        if (reveal) l.person = people.ids[pe.end];
        r.liaisons.push_back(std::move(l));
      }
      pe = pair_ends{};
    }
    unit_graph.targets.insert(unit_graph.targets.end(), touched.begin(), touched.end());
    unit_graph.offsets[a + 1] = static_cast<std::uint32_t>(unit_graph.targets.size());
  }
  r.unit_graph_units = unit_count;
  r.unit_graph_edges = unit_graph.targets.size() / 2;
  std::vector<std::uint32_t> comp;
  r.unit_graph_components = people_detail::connected_components(unit_graph, comp);
  const people_detail::cut_structure cut = people_detail::articulation_points_and_bridges(unit_graph);
  for (std::size_t k = 0; k < unit_count; ++k) {
    if (cut.articulation[k]) r.articulation_units.push_back(plan.names[k]);
  }
  for (std::size_t k = 0; k < unit_count; ++k)
    if (unit_graph.degree(k) == 0) r.without_edge.push_back(plan.names[k]);
}

// The analysis of people.md on G (distinct arcs, no self-loop, rows sorted).
people_report analyze_graph(const person_table& people, const csr_graph& g, const people_options& o,
                            phase_clock& clock, people_report r) {
  // r holds what the caller counted while reading (records, self-loops, duplicates).
  const std::size_t n = people.ids.size();
  r.people = n;
  r.arcs = g.targets.size();
  r.min_group = std::max<std::int64_t>(1, o.min_group);
  r.reveal = o.reveal;
  for (const auto l : people.label_of)
    if (people.labels[l] == person_records::unlabelled_unit) ++r.unlabelled;
  if (n >= 2) r.density = static_cast<double>(r.arcs) / (static_cast<double>(n) * static_cast<double>(n - 1));

  // U, reciprocity, isolated people.
  std::uint64_t mutual_arcs = 0;
  const csr_graph u = people_detail::undirected_of(g, analysis::transpose(g), &mutual_arcs);
  const std::uint64_t pairs = u.targets.size() / 2;
  r.reciprocity_arc = ratio(mutual_arcs, r.arcs);
  r.reciprocity_dyad = ratio(mutual_arcs / 2, pairs);
  for (std::size_t p = 0; p < n; ++p)
    if (u.degree(p) == 0) ++r.isolated;
  clock.mark("U and reciprocity");

  // Components; the largest of U (ties: the one holding the smallest id, bytes).
  std::vector<std::uint32_t> weak_of;
  r.weak = people_detail::connected_components(u, weak_of);
  std::vector<std::uint64_t> weak_size(r.weak, 0);
  for (const auto c : weak_of) ++weak_size[c];
  for (const auto size : weak_size) r.largest_weak = std::max(r.largest_weak, size);
  const auto strong = people_detail::strong_components(g);
  r.strong = strong.first;
  r.largest_strong = strong.second;
  std::uint32_t largest = UINT32_MAX;
  std::uint32_t largest_smallest_id = 0;
  for (std::uint32_t p = 0; p < n; ++p) {
    const std::uint32_t c = weak_of[p];
    if (weak_size[c] != r.largest_weak) continue;
    if (largest == UINT32_MAX || people.ids[p] < people.ids[largest_smallest_id]) {
      largest = c;
      largest_smallest_id = p;
    }
  }
  if (n > 0) r.key_component = r.largest_weak;
  clock.mark("components");

  const unit_plan plan = plan_units(people.labels, people.label_of, o.min_group);
  r.merged_units = plan.merged_labels;
  key_people(people, u, weak_of, largest, plan, o.reveal, r);
  clock.mark("key people");
  brokers(people, g, plan, o, r);
  clock.mark("betweenness");
  unit_view(people, g, u, plan, o.reveal, r);
  clock.mark("E-I, matrix, liaisons, unit graph");
  r.phases = clock.take();
  return r;
}

}  // namespace

people_report analyze_people(const people_input& in, const people_options& o) {
  phase_clock clock;
  people_report r;
  r.records = in.records;
  r.self_loops = in.self_loops;
  r.duplicates = in.duplicates;
  person_records::id_index labels;
  std::vector<std::uint32_t> label_of;
  label_of.reserve(in.units.size());
  for (const auto& label : in.units) label_of.push_back(labels.intern(label));
  const csr_graph g = csr_graph::from_edges(in.ids.size(), in.arcs, /*undirected=*/false);
  clock.mark("build G");
  return analyze_graph({in.ids, labels.names(), label_of}, g, o, clock, std::move(r));
}

people_result analyze_people(const std::string& interactions_path, const std::string& people_path,
                             const people_options& o) {
  phase_clock clock;
  people_result result;
  people_report r;
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
  clock.mark("read PEOPLE");
  {
    eventlog_detail::diagnostic_sink sink(interactions_path);
    person_records::read_interactions(interactions_path, o.interactions, people, ties, sink);
    if (!sink.empty()) {
      result.diagnostics = sink.take();
      return result;
    }
  }
  clock.mark("read INTERACTIONS");
  person_records::arc_set arcs = person_records::collapse_ties(people.ids.size(), ties, /*weights=*/false);
  r.records = ties.tie_records;
  r.self_loops = ties.self_ties;
  r.duplicates = arcs.duplicates;
  csr_graph g;
  g.offsets = std::move(arcs.offsets);
  g.targets = std::move(arcs.targets);
  auto& s = result.summary;
  s.insert(s.end(), people.warnings.begin(), people.warnings.end());
  s.insert(s.end(), ties.warnings.begin(), ties.warnings.end());
  if (people.duplicates > 0) s.push_back("PEOPLE: ignored " + std::to_string(people.duplicates) + " repeated person row(s)");
  if (people.without_unit > 0)
    s.push_back("PEOPLE: " + std::to_string(people.without_unit) + " person(s) without a unit put in \"(unlabelled)\"");
  if (ties.zero_count > 0)
    s.push_back("INTERACTIONS: skipped " + std::to_string(ties.zero_count) + " record(s) with count 0 (no tie)");
  if (ties.unknown_people > 0)
    s.push_back("INTERACTIONS: " + std::to_string(ties.unknown_people) + " person(s) not in PEOPLE put in \"(unlabelled)\"");
  ties = {};  // the records are in G now
  clock.mark("build G");
  if (o.keep_input) {  // the person graph for rank_people (report --people, people --format html)
    people_input in;
    in.ids = people.ids.names();
    in.units.reserve(in.ids.size());
    for (const auto u : people.unit_of) in.units.push_back(people.units.names()[u]);
    in.arcs.reserve(g.targets.size());
    for (std::size_t from = 0; from + 1 < g.offsets.size(); ++from)
      for (std::size_t i = g.offsets[from]; i < g.offsets[from + 1]; ++i)
        in.arcs.emplace_back(static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(g.targets[i]));
    in.records = r.records;
    in.self_loops = r.self_loops;
    in.duplicates = r.duplicates;
    result.input = std::move(in);
  }
  result.value = analyze_graph({people.ids.names(), people.units.names(), people.unit_of}, g, o, clock, std::move(r));
  return result;
}

}  // namespace orgflow
