// The unit-level model of communication data, built from counts per unit:
// shared by the person-level import (interactions.cpp, which counts the
// person arcs between the units of their people) and the aggregated import
// (unit_tables.cpp, which reads those counts from tables made elsewhere, for
// example by SQL where the data lives; docs/scale.md). Both give the same
// model from the same data because both end here:
//  - units with fewer than `min_group` members, and a label marked as already
//    merged, become one unit `small-units` ("other (small units)", last); the
//    others keep their label as name, in natural order of the labels,
//    "(unlabelled)" after them, with ids by import_ids;
//  - each ordered pair of different units gets one flow: `x-occurrences` the
//    distinct person ties between them, `x-records` their summed counts,
//    `volume` those counts per the data's period when one is given;
//  - ties inside a unit are counted on it (`x-internal-ties`).
// Internal to graphlib.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "orgflow/model.hpp"

namespace orgflow::unit_model {

inline constexpr const char* small_units_id = "small-units";
inline constexpr const char* small_units_name = "other (small units)";

/// Ties counted from one unit label to another (the same label: inside it).
struct label_cell {
  std::size_t from = 0, to = 0;  // indices into unit_counts::labels
  std::uint64_t ties = 0;        // distinct person ties (arcs)
  std::uint64_t records = 0;     // their summed counts
};

struct unit_counts {
  std::vector<std::string> labels;    // unit labels as written, each once
  std::vector<std::int64_t> members;  // people per label
  std::vector<bool> merged_already;   // per label: a group merged before orgflow saw it
  std::vector<label_cell> cells;      // any order; a pair given twice is summed
};

struct built {
  model m;
  std::size_t merged = 0;             // labels merged into small-units
  std::int64_t merged_people = 0;
  std::uint64_t internal_total = 0;   // ties inside a unit
  std::int64_t min_group = 1;         // the rule applied (at least 1)
};

/// The name of a table file without its folder and its extensions (.gz,
/// .csv, .txt, .dat, .tsv; import_ids::file_stem): the model is named after
/// it.
std::string table_stem(const std::string& path);

/// The model of `counts` (rules above), named `name`. O(labels log labels +
/// cells log cells).
built build(const unit_counts& counts, std::int64_t min_group, const std::optional<duration_value>& period,
            std::string name);

}  // namespace orgflow::unit_model
