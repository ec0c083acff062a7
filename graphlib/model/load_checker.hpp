// Stage 2 of load_model() (load.cpp): the checker that walks a `document`
// (load_document.hpp) once, fills the model and collects diagnostics keyed by
// their position in the document. Private to graphlib/model.
//
// Its members are defined by theme:
//   load_values.cpp    reporting, typed values (strings, integers, durations,
//                      cadences, rates) and ids;
//   load_elements.cpp  run() and the element readers, read_unit ... read_accepted;
//   load_resolve.cpp   after the walk: generated ids, reference resolution and
//                      group cycles, with hash maps (no per-reference scan).
// The templates stay here.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "model/load_document.hpp"
#include "orgflow/model.hpp"

namespace orgflow::load_detail {

inline constexpr std::size_t max_id_length = 128;

// "a string", "an array", ...: the type of a node, as a message names it.
const char* type_phrase(jtype t);

enum class space_kind { unit, artifact, symptom, flow, handoff };

// "unit", "artifact", ...: the kind of id, as a message names it.
const char* space_name(space_kind k);

// ASCII lower case, whatever the locale.
std::string fold_case(std::string_view s);

// The ids of one array: the first element of each id (references resolve to
// it) and the ids that were reported invalid (references to them are not
// reported again).
struct id_space {
  struct entry {
    std::uint32_t index;  // element index of the first occurrence
    std::uint32_t node;   // its `id` node, to point duplicates at it
  };
  std::unordered_map<std::string, entry> first;
  std::unordered_set<std::string> invalid;
  // lower-case id -> first id, for "did you mean" suggestions; built only
  // when a reference is unknown.
  std::unordered_map<std::string, std::string> folded;
  bool folded_built = false;
  const std::string* suggestion(const std::string& id);
};

// A reference to check once every id is known.
struct reference {
  std::uint32_t node;
  space_kind target;
  space_kind referrer;
  std::uint32_t referrer_index;
  std::string id;
};

class checker {
 public:
  checker(const document& doc, std::vector<pending>& diags) : doc_(doc), diags_(diags) {}

  // Walks the model object, then generates ids, resolves references and
  // checks group cycles. Linear in the size of the document (hash maps).
  model run();

 private:
  // -- reporting (load_values.cpp) -------------------------------------------
  void report(std::uint32_t node, std::string message);
  void report_missing(std::uint32_t object, std::string_view member, std::string message);
  void report_unknown(std::uint32_t node, std::string_view k, std::string_view what);
  void report_nulls_in(std::uint32_t node);

  // -- walking --------------------------------------------------------------
  // Calls handle(key, value) for each member named in `known`; `x-` members
  // go to `extras`; other members are reported as unknown, and `null` values
  // of known members are reported here, once.
  template <class F>
  void members(std::uint32_t object, json_extras& extras, std::string_view what,
               std::initializer_list<std::string_view> known, F&& handle) {
    for (std::uint32_t c = doc_.nodes[object].first_child; c != none; c = doc_.nodes[c].next_sibling) {
      const std::string_view k = doc_.key(c);
      extras.order.emplace_back(k);
      if (k.size() >= 2 && k[0] == 'x' && k[1] == '-') {
        std::string text;
        doc_.compact(c, text);
        extras.x_members.emplace_back(std::string(k), std::move(text));
        report_nulls_in(c);
        continue;
      }
      if (std::find(known.begin(), known.end(), k) == known.end()) {
        report_unknown(c, k, what);
        continue;
      }
      if (doc_.nodes[c].type == jtype::null_value) {
        report(c, "null is not allowed (leave the member " + json_quoted(k) + " out instead)");
        continue;
      }
      handle(k, c);
    }
  }

  // Calls read(element) for each element of an array member.
  template <class F>
  void elements(std::uint32_t array, std::string_view member, std::string_view element, F&& read) {
    if (doc_.nodes[array].type != jtype::array) {
      report(array, json_quoted(member) + " must be an array of " + std::string(element) + "s ([{...}, ...]), not " +
                        type_phrase(doc_.nodes[array].type));
      return;
    }
    for (std::uint32_t c = doc_.nodes[array].first_child; c != none; c = doc_.nodes[c].next_sibling) {
      if (doc_.nodes[c].type != jtype::object) {
        report(c, "each " + std::string(element) + " must be a JSON object ({\"...\": ...}), not " +
                      type_phrase(doc_.nodes[c].type));
        continue;
      }
      read(c);
    }
  }

  // -- values (load_values.cpp) ----------------------------------------------
  std::string number_text(std::uint32_t node) const;
  void type_error(std::uint32_t node, std::string_view member, std::string_view expected);
  std::optional<std::string> get_string(std::uint32_t node, std::string_view member);
  std::optional<std::vector<std::string>> get_string_list(std::uint32_t node, std::string_view member,
                                                           std::vector<std::uint32_t>* item_nodes = nullptr);
  std::optional<std::int64_t> get_integer(std::uint32_t node, std::string_view member, std::int64_t minimum,
                                          std::string_view meaning);
  std::optional<bool> get_bool(std::uint32_t node, std::string_view member);
  std::optional<duration_value> get_duration(std::uint32_t node, std::string_view member);
  std::optional<cadence_value> get_cadence(std::uint32_t node, std::string_view member);
  std::optional<rate_value> get_rate(std::uint32_t node, std::string_view member);

  // -- ids (load_values.cpp) ---------------------------------------------------
  std::optional<std::string> get_id(std::uint32_t node, std::string_view member, id_space& space);
  static std::string id_problem(std::string_view id);
  void declare(space_kind kind, id_space& space, const std::string& id, std::uint32_t node, std::uint32_t index);
  void refer(std::uint32_t node, space_kind target, space_kind referrer, std::uint32_t index, std::string id);

  // -- elements (load_elements.cpp) --------------------------------------------
  void check_version(std::uint32_t v);
  void read_unit(std::uint32_t obj);
  void read_artifact(std::uint32_t obj);

  // from/to of flows and handoffs: reads both, reports from == to at `to`.
  struct endpoints {
    bool has_from = false, has_to = false;
    std::uint32_t to_node = none;
  };

  bool read_endpoint(std::string_view k, std::uint32_t v, std::string& from, std::string& to, endpoints& e,
                     space_kind kind, std::uint32_t index);
  void finish_endpoints(std::uint32_t obj, const endpoints& e, const std::string& from, const std::string& to,
                        std::string_view what, std::string_view article);
  void read_flow(std::uint32_t obj);
  void read_handoff(std::uint32_t obj);
  void read_need(std::uint32_t obj);
  void read_symptom(std::uint32_t obj);
  void read_accepted(std::uint32_t obj);

  // -- after the walk (load_resolve.cpp) ---------------------------------------
  // Generated ids `from->to#n`: n counts, in file order, every element of the
  // same array with the same from and to, explicit id or not.
  //
  // A generated id can never collide with an explicit id: explicit ids may
  // not contain '>' or '#' (id syntax), and every generated id contains both.
  // Nor can two generated ids collide: unit ids contain no '>', so the first
  // "->" splits `from` from `to` unambiguously, and n differs within a pair.
  template <class T>
  static void generate(std::vector<T>& items) {
    std::unordered_map<std::string, std::uint32_t> counts;
    counts.reserve(items.size());
    for (T& item : items) {
      std::string key = item.from;
      key += '\0';
      key += item.to;
      const std::uint32_t n = ++counts[key];
      if (item.id.empty()) {
        item.id = item.from + "->" + item.to + "#" + std::to_string(n);
        item.id_generated = true;
      }
    }
  }

  void generate_ids();

  // Marks a referrer index as a need's label (need_labels_), not an element.
  static constexpr std::uint32_t need_flag = 0x80000000u;

  std::string referrer_name(space_kind kind, std::uint32_t index) const;
  id_space& space_of(space_kind k);
  void resolve_references();
  void check_group_cycles();

  struct unit_nodes {
    std::uint32_t object;
    std::uint32_t group;
  };

  const document& doc_;
  std::vector<pending>& diags_;
  model m_;
  id_space units_, artifacts_, symptoms_, flows_, handoffs_;
  std::vector<reference> refs_;
  std::vector<unit_nodes> unit_nodes_;
  std::vector<std::string> need_labels_;
  std::unordered_set<std::string> needs_seen_;
};

}  // namespace orgflow::load_detail
