// The person-level analysis of communication data (people.md): who writes to
// whom, or asks whom for advice, read from INTERACTIONS and PEOPLE tables,
// and what that says about units -- silos (E-I index), brokers (betweenness),
// people the organization hangs on (articulation points and bridges) and
// single liaisons between units. Everything is reported per unit; person
// identifiers are kept only when `reveal` is set.
//
// analyze_people() reads the two files with the same readers as
// `orgflow import csv`; the in-memory overload serves tests and generators.
// The writers print the report as JSON (people.md, JSON), text or Markdown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "orgflow/import.hpp"
#include "orgflow/model.hpp"

namespace orgflow {

enum class betweenness_mode {
  automatic,  // exact up to exact_limit people, sampled above
  exact,
  sample,
  none,  // no betweenness: brokers empty
};

struct people_options {
  interactions_table interactions;
  people_table people;
  std::int64_t min_group = 5;  // units with fewer members are merged; 1 = no merging
  bool reveal = false;         // name persons (brokers, key people, liaisons)
  betweenness_mode betweenness = betweenness_mode::automatic;
  std::size_t exact_limit = 20000;    // automatic: exact up to this many people
  std::size_t sample_sources = 4096;  // sample: sources drawn (all of them when n is not larger)
  unsigned threads = 0;               // 0: the hardware concurrency; results do not depend on it
  bool keep_input = false;            // keep the person graph in people_result::input (for rank_people)
};

/// Person data in memory: person i has id ids[i] and unit label units[i];
/// arcs are (from, to) indices (duplicates and self-loops are dropped here
/// too, but the counts below are what the input said).
struct people_input {
  std::vector<std::string> ids;
  std::vector<std::string> units;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
  std::uint64_t records = 0, self_loops = 0, duplicates = 0;
};

/// E-I counts: external and internal ties; index (E - I) / (E + I), none when both are 0.
struct ei_counts {
  std::uint64_t external = 0, internal = 0;
  /// O(1); nullopt when both counts are 0.
  std::optional<double> index() const;
};

struct people_unit_row {
  std::string name;
  std::uint64_t members = 0;
  ei_counts directed, directed_out, undirected;
};

struct people_broker {
  std::size_t rank = 0;
  std::string unit;
  double betweenness = 0;
  std::optional<std::string> person;  // only with reveal
};

struct people_named {
  std::string person, unit;
};

struct people_bridge {
  people_named a, b;
};

struct people_cell {
  std::string from, to;
  std::uint64_t count = 0;
};

struct people_liaison {
  std::string from, to;
  std::uint64_t edges = 0;
  std::optional<std::string> person;  // only with reveal
};

/// The wall time of one step of analyze_people, for benchmarks
/// (tools/bench/people_bench.cpp); no writer prints it.
struct people_phase {
  std::string name;
  double seconds = 0;
};

struct people_report {
  std::uint64_t people = 0, arcs = 0, isolated = 0;
  std::optional<double> density;  // none when fewer than 2 people
  std::uint64_t records = 0, self_loops = 0, duplicates = 0, unlabelled = 0;
  std::optional<double> reciprocity_arc, reciprocity_dyad;  // none without arcs
  std::uint64_t weak = 0, strong = 0, largest_weak = 0, largest_strong = 0;
  // Key people: on the largest component of U (size key_component), bridges also over all of U.
  std::uint64_t key_component = 0, articulation = 0, bridges_largest = 0, bridges_all = 0;
  std::vector<std::pair<std::string, std::uint64_t>> key_by_unit;  // articulation points per unit, units with any
  std::vector<people_named> articulation_people;  // only with reveal, by person id
  std::vector<people_bridge> bridge_people;       // bridges of the largest component, only with reveal
  // Betweenness.
  betweenness_mode betweenness = betweenness_mode::exact;  // exact, sample or none (never automatic)
  std::uint64_t sources = 0;     // sources used (n when exact)
  double error_bound = 0;        // sample: every estimate within this of the exact value ...
  double confidence = 0.95;      // ... with this probability (Hoeffding and a union bound)
  std::vector<people_broker> brokers;
  // Units, in report order: labels in natural order, (unlabelled), then other (small units).
  std::vector<people_unit_row> units;
  ei_counts ei_directed, ei_undirected;
  std::vector<people_cell> matrix;  // non-zero cells, by (from, to) in unit order
  std::uint64_t unit_graph_units = 0, unit_graph_edges = 0, unit_graph_components = 0;
  std::vector<std::string> articulation_units, without_edge;
  std::vector<people_liaison> liaisons;  // PEOPLE.SINGLE_LIAISON, by (from, to) in unit order
  std::int64_t min_group = 5;
  std::uint64_t merged_units = 0;
  bool reveal = false;
  std::vector<people_phase> phases;  // reading (file overload) and each analysis step, in order
};

struct people_result {
  std::optional<people_report> value;  // set exactly when diagnostics is empty
  std::vector<diagnostic> diagnostics;
  std::vector<std::string> summary;  // what the readers skipped, for standard error
  std::optional<people_input> input;  // the person graph analysed, with people_options::keep_input
};

/// Reads PEOPLE and INTERACTIONS (people.md, Column options) and analyses
/// them. A file that cannot be read throws environment_error. Cost: reading,
/// O(people + records) (a matrix of n people is n² cells), then as the
/// in-memory overload. PEOPLE without a person is a diagnostic; INTERACTIONS
/// with a header but no record gives a report of people without ties.
people_result analyze_people(const std::string& interactions_path, const std::string& people_path,
                             const people_options& o);

/// The analysis of people.md on data in memory (n people, m arcs). Building
/// the graph sorts the arcs, O(n + m log m); the rest is O(n + m), with the
/// unit labels sorted, except betweenness, which is O(n (n + m)) exact (the
/// automatic mode up to exact_limit people) or O(k (n + m)) for k sampled
/// sources. No people: a report of zeros, none for the ratios, no units and
/// no brokers.
people_report analyze_people(const people_input& in, const people_options& o);

/// The report as JSON (people.md, JSON), one member a line. The writers are
/// each O(units + unit-matrix cells + brokers + named people + liaisons);
/// text and Markdown sort the cross-unit cells by count (a log factor).
/// Undefined values (density below 2 people, reciprocity and E-I indices
/// without ties) print as `null`, in the text and Markdown too; a report of
/// no people prints zeros and these nulls.
std::string write_people_json(const people_report& r);
/// The report for a terminal.
std::string write_people_text(const people_report& r);
/// The report as Markdown.
std::string write_people_markdown(const people_report& r);

}  // namespace orgflow
