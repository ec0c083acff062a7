// Names are inert in Graphviz (issue 14, items 5 and 6): every string orgflow
// hands to Graphviz is escaped for its escString rules, so `\G \E \T \H \L
// \N` in a name stay those characters in labels and in tooltips (which 2.42
// substitutes twice); names over 60 characters are shortened in labels, the
// whole name kept in the tooltip; and a DOT text holding a name over 16,384
// characters (the lexer's limit for one quoted string) is still read back by
// cgraph, by the `dot` program and by `import dot`.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <graphviz/cgraph.h>

#include "orgflow/analysis.hpp"
#include "orgflow/import.hpp"
#include "orgflow/model.hpp"
#include "orgflow/render.hpp"
#include "text/dot_text.hpp"
#include "support/temp_file.hpp"

using namespace orgflow;

namespace {

char* cs(const char* s) { return const_cast<char*>(s); }

const std::string escapes = "\\G \\E \\T \\H \\L \\N \\n \\l \\\\ end\\";

// a --x--> b --> c (long name), b ==work==> a
model escaping_model(const std::string& long_name) {
  model m;
  m.name = "Model \\G";
  unit a;
  a.id = "a";
  a.name = "Unit " + escapes;
  unit b;
  b.id = "b";
  b.name = "Grp \\N";
  unit c;
  c.id = "c";
  c.name = long_name;
  unit d;
  d.id = "d";
  d.name = "Member \\T";
  d.group = "b";
  m.units = {a, b, c, d};
  artifact x;
  x.id = "x";
  x.name = "Art \\H \\E";
  x.owner = "a";
  m.artifacts = {x};
  flow f1;
  f1.id = "a->b#1";
  f1.id_generated = true;
  f1.from = "a";
  f1.to = "b";
  f1.carries = std::vector<std::string>{"x"};
  f1.channel = "ch \\L";
  flow f2;
  f2.id = "b->c#1";
  f2.id_generated = true;
  f2.from = "b";
  f2.to = "c";
  flow f3;
  f3.id = "d->a#1";
  f3.id_generated = true;
  f3.from = "d";
  f3.to = "a";
  m.flows = {f1, f2, f3};
  handoff h;
  h.id = "b->a#1";
  h.id_generated = true;
  h.from = "b";
  h.to = "a";
  h.item = "item \\E";
  h.process = "proc \\G";
  m.handoffs = {h};
  return m;
}

/// XML attribute text decoded (the entities Graphviz writes).
std::string xml_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    const auto end = s.find(';', i);
    const std::string ent = s.substr(i, end - i + 1);
    if (ent == "&lt;") out += '<';
    else if (ent == "&gt;") out += '>';
    else if (ent == "&amp;") out += '&';
    else if (ent == "&quot;") out += '"';
    else if (ent == "&#10;") out += '\n';
    else if (ent == "&#45;") out += '-';
    else if (ent == "&#39;") out += '\'';
    else out += ent;
    i = end;
  }
  return out;
}

/// Every value of `attribute="..."` in an SVG, decoded.
std::vector<std::string> svg_attributes(const std::string& svg, const std::string& attribute) {
  std::vector<std::string> out;
  const std::string key = attribute + "=\"";
  for (auto at = svg.find(key); at != std::string::npos; at = svg.find(key, at + 1)) {
    const auto start = at + key.size();
    out.push_back(xml_decode(svg.substr(start, svg.find('"', start) - start)));
  }
  return out;
}

/// Every text element of an SVG, decoded.
std::vector<std::string> svg_texts(const std::string& svg) {
  std::vector<std::string> out;
  for (auto at = svg.find("<text"); at != std::string::npos; at = svg.find("<text", at + 1)) {
    const auto start = svg.find('>', at) + 1;
    out.push_back(xml_decode(svg.substr(start, svg.find("</text>", start) - start)));
  }
  return out;
}

bool any_contains(const std::vector<std::string>& items, const std::string& what) {
  for (const auto& s : items)
    if (s.find(what) != std::string::npos) return true;
  return false;
}

/// Runs `dot -Tsvg` on a file; the exit status, or -1 when there is no `dot`.
int run_dot_program(const std::string& path) {
  if (std::system("command -v dot >/dev/null 2>&1") != 0) return -1;
  return std::system(("dot -Tsvg '" + path + "' -o /dev/null 2>/dev/null").c_str());
}

}  // namespace

TEST_CASE("escape sequences in names stay literal in every tooltip and label", "[render][escaping]") {
  const model m = escaping_model("C");
  const analysis_result r = analyze(m);
  for (const char* view : {"map", "groups", "unit:b", "artifact:x", "process:proc \\G"}) {
    INFO(view);
    render_options o;
    o.view = view;
    o.analysis = &r;
    const std::string svg = render_view(m, o, output_format::svg);
    const auto titles = svg_attributes(svg, "xlink:title");
    REQUIRE_FALSE(titles.empty());
    // Graphviz's substitutions would show the graph's name, node names
    // (`u:a`), edge names (`u:a->u:b`) or raw label markup.
    for (const auto& t : titles) {
      INFO(t);
      CHECK(t.find("orgflow") == std::string::npos);
      CHECK(t.find("u:") == std::string::npos);
      CHECK(t.find("<FONT") == std::string::npos);
      CHECK(t.find("<BR") == std::string::npos);
    }
    const auto texts = svg_texts(svg);
    CHECK(texts.size() > 2);
    for (const auto& t : texts) {
      INFO(t);
      CHECK(t.find("orgflow") == std::string::npos);
      CHECK(t.find("u:") == std::string::npos);
    }
  }
  const std::string svg = render_view(m, {}, output_format::svg);
  const auto titles = svg_attributes(svg, "xlink:title");
  // The unit's own tooltip starts with its whole name, every escape literal.
  CHECK(any_contains(titles, "Unit " + escapes + " (department)"));
  CHECK(any_contains(titles, "Grp \\N"));
  CHECK(any_contains(titles, "carries Art \\H \\E"));
  CHECK(any_contains(titles, "channel ch \\L"));
  CHECK(any_contains(titles, "item item \\E"));
  // The labels too (wrapped at spaces, so word by word).
  const auto texts = svg_texts(svg);
  for (const char* word : {"\\G", "\\E", "\\T", "\\H", "\\L", "\\N", "\\n", "\\l", "\\\\", "end\\"}) {
    INFO(word);
    CHECK(any_contains(texts, word));
  }
  CHECK(any_contains(texts, "Model \\G"));
}

TEST_CASE("long names are shortened in labels and whole in tooltips", "[render][escaping]") {
  const std::string name = "The department of very long names that nobody can read on a map at any size";  // 77
  REQUIRE(text_detail::dot::text_width(name) > text_detail::dot::label_name_limit);
  const model m = escaping_model(name);
  const std::string dot = view_dot(m, {});
  Agraph_t* g = agmemread(dot.c_str());
  REQUIRE(g);
  Agnode_t* n = agnode(g, cs("u:c"), 0);
  REQUIRE(n);
  const std::string label = agget(n, cs("label"));
  CHECK(label.find("nobody can") != std::string::npos);
  CHECK(label.find("at any size") == std::string::npos);
  CHECK(label.find("\xE2\x80\xA6") != std::string::npos);  // …
  agclose(g);
  const std::string svg = render_view(m, {}, output_format::svg);
  CHECK(any_contains(svg_attributes(svg, "xlink:title"), name + " (department)"));
  // The picture shows the start of the name and not its end.
  CHECK(any_contains(svg_texts(svg), "The department of"));
  CHECK_FALSE(any_contains(svg_texts(svg), "at any size"));
  CHECK(text_detail::dot::shorten(name).size() < name.size());
  CHECK(text_detail::dot::text_width(text_detail::dot::shorten(name)) == text_detail::dot::label_name_limit);
  CHECK(text_detail::dot::shorten("short") == "short");
}

TEST_CASE("a name over 16,384 characters is read back from the view and the export", "[render][escaping]") {
  std::string huge;
  while (huge.size() < 20000) huge += "Abc \\G \xC3\xA9\"x\\ ";  // quotes, backslashes, UTF-8
  huge += "end";
  const model m = escaping_model(huge);
  CHECK(text_detail::dot::quoted(text_detail::dot::esc_text(huge)).find("\" + \"") != std::string::npos);

  // The view: cgraph reads it, Graphviz draws it, the tooltip holds the name.
  const std::string view = view_dot(m, {});
  {
    Agraph_t* g = agmemread(view.c_str());
    REQUIRE(g);
    Agnode_t* n = agnode(g, cs("u:c"), 0);
    REQUIRE(n);
    const std::string tip = agget(n, cs("tooltip"));
    CHECK(tip.size() > 20000);
    agclose(g);
  }
  const std::string svg = render_view(m, {}, output_format::svg);
  CHECK(any_contains(svg_attributes(svg, "xlink:title"), huge.substr(0, 2000)));

  // The export: cgraph, the dot program and import dot read it back whole.
  const std::string exported = export_dot(m);
  Agraph_t* g = agmemread(exported.c_str());
  REQUIRE(g);
  Agnode_t* n = agnode(g, cs("c"), 0);
  REQUIRE(n);
  CHECK(std::string(agget(n, cs("name"))).size() > 20000);
  CHECK(std::string(agget(n, cs("label"))).size() < 100);  // what Graphviz draws is shortened
  agclose(g);
  orgflow_test::temp_file file(exported, "export.dot");
  const int status = run_dot_program(file.path);
  if (status >= 0) CHECK(status == 0);
  const import_result back = import_dot(file.path);
  REQUIRE(back.value);
  bool found = false;
  for (const auto& u : back.value->units)
    if (u.id == "c") found = u.display_name() == huge;
  CHECK(found);
  orgflow_test::temp_file view_file(view, "view.dot");
  const int view_status = run_dot_program(view_file.path);
  if (view_status >= 0) CHECK(view_status == 0);
}
