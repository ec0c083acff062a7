// Data in a BPMN file, for `orgflow import bpmn` (bpmn_reader.hpp): data
// objects and data stores become artifacts, and the data associations that
// write and read them become information that travels.
//
//   - A data store (its dataStoreReferences fold into it; a reference that
//     points at no store is a store of its own) that two or more units read
//     or write becomes a unit of kind `system`, named after it, that owns the
//     store's artifact: the model format's owner is where the truth is kept.
//     Each unit that writes to it sends it a general flow (carrying no named
//     artifact); the store sends each unit that reads it a flow carrying the
//     artifact. A store that one unit uses, or none, stays an artifact, owned
//     like a data object.
//   - A data object is owned by its first writer (else its first reader,
//     else the pool it lies in); each unit that writes it sends each other
//     unit that reads it an on-change flow carrying it.
//   - Every unit that reads an artifact it does not own needs it.
//   - A plain association with one direction between a flow node and a data
//     item (Enterprise Composer's way to draw data) counts as a data
//     association: towards the data a write, from it a read.
// Flows are folded per (from, to, kind) and carry `x-bpmn-kind`
// (`data-store`, `data-object`) and `x-bpmn-ids` (the data associations).
#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "import/bpmn_reader.hpp"
#include "orgflow/text.hpp"

namespace orgflow::bpmn_detail {

void file_reader::map_data() {
  artifact_index artifact_of;
  std::vector<std::size_t> order = collect_artifacts(artifact_of);
  fold_artifacts_by_name(order, artifact_of);
  read_associations(artifact_of);
  assign_artifact_owners(order);
  map_data_flows(order);
}

// A reference to a data object or store stands for the object it names.
std::size_t file_reader::canonical_data(std::size_t item) {
  const auto& e = el(item);
  if (e.local == "dataObjectReference" || e.local == "dataStoreReference") {
    const std::size_t target = lookup(attr(item, e.local == "dataObjectReference" ? "dataObjectRef" : "dataStoreRef"));
    if (target != none && (el(target).local == "dataObject" || el(target).local == "dataStore")) return target;
  }
  return item;
}

// Artifacts: objects and stores, and references that point to nothing.
std::vector<std::size_t> file_reader::collect_artifacts(artifact_index& artifact_of) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < doc_.elements.size(); ++i) {
    if (!live_[i] || !is_data_item(el(i).local)) continue;
    const std::size_t c = canonical_data(i);
    auto it = artifact_of.find(c);
    if (it == artifact_of.end()) {
      artifact_rec a;
      a.file = file_;
      a.element = c;
      a.store = is_data_store(el(c).local);
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
  return order;
}

// Objects of the same name within one file are one piece of information
// drawn twice: MID Innovator writes one dataObject per reference where the
// reference model shares one object between references. Fold them (stores
// with stores, objects with objects), so that the same model gives the
// same artifacts whichever tool wrote it.
void file_reader::fold_artifacts_by_name(std::vector<std::size_t>& order, artifact_index& artifact_of) {
  std::map<std::pair<bool, std::string>, std::size_t> by_name;
  std::vector<std::size_t> kept;
  for (const auto index : order) {
    const artifact_rec& a = imp_.artifacts[index];
    auto it = a.name.empty() ? by_name.end() : by_name.find({a.store, a.name});
    if (it == by_name.end()) {
      if (!a.name.empty()) by_name.emplace(std::make_pair(a.store, a.name), index);
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
void file_reader::read_associations(const artifact_index& artifact_of) {
  auto ends = [&](std::size_t assoc, std::string_view which) {
    std::vector<std::size_t> out;
    for (const auto c : el(assoc).children)
      if (live_[c] && el(c).local == which) out.push_back(lookup(el(c).text));
    return out;
  };
  auto record = [&](bool input, std::size_t unit, const std::vector<std::size_t>& items, std::size_t assoc) {
    if (el(assoc).local != "association") ++(input ? data_reads_ : data_writes_);
    // An association without an id is named by the data item it links.
    const std::string id = trim(attr(assoc, "id"));
    for (const auto a : items) {
      artifact_rec& rec = imp_.artifacts[a];
      (input ? rec.reads : rec.writes).push_back({unit, id.empty() ? rec.source_id : id});
    }
  };
  auto node_unit = [&](std::size_t node) {
    return node != none && live_[node] && is_flow_node(el(node).local) && process_of_[node] != none
               ? resolve_node(node)
               : none;
  };
  auto item_of = [&](std::size_t x) -> std::size_t {
    if (x == none || !is_data_item(el(x).local)) return none;
    const auto it = artifact_of.find(canonical_data(x));
    return it == artifact_of.end() ? none : it->second;
  };
  for (std::size_t i = 0; i < doc_.elements.size(); ++i) {
    if (!live_[i]) continue;
    const auto& e = el(i);
    if (e.local == "association") {
      // A plain association says neither read nor write, except the arrow
      // that Enterprise Composer draws instead of a data association: one
      // direction, between a flow node and a data item. Its direction says
      // which: from the node, a write; to the node, a read.
      const std::size_t source = lookup(attr(i, "sourceRef")), target = lookup(attr(i, "targetRef"));
      if (trim(attr(i, "associationDirection")) == "One") {
        if (const std::size_t a = item_of(target), u = node_unit(source); a != none && u != none) {
          record(/*input=*/false, u, {a}, i);
          ++directed_assoc_;
          ++directed_writes_;
          continue;
        }
        if (const std::size_t a = item_of(source), u = node_unit(target); a != none && u != none) {
          record(/*input=*/true, u, {a}, i);
          ++directed_assoc_;
          continue;
        }
      }
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
        if (const std::size_t a = item_of(x); a != none) items.push_back(a);
    const std::size_t unit = node_unit(e.parent == xml::no_parent ? none : e.parent);
    if (items.empty() || unit == none) {
      ++data_assoc_no_item_;
      continue;
    }
    record(input, unit, items, i);
  }
}

// Who owns each artifact: the unit that writes it first, else the first
// reader, else the pool it lies in; a store that two or more units use is a
// unit of its own.
void file_reader::assign_artifact_owners(const std::vector<std::size_t>& order) {
  for (const auto index : order) {
    artifact_rec& a = imp_.artifacts[index];
    if (a.name.empty()) a.name = a.source_id;
    // A store becomes a unit when information travels through it: when two
    // or more units read or write it. One that a single unit uses is that
    // unit's own record, and one that no task uses says nothing about who
    // keeps what; as units they would hang on one unit or on none, and every
    // finding about them would be about the drawing. They stay artifacts of
    // that unit, or of the pool they lie in.
    std::unordered_set<std::size_t> users;
    for (const auto* uses : {&a.writes, &a.reads})
      for (const auto& u : *uses) users.insert(u.unit);
    if (a.store && users.empty()) unused_stores_.push_back(a.name);
    if (a.store && users.size() == 1) private_stores_.push_back(a.name);
    if (a.store && users.size() > 1) {
      // Where the truth is kept: the store itself, as a system.
      unit_rec u;
      u.name = a.name;
      u.source_id = a.source_id;
      u.file = file_;
      u.data_store = true;
      a.owner = imp_.add_unit(std::move(u));
      ++data_stores_;
      ++store_units_;
      continue;
    }
    if (!a.writes.empty())
      a.owner = a.writes.front().unit;
    else if (!a.reads.empty())
      a.owner = a.reads.front().unit;
    else if (a.fallback_process != none)
      a.owner = process_unit(a.fallback_process);
    if (a.owner == none) {
      artifacts_skipped_.push_back(a.source_id);
      continue;
    }
    imp_.units[a.owner].materialized = true;
    ++(a.store ? data_stores_ : data_objects_);
    if (a.writes.empty() && users.size() > 1) objects_without_writer_.push_back(a.name);
  }
}

// The flows that data stands for, artifact by artifact in document order.
void file_reader::map_data_flows(const std::vector<std::size_t>& order) {
  // What each data flow already lists, so that folding stays linear: an
  // association serves many pairs, and one pair may carry many artifacts.
  struct listed_in_flow {
    std::unordered_set<std::string> ids;
    std::unordered_set<std::size_t> artifacts;
  };
  std::unordered_map<std::size_t, listed_in_flow> listed;  // flow index -> what it lists
  auto add = [&](std::size_t from, std::size_t to, flow_source source, std::size_t carried,
                 const std::vector<std::string>& ids) {
    const occurrence_key key{from, to, {}, source};
    auto it = imp_.flow_index.find(key);
    if (it == imp_.flow_index.end()) {
      it = imp_.flow_index.emplace(key, imp_.flows.size()).first;
      imp_.flows.push_back(folded{key, {}, {}, {}});
      ++(source == flow_source::data_store ? store_flows_ : object_flows_);
    }
    folded& f = imp_.flows[it->second];
    listed_in_flow& seen = listed[it->second];
    for (const auto& id : ids)
      if (seen.ids.insert(id).second) f.source_ids.push_back(id);
    if (carried != none && seen.artifacts.insert(carried).second) f.carries.push_back(carried);
  };
  // The units of some uses, each once, in order, with the ids of its uses.
  auto by_unit = [](const std::vector<data_use>& uses) {
    std::vector<std::pair<std::size_t, std::vector<std::string>>> out;
    std::unordered_map<std::size_t, std::size_t> at;  // unit -> index in out
    for (const auto& u : uses) {
      const auto [it, added] = at.emplace(u.unit, out.size());
      if (added) out.push_back({u.unit, {}});
      out[it->second].second.push_back(u.association);
    }
    return out;
  };
  for (const auto index : order) {
    const artifact_rec& a = imp_.artifacts[index];
    if (a.owner == none) continue;
    const auto writers = by_unit(a.writes);
    const auto readers = by_unit(a.reads);
    if (imp_.units[a.owner].data_store) {
      for (const auto& [unit, ids] : writers) add(unit, a.owner, flow_source::data_store, none, ids);
      for (const auto& [unit, ids] : readers) add(a.owner, unit, flow_source::data_store, index, ids);
      continue;
    }
    for (const auto& [writer, write_ids] : writers)
      for (const auto& [reader, read_ids] : readers) {
        if (writer == reader) continue;
        std::vector<std::string> ids = write_ids;
        ids.insert(ids.end(), read_ids.begin(), read_ids.end());
        add(writer, reader, flow_source::data_object, index, ids);
      }
  }
}

void file_reader::summarise_data() {
  auto& s = imp_.summary;
  const std::string at = label_ + ": ";
  s.push_back(at + count_of(data_objects_, "data object", "data objects") + " and " +
              count_of(data_stores_, "data store", "data stores") + " mapped to artifacts; " +
              count_of(data_assoc_, "data association", "data associations") + " (" +
              count_of(data_writes_, "write", "writes") + ", " + count_of(data_reads_, "read", "reads") + ")" +
              (data_assoc_empty_ ? ", " + std::to_string(data_assoc_empty_) + " of them empty (skipped)"
                                 : std::string()) +
              (data_assoc_no_item_ ? ", " + std::to_string(data_assoc_no_item_) +
                                         " not linking a task or event to a data object or store (skipped)"
                                   : std::string()));
  if (store_units_) {
    std::vector<std::string> names;
    for (const auto& u : imp_.units)
      if (u.file == file_ && u.data_store) names.push_back(u.name);
    s.push_back(at + (store_units_ == 1 ? "1 data store becomes a unit of kind system that owns what is kept in it: "
                                         : std::to_string(store_units_) +
                                               " data stores become units of kind system that own what is kept in "
                                               "them: ") +
                some(names));
  }
  if (store_flows_)
    s.push_back(at + count_of(store_flows_, "flow", "flows") +
                " to and from data stores (each unit that writes sends to the store, the store sends to each unit "
                "that reads)");
  if (object_flows_)
    s.push_back(at + count_of(object_flows_, "flow", "flows") +
                " of data objects written in one unit and read in another (on-change)");
  if (!objects_without_writer_.empty())
    s.push_back(at + count_of(objects_without_writer_.size(), "data object is", "data objects are") +
                " read in several units and written in none: the first reader is taken as the owner, so the others "
                "have no route to it: " + some(objects_without_writer_));
  if (artifacts_folded_by_name_)
    s.push_back(at + count_of(artifacts_folded_by_name_, "data object or store has", "data objects or stores have") +
                " the name of an earlier one and " + (artifacts_folded_by_name_ == 1 ? "was" : "were") +
                " folded into it");
  if (!private_stores_.empty())
    s.push_back(at + count_of(private_stores_.size(), "data store is", "data stores are") +
                " read and written by one unit only: an artifact of that unit, no unit of its own: " +
                some(private_stores_));
  if (!unused_stores_.empty())
    s.push_back(at + count_of(unused_stores_.size(), "data store is", "data stores are") +
                " read and written by no task: an artifact of the pool it lies in, no unit of its own: " +
                some(unused_stores_));
  if (directed_assoc_)
    s.push_back(at + count_of(directed_assoc_, "plain association", "plain associations") +
                " with one direction between a flow node and a data item read as " +
                (directed_assoc_ == 1 ? "a data association" : "data associations") + " (" +
                count_of(directed_writes_, "write", "writes") + ", " +
                count_of(directed_assoc_ - directed_writes_, "read", "reads") +
                ")");
  if (plain_assoc_)
    s.push_back(at + count_of(plain_assoc_, "plain association", "plain associations") +
                " ignored (they say neither read nor write)");
  if (!artifacts_skipped_.empty())
    s.push_back(at + count_of(artifacts_skipped_.size(), "data item", "data items") +
                " skipped: no task uses them and they lie in no pool: " + some(artifacts_skipped_));
}

}  // namespace orgflow::bpmn_detail
