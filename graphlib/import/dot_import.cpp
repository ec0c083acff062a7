// `orgflow import dot FILE`: a Graphviz DOT graph to an orgflow model, read
// with cgraph (issue 6, item 4; docs/import-dot.md).
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
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <utility>
#include <vector>
#include <string>
#include <unordered_map>

#include "import/ids.hpp"
#include "orgflow/import.hpp"
#include "orgflow/io.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/quantity.hpp"

namespace orgflow {
namespace {

// cgraph reports errors and warnings through one process-wide callback:
// collect them here while a parse runs (the mutex keeps two imports apart),
// so that none reaches standard error as cgraph writes it.
std::mutex cgraph_mutex;
std::string cgraph_errors;
int collect_cgraph_error(char* message) {
  cgraph_errors += message;
  return 0;
}

// One parse with cgraph's process-wide state set up and restored: our
// message collector, no errors counted, and the line counter back at 1
// (agsetfile resets it; agmemread alone would keep counting from the
// previous file).
class cgraph_session {
 public:
  cgraph_session() : previous_(agseterrf(collect_cgraph_error)) {
    cgraph_errors.clear();
    agreseterrors();
    agsetfile(const_cast<char*>(marker));
  }
  ~cgraph_session() { agseterrf(previous_); }
  cgraph_session(const cgraph_session&) = delete;
  cgraph_session& operator=(const cgraph_session&) = delete;
  // cgraph writes "file: " before its messages; this is the "file".
  static constexpr const char* marker = "<orgflow>";

 private:
  agusererrf previous_;
};

// The DOT text for cgraph's reader, one line per call (as agmemread does,
// so that cgraph counts lines).
struct memory_reader {
  const std::string& text;
  std::size_t offset;
  static int read(void* chan, char* buffer, int size) {
    auto& r = *static_cast<memory_reader*>(chan);
    int n = 0;
    while (n + 1 < size && r.offset < r.text.size()) {
      const char c = r.text[r.offset++];
      buffer[n++] = c;
      if (c == '\n') break;
    }
    return n;
  }
};

// cgraph's collected messages, one per line, without its "<orgflow>: ".
std::vector<std::string> cgraph_lines(const std::string& all) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < all.size()) {
    std::size_t end = all.find('\n', start);
    if (end == std::string::npos) end = all.size();
    std::string line = all.substr(start, end - start);
    start = end + 1;
    for (const std::string& marker : {std::string(cgraph_session::marker) + ": ", " of " + std::string(cgraph_session::marker)})
      if (const auto at = line.find(marker); at != std::string::npos) line.erase(at, marker.size());
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

// The place of a cgraph error: "... in line N near 'TOKEN'" gives line N and
// the byte column of TOKEN in it (1 when it is not found there).
void locate(const std::string& text, const std::string& message, int& line, int& column) {
  const auto at = message.find("in line ");
  if (at == std::string::npos) return;
  line = std::atoi(message.c_str() + at + 8);
  if (line <= 0) {
    line = 0;
    return;
  }
  column = 1;
  std::size_t begin = 0;
  for (int k = 1; k < line && begin != std::string::npos; ++k) {
    begin = text.find('\n', begin);
    if (begin != std::string::npos) ++begin;
  }
  if (begin == std::string::npos) return;
  const std::size_t end = std::min(text.find('\n', begin), text.size());
  const auto near = message.find("near '");
  if (near == std::string::npos) return;
  const auto close = message.rfind('\'');
  if (close <= near + 6) return;
  const std::string token = message.substr(near + 6, close - near - 6);
  const auto found = std::string_view(text).substr(begin, end - begin).find(token);
  if (!token.empty() && found != std::string_view::npos) column = static_cast<int>(found) + 1;
}

// Where the second graph of a file starts: the first character after the
// last '}' that cgraph's reader had consumed when the first graph ended.
std::pair<int, int> next_graph_place(const std::string& text, std::size_t consumed) {
  std::size_t pos = text.rfind('}', consumed == 0 ? 0 : consumed - 1);
  pos = pos == std::string::npos ? 0 : pos + 1;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\r' || text[pos] == '\n')) ++pos;
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < pos && i < text.size(); ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  return {line, static_cast<int>(pos - line_start) + 1};
}

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
  // Fold runs of spaces and trim, as for BPMN names.
  std::string folded;
  bool space = false;
  for (const char c : out) {
    if (c == ' ') {
      space = true;
      continue;
    }
    if (space && !folded.empty()) folded.push_back(' ');
    space = false;
    folded.push_back(c);
  }
  return folded;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = text.substr(start, comma - start);
    const auto b = item.find_first_not_of(" \t");
    const auto e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
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
  void read_clusters(Agraph_t* sg, std::size_t enclosing);
  void read_edges();
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
};

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
  std::set<std::string> flow_ids, handoff_ids;
  for (Agedge_t* e : edges) {
    const std::string where = edge_label(e);
    const std::string from = m_.units[unit_of_[agtail(e)]].id;
    const std::string to = m_.units[unit_of_[aghead(e)]].id;
    if (from == to) {
      ++self_loops_;
      continue;
    }
    const std::string id = value_of(e, "id");
    json_extras extras;
    extras.order = {"from", "to"};
    if (value_of(e, "orgflow") == "handoff") {
      handoff h;
      h.from = from;
      h.to = to;
      if (!id.empty()) {
        if (import_ids::is_valid_id(id) && handoff_ids.insert(id).second) {
          h.id = id;
          extras.order.insert(extras.order.begin(), "id");
        } else {
          ++dropped_ids_;
        }
      }
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
        h.context = artifact_refs(t, from);
        extras.order.push_back("context");
      }
      extras.order.push_back("x-occurrences");
      extras.x_members.emplace_back("x-occurrences", "1");
      h.extras = std::move(extras);
      m_.handoffs.push_back(std::move(h));
      continue;
    }
    flow f;
    f.from = from;
    f.to = to;
    if (!id.empty()) {
      if (import_ids::is_valid_id(id) && flow_ids.insert(id).second) {
        f.id = id;
        extras.order.insert(extras.order.begin(), "id");
      } else {
        ++dropped_ids_;
      }
    }
    if (const std::string t = value_of(e, "carries"); !t.empty()) {
      f.carries = artifact_refs(t, from);
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
    f.extras = extras;
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
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
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
  summary_.push_back(at + plural(m_.units.size(), "unit", "units") + " (" + std::to_string(groups) +
                     " of them in a group" +
                     (created_groups_ ? ", " + plural(created_groups_, "group unit", "group units") + " made for clusters"
                                      : std::string()) +
                     "), " + plural(m_.flows.size(), "flow", "flows") + ", " +
                     plural(m_.handoffs.size(), "handoff", "handoffs"));
  if (!agisdirected(g_)) summary_.push_back(at + "the graph is undirected: each edge became a flow in each direction");
  if (!unknown_groups_.empty()) {
    std::string list;
    for (std::size_t i = 0; i < unknown_groups_.size() && i < 5; ++i) list += (i ? ", " : "") + unknown_groups_[i];
    if (unknown_groups_.size() > 5) list += ", ...";
    summary_.push_back(at + plural(unknown_groups_.size(), "group attribute names", "group attributes name") +
                       " no other node (ignored): " + list);
  }
  if (self_loops_) summary_.push_back(at + plural(self_loops_, "edge", "edges") + " from a node to itself skipped");
  if (dropped_ids_)
    summary_.push_back(at + plural(dropped_ids_, "edge id", "edge ids") + " that are not valid or repeat left out");
  if (created_artifacts_)
    summary_.push_back(at + plural(created_artifacts_, "artifact", "artifacts") +
                       " made for the entries of carries and context (owner: the first unit that sends them)");
  for (auto& line : summary_) line = tidy_message(line);
  result_.summary = std::move(summary_);
  result_.value = std::move(m_);
  return std::move(result_);
}

}  // namespace

import_result import_dot(const std::string& path) {
  const std::string text = read_file(path);
  const std::string label = path == "-" ? "<stdin>" : path;
  import_result result;
  auto fail_at = [&](int line, int column, std::string message) {
    result.diagnostics.push_back(diagnostic{label, "", line, column, tidy_message(message)});
    return result;
  };
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return fail_at(0, 0, "the file is empty");
  const auto byte = [&](std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0u; };
  if ((byte(0) == 0xFF && byte(1) == 0xFE) || (byte(0) == 0xFE && byte(1) == 0xFF) ||
      (byte(0) != 0 && byte(0) < 0x80 && byte(1) == 0) || (byte(0) == 0 && byte(1) != 0 && byte(1) < 0x80))
    return fail_at(1, 1, "the file is encoded as UTF-16, not UTF-8 (save it as UTF-8)");

  std::unique_ptr<Agraph_t, decltype(&agclose)> graph(nullptr, &agclose);
  std::vector<std::string> warnings;
  {
    std::lock_guard<std::mutex> lock(cgraph_mutex);
    const cgraph_session session;
    memory_reader in{text, 0};
    Agiodisc_t io = {&memory_reader::read, AgIoDisc.putstr, AgIoDisc.flush};
    Agdisc_t disc = {&AgMemDisc, &AgIdDisc, &io};
    graph.reset(agread(&in, &disc));
    const std::string first_messages = cgraph_errors;
    const bool failed = !graph || agerrors() > 0;
    // Whatever follows the first graph is read too (a file may hold several
    // graphs, as `dot` draws them all), so that no input is left behind in
    // cgraph's lexer for the next file.
    const std::size_t first_end = in.offset;
    std::size_t more_graphs = 0;
    std::string second_name, trailing;
    if (!failed) {
      for (;;) {
        cgraph_errors.clear();
        agreseterrors();
        std::unique_ptr<Agraph_t, decltype(&agclose)> next(agread(&in, &disc), &agclose);
        if (agerrors() > 0) {
          trailing = cgraph_errors;  // text after the graph that is no graph
          break;
        }
        if (!next) break;
        if (more_graphs++ == 0) second_name = agnameof(next.get());
      }
    }
    for (const auto& m : cgraph_lines(first_messages))
      if (m.rfind("Warning: ", 0) == 0) warnings.push_back(m.substr(9));
    if (failed) {
      // cgraph says "syntax error in line 3 near 'x'": place it at that
      // line and at the token's column, and keep its words.
      std::string message;
      int line = 0, column = 0;
      for (const auto& m : cgraph_lines(first_messages)) {
        if (m.rfind("Warning: ", 0) == 0) continue;
        std::string text_of = m.rfind("Error: ", 0) == 0 ? m.substr(7) : m;
        if (message.empty()) {
          message = text_of;
          locate(text, text_of, line, column);
        } else if (text_of.rfind("String starting:", 0) == 0) {
          std::string start = text_of.substr(16);
          if (!start.empty() && start.front() == '"') start.erase(0, 1);
          message += " (the string starts with \"" + echoed(start) + "\")";
        }
      }
      if (message.empty()) message = "no graph found (a DOT file starts with graph or digraph)";
      return fail_at(line, column, "not a valid DOT graph: " + message);
    }
    if (!trailing.empty()) {
      for (const auto& m : cgraph_lines(trailing)) {
        if (m.rfind("Error: ", 0) != 0) continue;
        int line = 0, column = 0;
        locate(text, m.substr(7), line, column);
        return fail_at(line, column, "after the graph, the file holds text that is not a graph: " + m.substr(7));
      }
    }
    if (more_graphs > 0) {
      const auto [line, column] = next_graph_place(text, first_end);
      return fail_at(line, column,
                     "the file holds " + std::to_string(more_graphs + 1) + " graphs, and a model is made from one: the "
                     "second" + (second_name.empty() || second_name[0] == '%' ? std::string() : " (\"" + second_name + "\")") +
                     " starts here (put each graph in a file of its own and import them one by one)");
    }
  }
  import_result out = dot_reader(label, graph.get()).run();
  // cgraph's warnings are the input's problems too: shown in the summary,
  // tidied, never printed by cgraph itself.
  for (const auto& w : warnings) out.summary.push_back(tidy_message(label + ": Graphviz warns: " + w));
  return out;
}

}  // namespace orgflow
