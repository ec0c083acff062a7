// `orgflow import bpmn FILE...`: BPMN 2.0 XML to an orgflow model (the corner
// rules are those of ../shared/datasets/bpmn/README.md, "Mapping rules for
// the corners", and docs/import-bpmn.md).
//
// In short: every lane, and every pool without lanes, is a unit (a lane with
// child lanes is the group of its children; a laned pool becomes a unit of
// its own, the group of its top lanes, only when something resolves to the
// pool itself); every sequence flow between nodes of different units is a
// handoff occurrence, folded per (from, to, process) with `x-occurrences`;
// every message flow between different units is a flow occurrence, folded
// per (from, to); data stores become system units and data written in one
// unit and read in another becomes flows (bpmn_data.cpp).
//
// This file reads the files (bpmn_reader.cpp does the work of each) and
// turns the records into one model: ids in document order, the `x-` members
// that trace each unit and flow back to the BPMN, and the closing summary.
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "import/bpmn_reader.hpp"
#include "import/built_model.hpp"
#include "orgflow/text.hpp"
#include "import/gzip.hpp"
#include "import/ids.hpp"
#include "import/xml_reader.hpp"
#include "orgflow/import.hpp"
#include "orgflow/io.hpp"

namespace orgflow {
namespace {

using namespace bpmn_detail;

// The most XML read from one BPMN file (after decompression): 256 MiB. The
// largest models of the BPMN Model Interchange Working Group are 0.3 MB.
constexpr std::size_t max_bpmn_bytes = std::size_t{256} << 20;

std::string json_string(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_strings(const std::vector<std::string>& v) {
  return nlohmann::json(v).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void add_x(json_extras& x, const std::string& key, std::string json) {
  x.order.push_back(key);
  x.x_members.emplace_back(key, std::move(json));
}

// What the model was built from, for the summary.
struct mapped_counts {
  std::size_t store_units = 0, needs = 0, handoff_occurrences = 0, message_occurrences = 0;
  std::size_t by_source[3] = {0, 0, 0};  // flows by flow_source
};

// Parses each file (plain or gzip-compressed, recognised by content) and
// checks that it is BPMN 2.0; problems go to `result` with their place.
std::vector<std::unique_ptr<file_reader>> read_files(const std::vector<std::string>& paths, importer& imp,
                                                     import_result& result) {
  std::vector<std::unique_ptr<file_reader>> readers;
  for (std::size_t f = 0; f < paths.size(); ++f) {
    const std::string label = paths[f] == "-" ? "<stdin>" : paths[f];
    std::string gzip_error;
    // Held in memory whole, so capped (docs/reliability.md): a gzip bomb
    // stops at the cap with a message.
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
  return readers;
}

// Materialised units, ids allocated in the order they were found; the
// nearest materialised ancestor is the group.
void add_units(importer& imp, const std::vector<std::string>& paths, model& m, mapped_counts& n) {
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
    } else if (u.data_store) {
      out.kind = unit_kind::system;
      out.extras.order.push_back("kind");
      ++n.store_units;
    }
    // The nearest materialised ancestor is the group (a laned pool that is
    // no unit leaves its top lanes without a group).
    std::size_t g = u.parent;
    while (g != none && !imp.units[g].materialized) g = imp.units[g].parent;
    if (g != none) {
      out.group = imp.units[g].model_id;
      out.extras.order.push_back("group");
    }
    if (u.data_store) add_x(out.extras, "x-bpmn-kind", json_string(std::string(to_string(flow_source::data_store))));
    if (!u.source_id.empty()) add_x(out.extras, "x-bpmn-id", json_string(u.source_id));
    if (many_files) add_x(out.extras, "x-bpmn-file", json_string(base_name(paths[u.file])));
    m.units.push_back(std::move(out));
  }

}

// Artifacts with an owner, and a need for every unit that reads one.
void add_artifacts(importer& imp, model& m, mapped_counts& n) {
  import_ids::id_allocator artifact_ids;
  for (auto& a : imp.artifacts) {
    if (a.owner == none || a.merged) continue;
    a.model_id = artifact_ids.allocate(a.name, "artifact");
    artifact out;
    out.id = a.model_id;
    out.name = a.name;
    out.owner = imp.units[a.owner].model_id;
    out.extras.order = {"id", "name", "owner"};
    if (!a.source_id.empty()) add_x(out.extras, "x-bpmn-id", json_string(a.source_id));
    m.artifacts.push_back(std::move(out));
    std::set<std::size_t> seen{a.owner};  // the owner's own need is always met
    for (const auto& r : a.reads) {
      if (!seen.insert(r.unit).second) continue;
      need nd;
      nd.unit = imp.units[r.unit].model_id;
      nd.artifact = a.model_id;
      nd.extras.order = {"unit", "artifact"};
      m.needs.push_back(std::move(nd));
      ++n.needs;
    }
  }

}

// Handoffs from sequence flows between units.
void add_handoffs(const importer& imp, model& m, mapped_counts& n) {
  for (const auto& h : imp.handoffs) {
    handoff out;
    out.from = imp.units[h.key.from].model_id;
    out.to = imp.units[h.key.to].model_id;
    out.process = h.key.process;
    out.extras.order = {"from", "to", "process"};
    add_x(out.extras, "x-occurrences", std::to_string(h.source_ids.size()));
    add_x(out.extras, "x-bpmn-ids", json_strings(h.source_ids));
    if (!h.names.empty()) add_x(out.extras, "x-bpmn-names", json_strings(h.names));
    n.handoff_occurrences += h.source_ids.size();
    m.handoffs.push_back(std::move(out));
  }
}

// Flows from message flows, data stores and data objects.
void add_flows(const importer& imp, model& m, mapped_counts& n) {
  for (const auto& f : imp.flows) {
    flow out;
    out.from = imp.units[f.key.from].model_id;
    out.to = imp.units[f.key.to].model_id;
    out.extras.order = {"from", "to"};
    if (!f.carries.empty()) {
      out.carries.emplace();
      for (const auto a : f.carries) out.carries->push_back(imp.artifacts[a].model_id);
      out.extras.order.push_back("carries");
      // Data is read as it stands when it is needed: each change is there
      // for the reader at once.
      out.cadence = cadence_value{0, "on-change"};
      out.extras.order.push_back("cadence");
    }
    add_x(out.extras, "x-bpmn-kind", json_string(std::string(to_string(f.key.source))));
    if (f.key.source == flow_source::message_flow) {
      add_x(out.extras, "x-occurrences", std::to_string(f.source_ids.size()));
      n.message_occurrences += f.source_ids.size();
    }
    add_x(out.extras, "x-bpmn-ids", json_strings(f.source_ids));
    if (!f.names.empty()) add_x(out.extras, "x-bpmn-names", json_strings(f.names));
    ++n.by_source[static_cast<int>(f.key.source)];
    m.flows.push_back(std::move(out));
  }
}

// The summary line of what was mapped.
std::string mapped_line(const model& m, const mapped_counts& n) {
  const auto kind_count = [&](flow_source s) {
    return std::to_string(n.by_source[static_cast<int>(s)]) + " " + std::string(to_string(s));
  };
  return "mapped: " + count_of(m.units.size(), "unit", "units") +
         (n.store_units == 0   ? std::string()
          : n.store_units == 1 ? std::string(" (1 of them a data store)")
                               : " (" + std::to_string(n.store_units) + " of them data stores)") +
         ", " + count_of(m.handoffs.size(), "handoff", "handoffs") + " (from " +
         count_of(n.handoff_occurrences, "sequence flow", "sequence flows") + " between units), " +
         count_of(m.flows.size(), "flow", "flows") + " (x-bpmn-kind: " + kind_count(flow_source::message_flow) +
         " from " + count_of(n.message_occurrences, "message flow", "message flows") + ", " +
         kind_count(flow_source::data_store) + ", " + kind_count(flow_source::data_object) + "), " +
         count_of(m.artifacts.size(), "artifact", "artifacts") + ", " + count_of(n.needs, "need", "needs");
}

}  // namespace

import_result import_bpmn(const std::vector<std::string>& paths) {
  import_result result;
  importer imp;
  std::vector<std::unique_ptr<file_reader>> readers = read_files(paths, imp, result);
  if (!result.diagnostics.empty()) return result;
  for (auto& r : readers) r->run();

  model m;
  if (readers.size() == 1) {
    m.name = readers.front()->model_name();
  } else if (!readers.empty()) {
    std::string name;
    for (const auto& p : paths) name += (name.empty() ? "" : " + ") + stem(p);
    m.name = name;
  }
  mapped_counts n;
  add_units(imp, paths, m, n);
  add_artifacts(imp, m, n);
  add_handoffs(imp, m, n);
  add_flows(imp, m, n);
  import_detail::finish_built_model(m, "import bpmn");
  imp.summary.push_back(mapped_line(m, n));
  result.summary = std::move(imp.summary);
  result.value = std::move(m);
  return result;
}

}  // namespace orgflow
