// The members of a model as data (docs/model-format.md): for each array of a
// model (units, artifacts, flows, handoffs, needs, symptoms, accepted) the
// members in the order the format's tables list them, the kind of value each
// holds, whether it is required, and what it means and which values it
// allows, in words for people.
//
// The workbook layer builds its columns and its README sheet from this table,
// and merge compares and maps members by it, so that the two cannot disagree
// about which member holds a unit id or a list. The loader in graphlib/model
// is the authority on the rules themselves; a test checks that every member
// listed here is one the loader knows. Also here: the starting model that
// `orgflow init` writes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "orgflow/model.hpp"

namespace orgflow {

/// What a member holds. Ids, references, quantities, kinds and codes are
/// strings in JSON; the distinction tells merge which members name units and
/// artifacts and how values compare (durations by their length, lists as
/// sets).
enum class member_type {
  text,           // free text (names, channels, purposes)
  id,             // the element's own id
  unit_ref,       // the id of a unit
  artifact_ref,   // the id of an artifact
  kind,           // a unit kind word
  code,           // a finding code
  duration,       // `2d`, `PT4H`
  cadence,        // `on-change`, `weekly`, a duration
  rate,           // `200/w`
  integer,        // a JSON integer
  number,         // a JSON number
  boolean,        // true or false
  text_list,      // an array of strings
  unit_list,      // an array of unit ids
  artifact_list,  // an array of artifact ids (`*` allowed in a flow's carries)
};

/// True for the three list types. O(1).
bool is_list(member_type t);
/// True for the types whose JSON value is a string. O(1).
bool is_string(member_type t);

struct member_info {
  std::string_view name;
  member_type type;
  bool required;
  std::string_view meaning;  // one sentence for people
  std::string_view allowed;  // the values it allows, for people
};

struct array_info {
  std::string_view name;     // "units"
  std::string_view element;  // "unit"
  std::string_view meaning;  // what one element is, for people
  std::vector<member_info> members;
};

/// The seven arrays of a model, in the format's order: units, artifacts,
/// flows, handoffs, needs, symptoms, accepted. Built once; O(1).
const std::vector<array_info>& model_arrays();
/// The array with this name, or nullptr (an empty name too). O(1): seven
/// arrays.
const array_info* find_model_array(std::string_view name);
/// `n` elements of `a` in words: "1 unit", "3 flows", "2 accepted findings";
/// 0 takes the plural ("0 units"). O(digits).
std::string count_elements(const array_info& a, std::size_t n);
/// The member of `a` with this name, or nullptr (`x-` members are not listed;
/// an empty name gives nullptr). O(members of a).
const member_info* find_member(const array_info& a, std::string_view name);

/// The members of the model object itself that are not arrays: `orgflow`
/// (integer, required) and `name` (text). Built once; O(1).
const std::vector<member_info>& model_settings();

/// True when `name` starts with `x-`: a member of the user's own, kept as it is.
/// O(1); false for an empty name.
inline bool is_x_member(std::string_view name) { return name.size() >= 2 && name[0] == 'x' && name[1] == '-'; }

/// The model `orgflow init` starts from: three units, and one element in each
/// other array, each a plausible example of its kind. It validates, and its
/// accepted entry matches a finding of its own analysis. O(1): a fixed model.
model starter_model();

}  // namespace orgflow
