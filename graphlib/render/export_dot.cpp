// `orgflow export MODEL --to dot`: the model as a plain DOT graph that
// cgraph (and so `orgflow import dot`) reads back: units as nodes named by
// their ids, with `label` (the name) and `kind`; groups as clusters named
// `cluster_<id>` (nested as the groups nest); flows and handoffs as edges
// carrying their attributes under the model's own field names. Handoffs have
// `orgflow="handoff"`, flows `orgflow="flow"`, so an importer can tell them
// apart. A group unit is a node inside its own cluster. Generated flow and
// handoff ids (`from->to#n`) are left out, as in the JSON.
//
// Every string value is written as a DOT escString, the way Graphviz reads
// labels: `\\` stands for a backslash and `\n` for a line break (a raw
// backslash before the closing quote cannot be written in DOT at all); a
// value longer than DOT's 16,384-byte limit for one string is written in
// pieces joined by `+`. Labels (what Graphviz draws) hold names shortened to
// 60 characters; `name` keeps them whole.
// Quantities are written as the author wrote them (canonical text when made
// in code); lists (`carries`, `context`, `accepts`) are comma-separated ids,
// and ids never contain a comma.
#include <algorithm>
#include <map>
#include <set>

#include "orgflow/number.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/render.hpp"
#include "text/dot_text.hpp"
#include "render/view_style.hpp"

namespace orgflow {

namespace {

using text_detail::dot::esc_text;
using text_detail::dot::quoted;

std::string q(std::string_view text) { return quoted(esc_text(text)); }

std::string list_text(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += items[i];
  }
  return out;
}

std::string duration_text(const duration_value& d) { return d.text.empty() ? format_duration(d.ms) : d.text; }
std::string cadence_text(const cadence_value& c) { return c.text.empty() ? format_cadence(c.ms) : c.text; }

class attrs {
 public:
  void add(std::string_view key, std::string_view text) { items_.push_back(std::string(key) + "=" + q(text)); }
  std::string text() const {
    std::string out = "[";
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (i) out += ", ";
      out += items_[i];
    }
    return out + "]";
  }

 private:
  std::vector<std::string> items_;
};

// Clusters nest as the groups do, written with an explicit stack: groups
// may nest 20,000 deep, deeper than a recursion's stack. The indentation
// stops growing at 32 levels, so that the text stays linear in size.
void write_clusters(const std::map<std::string, const unit*>& units,
                    const std::map<std::string, std::vector<std::string>>& members,
                    const std::set<std::string>& groups, std::string& out) {
  struct open_cluster {
    const std::string* group;
    std::size_t next = 0;  // the next member to write
    std::string pad;
  };
  auto open = [&](const std::string& g, std::size_t depth, std::vector<open_cluster>& stack) {
    std::string pad(2 * std::min<std::size_t>(depth, 32), ' ');
    out += pad + "subgraph " + quoted("cluster_" + g) + " {\n";
    out += pad + "  graph [label=" + q(text_detail::dot::shorten(units.at(g)->display_name())) + ", orgflow_group=" +
           quoted(g) + "];\n";
    out += pad + "  " + quoted(g) + ";\n";
    stack.push_back({&g, 0, std::move(pad)});
  };
  for (const auto& root : groups) {
    if (units.at(root)->group && units.count(*units.at(root)->group)) continue;
    std::vector<open_cluster> stack;
    open(root, 1, stack);
    while (!stack.empty()) {
      open_cluster& top = stack.back();
      const std::vector<std::string>& list = members.at(*top.group);
      if (top.next == list.size()) {
        out += top.pad + "}\n";
        stack.pop_back();
        continue;
      }
      const std::string& member = list[top.next++];
      if (groups.count(member)) open(member, stack.size() + 1, stack);
      else out += top.pad + "  " + quoted(member) + ";\n";
    }
  }
}

}  // namespace

std::string export_dot(const model& m) {
  std::string out = "digraph " + q(m.name.value_or("orgflow model")) + " {\n";
  out += "  graph [orgflow=\"1\"";
  if (m.name) out += ", label=" + q(*m.name);
  out += "];\n";

  // Units in sorted id order (the first of a duplicated id; a valid model has none).
  std::map<std::string, const unit*> units;
  for (const auto& u : m.units) units.emplace(u.id, &u);
  std::map<std::string, std::vector<std::string>> members;
  std::set<std::string> groups;
  for (const auto& [id, u] : units) {
    if (u->group && units.count(*u->group)) {
      members[*u->group].push_back(id);
      groups.insert(*u->group);
    }
  }
  for (const auto& [id, u] : units) {
    attrs a;
    // Graphviz draws `label`: a long name is shortened there (a 20,000-character
    // box is more than dot can lay out), and `name` keeps it whole for import.
    // (An unnamed unit's label is its id, whole, so that import reads no name.)
    a.add("label", u->name ? text_detail::dot::shorten(*u->name) : u->id);
    if (u->name) a.add("name", *u->name);
    a.add("kind", to_string(u->kind_or_default()));
    if (u->group) a.add("group", *u->group);
    if (u->capacity) a.add("capacity", render_detail::rate_text(*u->capacity));
    if (u->staff) a.add("staff", std::to_string(*u->staff));
    if (u->demand) a.add("demand", render_detail::rate_text(*u->demand));
    if (u->accepts) a.add("accepts", list_text(*u->accepts));
    if (u->members) a.add("members", std::to_string(*u->members));
    out += "  " + quoted(id) + " " + a.text() + ";\n";
  }
  write_clusters(units, members, groups, out);

  for (const auto& f : m.flows) {
    attrs a;
    a.add("orgflow", "flow");
    if (!f.id_generated) a.add("id", f.id);
    if (f.carries) a.add("carries", list_text(*f.carries));
    if (f.channel) a.add("channel", *f.channel);
    if (f.latency) a.add("latency", duration_text(*f.latency));
    if (f.cadence) a.add("cadence", cadence_text(*f.cadence));
    if (f.format) a.add("format", *f.format);
    if (f.manual) a.add("manual", *f.manual ? "true" : "false");
    if (f.reliability) a.add("reliability", format_number(*f.reliability));
    if (f.volume) a.add("volume", render_detail::rate_text(*f.volume));
    out += "  " + quoted(f.from) + " -> " + quoted(f.to) + " " + a.text() + ";\n";
  }
  for (const auto& h : m.handoffs) {
    attrs a;
    a.add("orgflow", "handoff");
    if (!h.id_generated) a.add("id", h.id);
    if (h.process) a.add("process", *h.process);
    if (h.item) a.add("item", *h.item);
    if (h.volume) a.add("volume", render_detail::rate_text(*h.volume));
    if (h.wait) a.add("wait", duration_text(*h.wait));
    if (h.context) a.add("context", list_text(*h.context));
    a.add("style", "bold");
    out += "  " + quoted(h.from) + " -> " + quoted(h.to) + " " + a.text() + ";\n";
  }
  out += "}\n";
  return out;
}

}  // namespace orgflow
