// The people section and page (see people_parts.hpp).
#include "document/people_parts.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "document/report_parts.hpp"
#include "orgflow/io.hpp"
#include "orgflow/number.hpp"
#include "orgflow/text.hpp"

namespace orgflow::document_detail {

namespace {

std::string people_words(std::uint64_t n) { return with_thousands(n) + (n == 1 ? " person" : " people"); }

/// One row of a ranked list, already in the words of the page.
struct ranked_row {
  std::vector<std::string> cells;  // plain text
};

struct per_unit {
  std::size_t brokers = 0, key = 0;
  std::uint64_t worst_cut_off = 0;
  std::vector<std::string> liaisons_to;
};

std::map<std::string, per_unit> by_unit(const people_findings& pf) {
  std::map<std::string, per_unit> out;
  for (const auto& b : pf.report->brokers) ++out[b.unit].brokers;
  for (const auto& k : pf.ranking.key_people) {
    auto& u = out[k.unit];
    ++u.key;
    u.worst_cut_off = std::max(u.worst_cut_off, k.cut_off);
  }
  for (const auto& l : pf.report->liaisons) out[l.from].liaisons_to.push_back(l.to);
  return out;
}

bool is_silo(const people_unit_row& u, const std::set<std::string>& without_edge) {
  const auto ei = u.undirected.index();
  return without_edge.count(u.name) != 0 || (ei && *ei <= silo_ei);
}

std::string ei_text(const ei_counts& c) {
  const auto ei = c.index();
  return ei ? format_number(*ei, 2) : std::string("-");
}

/// The key people as rows: rank, unit, (person), people cut off, parts.
std::vector<ranked_row> key_rows(const people_findings& pf) {
  std::vector<ranked_row> out;
  const bool named = pf.report->reveal;
  for (std::size_t i = 0; i < pf.ranking.key_people.size(); ++i) {
    const key_person& k = pf.ranking.key_people[i];
    ranked_row row;
    row.cells.push_back(std::to_string(i + 1));
    row.cells.push_back(k.unit);
    if (named) row.cells.push_back(k.person.value_or(""));
    row.cells.push_back(with_thousands(k.cut_off));
    row.cells.push_back(with_thousands(k.parts));
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<ranked_row> liaison_rows(const people_findings& pf) {
  std::vector<ranked_row> out;
  const bool named = pf.report->reveal;
  for (std::size_t i = 0; i < pf.ranking.liaisons.size(); ++i) {
    const ranked_liaison& l = pf.ranking.liaisons[i];
    ranked_row row;
    row.cells.push_back(std::to_string(i + 1));
    row.cells.push_back(l.from);
    if (named) row.cells.push_back(l.person.value_or(""));
    row.cells.push_back(l.to);
    row.cells.push_back(with_thousands(l.smaller));
    row.cells.push_back(with_thousands(l.edges));
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> key_headings(bool named) {
  std::vector<std::string> h{"#", "Unit"};
  if (named) h.push_back("Person");
  h.push_back("People cut off without them");
  h.push_back("Parts left");
  return h;
}

std::vector<std::string> liaison_headings(bool named) {
  std::vector<std::string> h{"#", "Unit of the person"};
  if (named) h.push_back("Person");
  h.push_back("Talks to unit");
  h.push_back("People in the smaller unit");
  h.push_back("Ties between them");
  return h;
}

std::string html_table(const std::vector<std::string>& headings, const std::vector<ranked_row>& rows, std::size_t from,
                       std::size_t to) {
  std::string out = "<table><tr>";
  for (const auto& h : headings) out += "<th>" + html_text(h) + "</th>";
  out += "</tr>\n";
  for (std::size_t i = from; i < to && i < rows.size(); ++i) {
    out += "<tr>";
    for (std::size_t c = 0; c < rows[i].cells.size(); ++c)
      out += (c == 0 || c + 2 >= rows[i].cells.size() ? "<td class=\"num\">" : "<td>") + html_text(rows[i].cells[c]) +
             "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

/// A ranked list: the first ranked_rows rows, the rest folded away.
std::string ranked_html(const std::vector<std::string>& headings, const std::vector<ranked_row>& rows) {
  std::string out = html_table(headings, rows, 0, ranked_rows);
  if (rows.size() > ranked_rows)
    out += "<details><summary>" + html_text("The other " + with_thousands(rows.size() - ranked_rows)) +
           "</summary>\n" + html_table(headings, rows, ranked_rows, rows.size()) + "</details>\n";
  return out;
}

std::string markdown_table(const std::vector<std::string>& headings, const std::vector<ranked_row>& rows) {
  std::string out = "|";
  for (const auto& h : headings) out += " " + report_detail::markdown_text(h) + " |";
  out += "\n|";
  for (std::size_t c = 0; c < headings.size(); ++c) out += c == 0 || c + 2 >= headings.size() ? "---:|" : "---|";
  out += "\n";
  for (const auto& row : rows) {
    out += "|";
    for (const auto& cell : row.cells) out += " " + report_detail::markdown_text(cell) + " |";
    out += "\n";
  }
  return out;
}

std::string intro(const people_findings& pf) {
  const people_report& r = *pf.report;
  std::string out = "From the communication data: " + people_words(r.people) + " in " +
                    with_thousands(r.units.size()) + " units, " + with_thousands(r.arcs) + " ties between people (" +
                    with_thousands(r.ei_directed.external) + " of them between units).";
  if (r.merged_units > 0)
    out += " " + with_thousands(r.merged_units) + " units with fewer than " + std::to_string(r.min_group) +
           " people are shown together as one.";
  out += r.reveal ? " Persons are named, as asked (--reveal)."
                  : " No person is named: each is shown by their unit (--reveal names them).";
  return out;
}

std::string key_sentence(const people_findings& pf) {
  const auto& k = pf.ranking.key_people;
  if (k.empty()) return "No single person holds the largest connected group (" + people_words(pf.ranking.group) +
                        ") together: everyone there can be reached another way.";
  return people_words(k.size()) + " alone hold parts of the largest connected group (" + people_words(pf.ranking.group) +
         ") together: without any one of them, some colleagues lose every tie to the rest. Ranked by how many "
         "they cut off (then by id):";
}

std::string liaison_sentence(const people_findings& pf) {
  const auto& l = pf.ranking.liaisons;
  if (l.empty()) return "No pair of units talks through one person only.";
  return with_thousands(l.size()) + (l.size() == 1 ? " pair of units talks" : " pairs of units talk") +
         " through one person: every tie between the two units touches that one person of the first. Ranked by the "
         "size of the smaller unit (then by unit):";
}

struct unit_cells {
  std::string name, people, inside, ei, silo, brokers, key, liaisons;
};

std::vector<unit_cells> unit_rows(const people_findings& pf) {
  const people_report& r = *pf.report;
  const std::set<std::string> without_edge(r.without_edge.begin(), r.without_edge.end());
  const auto extra = by_unit(pf);
  std::vector<unit_cells> out;
  for (const auto& u : r.units) {
    unit_cells c;
    c.name = u.name;
    c.people = with_thousands(u.members);
    c.inside = with_thousands(u.undirected.internal);
    c.ei = ei_text(u.undirected);
    c.silo = is_silo(u, without_edge) ? (without_edge.count(u.name) ? "yes (no tie out)" : "yes") : "";
    const auto it = extra.find(u.name);
    if (it != extra.end()) {
      const per_unit& x = it->second;
      if (x.brokers) c.brokers = std::to_string(x.brokers);
      if (x.key) c.key = with_thousands(x.key) + " (up to " + with_thousands(x.worst_cut_off) + " cut off)";
      if (!x.liaisons_to.empty()) {
        std::vector<std::string> shown(x.liaisons_to.begin(),
                                       x.liaisons_to.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(5, x.liaisons_to.size())));
        c.liaisons = join_words(shown);
        if (x.liaisons_to.size() > 5) c.liaisons += " +" + std::to_string(x.liaisons_to.size() - 5);
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

const char* const unit_note =
    "E-I index: external minus internal ties over all ties of the unit, from -1 (every tie stays inside) to +1 "
    "(every tie leaves it). A silo keeps at least three quarters of its ties inside (E-I at most -0.5). Brokers: "
    "the ten people most often on the shortest way between two others.";

}  // namespace

tie_picture people_picture(const people_findings& pf) {
  const people_report& r = *pf.report;
  tie_picture p;
  p.title = "Ties between units";
  const std::set<std::string> without_edge(r.without_edge.begin(), r.without_edge.end());
  const auto extra = by_unit(pf);
  std::map<std::string, std::size_t> at;
  for (const auto& u : r.units) {
    at.emplace(u.name, p.units.size());
    tie_picture::unit_box b;
    b.name = u.name;
    b.members = u.members;
    b.ei = u.undirected.index();
    b.silo = is_silo(u, without_edge);
    b.without_tie = without_edge.count(u.name) != 0;
    if (auto it = extra.find(u.name); it != extra.end()) {
      b.brokers = it->second.brokers;
      b.key_people = it->second.key;
      b.worst_cut_off = it->second.worst_cut_off;
    }
    p.units.push_back(std::move(b));
  }
  std::set<std::pair<std::size_t, std::size_t>> one;
  for (const auto& l : r.liaisons)
    if (at.count(l.from) && at.count(l.to)) one.insert({std::min(at[l.from], at[l.to]), std::max(at[l.from], at[l.to])});
  for (const auto& cell : r.matrix) {
    if (cell.from == cell.to || !at.count(cell.from) || !at.count(cell.to)) continue;
    tie_picture::tie t;
    t.from = at[cell.from];
    t.to = at[cell.to];
    t.count = cell.count;
    t.single_liaison = one.count({std::min(t.from, t.to), std::max(t.from, t.to)}) != 0;
    p.ties.push_back(t);
  }
  std::size_t silos = 0, with_brokers = 0;
  for (const auto& b : p.units) {
    silos += b.silo;
    with_brokers += b.brokers > 0;
  }
  p.subtitle = people_words(r.people) + " in " + with_thousands(r.units.size()) + " units \xC2\xB7 " +
               with_thousands(r.ei_directed.external) + " ties between units \xC2\xB7 " +
               with_thousands(silos) + (silos == 1 ? " silo" : " silos") + " \xC2\xB7 brokers in " +
               with_thousands(with_brokers) + (with_brokers == 1 ? " unit" : " units") + " \xC2\xB7 the organization hangs on " +
               people_words(pf.ranking.key_people.size()) + " \xC2\xB7 " + with_thousands(pf.ranking.liaisons.size()) +
               (pf.ranking.liaisons.size() == 1 ? " pair" : " pairs") + " of units talk through one person";
  return p;
}

std::string people_section_html(const people_findings& pf, int level) {
  const std::string h = "h" + std::to_string(level), h2 = "h" + std::to_string(level + 1);
  const bool named = pf.report->reveal;
  std::string out = "<" + h + ">People: silos, brokers and who the organization hangs on</" + h + ">\n";
  out += "<p class=\"sub\">" + html_text(intro(pf)) + "</p>\n";
  try {
    const diagram d = inline_svg(render_ties(people_picture(pf), output_format::svg), "people");
    out += d.ok ? zoomable_figure(d, "people", "Units and the ties between their people, with the findings marked "
                                               "(see the legend).")
                : "<p class=\"note\">" + html_text(d.error) + "</p>\n";
  } catch (const environment_error& e) {
    out += "<p class=\"note\">" + html_text(std::string("The picture could not be drawn: ") + e.what()) + "</p>\n";
  }
  out += "<" + h2 + ">Who the organization hangs on</" + h2 + ">\n<p>" + html_text(key_sentence(pf)) + "</p>\n";
  if (!pf.ranking.key_people.empty()) out += ranked_html(key_headings(named), key_rows(pf));
  out += "<" + h2 + ">Pairs of units that talk through one person</" + h2 + ">\n<p>" + html_text(liaison_sentence(pf)) +
         "</p>\n";
  if (!pf.ranking.liaisons.empty()) out += ranked_html(liaison_headings(named), liaison_rows(pf));
  out += "<" + h2 + ">Per unit</" + h2 + ">\n<table><tr><th>Unit</th><th>People</th><th>Ties inside</th>"
         "<th>E-I</th><th>Silo</th><th>Brokers</th><th>Hangs on</th><th>Talks through one person to</th></tr>\n";
  for (const unit_cells& c : unit_rows(pf))
    out += "<tr><td>" + html_text(c.name) + "</td><td class=\"num\">" + c.people + "</td><td class=\"num\">" + c.inside +
           "</td><td class=\"num\">" + c.ei + "</td><td>" + html_text(c.silo) + "</td><td class=\"num\">" + c.brokers +
           "</td><td>" + html_text(c.key) + "</td><td>" + html_text(c.liaisons) + "</td></tr>\n";
  out += "</table>\n<p class=\"note\">" + html_text(unit_note) + "</p>\n";
  return out;
}

std::string people_section_markdown(const people_findings& pf, const std::string& picture_file) {
  const bool named = pf.report->reveal;
  using report_detail::markdown_text;
  std::string out = "## People: silos, brokers and who the organization hangs on\n\n" + markdown_text(intro(pf)) + "\n\n";
  if (!picture_file.empty()) out += "![Units and the ties between their people](" + picture_file + ")\n\n";
  out += "### Who the organization hangs on\n\n" + markdown_text(key_sentence(pf)) + "\n\n";
  if (!pf.ranking.key_people.empty()) out += markdown_table(key_headings(named), key_rows(pf)) + "\n";
  out += "### Pairs of units that talk through one person\n\n" + markdown_text(liaison_sentence(pf)) + "\n\n";
  if (!pf.ranking.liaisons.empty()) out += markdown_table(liaison_headings(named), liaison_rows(pf)) + "\n";
  out += "### Per unit\n\n| Unit | People | Ties inside | E-I | Silo | Brokers | Hangs on | Talks through one person to |\n"
         "|---|---:|---:|---:|---|---:|---|---|\n";
  for (const unit_cells& c : unit_rows(pf))
    out += "| " + markdown_text(c.name) + " | " + c.people + " | " + c.inside + " | " + c.ei + " | " + c.silo + " | " +
           c.brokers + " | " + markdown_text(c.key) + " | " + markdown_text(c.liaisons) + " |\n";
  return out + "\n" + markdown_text(unit_note) + "\n";
}

}  // namespace orgflow::document_detail

namespace orgflow {

std::string write_people_html(const people_findings& p, const std::string& title) {
  using namespace document_detail;
  std::string out = html_head(title + " \u2014 orgflow people");
  out += "<h1>" + html_text(title) + "</h1>\n";
  // The first screen: what to fix first.
  const std::vector<summary_item> items = people_summary_items(p);
  out += std::string("<section class=\"summary") + (items.empty() ? " ok" : "") + "\">\n";
  if (items.empty()) {
    out += "<p class=\"verdict\">No person alone holds the organization together, and no pair of units talks "
           "through one person only.</p>\n";
  } else {
    out += "<p><b>What to fix first:</b></p>\n<ol>\n";
    for (const summary_item& it : items)
      out += "<li>" + badge(it.level) + "<b>" + html_text(it.title) + "</b> <span class=\"todo-inline\">" +
             html_text(it.recommendation) + "</span></li>\n";
    out += "</ol>\n";
  }
  out += "</section>\n";
  out += people_section_html(p, 2);
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace orgflow
