// One BPMN file's DOM read for `orgflow import bpmn` (bpmn_reader.hpp): which
// elements count, the id index, pools and lanes, the unit of each flow node,
// sequence flows (handoffs) and message flows, and the file's summary lines.
//
// Over 500 lines on purpose: one pass over one document, whose steps share
// the liveness rule and the id index below; the data flows of the same file
// are in bpmn_data.cpp.
//
// Only "live" elements count: elements in the BPMN model namespace whose
// ancestors are all live and not inside `extensionElements` (vendors put fake
// BPMN-namespace elements with duplicate ids there). Everything is visited in
// document order, so output is deterministic.
#include <algorithm>
#include <set>
#include <string>

#include "import/bpmn_reader.hpp"
#include "orgflow/text.hpp"

namespace orgflow::bpmn_detail {

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

bool is_data_store(std::string_view local) { return local == "dataStore" || local == "dataStoreReference"; }

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
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


std::string some(const std::vector<std::string>& ids) {
  std::string out;
  const std::size_t shown = std::min<std::size_t>(ids.size(), 5);
  for (std::size_t i = 0; i < shown; ++i) out += (i ? ", " : "") + ids[i];
  if (ids.size() > shown) out += ", ...";
  return out;
}

std::string_view to_string(flow_source s) {
  switch (s) {
    case flow_source::message_flow: return "message-flow";
    case flow_source::data_store: return "data-store";
    case flow_source::data_object: return "data-object";
  }
  return "message-flow";
}

std::size_t importer::add_unit(unit_rec u) {
  units.push_back(std::move(u));
  return units.size() - 1;
}

void importer::add_occurrence(std::vector<folded>& list, std::map<occurrence_key, std::size_t>& index,
                                 occurrence_key key, const std::string& source_id, const std::string& name) {
  auto it = index.find(key);
  if (it == index.end()) {
    it = index.emplace(key, list.size()).first;
    list.push_back(folded{std::move(key), {}, {}, {}});
  }
  folded& f = list[it->second];
  f.source_ids.push_back(source_id);
  const std::string n = fold_name(name);
  if (!n.empty() && std::find(f.names.begin(), f.names.end(), n) == f.names.end()) f.names.push_back(n);
}

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
      if (key.empty()) continue;
      const auto [first, added] = ids_.emplace(key, i);
      if (!added) duplicate_ids_.push_back({i, first->second});
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

// Long on purpose: one walk over the document that pairs participants,
// processes and lanes; the cases share the walk's state.
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
    imp_.add_occurrence(imp_.flows, imp_.flow_index, occurrence_key{from, to, {}, flow_source::message_flow}, id,
                        attr(i, "name"));
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
  summarise();
}

void file_reader::summarise() {
  auto& s = imp_.summary;
  const std::string at = label_ + ": ";
  s.push_back(at + count_of(participants_, "participant", "participants") + " (" +
              count_of(black_boxes_, "black box", "black boxes") + "), " +
              count_of(implicit_pools_, "process without participant", "processes without participant") +
              " taken as a pool, " + count_of(lanes_, "lane", "lanes") + ", " +
              count_of(flow_nodes_, "flow node", "flow nodes"));
  if (pools_.empty())
    s.push_back(at + "no participant, lane or process with content: nothing to map (the model has no units, "
                     "which the format allows)");
  if (!shared_process_.empty())
    s.push_back(at + count_of(shared_process_.size(), "participant refers", "participants refer") +
                " to a process that an earlier participant already has (taken as black boxes): " +
                some(shared_process_));
  if (!unresolved_process_refs_.empty())
    s.push_back(at + count_of(unresolved_process_refs_.size(), "participant refers", "participants refer") +
                " to a process that is not in the file (taken as black boxes): " + some(unresolved_process_refs_));
  if (called_processes_)
    s.push_back(at + count_of(called_processes_, "process is", "processes are") +
                " only called by call activities: their nodes belong to the caller's unit");
  if (empty_processes_skipped_)
    s.push_back(at + count_of(empty_processes_skipped_, "empty process", "empty processes") +
                " without participant skipped");
  if (by_boundary_host_)
    s.push_back(at + count_of(by_boundary_host_, "boundary event", "boundary events") +
                " not listed in a lane placed in the unit of their host");
  if (by_subprocess_)
    s.push_back(at + count_of(by_subprocess_, "node", "nodes") +
                " inside sub-processes and not listed in a lane placed in the sub-process's unit");
  if (by_pool_)
    s.push_back(at + count_of(by_pool_, "node", "nodes") + " of laned pools listed in no lane placed in the pool" +
                (lanes_without_refs_ ? " (" + count_of(lanes_without_refs_, "lane lists", "lanes list") +
                                           " no node at all: membership may exist only in the diagram)"
                                     : std::string()));
  if (by_caller_) s.push_back(at + count_of(by_caller_, "node", "nodes") + " of called processes placed in the caller's unit");
  if (unresolved_nodes_)
    s.push_back(at + count_of(unresolved_nodes_, "flow node", "flow nodes") + " could not be placed in any unit (skipped)");
  if (!unresolved_refs_.empty())
    s.push_back(at + count_of(unresolved_refs_.size(), "lane entry names", "lane entries name") +
                " no element (ignored): " + some(unresolved_refs_));
  s.push_back(at + count_of(sequence_flows_, "sequence flow", "sequence flows") + ": " +
              std::to_string(sequence_flows_ - sequence_internal_ - sequence_unresolved_) + " between units, " +
              std::to_string(sequence_internal_) + " within one unit (not a handoff)" +
              (sequence_unresolved_ ? ", " + std::to_string(sequence_unresolved_) + " with an end that does not resolve (skipped)"
                                    : std::string()));
  s.push_back(at + count_of(message_flows_, "message flow", "message flows") + ": " +
              std::to_string(message_flows_ - message_internal_.size() - message_unresolved_.size()) +
              " between units" +
              (message_duplicates_ ? " (" + std::to_string(message_duplicates_) + " repeated in another collaboration, counted once)"
                                   : std::string()));
  if (!message_internal_.empty())
    s.push_back(at + count_of(message_internal_.size(), "message flow", "message flows") +
                " within one unit skipped: " + some(message_internal_));
  if (!message_unresolved_.empty())
    s.push_back(at + count_of(message_unresolved_.size(), "message flow", "message flows") +
                " with an end that is not a participant, lane or flow node skipped: " + some(message_unresolved_));
  summarise_data();
  if (qname_strips_)
    s.push_back(at + count_of(qname_strips_, "reference", "references") +
                " written as a QName (prefix:id) resolved by dropping the prefix");
  // A repeated id is the writing tool's slip: say where, so that the user
  // can look (Visual Paradigm's repeats inside extensionElements are not
  // counted: those elements are not read at all).
  const std::size_t shown = std::min<std::size_t>(duplicate_ids_.size(), 5);
  for (std::size_t k = 0; k < shown; ++k) {
    const auto& d = duplicate_ids_[k];
    s.push_back(label_ + ":" + std::to_string(el(d.element).line) + ":" + std::to_string(el(d.element).column) +
                ": warning: the " + el(d.element).local + " repeats the id \"" + trim(attr(d.element, "id")) +
                "\" of the " + el(d.first).local + " at line " + std::to_string(el(d.first).line) +
                "; the first one counts, this one is ignored wherever the id is referred to");
  }
  if (duplicate_ids_.size() > shown)
    s.push_back(at + "warning: " + count_of(duplicate_ids_.size() - shown, "more element repeats", "more elements repeat") +
                " an id; the first one counts");
  for (const auto& d : duplicate_collaborations_)
    s.push_back(at + "collaborations " + d +
                " have the same participants by name: the model may be written twice (both copies were imported)");
}

}  // namespace orgflow::bpmn_detail
