// `orgflow import bpmn FILE...`: BPMN 2.0 XML to an orgflow model (issue 6,
// item 1; the corner rules are those of ../shared/datasets/bpmn/README.md,
// "Mapping rules for the corners", and docs/import-bpmn.md).
//
// In short: every lane, and every pool without lanes, is a unit (a lane with
// child lanes is the group of its children; a laned pool becomes a unit of
// its own, the group of its top lanes, only when something resolves to the
// pool itself); every sequence flow between nodes of different units is a
// handoff occurrence, folded per (from, to, process) with `x-occurrences`;
// every message flow between different units is a flow occurrence, folded
// per (from, to); every data object and data store is an artifact owned by
// its first writer (else first reader, else its pool), with a need for each
// other unit that reads it.
//
// The reader works on a DOM (xml_reader.hpp) of which only "live" elements
// count: elements in the BPMN model namespace whose ancestors are all live
// and not inside `extensionElements` (vendors put fake BPMN-namespace
// elements with duplicate ids there). Everything is visited in document
// order, and ids are handed out in that order, so output is deterministic.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "import/gzip.hpp"
#include "import/ids.hpp"
#include "import/xml_reader.hpp"
#include "orgflow/import.hpp"
#include "orgflow/io.hpp"

namespace orgflow {
namespace {

constexpr std::string_view bpmn_ns = "http://www.omg.org/spec/BPMN/20100524/MODEL";
// The most XML read from one BPMN file (after decompression): 256 MiB. The
// largest models of the BPMN Model Interchange Working Group are 0.3 MB.
constexpr std::size_t max_bpmn_bytes = std::size_t{256} << 20;
constexpr std::size_t none = static_cast<std::size_t>(-1);

bool is_flow_node(std::string_view local) {
  static const std::set<std::string_view> kinds = {
      "task", "userTask", "serviceTask", "sendTask", "receiveTask", "manualTask", "scriptTask",
      "businessRuleTask", "callActivity", "subProcess", "transaction", "adHocSubProcess", "startEvent",
      "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "implicitThrowEvent",
      "exclusiveGateway", "inclusiveGateway", "parallelGateway", "complexGateway", "eventBasedGateway"};
  return kinds.count(local) != 0;
}

bool is_container(std::string_view local) {
  return local == "subProcess" || local == "transaction" || local == "adHocSubProcess";
}

bool is_data_item(std::string_view local) {
  return local == "dataObject" || local == "dataStore" || local == "dataObjectReference" ||
         local == "dataStoreReference";
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Names are raw text: newlines (`&#10;`), tabs and runs of spaces become one
// space, and the ends are trimmed ("Lane 2 " is "Lane 2").
std::string fold_name(std::string_view s) {
  std::string out;
  bool space = false;
  for (const char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string base_name(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string stem(const std::string& path) {
  std::string b = base_name(path);
  const auto dot = b.find_last_of('.');
  if (dot != std::string::npos && dot > 0) b.erase(dot);
  return b;
}

std::string json_string(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_strings(const std::vector<std::string>& v) {
  return nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Lists at most a few ids in a summary line, so that a big file gives a
// readable line and the user still has something to search for.
std::string some(const std::vector<std::string>& ids) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(ids.size(), 5);
  for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + ids[i];
  if (ids.size() > shown) out += ", ...";
  return out;
}

// One unit before ids are given out. Laned pools are created first and only
// materialise when something resolves to them.
struct unit_rec {
  std::string name;
  std::string source_id;   // BPMN id of the lane, participant or process
  std::size_t file = 0;
  std::size_t parent = none;  // enclosing lane or pool unit (group)
  bool external = false;      // black-box pool
  bool materialized = true;
  std::string model_id;
};

struct occurrence_key {
  std::size_t from, to;
  std::string process;  // empty for flows
  bool operator<(const occurrence_key& o) const {
    return std::tie(from, to, process) < std::tie(o.from, o.to, o.process);
  }
};

struct folded {
  occurrence_key key;
  std::vector<std::string> source_ids;
  std::vector<std::string> names;  // distinct non-blank names of the source flows
};

struct artifact_rec {
  std::string name;
  std::string source_id;
  std::size_t file = 0;
  std::size_t element = none;       // the object, store or standalone reference
  std::vector<std::size_t> writers;  // units, in document order of the associations
  std::vector<std::size_t> readers;
  std::size_t fallback_process = none;  // the process it lies in (its pool, or its caller's unit)
  std::string model_id;
  std::size_t owner = none;
  bool merged = false;  // folded into an earlier artifact of the same name
};

class importer;

// Everything about one file: its DOM, which elements count, the id index,
// pools and the resolution of flow nodes to units.
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
  void map_data();
  std::size_t message_end(std::size_t ref_element);

  importer& imp_;
  std::size_t file_;
  std::string label_;
  xml::document doc_;
  std::vector<char> live_;
  std::vector<std::size_t> process_of_;              // enclosing live process element, or none
  std::unordered_map<std::string, std::size_t> ids_;  // first live element with each id
  std::size_t duplicate_ids_ = 0;
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
  std::size_t data_assoc_ = 0, data_assoc_empty_ = 0, data_assoc_no_item_ = 0, plain_assoc_ = 0;
  std::vector<std::string> artifacts_skipped_;
  std::vector<std::string> duplicate_collaborations_;
  std::size_t artifacts_ = 0, artifacts_folded_by_name_ = 0;
};

class importer {
 public:
  std::vector<unit_rec> units;
  std::vector<artifact_rec> artifacts;
  std::vector<folded> handoffs;
  std::map<occurrence_key, std::size_t> handoff_index;
  std::vector<folded> flows;
  std::map<occurrence_key, std::size_t> flow_index;
  std::vector<std::string> summary;

  std::size_t add_unit(unit_rec u) {
    units.push_back(std::move(u));
    return units.size() - 1;
  }

  void add_occurrence(std::vector<folded>& list, std::map<occurrence_key, std::size_t>& index,
                      occurrence_key key, const std::string& source_id, const std::string& name) {
    auto it = index.find(key);
    if (it == index.end()) {
      it = index.emplace(key, list.size()).first;
      list.push_back(folded{std::move(key), {}, {}});
    }
    folded& f = list[it->second];
    f.source_ids.push_back(source_id);
    const std::string n = fold_name(name);
    if (!n.empty() && std::find(f.names.begin(), f.names.end(), n) == f.names.end()) f.names.push_back(n);
  }
};

std::size_t file_reader::lookup(const std::string& raw) {
  const std::string ref = trim(raw);
  if (ref.empty()) return none;
  auto it = ids_.find(ref);
  if (it != ids_.end()) return it->second;
  // QName-valued reference (GenMyModel `bpmn2:_abc`, IBM `A.3.0-export:x`):
  // ids are NCNames, so whatever follows the last colon is the id.
  const auto colon = ref.find_last_of(':');
  if (colon != std::string::npos) {
    it = ids_.find(ref.substr(colon + 1));
    if (it != ids_.end()) {
      ++qname_strips_;
      return it->second;
    }
  }
  return none;
}

void file_reader::index() {
  const auto n = doc_.elements.size();
  live_.assign(n, 0);
  process_of_.assign(n, none);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& e = el(i);
    const bool parent_ok =
        e.parent == xml::no_parent || (live_[e.parent] && el(e.parent).local != "extensionElements");
    live_[i] = parent_ok && e.ns == bpmn_ns;
    if (!live_[i]) continue;
    if (e.local == "process")
      process_of_[i] = i;
    else if (e.parent != xml::no_parent)
      process_of_[i] = process_of_[e.parent];
    if (const std::string* id = e.attr("id")) {
      const std::string key = trim(*id);
      if (!key.empty() && !ids_.emplace(key, i).second) ++duplicate_ids_;
    }
  }
  last_descendant_.resize(n);
  for (std::size_t i = 0; i < n; ++i) last_descendant_[i] = i;
  for (std::size_t i = n; i-- > 1;) {
    const std::size_t p = el(i).parent;
    last_descendant_[p] = std::max(last_descendant_[p], last_descendant_[i]);
  }
}

std::size_t file_reader::pool_unit(std::size_t pool) {
  const std::size_t u = pools_[pool].unit;
  imp_.units[u].materialized = true;  // something resolves to the pool itself
  return u;
}

void file_reader::build_pools() {
  std::set<std::string> seen_participants;
  std::vector<std::pair<std::size_t, std::vector<std::string>>> collaboration_names;
  for (std::size_t i = 0; i < doc_.elements.size(); ++i) {
    if (!live_[i]) continue;
    const auto& e = el(i);
    if (e.local == "callActivity") {
      const std::size_t target = lookup(attr(i, "calledElement"));
      if (target != none && el(target).local == "process") callers_[target].push_back(i);
      continue;
    }
    if (e.local == "collaboration") {
      std::vector<std::string> names;
      for (const auto c : e.children)
        if (live_[c] && el(c).local == "participant") names.push_back(fold_name(attr(c, "name")));
      std::sort(names.begin(), names.end());
      collaboration_names.emplace_back(i, std::move(names));
      continue;
    }
    if (e.local != "participant" || e.parent == xml::no_parent || el(e.parent).local != "collaboration") continue;
    const std::string id = trim(attr(i, "id"));
    if (!id.empty() && !seen_participants.insert(id).second) continue;  // the same participant again
    ++participants_;
    pool_rec p;
    p.participant = i;
    const std::size_t proc = lookup(attr(i, "processRef"));
    if (proc != none && el(proc).local == "process") {
      if (!pool_of_process_.count(proc)) {
        p.process = proc;
        pool_of_process_[proc] = pools_.size();
      } else {
        shared_process_.push_back(id);  // a second pool drawn for one process: a black box
      }
    } else if (!trim(attr(i, "processRef")).empty()) {
      unresolved_process_refs_.push_back(id);
    }
    unit_rec u;
    u.file = file_;
    u.source_id = id;
    u.name = fold_name(attr(i, "name"));
    if (u.name.empty() && p.process != none) u.name = fold_name(attr(p.process, "name"));
    if (u.name.empty()) u.name = id;
    if (p.process == none) {
      u.external = true;
      ++black_boxes_;
    }
    p.unit = imp_.add_unit(std::move(u));
    pool_of_participant_[i] = pools_.size();
    pools_.push_back(p);
  }
  // The same model written twice (OMNITRACKER) has distinct ids, so it cannot
  // be merged safely; say so, so the user can drop the copy.
  for (std::size_t a = 0; a < collaboration_names.size(); ++a)
    for (std::size_t b = a + 1; b < collaboration_names.size(); ++b)
      if (collaboration_names[a].second.size() > 1 && collaboration_names[a].second == collaboration_names[b].second)
        duplicate_collaborations_.push_back(attr(collaboration_names[a].first, "id") + " and " +
                                            attr(collaboration_names[b].first, "id"));

  // Processes that no participant references.
  for (std::size_t i = 0; i < doc_.elements.size(); ++i) {
    if (!live_[i] || el(i).local != "process" || pool_of_process_.count(i)) continue;
    if (callers_.count(i)) {
      ++called_processes_;  // its nodes belong to the caller's unit
      continue;
    }
    bool content = false;
    for (std::size_t k = i + 1; k <= last_descendant_[i] && !content; ++k)
      if (live_[k] && process_of_[k] == i && (is_flow_node(el(k).local) || el(k).local == "lane")) content = true;
    if (!content) {
      ++empty_processes_skipped_;
      continue;
    }
    ++implicit_pools_;
    pool_rec p;
    p.process = i;
    unit_rec u;
    u.file = file_;
    u.source_id = trim(attr(i, "id"));
    u.name = fold_name(attr(i, "name"));
    if (u.name.empty()) u.name = u.source_id;
    p.unit = imp_.add_unit(std::move(u));
    pool_of_process_[i] = pools_.size();
    pools_.push_back(p);
  }
  for (std::size_t p = 0; p < pools_.size(); ++p)
    if (pools_[p].process != none) build_lanes(p);
}

void file_reader::build_lanes(std::size_t pool) {
  const std::size_t proc = pools_[pool].process;
  std::vector<std::size_t> top;
  std::size_t total = 0;
  for (std::size_t k = proc + 1; k <= last_descendant_[proc]; ++k) {
    if (!live_[k] || process_of_[k] != proc) continue;
    if (el(k).local == "lane") ++total;
    // Top lane sets sit in the process, or (rule R3) in a sub-process.
    if (el(k).local == "laneSet") {
      const auto& parent = el(el(k).parent);
      if (parent.local == "process" || is_container(parent.local))
        for (const auto c : el(k).children)
          if (live_[c] && el(c).local == "lane") top.push_back(c);
    }
  }
  if (top.empty()) return;
  pools_[pool].laned = true;
  imp_.units[pools_[pool].unit].materialized = false;
  for (const auto lane : top) add_lane(pool, lane, pools_[pool].unit, 1, total);
}

void file_reader::add_lane(std::size_t pool, std::size_t lane, std::size_t parent_unit, int depth,
                           std::size_t lane_count) {
  ++lanes_;
  unit_rec u;
  u.file = file_;
  u.source_id = trim(attr(lane, "id"));
  u.name = fold_name(attr(lane, "name"));
  // Anonymous lanes (Signavio, ARIS, Aeneis): the pool's name when it is the
  // pool's only lane, else the lane's id.
  if (u.name.empty()) u.name = lane_count == 1 ? imp_.units[pools_[pool].unit].name : u.source_id;
  if (u.name.empty()) u.name = imp_.units[pools_[pool].unit].name;
  u.parent = parent_unit;
  const std::size_t unit = imp_.add_unit(std::move(u));
  lane_unit_[lane] = unit;
  bool any_ref = false;
  for (const auto c : el(lane).children) {
    if (!live_[c]) continue;
    if (el(c).local == "flowNodeRef") {
      any_ref = true;
      const std::size_t node = lookup(el(c).text);
      if (node == none) {
        unresolved_refs_.push_back(trim(el(c).text));
        continue;
      }
      // The innermost lane wins (bpmn-js lists a node in the parent and the
      // child lane); between lanes of equal depth, the first.
      auto it = node_lane_.find(node);
      if (it == node_lane_.end() || it->second.first < depth) node_lane_[node] = {depth, unit};
    } else if (el(c).local == "childLaneSet") {
      // An empty childLaneSet (Bizagi, Camunda) means no child lanes.
      for (const auto g : el(c).children)
        if (live_[g] && el(g).local == "lane") {
          any_ref = true;
          add_lane(pool, g, unit, depth + 1, lane_count);
        }
    }
  }
  if (!any_ref) ++lanes_without_refs_;
}

// The unit of the process itself: its pool, or for a process that is only
// called, the unit of its first caller.
std::size_t file_reader::process_unit(std::size_t process) {
  if (process == none) return none;
  auto pool = pool_of_process_.find(process);
  if (pool != pool_of_process_.end()) return pool_unit(pool->second);
  auto callers = callers_.find(process);
  if (callers != callers_.end()) return resolve_node(callers->second.front());
  return none;
}

// Rule 5 of the README: innermost lane; boundary event -> host; node in a
// sub-process -> the sub-process; node of a called process -> first caller;
// else the pool.
std::size_t file_reader::resolve_node(std::size_t node) {
  if (auto it = node_unit_.find(node); it != node_unit_.end()) return it->second;
  if (!resolving_.insert(node).second) return none;  // a cycle of calls or attachments
  std::size_t unit = none;
  if (auto lane = node_lane_.find(node); lane != node_lane_.end()) {
    unit = lane->second.second;
  } else if (const std::size_t host = el(node).local == "boundaryEvent" ? lookup(attr(node, "attachedToRef")) : none;
             host != none) {
    unit = resolve_node(host);
    ++by_boundary_host_;
  } else {
    std::size_t up = el(node).parent;
    while (up != xml::no_parent && live_[up] && !is_container(el(up).local) && el(up).local != "process")
      up = el(up).parent;
    if (up != xml::no_parent && live_[up] && is_container(el(up).local)) {
      unit = resolve_node(up);
      ++by_subprocess_;
    } else if (process_of_[node] != none && pool_of_process_.count(process_of_[node])) {
      const std::size_t pool = pool_of_process_[process_of_[node]];
      unit = pool_unit(pool);
      if (pools_[pool].laned) ++by_pool_;
    } else {
      unit = process_unit(process_of_[node]);
      if (unit != none) ++by_caller_;
    }
  }
  resolving_.erase(node);
  node_unit_[node] = unit;
  return unit;
}

void file_reader::map_nodes() {
  for (std::size_t i = 0; i < doc_.elements.size(); ++i) {
    if (!live_[i] || process_of_[i] == none || !is_flow_node(el(i).local)) continue;
    const std::size_t proc = process_of_[i];
    if (!pool_of_process_.count(proc) && !callers_.count(proc)) continue;  // skipped empty process
    ++flow_nodes_;
    if (resolve_node(i) == none) ++unresolved_nodes_;
  }
}

void file_reader::map_sequence_flows() {
  for (std::size_t i = 0; i < doc_.elements.size(); ++i) {
    if (!live_[i] || el(i).local != "sequenceFlow" || process_of_[i] == none) continue;
    ++sequence_flows_;
    const std::size_t s = lookup(attr(i, "sourceRef"));
    const std::size_t t = lookup(attr(i, "targetRef"));
    const std::size_t from = s == none ? none : resolve_node(s);
    const std::size_t to = t == none ? none : resolve_node(t);
    if (from == none || to == none) {
      ++sequence_unresolved_;
      continue;
    }
    if (from == to) {
      ++sequence_internal_;
      continue;
    }
    const std::size_t proc = process_of_[i];
    std::string process = fold_name(attr(proc, "name"));
    if (process.empty()) process = trim(attr(proc, "id"));
    imp_.add_occurrence(imp_.handoffs, imp_.handoff_index, occurrence_key{from, to, process}, trim(attr(i, "id")),
                        attr(i, "name"));
  }
}

// Rule 7: an end at a participant is the pool's unit, at a lane the lane, at
// a flow node its unit; anything else does not resolve.
std::size_t file_reader::message_end(std::size_t ref) {
  if (ref == none) return none;
  const auto& e = el(ref);
  if (e.local == "participant") {
    auto it = pool_of_participant_.find(ref);
    return it == pool_of_participant_.end() ? none : pool_unit(it->second);
  }
  if (e.local == "lane") {
    auto it = lane_unit_.find(ref);
    return it == lane_unit_.end() ? none : it->second;
  }
  if (is_flow_node(e.local) && process_of_[ref] != none) return resolve_node(ref);
  return none;
}

void file_reader::map_message_flows() {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < doc_.elements.size(); ++i) {
    if (!live_[i] || el(i).local != "messageFlow") continue;
    const std::string id = trim(attr(i, "id"));
    if (!id.empty() && !seen.insert(id).second) {
      ++message_duplicates_;  // the same message flow in another collaboration
      continue;
    }
    ++message_flows_;
    const std::size_t from = message_end(lookup(attr(i, "sourceRef")));
    const std::size_t to = message_end(lookup(attr(i, "targetRef")));
    if (from == none || to == none) {
      message_unresolved_.push_back(id);
      continue;
    }
    if (from == to) {
      message_internal_.push_back(id);
      continue;
    }
    imp_.add_occurrence(imp_.flows, imp_.flow_index, occurrence_key{from, to, {}}, id, attr(i, "name"));
  }
}

void file_reader::map_data() {
  // Artifacts: objects and stores, and references that point to nothing.
  std::unordered_map<std::size_t, std::size_t> artifact_of;  // data element -> artifacts index
  auto canonical = [&](std::size_t item) -> std::size_t {
    const auto& e = el(item);
    if (e.local == "dataObjectReference" || e.local == "dataStoreReference") {
      const std::size_t target =
          lookup(attr(item, e.local == "dataObjectReference" ? "dataObjectRef" : "dataStoreRef"));
      if (target != none && (el(target).local == "dataObject" || el(target).local == "dataStore")) return target;
    }
    return item;
  };
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < doc_.elements.size(); ++i) {
    if (!live_[i] || !is_data_item(el(i).local)) continue;
    const std::size_t c = canonical(i);
    auto it = artifact_of.find(c);
    if (it == artifact_of.end()) {
      artifact_rec a;
      a.file = file_;
      a.element = c;
      a.source_id = trim(attr(c, "id"));
      it = artifact_of.emplace(c, imp_.artifacts.size()).first;
      imp_.artifacts.push_back(std::move(a));
      order.push_back(it->second);
    }
    artifact_rec& a = imp_.artifacts[it->second];
    // The object's own name first, else the first named reference.
    if (a.name.empty()) a.name = fold_name(attr(c, "name"));
    if (a.name.empty()) a.name = fold_name(attr(i, "name"));
    // The pool it lies in: a store at the root lies where its first
    // reference is; a called process lies in its caller's unit.
    // Resolved only when needed below: a laned pool becomes a unit only if
    // it ends up owning something.
    if (a.fallback_process == none && process_of_[i] != none &&
        (pool_of_process_.count(process_of_[i]) || callers_.count(process_of_[i])))
      a.fallback_process = process_of_[i];
  }

  // Objects of the same name within one file are one piece of information
  // drawn twice: MID Innovator writes one dataObject per reference where the
  // reference model shares one object between references. Fold them, so that
  // the same model gives the same artifacts whichever tool wrote it.
  {
    std::map<std::string, std::size_t> by_name;
    std::vector<std::size_t> kept;
    for (const auto index : order) {
      const std::string& name = imp_.artifacts[index].name;
      auto it = name.empty() ? by_name.end() : by_name.find(name);
      if (it == by_name.end()) {
        if (!name.empty()) by_name.emplace(name, index);
        kept.push_back(index);
        continue;
      }
      imp_.artifacts[index].merged = true;
      ++artifacts_folded_by_name_;
      for (auto& entry : artifact_of)
        if (entry.second == index) entry.second = it->second;
    }
    order = std::move(kept);
  }

  // Data associations, in document order: output = write, input = read.
  auto ends = [&](std::size_t assoc, std::string_view which) {
    std::vector<std::size_t> out;
    for (const auto c : el(assoc).children)
      if (live_[c] && el(c).local == which) out.push_back(lookup(el(c).text));
    return out;
  };
  for (std::size_t i = 0; i < doc_.elements.size(); ++i) {
    if (!live_[i]) continue;
    const auto& e = el(i);
    if (e.local == "association") {
      ++plain_assoc_;
      continue;
    }
    const bool input = e.local == "dataInputAssociation";
    if (!input && e.local != "dataOutputAssociation") continue;
    ++data_assoc_;
    const auto sources = ends(i, "sourceRef");
    const auto targets = ends(i, "targetRef");
    if (sources.empty() && targets.empty()) {
      ++data_assoc_empty_;
      continue;
    }
    // The data end is the source of an input and the target of an output;
    // tools that swap ends (or use the task itself as an end) still name one
    // data item, so look at both ends, the expected one first.
    std::vector<std::size_t> items;
    for (const auto* list : {input ? &sources : &targets, input ? &targets : &sources})
      for (const auto x : *list)
        if (x != none && is_data_item(el(x).local) && artifact_of.count(canonical(x)))
          items.push_back(artifact_of[canonical(x)]);
    const std::size_t holder = e.parent;
    const std::size_t unit = holder != xml::no_parent && live_[holder] && is_flow_node(el(holder).local) &&
                                     process_of_[holder] != none
                                 ? resolve_node(holder)
                                 : none;
    if (items.empty() || unit == none) {
      ++data_assoc_no_item_;
      continue;
    }
    for (const auto a : items) (input ? imp_.artifacts[a].readers : imp_.artifacts[a].writers).push_back(unit);
  }

  for (const auto index : order) {
    artifact_rec& a = imp_.artifacts[index];
    if (a.name.empty()) a.name = a.source_id;
    if (!a.writers.empty())
      a.owner = a.writers.front();
    else if (!a.readers.empty())
      a.owner = a.readers.front();
    else if (a.fallback_process != none)
      a.owner = process_unit(a.fallback_process);
    if (a.owner == none) {
      artifacts_skipped_.push_back(a.source_id);
      continue;
    }
    imp_.units[a.owner].materialized = true;
    ++artifacts_;
  }
}

std::string file_reader::model_name() const {
  const auto& root = el(0);
  if (const std::string* n = root.attr("name"); n && !fold_name(*n).empty()) return fold_name(*n);
  for (std::size_t i = 0; i < doc_.elements.size(); ++i)
    if (live_[i] && el(i).local == "collaboration") {
      const std::string n = fold_name(attr(i, "name"));
      if (!n.empty()) return n;
    }
  return stem(label_);
}

void file_reader::run() {
  index();
  build_pools();
  map_nodes();
  map_sequence_flows();
  map_message_flows();
  map_data();

  auto& s = imp_.summary;
  const std::string at = label_ + ": ";
  s.push_back(at + plural(participants_, "participant", "participants") + " (" +
              plural(black_boxes_, "black box", "black boxes") + "), " +
              plural(implicit_pools_, "process without participant", "processes without participant") +
              " taken as a pool, " + plural(lanes_, "lane", "lanes") + ", " +
              plural(flow_nodes_, "flow node", "flow nodes"));
  if (pools_.empty())
    s.push_back(at + "no participant, lane or process with content: nothing to map (the model has no units, "
                     "which the format allows)");
  if (!shared_process_.empty())
    s.push_back(at + plural(shared_process_.size(), "participant refers", "participants refer") +
                " to a process that an earlier participant already has (taken as black boxes): " +
                some(shared_process_));
  if (!unresolved_process_refs_.empty())
    s.push_back(at + plural(unresolved_process_refs_.size(), "participant refers", "participants refer") +
                " to a process that is not in the file (taken as black boxes): " + some(unresolved_process_refs_));
  if (called_processes_)
    s.push_back(at + plural(called_processes_, "process is", "processes are") +
                " only called by call activities: their nodes belong to the caller's unit");
  if (empty_processes_skipped_)
    s.push_back(at + plural(empty_processes_skipped_, "empty process", "empty processes") +
                " without participant skipped");
  if (by_boundary_host_)
    s.push_back(at + plural(by_boundary_host_, "boundary event", "boundary events") +
                " not listed in a lane placed in the unit of their host");
  if (by_subprocess_)
    s.push_back(at + plural(by_subprocess_, "node", "nodes") +
                " inside sub-processes and not listed in a lane placed in the sub-process's unit");
  if (by_pool_)
    s.push_back(at + plural(by_pool_, "node", "nodes") + " of laned pools listed in no lane placed in the pool" +
                (lanes_without_refs_ ? " (" + plural(lanes_without_refs_, "lane lists", "lanes list") +
                                           " no node at all: membership may exist only in the diagram)"
                                     : std::string()));
  if (by_caller_) s.push_back(at + plural(by_caller_, "node", "nodes") + " of called processes placed in the caller's unit");
  if (unresolved_nodes_)
    s.push_back(at + plural(unresolved_nodes_, "flow node", "flow nodes") + " could not be placed in any unit (skipped)");
  if (!unresolved_refs_.empty())
    s.push_back(at + plural(unresolved_refs_.size(), "lane entry names", "lane entries name") +
                " no element (ignored): " + some(unresolved_refs_));
  s.push_back(at + plural(sequence_flows_, "sequence flow", "sequence flows") + ": " +
              std::to_string(sequence_flows_ - sequence_internal_ - sequence_unresolved_) + " between units, " +
              std::to_string(sequence_internal_) + " within one unit (not a handoff)" +
              (sequence_unresolved_ ? ", " + std::to_string(sequence_unresolved_) + " with an end that does not resolve (skipped)"
                                    : std::string()));
  s.push_back(at + plural(message_flows_, "message flow", "message flows") + ": " +
              std::to_string(message_flows_ - message_internal_.size() - message_unresolved_.size()) +
              " between units" +
              (message_duplicates_ ? " (" + std::to_string(message_duplicates_) + " repeated in another collaboration, counted once)"
                                   : std::string()));
  if (!message_internal_.empty())
    s.push_back(at + plural(message_internal_.size(), "message flow", "message flows") +
                " within one unit skipped: " + some(message_internal_));
  if (!message_unresolved_.empty())
    s.push_back(at + plural(message_unresolved_.size(), "message flow", "message flows") +
                " with an end that is not a participant, lane or flow node skipped: " + some(message_unresolved_));
  s.push_back(at + plural(artifacts_, "data object or store", "data objects and stores") + " mapped to artifacts; " +
              plural(data_assoc_, "data association", "data associations") +
              (data_assoc_empty_ ? ", " + std::to_string(data_assoc_empty_) + " of them empty (skipped)" : std::string()) +
              (data_assoc_no_item_ ? ", " + std::to_string(data_assoc_no_item_) +
                                         " not linking a task or event to a data object or store (skipped)"
                                   : std::string()));
  if (artifacts_folded_by_name_)
    s.push_back(at + plural(artifacts_folded_by_name_, "data object or store has", "data objects and stores have") +
                " the name of an earlier one and were folded into it");
  if (plain_assoc_)
    s.push_back(at + plural(plain_assoc_, "plain association", "plain associations") +
                " ignored (they say neither read nor write)");
  if (!artifacts_skipped_.empty())
    s.push_back(at + plural(artifacts_skipped_.size(), "data item", "data items") +
                " skipped: no task uses them and they lie in no pool: " + some(artifacts_skipped_));
  if (qname_strips_)
    s.push_back(at + plural(qname_strips_, "reference", "references") +
                " written as a QName (prefix:id) resolved by dropping the prefix");
  if (duplicate_ids_)
    s.push_back(at + plural(duplicate_ids_, "element repeats", "elements repeat") + " an id; the first one counts");
  for (const auto& d : duplicate_collaborations_)
    s.push_back(at + "collaborations " + d +
                " have the same participants by name: the model may be written twice (both copies were imported)");
}

}  // namespace

import_result import_bpmn(const std::vector<std::string>& paths) {
  import_result result;
  importer imp;
  std::vector<std::unique_ptr<file_reader>> readers;
  for (std::size_t f = 0; f < paths.size(); ++f) {
    const std::string label = paths[f] == "-" ? "<stdin>" : paths[f];
    // Plain or gzip-compressed (`.bpmn.gz`), recognised by content; held in
    // memory whole, so capped (docs/reliability.md): a gzip bomb stops at
    // the cap with a message.
    std::string gzip_error;
    const std::string bytes = import_io::read_all(paths[f], &gzip_error, max_bpmn_bytes);
    if (!gzip_error.empty()) {
      result.diagnostics.push_back(diagnostic{label, "", 0, 0, gzip_error});
      continue;
    }
    xml::parse_result parsed = xml::parse(bytes);
    for (const auto& note : parsed.notes) imp.summary.push_back(label + ": " + note);
    if (parsed.error) {
      result.diagnostics.push_back(
          diagnostic{label, "", parsed.error->line, parsed.error->column, parsed.error->message});
      continue;
    }
    const auto& root = parsed.doc->elements.front();
    if (!root.is(bpmn_ns, "definitions")) {
      result.diagnostics.push_back(diagnostic{
          label, "", root.line, root.column,
          "this is not a BPMN 2.0 model: the root element is '" + root.local + "'" +
              (root.ns.empty() ? std::string(" without a namespace") : " in namespace '" + root.ns + "'") +
              ", expected 'definitions' in namespace '" + std::string(bpmn_ns) + "'"});
      continue;
    }
    readers.push_back(std::make_unique<file_reader>(imp, f, label, std::move(*parsed.doc)));
  }
  if (!result.diagnostics.empty()) return result;
  for (auto& r : readers) r->run();

  model m;
  if (readers.size() == 1) {
    m.name = readers.front()->model_name();
  } else if (!readers.empty()) {
    std::string n;
    for (const auto& p : paths) n += (n.empty() ? "" : " + ") + stem(p);
    m.name = n;
  }
  const bool many_files = paths.size() > 1;

  import_ids::id_allocator unit_ids;
  for (auto& u : imp.units)
    if (u.materialized) u.model_id = unit_ids.allocate(u.name, "unit");
  for (const auto& u : imp.units) {
    if (!u.materialized) continue;
    unit out;
    out.id = u.model_id;
    out.name = u.name;
    out.extras.order = {"id", "name"};
    if (u.external) {
      out.kind = unit_kind::external;
      out.extras.order.push_back("kind");
    }
    // The nearest materialised ancestor is the group (a laned pool that is
    // no unit leaves its top lanes without a group).
    std::size_t g = u.parent;
    while (g != none && !imp.units[g].materialized) g = imp.units[g].parent;
    if (g != none) {
      out.group = imp.units[g].model_id;
      out.extras.order.push_back("group");
    }
    if (!u.source_id.empty()) {
      out.extras.order.push_back("x-bpmn-id");
      out.extras.x_members.emplace_back("x-bpmn-id", json_string(u.source_id));
    }
    if (many_files) {
      out.extras.order.push_back("x-bpmn-file");
      out.extras.x_members.emplace_back("x-bpmn-file", json_string(base_name(paths[u.file])));
    }
    m.units.push_back(std::move(out));
  }

  import_ids::id_allocator artifact_ids;
  std::size_t needs = 0;
  for (auto& a : imp.artifacts) {
    if (a.owner == none || a.merged) continue;
    a.model_id = artifact_ids.allocate(a.name, "artifact");
    artifact out;
    out.id = a.model_id;
    out.name = a.name;
    out.owner = imp.units[a.owner].model_id;
    out.extras.order = {"id", "name", "owner"};
    if (!a.source_id.empty()) {
      out.extras.order.push_back("x-bpmn-id");
      out.extras.x_members.emplace_back("x-bpmn-id", json_string(a.source_id));
    }
    m.artifacts.push_back(std::move(out));
    std::set<std::size_t> seen{a.owner};  // the owner's own need is always met
    for (const auto r : a.readers) {
      if (!seen.insert(r).second) continue;
      need n;
      n.unit = imp.units[r].model_id;
      n.artifact = a.model_id;
      n.extras.order = {"unit", "artifact"};
      m.needs.push_back(std::move(n));
      ++needs;
    }
  }

  auto extras_of = [](const folded& f, std::vector<std::string> order) {
    json_extras x;
    x.order = std::move(order);
    x.order.push_back("x-occurrences");
    x.x_members.emplace_back("x-occurrences", std::to_string(f.source_ids.size()));
    x.order.push_back("x-bpmn-ids");
    x.x_members.emplace_back("x-bpmn-ids", json_strings(f.source_ids));
    if (!f.names.empty()) {
      x.order.push_back("x-bpmn-names");
      x.x_members.emplace_back("x-bpmn-names", json_strings(f.names));
    }
    return x;
  };
  std::size_t handoff_occurrences = 0;
  for (const auto& h : imp.handoffs) {
    handoff out;
    out.from = imp.units[h.key.from].model_id;
    out.to = imp.units[h.key.to].model_id;
    out.process = h.key.process;
    out.extras = extras_of(h, {"from", "to", "process"});
    handoff_occurrences += h.source_ids.size();
    m.handoffs.push_back(std::move(out));
  }
  std::size_t flow_occurrences = 0;
  for (const auto& f : imp.flows) {
    flow out;
    out.from = imp.units[f.key.from].model_id;
    out.to = imp.units[f.key.to].model_id;
    out.extras = extras_of(f, {"from", "to"});
    flow_occurrences += f.source_ids.size();
    m.flows.push_back(std::move(out));
  }
  assign_generated_ids(m);
  // Every value above is made here, so an invalid model is a bug of this
  // importer, never the input's fault: say so (the tool exits with 3).
  if (const auto problems = validate_model(m); !problems.empty())
    throw std::logic_error("import bpmn built an invalid model (a bug): " + problems.front().to_string());

  imp.summary.push_back("mapped: " + plural(m.units.size(), "unit", "units") + ", " +
                        plural(m.handoffs.size(), "handoff", "handoffs") + " (from " +
                        plural(handoff_occurrences, "sequence flow", "sequence flows") + " between units), " +
                        plural(m.flows.size(), "flow", "flows") + " (from " +
                        plural(flow_occurrences, "message flow", "message flows") + "), " +
                        plural(m.artifacts.size(), "artifact", "artifacts") + ", " + plural(needs, "need", "needs"));
  result.summary = std::move(imp.summary);
  result.value = std::move(m);
  return result;
}

}  // namespace orgflow
