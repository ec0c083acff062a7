// Internals of `orgflow import bpmn`, shared by its three files:
//   bpmn_reader.cpp  one file's DOM: which elements count, ids, pools, lanes,
//                    which unit each flow node belongs to, sequence and
//                    message flows (the corner rules of
//                    ../shared/datasets/bpmn/README.md);
//   bpmn_data.cpp    data objects and data stores: artifacts, the system
//                    units of shared data stores, and the flows that data
//                    written in one unit and read in another stands for;
//   bpmn.cpp         files to one model: ids, `x-` members, the summary.
//
// Records hold indices (into the DOM, into importer::units) until bpmn.cpp
// hands out model ids, in document order, so output is deterministic.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "import/ids.hpp"
#include "import/xml_reader.hpp"

namespace orgflow::bpmn_detail {

inline constexpr std::string_view bpmn_ns = "http://www.omg.org/spec/BPMN/20100524/MODEL";
inline constexpr std::size_t none = static_cast<std::size_t>(-1);

bool is_flow_node(std::string_view local);
bool is_container(std::string_view local);
bool is_data_item(std::string_view local);
bool is_data_store(std::string_view local);
std::string trim(std::string_view s);
/// Names are raw text: newlines (`&#10;`), tabs and runs of spaces become one
/// space, and the ends are trimmed ("Lane 2 " is "Lane 2").
using import_ids::fold_name;  // names as every importer keeps them (import/ids.hpp)
std::string base_name(const std::string& path);
std::string stem(const std::string& path);
/// At most five ids, for a summary line that stays readable on big files.
std::string some(const std::vector<std::string>& ids);

/// One unit before ids are given out. Laned pools are created first and only
/// materialise when something resolves to them.
struct unit_rec {
  std::string name;
  std::string source_id;   // BPMN id of the lane, participant, process or data store
  std::size_t file = 0;
  std::size_t parent = none;  // enclosing lane or pool unit (group)
  bool external = false;      // black-box pool
  bool data_store = false;    // a data store: kind system, `x-bpmn-kind: data-store`
  bool materialized = true;
  std::string model_id;
};

/// Where a flow comes from (`x-bpmn-kind`).
enum class flow_source { message_flow, data_store, data_object };
std::string_view to_string(flow_source s);

struct occurrence_key {
  std::size_t from, to;
  std::string process;  // handoffs: their process; flows: empty
  flow_source source = flow_source::message_flow;
  bool operator<(const occurrence_key& o) const {
    return std::tie(from, to, process, source) < std::tie(o.from, o.to, o.process, o.source);
  }
};

/// Sequence flows (or message flows, or data associations) folded into one
/// handoff or flow.
struct folded {
  occurrence_key key;
  std::vector<std::string> source_ids;  // BPMN ids, without repeats for data flows
  std::vector<std::string> names;       // distinct non-blank names of the source flows
  std::vector<std::size_t> carries;     // artifacts (importer::artifacts), in first-seen order
};

/// A data association's end at a unit: the unit and the association's id.
struct data_use {
  std::size_t unit;
  std::string association;
};

struct artifact_rec {
  std::string name;
  std::string source_id;
  std::size_t file = 0;
  std::size_t element = none;  // the object, store or standalone reference
  bool store = false;          // a data store (or a reference to one)
  std::vector<data_use> writes;  // in document order of the associations
  std::vector<data_use> reads;
  std::size_t fallback_process = none;  // the process it lies in (its pool, or its caller's unit)
  std::string model_id;
  std::size_t owner = none;
  bool merged = false;  // folded into an earlier artifact of the same name
};

/// What all files add up to.
class importer {
 public:
  std::vector<unit_rec> units;
  std::vector<artifact_rec> artifacts;
  std::vector<folded> handoffs;
  std::map<occurrence_key, std::size_t> handoff_index;
  std::vector<folded> flows;
  std::map<occurrence_key, std::size_t> flow_index;
  std::vector<std::string> summary;

  std::size_t add_unit(unit_rec u);
  /// Folds one occurrence into the handoff or flow of its key.
  void add_occurrence(std::vector<folded>& list, std::map<occurrence_key, std::size_t>& index,
                         occurrence_key key, const std::string& source_id, const std::string& name);
};

/// Everything about one file: its DOM, which elements count, the id index,
/// pools and the resolution of flow nodes to units.
class file_reader {
 public:
  file_reader(importer& imp, std::size_t file_index, std::string label, xml::document doc)
      : imp_(imp), file_(file_index), label_(std::move(label)), doc_(std::move(doc)) {}

  void run();
  std::string model_name() const;

 private:
  const xml::element& el(std::size_t i) const { return doc_.elements[i]; }
  std::size_t lookup(const std::string& raw);
  std::string attr(std::size_t i, std::string_view name) const {
    const std::string* v = el(i).attr(name);
    return v ? *v : std::string();
  }
  std::size_t resolve_node(std::size_t node);
  std::size_t process_unit(std::size_t process);
  std::size_t pool_unit(std::size_t pool);
  void index();
  void build_pools();
  void build_lanes(std::size_t pool);
  void add_lane(std::size_t pool, std::size_t lane, std::size_t parent_unit, int depth, std::size_t lane_count);
  void map_nodes();
  void map_sequence_flows();
  void map_message_flows();
  std::size_t message_end(std::size_t ref_element);
  void summarise();
  // bpmn_data.cpp
  void map_data();
  // map_data's steps, in order (bpmn_data.cpp). `artifact_of` maps a data
  // element to its index in imp_.artifacts; `order` lists those artifacts
  // in document order.
  using artifact_index = std::unordered_map<std::size_t, std::size_t>;
  std::size_t canonical_data(std::size_t item);
  std::vector<std::size_t> collect_artifacts(artifact_index& artifact_of);
  void fold_artifacts_by_name(std::vector<std::size_t>& order, artifact_index& artifact_of);
  void read_associations(const artifact_index& artifact_of);
  void assign_artifact_owners(const std::vector<std::size_t>& order);
  void map_data_flows(const std::vector<std::size_t>& artifacts);
  void summarise_data();

  importer& imp_;
  std::size_t file_;
  std::string label_;
  xml::document doc_;
  std::vector<char> live_;
  std::vector<std::size_t> process_of_;              // enclosing live process element, or none
  std::unordered_map<std::string, std::size_t> ids_;  // first live element with each id
  struct duplicate_id {
    std::size_t element, first;
  };
  std::vector<duplicate_id> duplicate_ids_;
  std::size_t qname_strips_ = 0;
  std::vector<std::string> unresolved_refs_;
  std::vector<std::string> shared_process_, unresolved_process_refs_;
  std::vector<std::size_t> last_descendant_;  // pre-order: the subtree of i is [i, last_descendant_[i]]

  struct pool_rec {
    std::size_t participant = none;
    std::size_t process = none;
    std::size_t unit = none;
    bool laned = false;
  };
  std::vector<pool_rec> pools_;
  std::unordered_map<std::size_t, std::size_t> pool_of_process_;      // process element -> pool
  std::unordered_map<std::size_t, std::size_t> pool_of_participant_;  // participant element -> pool
  std::unordered_map<std::size_t, std::vector<std::size_t>> callers_; // process element -> callActivities
  std::unordered_map<std::size_t, std::size_t> lane_unit_;            // lane element -> unit
  std::unordered_map<std::size_t, std::pair<int, std::size_t>> node_lane_;  // node -> (depth, unit)
  std::unordered_map<std::size_t, std::size_t> node_unit_;            // memo of resolve_node
  std::set<std::size_t> resolving_;                                   // cycle guard

  // Counters for the summary.
  std::size_t participants_ = 0, black_boxes_ = 0, implicit_pools_ = 0, called_processes_ = 0,
              empty_processes_skipped_ = 0, lanes_ = 0, flow_nodes_ = 0, by_boundary_host_ = 0,
              by_subprocess_ = 0, by_caller_ = 0, by_pool_ = 0, unresolved_nodes_ = 0;
  std::size_t lanes_without_refs_ = 0;
  std::size_t sequence_flows_ = 0, sequence_internal_ = 0, sequence_unresolved_ = 0;
  std::size_t message_flows_ = 0, message_duplicates_ = 0;
  std::vector<std::string> message_internal_, message_unresolved_;
  std::vector<std::string> duplicate_collaborations_;
  // bpmn_data.cpp
  std::size_t data_assoc_ = 0, data_assoc_empty_ = 0, data_assoc_no_item_ = 0, plain_assoc_ = 0;
  std::size_t data_writes_ = 0, data_reads_ = 0, directed_assoc_ = 0, directed_writes_ = 0;
  std::vector<std::string> unused_stores_;   // data stores no task reads or writes
  std::vector<std::string> private_stores_;  // data stores that one unit alone reads or writes
  std::vector<std::string> artifacts_skipped_;
  std::size_t data_objects_ = 0, data_stores_ = 0, store_units_ = 0, artifacts_folded_by_name_ = 0;
  std::size_t store_flows_ = 0, object_flows_ = 0;
  std::vector<std::string> objects_without_writer_;  // read by several units, written by none
};

}  // namespace orgflow::bpmn_detail
