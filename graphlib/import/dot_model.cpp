// A Graphviz graph, as cgraph parsed it, to an orgflow model (dot_model.hpp;
// docs/import-dot.md).
//
// Nodes are units (label -> name), clusters are groups, edges are flows, or
// handoffs when they carry `orgflow="handoff"`. Attributes named like the
// model's fields are mapped (units: name, kind, group, capacity, staff,
// demand, accepts, members; flows: id, carries, channel, latency, cadence,
// format, manual, reliability, volume; handoffs: id, process, item, volume,
// wait, context), which is exactly what `orgflow export --to dot`
// (graphlib/render/export_dot.cpp) writes, so export then import gives the
// same units, flows and handoffs back. Other attributes (colour, style, ...)
// are drawing details and are ignored. A known attribute with a value the
// model format rejects is bad input: it is reported and nothing is written.
//
// Determinism: nodes, edges and subgraphs are visited in the order cgraph
// created them (file order, AGSEQ), and ids are handed out in that order.
#include <graphviz/cgraph.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "import/dot_model.hpp"
#include "orgflow/text.hpp"
#include "import/ids.hpp"
#include "orgflow/import.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow {
namespace {

std::string value_of(void* obj, const char* name) {
  char* v = agget(obj, const_cast<char*>(name));
  return v ? std::string(v) : std::string();
}

// DOT escStrings as Graphviz reads labels: `\n`, `\l`, `\r` end a line,
// `\\` is a backslash; other escapes (`\N`, `\G`, ...) are kept as written.
// Line breaks become spaces: a unit name is one line.
std::string unescape_label(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      const char c = s[i + 1];
      if (c == 'n' || c == 'l' || c == 'r') {
        out.push_back(' ');
        ++i;
        continue;
      }
      if (c == '\\' || c == '"') {
        out.push_back(c);
        ++i;
        continue;
      }
    }
    out.push_back(s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
  }
  return import_ids::fold_name(out);  // runs of blanks folded, trimmed, as for BPMN names
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    const auto b = item.find_first_not_of(" \t");
    const auto e = item.find_last_not_of(" \t");
    // A list in the model holds each entry once (the loader drops repeats):
    // so does this one, or the model would change when saved and read back.
    if (b != std::string::npos) {
      std::string entry = item.substr(b, e - b + 1);
      if (seen.insert(entry).second) out.push_back(std::move(entry));
    }
    start = comma + 1;
  }
  return out;
}

template <class T>
std::vector<T*> in_file_order(T* first, const std::function<T*(T*)>& next) {
  std::vector<T*> out;
  for (T* x = first; x; x = next(x)) out.push_back(x);
  std::stable_sort(out.begin(), out.end(), [](T* a, T* b) { return AGSEQ(a) < AGSEQ(b); });
  return out;
}

class dot_reader {
 public:
  dot_reader(std::string label, Agraph_t* g) : label_(std::move(label)), g_(g) {}
  import_result run();

 private:
  // Messages quote attribute values from the file: tidied (shortened, printable).
  void fail(const std::string& what) { result_.diagnostics.push_back(diagnostic{label_, "", 0, 0, tidy_message(what)}); }
  template <class V, class F>
  std::optional<V> quantity(const std::string& where, const char* field, const std::string& text, F parse) {
    std::string why;
    auto v = parse(text, &why);
    if (!v) fail(where + ": " + field + ": " + why);
    return v;
  }
  void read_units();
  void read_unit_attributes(Agnode_t* n, const std::string& node_name, unit& u);
  void read_clusters(Agraph_t* sg, std::size_t enclosing);
  void read_edges();
  // read_edges' two kinds of edge; `extras` starts with from and to.
  void read_handoff(Agedge_t* e, handoff h, json_extras extras);
  void read_flow(Agedge_t* e, flow f, json_extras extras, bool directed);
  // Takes the edge's `id` when it is a valid id not yet in `taken` (listed
  // first in `extras`); counts it as dropped otherwise.
  void take_id(Agedge_t* e, std::set<std::string>& taken, std::string& id, json_extras& extras);
  std::string edge_label(Agedge_t* e) const {
    return "edge " + std::string(agnameof(agtail(e))) + " -> " + std::string(agnameof(aghead(e)));
  }
  std::vector<std::string> artifact_refs(const std::string& text, const std::string& sender);

  std::string label_;
  Agraph_t* g_;
  import_result result_;
  model m_;
  std::unordered_map<Agnode_t*, std::size_t> unit_of_;  // node -> index in m_.units
  std::vector<std::string> summary_;
  import_ids::id_allocator unit_ids_, artifact_ids_;
  std::map<std::string, std::string> artifact_by_text_;  // text in carries/context -> artifact id
  std::size_t created_groups_ = 0, self_loops_ = 0, dropped_ids_ = 0, created_artifacts_ = 0;
  std::vector<std::string> unknown_groups_;  // `group` attributes that name no other node
  std::set<std::string> flow_ids_, handoff_ids_;  // edge ids taken so far
};

// The model's members of a unit given as node attributes: kind, capacity,
// staff, demand, accepts and members.
void dot_reader::read_unit_attributes(Agnode_t* n, const std::string& node_name, unit& u) {
  const std::string where = "node " + node_name;
  if (const std::string kind = value_of(n, "kind"); !kind.empty()) {
    static const std::map<std::string, unit_kind> kinds = {{"department", unit_kind::department},
                                                           {"team", unit_kind::team},
                                                           {"role", unit_kind::role},
                                                           {"system", unit_kind::system},
                                                           {"external", unit_kind::external}};
    auto it = kinds.find(kind);
    if (it == kinds.end()) {
      fail(where + ": kind: \"" + kind + "\" is not a unit kind (department, team, role, system or external)");
    } else if (it->second != unit_kind::department) {
      u.kind = it->second;
      u.extras.order.push_back("kind");
    }
  }
  if (const std::string t = value_of(n, "capacity"); !t.empty()) {
    u.capacity = quantity<rate_value>(where, "capacity", t, parse_rate);
    if (u.capacity && u.capacity->count == 0) {
      fail(where + ": capacity: \"" + t + "\" must be more than 0 (leave it out if unknown)");
      u.capacity.reset();
    }
    u.extras.order.push_back("capacity");
  }
  if (const std::string t = value_of(n, "staff"); !t.empty()) {
    if (t.find_first_not_of("0123456789") != std::string::npos || t.size() > 9 || std::stol(t) < 1)
      fail(where + ": staff: \"" + t + "\" is not a whole number of at least 1");
    else
      u.staff = std::stol(t);
    u.extras.order.push_back("staff");
  }
  if (const std::string t = value_of(n, "demand"); !t.empty()) {
    u.demand = quantity<rate_value>(where, "demand", t, parse_rate);
    u.extras.order.push_back("demand");
  }
  if (const std::string t = value_of(n, "accepts"); !t.empty()) {
    u.accepts = split_list(t);
    u.extras.order.push_back("accepts");
  }
  if (const std::string t = value_of(n, "members"); !t.empty()) {
    if (t.find_first_not_of("0123456789") != std::string::npos || t.size() > 9)
      fail(where + ": members: \"" + t + "\" is not a whole number");
    else
      u.members = std::stol(t);
    u.extras.order.push_back("members");
  }
}

void dot_reader::read_units() {
  const auto nodes =
      in_file_order<Agnode_t>(agfstnode(g_), [this](Agnode_t* n) { return agnxtnode(g_, n); });
  // Node names that are valid ids keep them (export writes unit ids); the
  // others get a slug of their name. Valid names are reserved first so that
  // a slug never takes an id a later node spells out.
  for (auto* n : nodes)
    if (import_ids::is_valid_id(agnameof(n))) unit_ids_.reserve(agnameof(n));
  std::set<std::string> seen;
  for (auto* n : nodes) {
    const std::string node_name = agnameof(n);
    unit u;
    u.extras.order = {"id"};
    if (import_ids::is_valid_id(node_name) && seen.insert(node_name).second) {
      u.id = node_name;
    } else {
      u.id = unit_ids_.allocate(node_name, "unit");
    }
    std::string name = unescape_label(value_of(n, "name"));
    if (name.empty()) {
      const std::string label = value_of(n, "label");
      if (!label.empty() && label != "\\N" && !aghtmlstr(agget(n, const_cast<char*>("label"))))
        name = unescape_label(label);
    }
    if (name.empty() && node_name != u.id) name = node_name;
    if (!name.empty() && name != u.id) {
      u.name = name;
      u.extras.order.push_back("name");
    }
    read_unit_attributes(n, node_name, u);
    unit_of_[n] = m_.units.size();
    m_.units.push_back(std::move(u));
  }
  // A `group` attribute names the group unit by its node name (export
  // writes it besides the clusters); clusters below take precedence.
  for (auto* n : nodes) {
    const std::string g = value_of(n, "group");
    if (g.empty()) continue;
    Agnode_t* gn = agnode(g_, const_cast<char*>(g.c_str()), 0);
    if (gn && gn != n)
      m_.units[unit_of_[n]].group = m_.units[unit_of_[gn]].id;
    else
      unknown_groups_.push_back(std::string(agnameof(n)) + " (group " + g + ")");
  }
}

// Clusters: a subgraph whose name starts with "cluster". Its group unit is
// the node named by `orgflow_group` (export), else a node with the cluster's
// own name (without the prefix), else a new unit named after the cluster's
// label. Every node in the cluster and in no deeper cluster is a member.
void dot_reader::read_clusters(Agraph_t* parent, std::size_t enclosing) {
  const auto subs =
      in_file_order<Agraph_t>(agfstsubg(parent), [](Agraph_t* s) { return agnxtsubg(s); });
  for (auto* sg : subs) {
    const std::string name = agnameof(sg);
    if (name.rfind("cluster", 0) != 0) {
      read_clusters(sg, enclosing);  // rank=same and other plain subgraphs
      continue;
    }
    std::string stem = name.substr(7);
    if (!stem.empty() && (stem[0] == '_' || stem[0] == '-' || stem[0] == ' ')) stem.erase(0, 1);
    std::size_t group = static_cast<std::size_t>(-1);
    for (const std::string& candidate : {value_of(sg, "orgflow_group"), stem}) {
      if (candidate.empty()) continue;
      if (Agnode_t* gn = agnode(g_, const_cast<char*>(candidate.c_str()), 0)) {
        group = unit_of_[gn];
        break;
      }
    }
    if (group == static_cast<std::size_t>(-1)) {
      // A cluster without its own label inherits the root graph's: not a name.
      std::string label = unescape_label(value_of(sg, "label"));
      if (label == unescape_label(value_of(g_, "label"))) label.clear();
      const std::string shown = !label.empty() ? label : (!stem.empty() ? stem : name);
      unit u;
      u.id = unit_ids_.allocate(shown, "group");
      u.extras.order = {"id"};
      if (shown != u.id) {
        u.name = shown;
        u.extras.order.push_back("name");
      }
      group = m_.units.size();
      m_.units.push_back(std::move(u));
      ++created_groups_;
    }
    if (enclosing != static_cast<std::size_t>(-1) && enclosing != group) m_.units[group].group = m_.units[enclosing].id;
    for (Agnode_t* n = agfstnode(sg); n; n = agnxtnode(sg, n)) {
      const std::size_t u = unit_of_[n];
      if (u != group) m_.units[u].group = m_.units[group].id;
    }
    read_clusters(sg, group);  // deeper clusters override their members' group
  }
}

// Ids in `carries` and `context` must name artifacts; a DOT graph has none,
// so each distinct entry becomes one, owned by the first unit that sends it.
std::vector<std::string> dot_reader::artifact_refs(const std::string& text, const std::string& sender) {
  std::vector<std::string> out;
  for (const auto& item : split_list(text)) {
    if (item == "*") {
      out.push_back(item);
      continue;
    }
    auto it = artifact_by_text_.find(item);
    if (it == artifact_by_text_.end()) {
      artifact a;
      a.id = import_ids::is_valid_id(item) && !artifact_ids_.taken(item) ? item : artifact_ids_.allocate(item, "artifact");
      artifact_ids_.reserve(a.id);
      a.extras.order = {"id"};
      if (a.id != item) {
        a.name = item;
        a.extras.order.push_back("name");
      }
      a.owner = sender;
      a.extras.order.push_back("owner");
      it = artifact_by_text_.emplace(item, a.id).first;
      m_.artifacts.push_back(std::move(a));
      ++created_artifacts_;
    }
    out.push_back(it->second);
  }
  return out;
}

void dot_reader::read_edges() {
  std::vector<Agedge_t*> edges;
  for (Agnode_t* n = agfstnode(g_); n; n = agnxtnode(g_, n))
    for (Agedge_t* e = agfstout(g_, n); e; e = agnxtout(g_, e)) edges.push_back(e);
  std::stable_sort(edges.begin(), edges.end(), [](Agedge_t* a, Agedge_t* b) { return AGSEQ(a) < AGSEQ(b); });
  const bool directed = agisdirected(g_);
  for (Agedge_t* e : edges) {
    const std::string from = m_.units[unit_of_[agtail(e)]].id;
    const std::string to = m_.units[unit_of_[aghead(e)]].id;
    if (from == to) {
      ++self_loops_;
      continue;
    }
    json_extras extras;
    extras.order = {"from", "to"};
    if (value_of(e, "orgflow") == "handoff") {
      handoff h;
      h.from = from;
      h.to = to;
      read_handoff(e, std::move(h), std::move(extras));
    } else {
      flow f;
      f.from = from;
      f.to = to;
      read_flow(e, std::move(f), std::move(extras), directed);
    }
  }
}

void dot_reader::take_id(Agedge_t* e, std::set<std::string>& taken, std::string& id, json_extras& extras) {
  const std::string given = value_of(e, "id");
  if (given.empty()) return;
  if (import_ids::is_valid_id(given) && taken.insert(given).second) {
    id = given;
    extras.order.insert(extras.order.begin(), "id");
  } else {
    ++dropped_ids_;
  }
}

void dot_reader::read_handoff(Agedge_t* e, handoff h, json_extras extras) {
  const std::string where = edge_label(e);
  take_id(e, handoff_ids_, h.id, extras);
  if (const std::string t = value_of(e, "process"); !t.empty()) {
    h.process = unescape_label(t);
    extras.order.push_back("process");
  }
  if (const std::string t = value_of(e, "item"); !t.empty()) {
    h.item = unescape_label(t);
    extras.order.push_back("item");
  }
  if (const std::string t = value_of(e, "volume"); !t.empty()) {
    h.volume = quantity<rate_value>(where, "volume", t, parse_rate);
    extras.order.push_back("volume");
  }
  if (const std::string t = value_of(e, "wait"); !t.empty()) {
    h.wait = quantity<duration_value>(where, "wait", t, parse_duration);
    extras.order.push_back("wait");
  }
  if (const std::string t = value_of(e, "context"); !t.empty()) {
    h.context = artifact_refs(t, h.from);
    extras.order.push_back("context");
  }
  extras.order.push_back("x-occurrences");
  extras.x_members.emplace_back("x-occurrences", "1");
  h.extras = std::move(extras);
  m_.handoffs.push_back(std::move(h));
}

void dot_reader::read_flow(Agedge_t* e, flow f, json_extras extras, bool directed) {
  const std::string where = edge_label(e);
  take_id(e, flow_ids_, f.id, extras);
  if (const std::string t = value_of(e, "carries"); !t.empty()) {
    f.carries = artifact_refs(t, f.from);
    extras.order.push_back("carries");
  }
  if (const std::string t = value_of(e, "channel"); !t.empty()) {
    f.channel = unescape_label(t);
    extras.order.push_back("channel");
  }
  if (const std::string t = value_of(e, "latency"); !t.empty()) {
    f.latency = quantity<duration_value>(where, "latency", t, parse_duration);
    extras.order.push_back("latency");
  }
  if (const std::string t = value_of(e, "cadence"); !t.empty()) {
    f.cadence = quantity<cadence_value>(where, "cadence", t, parse_cadence);
    extras.order.push_back("cadence");
  }
  if (const std::string t = value_of(e, "format"); !t.empty()) {
    f.format = unescape_label(t);
    extras.order.push_back("format");
  }
  if (const std::string t = value_of(e, "manual"); !t.empty()) {
    if (t == "true" || t == "false")
      f.manual = t == "true";
    else
      fail(where + ": manual: \"" + t + "\" is not true or false");
    extras.order.push_back("manual");
  }
  if (const std::string t = value_of(e, "reliability"); !t.empty()) {
    // The model's number rule: digits with an optional decimal part.
    const bool digits = t.find_first_not_of("0123456789.") == std::string::npos &&
                        std::count(t.begin(), t.end(), '.') <= 1 && t.front() != '.' && t.back() != '.';
    const double r = digits ? std::strtod(t.c_str(), nullptr) : -1.0;
    if (!(r > 0.0 && r <= 1.0))
      fail(where + ": reliability: \"" + t + "\" is not a number in (0, 1]");
    else
      f.reliability = r;
    extras.order.push_back("reliability");
  }
  if (const std::string t = value_of(e, "volume"); !t.empty()) {
    f.volume = quantity<rate_value>(where, "volume", t, parse_rate);
    extras.order.push_back("volume");
  }
  extras.order.push_back("x-occurrences");
  extras.x_members.emplace_back("x-occurrences", "1");
  f.extras = std::move(extras);
  m_.flows.push_back(f);
  if (!directed) {
    // An undirected edge says the two units talk: one flow each way.
    flow back = f;
    std::swap(back.from, back.to);
    back.id.clear();
    if (back.extras.order.front() == "id") back.extras.order.erase(back.extras.order.begin());
    m_.flows.push_back(std::move(back));
  }
}

import_result dot_reader::run() {
  if (const std::string label = value_of(g_, "label"); !label.empty() && !aghtmlstr(agget(g_, const_cast<char*>("label"))))
    m_.name = unescape_label(label);
  else if (const std::string name = agnameof(g_); !name.empty() && name[0] != '%')
    m_.name = name;
  read_units();
  read_clusters(g_, static_cast<std::size_t>(-1));
  read_edges();
  if (!result_.diagnostics.empty()) return std::move(result_);
  assign_generated_ids(m_);
  // Whatever rule of the format the checks above do not cover is still the
  // input's fault: report it in the model's terms rather than write an
  // invalid model.
  for (auto& d : validate_model(m_, label_)) {
    d.message = tidy_message("the graph gives an invalid model at " + d.pointer + ": " + d.message);
    d.pointer.clear();
    result_.diagnostics.push_back(std::move(d));
  }
  if (!result_.diagnostics.empty()) return std::move(result_);

  const std::string at = label_ + ": ";
  std::size_t groups = 0;
  for (const auto& u : m_.units) groups += u.group.has_value();
  summary_.push_back(at + count_of(m_.units.size(), "unit", "units") + " (" + std::to_string(groups) +
                     " of them in a group" +
                     (created_groups_ ? ", " + count_of(created_groups_, "group unit", "group units") + " made for clusters"
                                      : std::string()) +
                     "), " + count_of(m_.flows.size(), "flow", "flows") + ", " +
                     count_of(m_.handoffs.size(), "handoff", "handoffs"));
  if (!agisdirected(g_)) summary_.push_back(at + "the graph is undirected: each edge became a flow in each direction");
  if (!unknown_groups_.empty()) {
    std::string list;
    for (std::size_t i = 0; i < unknown_groups_.size() && i < 5; ++i) list += (i ? ", " : "") + unknown_groups_[i];
    if (unknown_groups_.size() > 5) list += ", ...";
    summary_.push_back(at + count_of(unknown_groups_.size(), "group attribute names", "group attributes name") +
                       " no other node (ignored): " + list);
  }
  if (self_loops_) summary_.push_back(at + count_of(self_loops_, "edge", "edges") + " from a node to itself skipped");
  if (dropped_ids_)
    summary_.push_back(at + count_of(dropped_ids_, "edge id", "edge ids") + " that are not valid or repeat left out");
  if (created_artifacts_)
    summary_.push_back(at + count_of(created_artifacts_, "artifact", "artifacts") +
                       " made for the entries of carries and context (owner: the first unit that sends them)");
  for (auto& line : summary_) line = tidy_message(line);
  result_.summary = std::move(summary_);
  result_.value = std::move(m_);
  return std::move(result_);
}

}  // namespace

import_result dot_detail::model_from_graph(const std::string& label, Agraph_t* g) {
  return dot_reader(label, g).run();
}

}  // namespace orgflow
