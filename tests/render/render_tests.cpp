// Tests of the render layer (orgflow/render.hpp): the `map` and `groups`
// views as DOT, their SVG/PNG/PDF through Graphviz in a child process,
// escaping of hostile names, determinism, the marking of findings, the
// fallback to `groups` for large models, and `export --to dot` read back by
// cgraph. DOT is checked by parsing it with cgraph (agmemread), not by
// comparing text, so that a harmless change of layout attributes does not
// break the tests while a broken syntax or a wrong label does.
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <thread>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <graphviz/cgraph.h>

#include "orgflow/analysis.hpp"
#include "orgflow/io.hpp"
#include "orgflow/model.hpp"
#include "orgflow/render.hpp"
#include "render/view_build.hpp"

using namespace orgflow;

namespace {

char* cs(const char* s) { return const_cast<char*>(s); }

model load(const std::string& json) {
  load_result r = load_model(json, "test.json");
  if (!r.ok()) {
    for (const auto& d : r.diagnostics) std::cerr << d.to_string() << "\n";
  }
  REQUIRE(r.ok());
  return *r.value;
}

//   rnd [ product ]      finance
//           |  features     | prices (manual, xlsx)
//           v               v
//   gtm [ sales <---------- crm (system) ]
//           |  lead (handoff)
//           v
//        customers (external)
const char* small_model = R"({
  "orgflow": 1,
  "name": "Acme lead pipeline",
  "units": [
    {"id": "rnd", "name": "R&D division"},
    {"id": "product", "name": "Product Development", "group": "rnd"},
    {"id": "gtm", "name": "Go-to-market"},
    {"id": "sales", "name": "Sales", "group": "gtm", "capacity": "120/w"},
    {"id": "marketing", "name": "Marketing", "group": "gtm"},
    {"id": "crm", "name": "CRM system", "kind": "system", "group": "gtm"},
    {"id": "finance", "name": "Finance"},
    {"id": "customers", "name": "Customers", "kind": "external"},
    {"id": "legal", "name": "Legal"}
  ],
  "artifacts": [
    {"id": "features", "name": "Product feature list", "owner": "product", "changes": "14d", "max_age": "7d"},
    {"id": "prices", "name": "Price list", "owner": "finance", "changes": "30d"}
  ],
  "flows": [
    {"from": "product", "to": "sales", "carries": ["features"], "cadence": "quarterly"},
    {"from": "sales", "to": "marketing", "carries": ["features"], "cadence": "monthly", "latency": "2d"},
    {"from": "finance", "to": "crm", "carries": ["prices"], "format": "xlsx", "manual": true},
    {"from": "crm", "to": "sales", "carries": ["*"]},
    {"from": "sales", "to": "customers"}
  ],
  "handoffs": [
    {"from": "marketing", "to": "sales", "process": "lead-to-cash", "item": "lead", "volume": "150/w", "wait": "3d"}
  ]
})";

// The parsed graph, closed at scope exit.
struct parsed {
  Agraph_t* g = nullptr;
  explicit parsed(const std::string& dot) {
    agreseterrors();
    g = agmemread(dot.c_str());
  }
  ~parsed() {
    if (g) agclose(g);
  }
  parsed(const parsed&) = delete;
  parsed& operator=(const parsed&) = delete;
};

std::string attr(void* obj, const char* name) {
  char* v = agget(obj, cs(name));
  return v ? std::string(v) : std::string();
}

/// Text of an HTML-like label as a reader sees it: tags dropped, entities and
/// Graphviz's doubled backslashes decoded, `<BR/>` as a space.
std::string label_text(const std::string& html) {
  std::string out;
  for (std::size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      const auto end = html.find('>', i);
      const std::string tag = html.substr(i, end - i + 1);
      if (tag == "<BR/>") out += ' ';
      i = end;
    } else if (html[i] == '&') {
      const auto end = html.find(';', i);
      const std::string ent = html.substr(i, end - i + 1);
      if (ent == "&lt;") out += '<';
      else if (ent == "&gt;") out += '>';
      else if (ent == "&amp;") out += '&';
      else if (ent == "&quot;") out += '"';
      else if (ent == "&#39;") out += '\'';
      else out += ent;
      i = end;
    } else if (html[i] == '\\' && i + 1 < html.size() && html[i + 1] == '\\') {
      out += '\\';
      ++i;
    } else {
      out += html[i];
    }
  }
  return out;
}

/// The text on an edge: a real label on small maps, an xlabel on large ones.
std::string edge_text(Agedge_t* e) {
  const std::string l = attr(e, "label");
  return l.empty() ? attr(e, "xlabel") : l;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

std::set<std::string> cluster_names(Agraph_t* g) {
  std::set<std::string> out;
  for (Agraph_t* s = agfstsubg(g); s; s = agnxtsubg(s)) {
    out.insert(agnameof(s));
    for (const auto& n : cluster_names(s)) out.insert(n);
  }
  return out;
}

Agnode_t* node_of(Agraph_t* g, const std::string& unit_id) {
  return agnode(g, cs(("u:" + unit_id).c_str()), 0);
}

}  // namespace

TEST_CASE("format_from_path and parse_layout", "[render]") {
  CHECK(format_from_path("out/map.svg") == output_format::svg);
  CHECK(format_from_path("MAP.PNG") == output_format::png);
  CHECK(format_from_path("a.b/map.pdf") == output_format::pdf);
  CHECK(format_from_path("map.dot") == output_format::dot);
  CHECK_FALSE(format_from_path("map.jpeg").has_value());
  CHECK_FALSE(format_from_path("a.svg/map").has_value());
  CHECK_FALSE(format_from_path("map").has_value());
  CHECK(parse_layout("sfdp") == layout_engine::sfdp);
  CHECK(parse_layout("neato") == layout_engine::neato);
  CHECK_FALSE(parse_layout("circo").has_value());
}

TEST_CASE("map DOT: every unit by name, groups as clusters, flows and handoffs as edges", "[render]") {
  const model m = load(small_model);
  const std::string dot = view_dot(m, {});
  parsed p(dot);
  REQUIRE(p.g);
  CHECK(agerrors() == 0);
  // Group-only units (rnd, gtm) are their clusters, not nodes.
  CHECK(agnnodes(p.g) == 7);
  for (const char* id : {"product", "sales", "marketing", "crm", "finance", "customers", "legal"}) {
    Agnode_t* n = node_of(p.g, id);
    REQUIRE(n);
    const auto& u = m.units[*m.find_unit(id)];
    CHECK(label_text(attr(n, "label")).find(u.display_name()) == 0);
  }
  const auto clusters = cluster_names(p.g);
  CHECK(clusters == std::set<std::string>{"cluster_rnd", "cluster_gtm"});
  Agraph_t* gtm = agsubg(p.g, cs("cluster_gtm"), 0);
  REQUIRE(gtm);
  CHECK(label_text(attr(gtm, "label")) == "Go-to-market");
  CHECK(agnode(gtm, cs("u:sales"), 0) != nullptr);
  CHECK(agnode(gtm, cs("u:finance"), 0) == nullptr);
  CHECK(agnedges(p.g) == 6);
  // Kinds are styled apart.
  CHECK(attr(node_of(p.g, "crm"), "shape") == "cylinder");
  CHECK(attr(node_of(p.g, "customers"), "style").find("dashed") != std::string::npos);
  // Small maps: edge texts as real labels, with newrank (dot 2.42 fails on
  // clusters with edge labels without it).
  CHECK(count(dot, " label=<") >= 5);
  CHECK(attr(p.g, "newrank") == "true");
  CHECK(dot.find("Product feature list") != std::string::npos);
  CHECK(dot.find("quarterly") != std::string::npos);
  CHECK(dot.find("takes 2 days") != std::string::npos);
  CHECK(dot.find("everything") != std::string::npos);
  CHECK(dot.find("lead, 150 a week") != std::string::npos);
  // The legend shows what the map uses and nothing else.
  CHECK(dot.find("IT system") != std::string::npos);
  CHECK(dot.find("outside party") != std::string::npos);
  CHECK(dot.find(">role<") == std::string::npos);
  CHECK(dot.find("needed, but no route") == std::string::npos);
  // The model's name is the title.
  CHECK(label_text(attr(p.g, "label")).find("Acme lead pipeline") != std::string::npos);
}

TEST_CASE("a group unit with flows of its own is a node inside its cluster", "[render]") {
  model m = load(small_model);
  flow f;
  f.id = "rnd->finance#1";
  f.id_generated = true;
  f.from = "rnd";
  f.to = "finance";
  m.flows.push_back(f);
  parsed p(view_dot(m, {}));
  REQUIRE(p.g);
  Agraph_t* rnd = agsubg(p.g, cs("cluster_rnd"), 0);
  REQUIRE(rnd);
  CHECK(agnode(rnd, cs("u:rnd"), 0) != nullptr);
  CHECK(agnode(rnd, cs("u:product"), 0) != nullptr);
}

TEST_CASE("hostile names stay text in DOT and SVG", "[render]") {
  const std::vector<std::string> names = {
      "<img src=x onerror=alert(1)>", "\"; rankdir=TB; \"", "ends with a backslash\\", "\\N \\G \\n",
      "</FONT></TABLE>", "a & b > c", "\"", "\\", "}"};
  model m;
  m.name = "Evil <script>alert(1)</script> \"model\" \\";
  for (std::size_t i = 0; i < names.size(); ++i) {
    unit u;
    u.id = "u" + std::to_string(i);
    u.name = names[i];
    if (i == 2) u.group = "u3";  // a hostile cluster label too
    m.units.push_back(u);
  }
  artifact a;
  a.id = "art";
  a.name = "<b>price</b> \"list\" \\";
  a.owner = "u0";
  m.artifacts.push_back(a);
  flow f;
  f.id = "u0->u1#1";
  f.id_generated = true;
  f.from = "u0";
  f.to = "u1";
  f.carries = std::vector<std::string>{"art"};
  f.channel = "\"; evil \\";
  m.flows.push_back(f);

  const std::string dot = view_dot(m, {});
  parsed p(dot);
  REQUIRE(p.g);
  CHECK(agerrors() == 0);
  CHECK(attr(p.g, "rankdir") == "LR");
  CHECK(agnnodes(p.g) == static_cast<int>(names.size()) - 1);  // u3 is a group-only unit
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i == 3) continue;
    Agnode_t* n = node_of(p.g, "u" + std::to_string(i));
    REQUIRE(n);
    INFO("unit u" << i);
    CHECK(label_text(attr(n, "label")) == names[i]);
  }
  Agraph_t* c = agsubg(p.g, cs("cluster_u3"), 0);
  REQUIRE(c);
  CHECK(label_text(attr(c, "label")) == names[3]);
  CHECK(label_text(attr(p.g, "label")).find(*m.name) != std::string::npos);

  const std::string svg = render_view(m, {}, output_format::svg);
  CHECK(svg.find("<img") == std::string::npos);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(svg.find("&quot;; rankdir=TB; &quot;") != std::string::npos);
  CHECK(svg.find("backslash\\</text>") != std::string::npos);
  CHECK(svg.find(">\\N \\G \\n<") != std::string::npos);
  CHECK(svg.find("&lt;/FONT&gt;&lt;/TABLE&gt;") != std::string::npos);
  CHECK(svg.find("a &amp; b &gt; c") != std::string::npos);
  CHECK(svg.find("&lt;b&gt;price&lt;/b&gt; &quot;list&quot; \\") != std::string::npos);

  // The other views use the same text rules.
  for (const char* view : {"groups", "unit:u0", "artifact:art"}) {
    INFO(view);
    render_options o;
    o.view = view;
    parsed v(view_dot(m, o));
    REQUIRE(v.g);
    CHECK(agerrors() == 0);
    const std::string vsvg = render_view(m, o, output_format::svg);
    CHECK(vsvg.find("<img") == std::string::npos);
    CHECK(vsvg.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  }

  // The same names survive export --to dot and cgraph reads them back.
  parsed e(export_dot(m));
  REQUIRE(e.g);
  CHECK(agerrors() == 0);
  CHECK(agnnodes(e.g) == static_cast<int>(names.size()));
  for (std::size_t i = 0; i < names.size(); ++i) {
    Agnode_t* n = agnode(e.g, cs(("u" + std::to_string(i)).c_str()), 0);
    REQUIRE(n);
    // escString: `\\` is one backslash
    const std::string raw = attr(n, "name");
    std::string name;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '\\' && k + 1 < raw.size() && raw[k + 1] == '\\') ++k;
      name += raw[k];
    }
    INFO("unit u" << i);
    CHECK(name == names[i]);
  }
}

TEST_CASE("any short name is shown as written, in the map and through export", "[render][prop]") {
  // Names of up to 18 characters are not wrapped, so the label is the name.
  const std::string alphabet = "ab Z09\\\"'<>&;={}[]#%/\n-_.";
  rc::prop("label and exported name round-trip", [&] {
    const auto chars = *rc::gen::container<std::vector<char>>(rc::gen::elementOf(alphabet));
    std::string name(chars.begin(), chars.size() > 18 ? chars.begin() + 18 : chars.end());
    // Spaces around a line break are where wrapping may differ: keep the
    // property about escaping.
    for (auto& c : name)
      if (c == '\n') c = '_';
    model m;
    unit u;
    u.id = "x";
    u.name = name;
    m.units.push_back(u);
    parsed p(view_dot(m, {}));
    RC_ASSERT(p.g != nullptr);
    RC_ASSERT(agerrors() == 0);
    Agnode_t* n = node_of(p.g, "x");
    RC_ASSERT(n != nullptr);
    std::string shown = label_text(attr(n, "label"));
    // wrapping collapses runs of spaces and drops them at the ends
    std::string expected;
    for (char c : name)
      if (!(c == ' ' && (expected.empty() || expected.back() == ' '))) expected += c;
    while (!expected.empty() && expected.back() == ' ') expected.pop_back();
    RC_ASSERT(shown == expected);
    parsed e(export_dot(m));
    RC_ASSERT(e.g != nullptr);
    const std::string raw = attr(agnode(e.g, cs("x"), 0), "name");
    std::string back;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '\\' && k + 1 < raw.size() && raw[k + 1] == '\\') ++k;
      back += raw[k];
    }
    RC_ASSERT(back == name);
  });
}

TEST_CASE("SVG, PNG and PDF are produced, and the SVG names every unit", "[render]") {
  const model m = load(small_model);
  const std::string svg = render_view(m, {}, output_format::svg);
  CHECK(svg.rfind("<?xml", 0) == 0);
  CHECK(svg.find("</svg>") != std::string::npos);
  for (const auto& u : m.units) {
    if (u.id == "rnd" || u.id == "gtm") continue;
    CHECK(svg.find(">" + u.display_name()) != std::string::npos);
  }
  CHECK(svg.find("R&amp;D division") != std::string::npos);  // the cluster label
  CHECK(svg.find("xlink:title=") != std::string::npos);       // tooltips
  const std::string png = render_view(m, {}, output_format::png);
  REQUIRE(png.size() > 8);
  CHECK(png.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) == 0);
  const std::string pdf = render_view(m, {}, output_format::pdf);
  CHECK(pdf.rfind("%PDF-", 0) == 0);
  // Cairo stamps the time of writing; orgflow fixes the stamp, so a PDF
  // written a second later is the same file.
  CHECK(pdf.find("/CreationDate (D:20000101000000") != std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  CHECK(render_view(m, {}, output_format::pdf) == pdf);
  CHECK(render_view(m, {}, output_format::dot) == view_dot(m, {}));
}

TEST_CASE("the same render twice gives the same bytes", "[render]") {
  const model m = load(small_model);
  CHECK(view_dot(m, {}) == view_dot(m, {}));
  const std::string a = render_view(m, {}, output_format::svg);
  const std::string b = render_view(m, {}, output_format::svg);
  CHECK(a == b);
  // The layout runs in a child forked from this process: whatever this
  // process did with its heap before must not change the picture (cgraph
  // orders clusters by the address of their names unless told otherwise).
  std::vector<std::string> kept;
  for (int round = 0; round < 12; ++round) {
    std::vector<std::string> garbage;
    for (int k = 0; k < 200; ++k) garbage.emplace_back(static_cast<std::size_t>(17 + (k * 37 + round * 101) % 300), 'x');
    for (std::size_t k = 0; k < garbage.size(); k += 3) kept.push_back(std::move(garbage[k]));
    INFO("round " << round);
    CHECK(render_view(m, {}, output_format::svg) == a);
  }
  render_options o;
  o.layout = layout_engine::neato;
  CHECK(render_view(m, o, output_format::svg) == render_view(m, o, output_format::svg));
}

TEST_CASE("a failing Graphviz is an environment_error with its message, never a crash", "[render]") {
  using render_detail::render_dot;
  CHECK(render_dot("digraph { a -> b }", layout_engine::dot, output_format::svg).find("</svg>") != std::string::npos);
  try {
    render_dot("digraph { a -> ", layout_engine::dot, output_format::svg);
    FAIL("no exception");
  } catch (const environment_error& e) {
    CHECK(std::string(e.what()).find("Graphviz could not read") != std::string::npos);
    CHECK(std::string(e.what()).find("syntax error") != std::string::npos);
    CHECK(e.exit_status() == 3);
  }
  // An HTML label that is not well-formed: Graphviz reports it and the child
  // says so (in 2.42 it is an error of the layout, not of the reader).
  CHECK_THROWS_AS(render_dot("digraph { a [label=<<B>x</I>>] }", layout_engine::dot, output_format::svg),
                  environment_error);
  // And the process that asked is still fine.
  CHECK(render_dot("digraph { a -> b }", layout_engine::neato, output_format::png).rfind("\x89PNG", 0) == 0);
}

TEST_CASE("unknown views are refused with a message", "[render]") {
  const model m = load(small_model);
  render_options o;
  o.view = "picture";
  REQUIRE(view_problem(m, o));
  CHECK(view_problem(m, o)->find("unknown view 'picture'") != std::string::npos);
  CHECK_THROWS_AS(view_dot(m, o), std::invalid_argument);
  CHECK_THROWS_WITH(view_dot(m, o), Catch::Contains("unknown view 'picture'"));
  o.view = "unit";
  CHECK(view_problem(m, o));
  for (const char* good : {"map", "overview", "full", "groups"}) {
    o.view = good;
    CHECK_FALSE(view_problem(m, o));
  }
}

TEST_CASE("view_problem gives as a value the sentence view_dot would throw", "[render][errors]") {
  const model m = load(small_model);
  analysis_result r;
  r.findings.resize(1);
  render_options o;
  for (const char* view : {"unit:nobody", "artifact:nothing", "process:nothing", "finding:0", "finding:2",
                           "finding:x", "finding:99999999999", "picture", "map:1"}) {
    o.view = view;
    o.analysis = &r;
    const auto problem = view_problem(m, o);
    REQUIRE(problem);
    CHECK_THROWS_WITH(view_dot(m, o), *problem);
  }
  o.view = "finding:1";
  o.analysis = nullptr;
  CHECK(view_problem(m, o) == std::optional<std::string>("the view finding:1 needs the analysis of the model"));
  // A layout is judged on the size of the view.
  o.view = "map";
  o.layout = layout_engine::dot;
  CHECK_FALSE(view_problem(m, o));
  model big;
  for (std::size_t i = 0; i < render_detail::spring_boxes + 1; ++i) {
    unit u;
    u.id = "u" + std::to_string(i);
    big.units.push_back(u);
  }
  o.view = "full";
  o.layout = layout_engine::neato;
  const auto slow = view_problem(big, o);
  REQUIRE(slow);
  CHECK(slow->find("--layout neato would take too long for this view (301 boxes") == 0);
  CHECK_THROWS_WITH(view_dot(big, o), *slow);
}

TEST_CASE("findings are marked on the map", "[render]") {
  const model m = load(small_model);
  analysis_result r;
  r.model_name = *m.name;
  finding gap;
  gap.code = "GAP.NO_ROUTE";
  gap.level = severity::critical;
  gap.units = {"finance", "marketing"};
  gap.artifact = "prices";
  gap.metrics = {{"owner", std::string("finance")}, {"consumer", std::string("marketing")},
                 {"reachable_in_G", false}};
  finding stale;
  stale.code = "STALE.ROUTE";
  stale.level = severity::critical;
  stale.units = {"marketing", "product", "sales"};
  stale.artifact = "features";
  stale.path = {"product", "sales", "marketing"};
  stale.metrics = {{"owner", std::string("product")}, {"consumer", std::string("marketing")},
                   {"outdated_share", 0.988487}};
  finding load;
  load.code = "LOAD.OVER";
  load.level = severity::critical;
  load.units = {"sales"};
  load.metrics = {{"rho", 1.416667}};
  finding cut;
  cut.code = "RISK.CUT_UNIT";
  cut.level = severity::warning;
  cut.units = {"marketing"};
  finding single;
  single.code = "RISK.SINGLE_ROUTE";
  single.level = severity::warning;
  single.units = {"crm", "sales"};
  single.artifact = "prices";
  single.metrics = {{"unit", std::string("crm")}, {"owner", std::string("finance")},
                    {"consumers", std::vector<std::string>{"sales"}}};
  finding isolated;
  isolated.code = "GAP.ISOLATED";
  isolated.level = severity::warning;
  isolated.units = {"legal"};
  finding split;
  split.code = "GAP.SPLIT";
  split.level = severity::warning;
  split.units = {"legal"};
  split.title = "The organization falls apart into 2 parts that never exchange information";
  r.findings = {gap, stale, load, cut, single, isolated, split};
  need_row row;
  row.unit = "marketing";
  row.artifact = "features";
  row.flows = {"product->sales#1", "sales->marketing#1"};
  r.needs = {row};

  render_options o;
  o.analysis = &r;
  const std::string dot = view_dot(m, o);
  parsed p(dot);
  REQUIRE(p.g);
  CHECK(agerrors() == 0);
  // The missing route: a dashed red edge labelled with what is needed.
  Agedge_t* needed = nullptr;
  for (Agedge_t* e = agfstout(p.g, node_of(p.g, "finance")); e; e = agnxtout(p.g, e))
    if (aghead(e) == node_of(p.g, "marketing")) needed = e;
  REQUIRE(needed);
  CHECK(attr(needed, "style") == "dashed");
  CHECK(label_text(edge_text(needed)) == "needed: Price list");
  // The stale route: both flows of the path coloured, with the share.
  std::size_t stale_edges = 0;
  for (Agnode_t* n = agfstnode(p.g); n; n = agnxtnode(p.g, n))
    for (Agedge_t* e = agfstout(p.g, n); e; e = agnxtout(p.g, e))
      if (label_text(edge_text(e)).find("stale: 99% outdated") != std::string::npos) ++stale_edges;
  CHECK(stale_edges == 2);
  // The overloaded unit: filled on the heat scale, with its load.
  CHECK(attr(node_of(p.g, "sales"), "fillcolor") != "#ffffff");
  CHECK(label_text(attr(node_of(p.g, "sales"), "label")).find("142% busy") != std::string::npos);
  // The single point of failure: a double border.
  CHECK(attr(node_of(p.g, "marketing"), "peripheries") == "2");
  // (a system gets a heavy outline: a cylinder drawn twice looks like two)
  CHECK(attr(node_of(p.g, "crm"), "penwidth") == "3");
  CHECK(attr(node_of(p.g, "crm"), "color") == attr(node_of(p.g, "marketing"), "color"));
  CHECK(attr(node_of(p.g, "finance"), "peripheries") != "2");
  // The isolated unit says so.
  CHECK(label_text(attr(node_of(p.g, "legal"), "label")).find("isolated") != std::string::npos);
  // A split organization is said in the title.
  CHECK(label_text(attr(p.g, "label")).find("falls apart into 2 parts") != std::string::npos);
  // The legend names the findings shown.
  CHECK(dot.find("needed, but no route") != std::string::npos);
  CHECK(dot.find("single point of failure") != std::string::npos);
  CHECK(dot.find("overloaded:") != std::string::npos);
  // And the picture still renders.
  CHECK(render_view(m, o, output_format::svg).find("needed: Price list") != std::string::npos);
}

TEST_CASE("focus views: unit, artifact, process and finding", "[render]") {
  const model m = load(small_model);
  render_options o;
  o.view = "unit:sales";
  {
    parsed p(view_dot(m, o));
    REQUIRE(p.g);
    // Sales and everything it exchanges with: product, marketing, crm, customers.
    CHECK(agnnodes(p.g) == 5);
    CHECK(node_of(p.g, "finance") == nullptr);
    CHECK(agsubg(p.g, cs("cluster_rnd"), 0) != nullptr);
    CHECK(attr(node_of(p.g, "sales"), "penwidth") == "3");
    CHECK(label_text(attr(p.g, "label")).find("Sales and its neighbours: 2 flows in, 2 flows out, 1 handoff") !=
          std::string::npos);
  }
  o.view = "artifact:features";
  {
    parsed p(view_dot(m, o));
    REQUIRE(p.g);
    // product -> sales -> marketing, and crm -> sales carries everything (`*`)
    CHECK(agnnodes(p.g) == 4);
    CHECK(agnedges(p.g) == 3);
    CHECK(node_of(p.g, "finance") == nullptr);
    CHECK(label_text(attr(node_of(p.g, "product"), "label")) == "Product Development owner, changes every 14 days");
  }
  o.view = "process:lead-to-cash";
  {
    parsed p(view_dot(m, o));
    REQUIRE(p.g);
    CHECK(agnnodes(p.g) == 2);
    CHECK(view_dot(m, o).find("waits 3 days") != std::string::npos);
  }
  o.view = "process:nothing";
  CHECK_THROWS_WITH(view_dot(m, o), Catch::Contains("no handoff belongs to the process 'nothing'"));
  o.view = "unit:nobody";
  CHECK_THROWS_WITH(view_dot(m, o), Catch::Contains("the model has no unit 'nobody'"));
  o.view = "finding:1";
  CHECK_THROWS_WITH(view_dot(m, o), Catch::Contains("needs the analysis"));

  analysis_result r;
  finding manual;
  manual.code = "FRICTION.MANUAL";
  manual.level = severity::warning;
  manual.units = {"crm", "finance"};
  manual.ref = "finance->crm#1";
  manual.metrics = {{"flow", std::string("finance->crm#1")}, {"on_delivery_path", true}};
  manual.title = "The Price list is copied by hand from Finance to CRM system";
  manual.recommendation = "Connect Finance and CRM system.";
  r.findings = {manual};
  o.analysis = &r;
  o.view = "finding:1";
  const std::string dot = view_dot(m, o);
  parsed p(dot);
  REQUIRE(p.g);
  CHECK(agnnodes(p.g) == 2);
  CHECK(agnedges(p.g) == 1);
  CHECK(label_text(attr(p.g, "label")).find("copied by hand") != std::string::npos);
  CHECK(render_view(m, o, output_format::svg).find("CRM system") != std::string::npos);
  o.view = "finding:2";
  CHECK_THROWS_WITH(view_dot(m, o), Catch::Contains("there is no finding 2: the analysis has 1 finding"));
}

namespace {

/// A random organization: `n` units in groups of about ten (nested one level
/// for every fifth group), about 2.5 flows per unit, mostly inside groups,
/// some handoffs. Deterministic for a seed (raw mt19937 output only).
model random_model(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t k) { return static_cast<std::size_t>(rng() % k); };
  model m;
  m.name = "Random organization of " + std::to_string(n) + " units";
  const std::size_t groups = std::max<std::size_t>(1, n / 10);
  for (std::size_t g = 0; g < groups; ++g) {
    unit u;
    u.id = "g" + std::to_string(g);
    u.name = "Division " + std::to_string(g);
    if (g % 5 == 4) u.group = "g" + std::to_string(g - 1);
    m.units.push_back(u);
  }
  const std::size_t members = n > groups ? n - groups : 0;
  for (std::size_t i = 0; i < members; ++i) {
    unit u;
    u.id = "u" + std::to_string(i);
    u.name = "Unit number " + std::to_string(i) + (i % 3 == 0 ? " with a longer name" : "");
    u.group = "g" + std::to_string(i % groups);
    if (i % 17 == 0) u.kind = unit_kind::system;
    if (i % 23 == 0) u.kind = unit_kind::external;
    m.units.push_back(u);
  }
  if (members < 2) return m;
  artifact a;
  a.id = "a0";
  a.name = "Plan";
  a.owner = "u0";
  m.artifacts.push_back(a);
  std::map<std::string, int> seen;
  for (std::size_t k = 0; k < members * 5 / 2; ++k) {
    const std::size_t from = pick(members);
    std::size_t to = pick(100) < 70 ? (from + groups * (1 + pick(2))) % members : pick(members);
    if (to == from) to = (from + 1) % members;
    flow f;
    f.from = "u" + std::to_string(from);
    f.to = "u" + std::to_string(to);
    f.id = f.from + "->" + f.to + "#" + std::to_string(++seen[f.from + ">" + f.to]);
    f.id_generated = true;
    if (pick(3) == 0) f.carries = std::vector<std::string>{"a0"};
    m.flows.push_back(f);
  }
  for (std::size_t k = 0; k < members / 5; ++k) {
    handoff h;
    const std::size_t from = pick(members);
    h.from = "u" + std::to_string(from);
    h.to = "u" + std::to_string((from + 1 + pick(members - 1)) % members);
    h.id = h.from + "->" + h.to + "#" + std::to_string(++seen["h" + h.from + ">" + h.to]);
    h.id_generated = true;
    h.item = "ticket";
    m.handoffs.push_back(h);
  }
  return m;
}

}  // namespace

TEST_CASE("a map too large to read is an overview, and says so, full draws everything", "[render]") {
  const model m = random_model(1200, 7);
  const std::string dot = view_dot(m, {});
  parsed p(dot);
  REQUIRE(p.g);
  CHECK(agerrors() == 0);
  const std::string title = label_text(attr(p.g, "label"));
  CHECK(title.find("Overview: ") != std::string::npos);
  CHECK(title.find("1,200 units and ") != std::string::npos);
  CHECK(title.find("are more than one map can show readably") != std::string::npos);
  CHECK(title.find("--view full") != std::string::npos);
  // 96 top-level groups are too many boxes for an overview of groups: the
  // units, at most 30 of them, and at most 60 arrows between them.
  CHECK(agnnodes(p.g) <= static_cast<int>(render_detail::overview_boxes));
  CHECK(agnnodes(p.g) >= 10);
  CHECK(agnedges(p.g) <= static_cast<int>(render_detail::overview_arrows));
  CHECK(agnedges(p.g) >= 10);
  CHECK(dot == view_dot(m, {}));
  render_options o;
  o.view = "overview";
  CHECK(view_dot(m, o) == dot);
  o.view = "groups";
  parsed groups(view_dot(m, o));
  REQUIRE(groups.g);
  CHECK(agnnodes(groups.g) == 96);  // one node per top-level group: 120 groups, every fifth nested
  // `full`: every unit, laid out with sfdp, arrows without texts (there are
  // thousands), translucent.
  o.view = "full";
  const std::string big = view_dot(random_model(1000, 7), o);
  parsed full(big);
  REQUIRE(full.g);
  CHECK(agnnodes(full.g) == 900);  // 100 of the 1,000 units are groups, drawn as nothing (sfdp has no frames)
  CHECK(big.find("layout=\"sfdp\"") != std::string::npos);
  CHECK(count(big, " label=<") == static_cast<std::size_t>(agnnodes(full.g)) + 1);  // the nodes' and the title's, none on an arrow
  CHECK(count(big, "xlabel=") == 0);
  CHECK(big.find("#3e6c9959") != std::string::npos);
  // The whole map of a model that fits is still the map.
  o.view = "full";
  CHECK(view_dot(load(small_model), o) == view_dot(load(small_model), {}));
}

TEST_CASE("the groups view aggregates flows between groups with counts", "[render]") {
  const model m = load(small_model);
  render_options o;
  o.view = "groups";
  parsed p(view_dot(m, o));
  REQUIRE(p.g);
  // rnd and gtm collapse; finance, customers and legal stay units.
  CHECK(agnnodes(p.g) == 5);
  Agnode_t* gtm = node_of(p.g, "gtm");
  REQUIRE(gtm);
  CHECK(label_text(attr(gtm, "label")).find("Go-to-market 4 units, 2 flows inside") == 0);
  Agnode_t* rnd = node_of(p.g, "rnd");
  REQUIRE(rnd);
  Agedge_t* e = agfstout(p.g, rnd);
  REQUIRE(e);
  CHECK(aghead(e) == gtm);
  CHECK(label_text(edge_text(e)) == "1 flow: Product feature list");
  // Graphviz writes `-` as `&#45;` in SVG text.
  CHECK(render_view(m, o, output_format::svg).find("Go&#45;to&#45;market") != std::string::npos);
}

TEST_CASE("export --to dot: a DOT graph cgraph reads back with every attribute", "[render]") {
  const model m = load(small_model);
  const std::string dot = export_dot(m);
  parsed p(dot);
  REQUIRE(p.g);
  CHECK(agerrors() == 0);
  CHECK(agnnodes(p.g) == static_cast<int>(m.units.size()));
  CHECK(agnedges(p.g) == static_cast<int>(m.flows.size() + m.handoffs.size()));
  Agnode_t* crm = agnode(p.g, cs("crm"), 0);
  REQUIRE(crm);
  CHECK(attr(crm, "label") == "CRM system");
  CHECK(attr(crm, "kind") == "system");
  CHECK(attr(crm, "group") == "gtm");
  Agraph_t* gtm = agsubg(p.g, cs("cluster_gtm"), 0);
  REQUIRE(gtm);
  CHECK(agnode(gtm, cs("crm"), 0) != nullptr);
  CHECK(agnode(gtm, cs("gtm"), 0) != nullptr);
  std::size_t handoffs = 0, flows = 0;
  for (Agnode_t* n = agfstnode(p.g); n; n = agnxtnode(p.g, n)) {
    for (Agedge_t* e = agfstout(p.g, n); e; e = agnxtout(p.g, e)) {
      if (attr(e, "orgflow") == "handoff") {
        ++handoffs;
        CHECK(attr(e, "item") == "lead");
        CHECK(attr(e, "volume") == "150/w");
        CHECK(attr(e, "wait") == "3d");
        CHECK(attr(e, "process") == "lead-to-cash");
      } else if (attr(e, "orgflow") == "flow") {
        ++flows;
        if (std::string(agnameof(agtail(e))) == "finance") {
          CHECK(attr(e, "carries") == "prices");
          CHECK(attr(e, "manual") == "true");
          CHECK(attr(e, "format") == "xlsx");
        }
        if (std::string(agnameof(agtail(e))) == "sales" && std::string(agnameof(aghead(e))) == "marketing") {
          CHECK(attr(e, "cadence") == "monthly");
          CHECK(attr(e, "latency") == "2d");
        }
      }
    }
  }
  CHECK(handoffs == 1);
  CHECK(flows == 5);
  CHECK(export_dot(m) == dot);
}

// Timings for docs/views.md: `./test_render "[.bench]"` (not part of CTest).
// Wall time, and the CPU time of the layout child (less sensitive to a
// machine shared with other work).
TEST_CASE("render times by size", "[.bench]") {
  auto child_cpu = [] {
    rusage u{};
    getrusage(RUSAGE_CHILDREN, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  };
  struct size_case { std::size_t units; bool flat; };
  for (const size_case c : {size_case{50, false}, size_case{200, false}, size_case{400, false},
                            size_case{5000, false}, size_case{60, true}, size_case{100, true},
                            size_case{150, true}}) {
    const std::size_t n = c.units;
    model m = random_model(n, 11);
    if (c.flat)  // no groups at all: the hard case for dot
      for (auto& u : m.units) u.group.reset();
    const std::string dot = view_dot(m, {});
    const auto at = dot.find("layout=\"");
    const std::string engine = dot.substr(at + 8, dot.find('"', at + 8) - at - 8);
    const double cpu0 = child_cpu();
    const auto t0 = std::chrono::steady_clock::now();
    const std::string svg = render_view(m, {}, output_format::svg);
    const auto t1 = std::chrono::steady_clock::now();
    const double s = std::chrono::duration<double>(t1 - t0).count();
    std::cout << n << (c.flat ? " units in no group, " : " units, ") << m.flows.size() << " flows, " << m.handoffs.size() << " handoffs ("
              << (dot.find("orgflow groups") != std::string::npos ? "groups view" : "map") << ", " << engine
              << "): " << s << " s wall, " << child_cpu() - cpu0 << " s CPU, " << svg.size() << " bytes of SVG\n";
    CHECK(svg.find("</svg>") != std::string::npos);
  }
}

// Tier 1 hands a ticket to Tier 2 (twice: two processes), Tier 2 gives the
// resolved ticket back (`returns`). The two handoffs on to Tier 2 fold into
// one arrow; the one back is its own arrow, dashed with an open head, and
// the legend says what it means.
TEST_CASE("a handoff that gives work back is drawn apart from work handed on", "[render]") {
  const model m = load(R"({"orgflow": 2, "units": [{"id": "t1", "name": "Tier 1"}, {"id": "t2", "name": "Tier 2"}],
    "flows": [{"from": "t1", "to": "t2"}],
    "handoffs": [{"from": "t1", "to": "t2", "process": "support", "item": "ticket"},
                 {"from": "t1", "to": "t2", "process": "escalation", "item": "incident"},
                 {"from": "t2", "to": "t1", "process": "support", "item": "resolved ticket", "returns": true}]})");
  const std::string dot = view_dot(m, {});
  parsed p(dot);
  REQUIRE(p.g);
  Agedge_t* on = nullptr;
  Agedge_t* back = nullptr;
  for (Agnode_t* n = agfstnode(p.g); n; n = agnxtnode(p.g, n))
    for (Agedge_t* e = agfstout(p.g, n); e; e = agnxtout(p.g, e)) {
      if (attr(e, "tooltip").rfind("Work given back: Tier 2", 0) == 0) back = e;
      if (attr(e, "tooltip").rfind("Work: Tier 1", 0) == 0) on = e;
    }
  REQUIRE(back);
  REQUIRE(on);
  CHECK(attr(back, "style") == "bold,dashed");
  CHECK(attr(back, "arrowhead") == "onormal");
  CHECK(label_text(edge_text(back)).find("gives back resolved ticket") != std::string::npos);
  CHECK(attr(on, "style") == "bold");
  CHECK(label_text(edge_text(on)).find("2 handoffs: ticket, incident") != std::string::npos);
  CHECK(label_text(attr(p.g, "label")).find("finished work given back (returns)") != std::string::npos);
  // Without `returns` the handoff back is ordinary work, and the legend has no entry for it.
  model plain = m;
  plain.handoffs[2].returns.reset();
  const std::string plain_dot = view_dot(plain, {});
  CHECK(plain_dot.find("onormal") == std::string::npos);
  CHECK(plain_dot.find("given back") == std::string::npos);
}

TEST_CASE("export writes groups nested 20,000 deep, in text linear in the depth", "[render][export]") {
  model m;
  constexpr int depth = 20000;
  for (int i = 0; i < depth; ++i) {
    unit u;
    u.id = "g" + std::to_string(i);
    if (i > 0) u.group = "g" + std::to_string(i - 1);
    m.units.push_back(u);
  }
  unit leaf;
  leaf.id = "leaf";
  leaf.group = "g" + std::to_string(depth - 1);
  m.units.push_back(leaf);
  const std::string dot = export_dot(m);
  CHECK(dot.size() < std::size_t{1000} * (depth + 1));  // about 400 bytes per group: linear, not quadratic
  std::size_t opened = 0, closed = 0;
  for (std::size_t at = dot.find("subgraph"); at != std::string::npos; at = dot.find("subgraph", at + 1)) ++opened;
  for (std::size_t at = dot.find("}\n"); at != std::string::npos; at = dot.find("}\n", at + 1)) ++closed;
  CHECK(opened == static_cast<std::size_t>(depth));  // every group (each has a member) is a cluster
  CHECK(closed == opened + 1);                           // and the graph itself
  CHECK(dot.find("\"cluster_g19998\"") != std::string::npos);
}
