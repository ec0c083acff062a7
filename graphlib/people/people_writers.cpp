// The three writers of the person-level report (people.md): JSON with the
// members and order of people.md's example (plus `betweenness`, which states
// how betweenness was computed and its error bound, and, with --reveal only,
// the named key people), text for a terminal, and Markdown. Numbers go
// through format_number (6 decimals, locale-independent); person ids appear
// only where the analysis kept them, which it does only with reveal.
#include <algorithm>
#include <string>

#include "text/escape.hpp"
#include "orgflow/number.hpp"
#include "orgflow/people.hpp"

namespace orgflow {
namespace {

std::string quoted(const std::string& s) {
  std::string out;
  text_detail::append_model_json_string(out, s);
  return out;
}

std::string opt_string(const std::optional<std::string>& s) { return s ? quoted(*s) : "null"; }

std::string num(const std::optional<double>& x) { return format_number(x); }
std::string num(std::uint64_t x) { return std::to_string(x); }

const char* mode_name(betweenness_mode m) {
  switch (m) {
    case betweenness_mode::exact: return "exact";
    case betweenness_mode::sample: return "sample";
    case betweenness_mode::none: return "none";
    case betweenness_mode::automatic: break;
  }
  return "exact";
}

std::string ei_json(const ei_counts& e) {
  return "{\"E\": " + num(e.external) + ", \"I\": " + num(e.internal) + ", \"EI\": " + num(e.index()) + "}";
}

std::string names_json(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + quoted(v[i]);
  return out + "]";
}

// Appends `[` items one a line `]`, or `[]`; write(out, item) appends one
// item. The lists of a large organization (a matrix cell per pair of units
// in touch) run to megabytes: everything is appended in place.
template <class Items, class Write>
void append_list(std::string& out, const Items& items, const char* indent, Write write) {
  if (items.empty()) {
    out += "[]";
    return;
  }
  out += "[\n";
  for (std::size_t i = 0; i < items.size(); ++i) {
    out += indent;
    out += "  ";
    write(out, items[i]);
    out += i + 1 < items.size() ? ",\n" : "\n";
  }
  out += indent;
  out += "]";
}

void append_quoted(std::string& out, const std::string& s) { text_detail::append_model_json_string(out, s); }

void append_named(std::string& out, const people_named& p) {
  out += "{\"person\": ";
  append_quoted(out, p.person);
  out += ", \"unit\": ";
  append_quoted(out, p.unit);
  out += "}";
}

std::string plural(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}
std::string pad_left(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : std::string(width - s.size(), ' ') + s;
}

std::string ei_text(const ei_counts& e) {
  return num(e.index()) + " (E " + num(e.external) + ", I " + num(e.internal) + ")";
}

std::vector<people_cell> largest_cross_cells(const people_report& r, std::size_t limit) {
  std::vector<people_cell> cells;
  for (const auto& c : r.matrix)
    if (c.from != c.to) cells.push_back(c);
  // Stable: equal counts keep the matrix (unit) order.
  std::stable_sort(cells.begin(), cells.end(), [](const people_cell& a, const people_cell& b) { return a.count > b.count; });
  if (cells.size() > limit) cells.resize(limit);
  return cells;
}

std::string list_or_none(const std::vector<std::string>& v) {
  if (v.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out;
}

std::string betweenness_sentence(const people_report& r) {
  switch (r.betweenness) {
    case betweenness_mode::none: return "not computed (--betweenness none)";  // Markdown; text says it its way
    case betweenness_mode::sample:
      if (r.sources >= r.people) return "from all " + plural(r.sources, "source", "sources") + " (exact)";
      return "estimated from " + num(r.sources) + " of " + num(r.people) + " sources; with probability " +
             format_number(r.confidence) + " every value is within " + format_number(r.error_bound) +
             " of the exact one";
    default: return "exact";
  }
}

std::string privacy_sentence(const people_report& r) {
  std::string s;
  if (r.min_group <= 1) {
    s = "every unit is shown (--min-group 1)";
  } else {
    s = "units with fewer than " + std::to_string(r.min_group) + " members are shown together as \"other (small units)\" (" +
        plural(r.merged_units, "unit", "units") + " merged)";
  }
  s += r.reveal ? "; persons are named (--reveal)" : "; no person is named (--reveal names them)";
  return s;
}

}  // namespace

// Long on purpose: the people JSON, member by member in the order of the
// format (people.md), whose bytes the golden tests fix.
std::string write_people_json(const people_report& r) {
  std::string o = "{\n";
  o += "  \"orgflow_people\": 1,\n";
  o += "  \"people\": " + num(r.people) + ",\n";
  o += "  \"arcs\": " + num(r.arcs) + ",\n";
  o += "  \"isolated\": " + num(r.isolated) + ",\n";
  o += "  \"density\": " + num(r.density) + ",\n";
  o += "  \"input\": {\"records\": " + num(r.records) + ", \"self_loops\": " + num(r.self_loops) +
       ", \"duplicates\": " + num(r.duplicates) + ", \"unlabelled\": " + num(r.unlabelled) + "},\n";
  o += "  \"reciprocity\": {\"arc\": " + num(r.reciprocity_arc) + ", \"dyad\": " + num(r.reciprocity_dyad) + "},\n";
  o += "  \"components\": {\"weak\": " + num(r.weak) + ", \"strong\": " + num(r.strong) +
       ", \"largest_weak\": " + num(r.largest_weak) + ", \"largest_strong\": " + num(r.largest_strong) + "},\n";
  o += "  \"key_people\": {\"articulation\": " + num(r.articulation) + ", \"bridges_largest\": " +
       num(r.bridges_largest) + ", \"bridges_all\": " + num(r.bridges_all) + ", \"by_unit\": {";
  for (std::size_t i = 0; i < r.key_by_unit.size(); ++i)
    o += (i ? ", " : "") + quoted(r.key_by_unit[i].first) + ": " + num(r.key_by_unit[i].second);
  o += "}";
  if (r.reveal) {
    o += ",\n    \"articulation_points\": ";
    append_list(o, r.articulation_people, "    ", append_named);
    o += ",\n    \"bridges\": ";
    append_list(o, r.bridge_people, "    ", [](std::string& out, const people_bridge& b) {
      out += "[";
      append_named(out, b.a);
      out += ", ";
      append_named(out, b.b);
      out += "]";
    });
  }
  o += "},\n";
  o += "  \"betweenness\": {\"mode\": \"" + std::string(mode_name(r.betweenness)) + "\", \"sources\": " + num(r.sources);
  if (r.betweenness == betweenness_mode::none) {
    o += ", \"error_bound\": null, \"confidence\": null},\n";
  } else if (r.betweenness == betweenness_mode::sample && r.sources < r.people) {
    o += ", \"error_bound\": " + format_number(r.error_bound) + ", \"confidence\": " + format_number(r.confidence) + "},\n";
  } else {
    o += ", \"error_bound\": 0, \"confidence\": 1},\n";
  }
  o += "  \"brokers\": ";
  append_list(o, r.brokers, "  ", [](std::string& out, const people_broker& b) {
    out += "{\"rank\": " + num(b.rank) + ", \"unit\": ";
    append_quoted(out, b.unit);
    out += ", \"betweenness\": " + format_number(b.betweenness) + ", \"person\": " + opt_string(b.person) + "}";
  });
  o += ",\n";
  o += "  \"units\": {";
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    const auto& u = r.units[i];
    o += i ? ",\n    " : "\n    ";
    append_quoted(o, u.name);
    o += ": {\"members\": " + num(u.members) + ", \"ei\": {\"directed\": ";
    o += ei_json(u.directed);
    o += ", \"directed_out\": ";
    o += ei_json(u.directed_out);
    o += ", \"undirected\": ";
    o += ei_json(u.undirected);
    o += "}}";
  }
  o += r.units.empty() ? "},\n" : "\n  },\n";
  o += "  \"ei\": {\"directed\": " + num(r.ei_directed.index()) + ", \"undirected\": " + num(r.ei_undirected.index()) +
       "},\n";
  o += "  \"matrix\": ";
  append_list(o, r.matrix, "  ", [](std::string& out, const people_cell& c) {
    out += "{\"from\": ";
    append_quoted(out, c.from);
    out += ", \"to\": ";
    append_quoted(out, c.to);
    out += ", \"count\": ";
    out += num(c.count);
    out += "}";
  });
  o += ",\n";
  o += "  \"unit_graph\": {\"units\": " + num(r.unit_graph_units) + ", \"edges\": " + num(r.unit_graph_edges) +
       ", \"components\": " + num(r.unit_graph_components) + ", \"articulation_units\": " +
       names_json(r.articulation_units) + ", \"without_edge\": " + names_json(r.without_edge) + "},\n";
  o += "  \"liaisons\": ";
  append_list(o, r.liaisons, "  ", [](std::string& out, const people_liaison& l) {
    out += "{\"from\": ";
    append_quoted(out, l.from);
    out += ", \"to\": ";
    append_quoted(out, l.to);
    out += ", \"edges\": ";
    out += num(l.edges);
    out += ", \"person\": ";
    out += opt_string(l.person);
    out += "}";
  });
  o += ",\n";
  o += "  \"privacy\": {\"min_group\": " + std::to_string(r.min_group) + ", \"merged_units\": " + num(r.merged_units) +
       ", \"reveal\": " + (r.reveal ? "true" : "false") + "}\n";
  o += "}\n";
  return o;
}

// Long on purpose: the people report's text, section by section, in the
// order it is printed (its bytes are fixed by the golden tests).
std::string write_people_text(const people_report& r) {
  std::string o;
  o += "People: " + plural(r.people, "person", "people") + " in " + plural(r.units.size(), "unit", "units") + ", " +
       plural(r.arcs, "tie", "ties") + " (density " + num(r.density) + ")\n";
  o += "  input: " + plural(r.records, "record", "records") + "; dropped " + plural(r.self_loops, "self-tie", "self-ties") +
       " and " + plural(r.duplicates, "repeated tie", "repeated ties") + "; " + num(r.unlabelled) +
       " in (unlabelled)\n";
  o += "  without any tie: " + plural(r.isolated, "person", "people") + "\n";
  o += "  reciprocity: " + num(r.reciprocity_arc) + " of ties are returned, " + num(r.reciprocity_dyad) +
       " of connected pairs are mutual\n";
  o += "  components: " + num(r.weak) + " weak (largest " + num(r.largest_weak) + "), " + num(r.strong) +
       " strong (largest " + num(r.largest_strong) + ")\n";

  o += "\nKey people, in the largest connected group (" + plural(r.key_component, "person", "people") + "):\n";
  o += "  " + plural(r.articulation, "person", "people") + " whose absence would split it (articulation points)\n";
  o += "  " + plural(r.bridges_largest, "tie", "ties") + " that alone hold two parts together (bridges; " +
       num(r.bridges_all) + " in all groups)\n";
  if (!r.key_by_unit.empty()) {
    std::string by;
    for (std::size_t i = 0; i < r.key_by_unit.size(); ++i)
      by += (i ? ", " : "") + r.key_by_unit[i].first + " " + num(r.key_by_unit[i].second);
    o += "  articulation points by unit: " + by + "\n";
  }
  if (r.reveal) {
    for (const auto& p : r.articulation_people) o += "  articulation point: " + p.person + " (" + p.unit + ")\n";
    for (const auto& b : r.bridge_people)
      o += "  bridge: " + b.a.person + " (" + b.a.unit + ") - " + b.b.person + " (" + b.b.unit + ")\n";
  }

  if (r.betweenness == betweenness_mode::none) {
    o += "\nBrokers: betweenness not computed (--betweenness none)\n";
  } else {
    o += "\nBrokers, the largest betweenness (" + betweenness_sentence(r) + "):\n";
    if (r.brokers.empty()) o += "  none\n";
  }
  std::size_t unit_width = 4;
  for (const auto& b : r.brokers) unit_width = std::max(unit_width, b.unit.size());
  std::size_t value_width = 0;
  for (const auto& b : r.brokers) value_width = std::max(value_width, format_number(b.betweenness).size());
  for (const auto& b : r.brokers) {
    o += "  " + pad_left(num(b.rank), 2) + "  " + pad(b.unit, unit_width) + "  ";
    o += b.person ? pad(format_number(b.betweenness), value_width) + "  " + *b.person : format_number(b.betweenness);
    o += "\n";
  }

  o += "\nUnits, E-I index (-1: every tie stays inside the unit, +1: every tie leaves it):\n";
  std::size_t w = 4;
  for (const auto& u : r.units) w = std::max(w, u.name.size());
  std::vector<std::string> rows[3];
  std::size_t cw[3] = {8, 12, 10};
  for (const auto& u : r.units) {
    rows[0].push_back(ei_text(u.directed));
    rows[1].push_back(ei_text(u.directed_out));
    rows[2].push_back(ei_text(u.undirected));
  }
  for (int c = 0; c < 3; ++c)
    for (const auto& s : rows[c]) cw[c] = std::max(cw[c], s.size());
  o += "  " + pad("unit", w) + "  members  " + pad("directed", cw[0]) + "  " + pad("directed_out", cw[1]) + "  " +
       "undirected\n";
  for (std::size_t i = 0; i < r.units.size(); ++i) {
    o += "  " + pad(r.units[i].name, w) + "  " + pad_left(num(r.units[i].members), 7) + "  " + pad(rows[0][i], cw[0]) +
         "  " + pad(rows[1][i], cw[1]) + "  " + rows[2][i] + "\n";
  }
  o += "  whole organization: directed " + num(r.ei_directed.index()) + ", undirected " +
       num(r.ei_undirected.index()) + "\n";

  const auto cells = largest_cross_cells(r, 10);
  o += "\nTies between units, the largest (of " + plural(r.matrix.size(), "cell", "cells") + " in the unit matrix):\n";
  if (cells.empty()) o += "  none\n";
  for (const auto& c : cells) o += "  " + c.from + " -> " + c.to + ": " + num(c.count) + "\n";

  o += "\nUnit graph: " + plural(r.unit_graph_units, "unit", "units") + ", " + plural(r.unit_graph_edges, "edge", "edges") +
       ", " + plural(r.unit_graph_components, "component", "components") + "\n";
  o += "  articulation units: " + list_or_none(r.articulation_units) + "\n";
  o += "  units without an edge: " + list_or_none(r.without_edge) + "\n";

  o += "\nSingle liaisons (PEOPLE.SINGLE_LIAISON): " + num(r.liaisons.size()) + "\n";
  for (const auto& l : r.liaisons) {
    o += "  " + l.from + " -> " + l.to + ": " + (l.edges == 1 ? "the one tie goes" : "all " + num(l.edges) + " ties go") +
         " through one person of " + l.from;
    if (l.person) o += " (" + *l.person + ")";
    o += "\n";
  }
  o += "\nPrivacy: " + privacy_sentence(r) + "\n";
  return o;
}

std::string write_people_markdown(const people_report& r) {
  auto cell = [](std::string s) {
    std::string out;
    for (const char c : s) {
      if (c == '|' || c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '[' || c == ']')
        out += '\\';
      out += (c == '\n' || c == '\r') ? ' ' : c;
    }
    return out;
  };
  std::string o = "# People\n\n";
  o += "| figure | value |\n| --- | --- |\n";
  o += "| people | " + num(r.people) + " |\n| ties (arcs) | " + num(r.arcs) + " |\n| without any tie | " +
       num(r.isolated) + " |\n| density | " + num(r.density) + " |\n";
  o += "| records | " + num(r.records) + " |\n| self-ties dropped | " + num(r.self_loops) +
       " |\n| repeated ties collapsed | " + num(r.duplicates) + " |\n| in (unlabelled) | " + num(r.unlabelled) + " |\n";
  o += "| reciprocity, ties | " + num(r.reciprocity_arc) + " |\n| reciprocity, pairs | " + num(r.reciprocity_dyad) + " |\n";
  o += "| weak components | " + num(r.weak) + " (largest " + num(r.largest_weak) + ") |\n| strong components | " +
       num(r.strong) + " (largest " + num(r.largest_strong) + ") |\n";
  o += "\n## Key people\n\nIn the largest connected group (" + plural(r.key_component, "person", "people") + "): " +
       plural(r.articulation, "articulation point", "articulation points") + ", " +
       plural(r.bridges_largest, "bridge", "bridges") + " (" + num(r.bridges_all) + " in all groups).\n";
  if (!r.key_by_unit.empty()) {
    o += "\n| unit | articulation points |\n| --- | ---: |\n";
    for (const auto& [u, c] : r.key_by_unit) o += "| " + cell(u) + " | " + num(c) + " |\n";
  }
  if (r.reveal) {
    if (!r.articulation_people.empty()) o += "\n";
    for (const auto& p : r.articulation_people) o += "- articulation point: " + cell(p.person) + " (" + cell(p.unit) + ")\n";
    for (const auto& b : r.bridge_people)
      o += "- bridge: " + cell(b.a.person) + " (" + cell(b.a.unit) + ") - " + cell(b.b.person) + " (" + cell(b.b.unit) + ")\n";
  }
  o += "\n## Brokers\n\nBetweenness: " + betweenness_sentence(r) + ".\n";
  if (!r.brokers.empty()) {
    o += std::string("\n| rank | unit | betweenness |") + (r.reveal ? " person |" : "") + "\n| ---: | --- | ---: |" +
         (r.reveal ? " --- |" : "") + "\n";
    for (const auto& b : r.brokers)
      o += "| " + num(b.rank) + " | " + cell(b.unit) + " | " + format_number(b.betweenness) + " |" +
           (b.person ? " " + cell(*b.person) + " |" : "") + "\n";
  }
  o += "\n## Units\n\nE-I index: -1 when every tie stays inside the unit, +1 when every tie leaves it.\n\n";
  o += "| unit | members | directed | directed_out | undirected |\n| --- | ---: | --- | --- | --- |\n";
  for (const auto& u : r.units)
    o += "| " + cell(u.name) + " | " + num(u.members) + " | " + ei_text(u.directed) + " | " + ei_text(u.directed_out) +
         " | " + ei_text(u.undirected) + " |\n";
  o += "\nWhole organization: directed " + num(r.ei_directed.index()) + ", undirected " + num(r.ei_undirected.index()) +
       ".\n";
  o += "\n## Unit matrix\n\n| from | to | ties |\n| --- | --- | ---: |\n";
  for (const auto& c : r.matrix) o += "| " + cell(c.from) + " | " + cell(c.to) + " | " + num(c.count) + " |\n";
  o += "\n## Unit graph\n\n" + plural(r.unit_graph_units, "unit", "units") + ", " +
       plural(r.unit_graph_edges, "edge", "edges") + ", " + plural(r.unit_graph_components, "component", "components") +
       ". Articulation units: " + cell(list_or_none(r.articulation_units)) + ". Units without an edge: " +
       cell(list_or_none(r.without_edge)) + ".\n";
  o += "\n## Single liaisons\n\n";
  if (r.liaisons.empty()) o += "None.\n";
  for (const auto& l : r.liaisons) {
    o += "- PEOPLE.SINGLE_LIAISON: " + cell(l.from) + " to " + cell(l.to) + ": " +
         (l.edges == 1 ? "the one tie goes" : "all " + num(l.edges) + " ties go") + " through one person of " +
         cell(l.from) + (l.person ? " (" + cell(*l.person) + ")" : "") + "\n";
  }
  o += "\n## Privacy\n\n" + privacy_sentence(r) + ".\n";
  return o;
}

}  // namespace orgflow
