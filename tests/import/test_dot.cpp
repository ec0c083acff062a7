// Tests of `import dot` (graphlib/import/dot_*.cpp): a small DOT text
// with clusters and the model's attributes, bad input, undirected graphs,
// and the round trip `export --to dot` (graphlib/render/export_dot.cpp) then
// `import dot` on the example models.
#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>

#include "orgflow/import.hpp"
#include "orgflow/io.hpp"
#include "orgflow/model.hpp"
#include "orgflow/render.hpp"
#include "support/shared_data.hpp"

namespace {

struct temp_dot {
  std::string dir, path;
  explicit temp_dot(const std::string& content) {
    char tmpl[] = "/tmp/orgflow-dot-XXXXXX";
    const char* d = ::mkdtemp(tmpl);
    REQUIRE(d != nullptr);
    dir = d;
    path = dir + "/graph.dot";
    std::ofstream(path, std::ios::binary) << content;
  }
  ~temp_dot() {
    std::remove(path.c_str());
    ::rmdir(dir.c_str());
  }
};

orgflow::import_result import_text(const std::string& dot) {
  temp_dot f(dot);
  return orgflow::import_dot(f.path);
}

std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

const orgflow::unit& unit_named(const orgflow::model& m, const std::string& id) {
  const auto i = m.find_unit(id);
  REQUIRE(i);
  return m.units[*i];
}

}  // namespace

//   cluster_rnd "R&D division" (no node of that name: a group unit is made)
//     product "Product\nDevelopment"
//     cluster_lab (no label; node "lab" is its group unit)
//   "Inside Sales" (not a valid id: slug), finance
//   product -> Inside Sales: a flow with every flow attribute
//   finance -> Inside Sales: carries "Price list" (made an artifact)
//   Inside Sales -> finance: a handoff; finance -> finance: skipped
TEST_CASE("dot: nodes, clusters and attributes", "[import][dot]") {
  const auto r = import_text(R"(digraph "acme" {
  label="Acme map";
  subgraph cluster_rnd {
    label="R&D division";
    product [label="Product\nDevelopment"];
    subgraph cluster_lab { lab; }
  }
  "Inside Sales" [kind=team, capacity="120/w", staff=6, accepts="csv,crm", color=blue];
  finance [label="Finance"];
  product -> "Inside Sales" [carries="features", cadence=quarterly, latency="2d", channel="review",
                             format="pdf", manual=true, reliability=0.9, volume="5/w", color=red];
  finance -> "Inside Sales" [carries="Price list"];
  "Inside Sales" -> finance [orgflow=handoff, process="lead-to-cash", item="order", volume="20/w",
                             wait="1d", context="Price list"];
  finance -> finance;
})");
  INFO(joined(r.summary));
  for (const auto& d : r.diagnostics) INFO(d.to_string());
  REQUIRE(r.value);
  const auto& m = *r.value;
  CHECK(orgflow::validate_model(m).empty());
  CHECK(m.name == std::string("Acme map"));

  REQUIRE(m.units.size() == 5);
  CHECK(m.units[0].id == "product");
  CHECK(m.units[0].name == std::string("Product Development"));
  CHECK(m.units[0].group == std::string("r-d-division"));
  CHECK(m.units[1].id == "lab");
  CHECK(m.units[1].group == std::string("r-d-division"));
  const auto& sales = unit_named(m, "inside-sales");
  CHECK(sales.name == std::string("Inside Sales"));
  CHECK(sales.kind == orgflow::unit_kind::team);
  CHECK(sales.capacity->text == "120/w");
  CHECK(sales.staff == 6);
  CHECK(*sales.accepts == std::vector<std::string>{"csv", "crm"});
  CHECK(!sales.group);
  CHECK(unit_named(m, "finance").name == std::string("Finance"));
  CHECK(unit_named(m, "r-d-division").name == std::string("R&D division"));

  REQUIRE(m.flows.size() == 2);
  const auto& f = m.flows[0];
  CHECK(f.from == "product");
  CHECK(f.to == "inside-sales");
  CHECK(*f.carries == std::vector<std::string>{"features"});
  CHECK(f.cadence_ms() == 91 * orgflow::ms_per_day);
  CHECK(f.latency_ms() == 2 * orgflow::ms_per_day);
  CHECK(f.channel == std::string("review"));
  CHECK(f.format == std::string("pdf"));
  CHECK(f.is_manual());
  CHECK(f.reliability == 0.9);
  CHECK(f.volume->text == "5/w");
  CHECK(f.extras.x_members == std::vector<std::pair<std::string, std::string>>{{"x-occurrences", "1"}});
  CHECK(*m.flows[1].carries == std::vector<std::string>{"price-list"});

  REQUIRE(m.handoffs.size() == 1);
  const auto& h = m.handoffs[0];
  CHECK(h.from == "inside-sales");
  CHECK(h.to == "finance");
  CHECK(h.process == std::string("lead-to-cash"));
  CHECK(h.item == std::string("order"));
  CHECK(h.wait_ms() == orgflow::ms_per_day);
  CHECK(*h.context == std::vector<std::string>{"price-list"});

  // Artifacts named in carries and context, owned by their first sender.
  REQUIRE(m.artifacts.size() == 2);
  CHECK(m.artifacts[0].id == "features");
  CHECK(m.artifacts[0].owner == "product");
  CHECK(m.artifacts[1].id == "price-list");
  CHECK(m.artifacts[1].name == std::string("Price list"));
  CHECK(m.artifacts[1].owner == "finance");
  CHECK(joined(r.summary).find("1 edge from a node to itself skipped") != std::string::npos);
}

TEST_CASE("dot: bad values and bad syntax are rejected with a clear message", "[import][dot]") {
  const auto bad = import_text("digraph { a -> b [cadence=sometimes, manual=yes]; c [staff=0]; }");
  CHECK(!bad.value);
  REQUIRE(bad.diagnostics.size() == 3);
  CHECK(bad.diagnostics[0].message.find("node c: staff") != std::string::npos);
  CHECK(bad.diagnostics[1].message.find("edge a -> b: cadence") != std::string::npos);
  CHECK(bad.diagnostics[2].message.find("manual: \"yes\" is not true or false") != std::string::npos);

  // A rate the quantity parser accepts but the format forbids for capacity.
  const auto zero = import_text("digraph { a [capacity=\"0/w\"]; }");
  CHECK(!zero.value);
  REQUIRE(zero.diagnostics.size() == 1);
  CHECK(zero.diagnostics[0].message == "node a: capacity: \"0/w\" must be more than 0 (leave it out if unknown)");

  // Other rules of the format are checked on the result: a group cycle.
  const auto cycle = import_text("digraph { a [group=b]; b [group=a]; }");
  CHECK(!cycle.value);
  REQUIRE(cycle.diagnostics.size() == 1);
  CHECK(cycle.diagnostics[0].message.find("the graph gives an invalid model at /units/0/group: ") == 0);

  const auto syntax = import_text("digraph {\n  a -> b;\n  c -> ;\n}\n");
  CHECK(!syntax.value);
  REQUIRE(syntax.diagnostics.size() == 1);
  CHECK(syntax.diagnostics[0].line == 3);
  CHECK(syntax.diagnostics[0].message.find("not a valid DOT graph") != std::string::npos);

  const auto empty = import_text("\n");
  REQUIRE(empty.diagnostics.size() == 1);
  CHECK(empty.diagnostics[0].message == "the file is empty");
}

TEST_CASE("dot: a group attribute that names no node is reported", "[import][dot]") {
  const auto r = import_text("digraph { a [group=nowhere]; b [group=a]; }");
  REQUIRE(r.value);
  CHECK(!r.value->units[0].group);
  CHECK(r.value->units[1].group == std::string("a"));
  CHECK(joined(r.summary).find("1 group attribute names no other node (ignored): a (group nowhere)") !=
        std::string::npos);
}

TEST_CASE("dot: an undirected edge is a flow each way", "[import][dot]") {
  const auto r = import_text("graph { a -- b; b -- c [channel=chat]; }");
  REQUIRE(r.value);
  const auto& m = *r.value;
  CHECK(orgflow::validate_model(m).empty());
  REQUIRE(m.flows.size() == 4);
  CHECK(m.flows[0].from == "a");
  CHECK(m.flows[1].from == "b");
  CHECK(m.flows[1].to == "a");
  CHECK(m.flows[3].channel == std::string("chat"));
}

// Found by the DOT fuzz target: a list with a repeated entry gave a model
// that changed when saved and loaded again (the loader drops repeats).
TEST_CASE("dot: a repeated entry of carries or accepts is kept once", "[import][dot]") {
  const auto r = import_text(
      "digraph { a [accepts=\"pdf, csv, pdf\"]; a -> b [carries=\"edd,summary,summary, edd\"]; }");
  REQUIRE(r.value);
  const auto& m = *r.value;
  REQUIRE(m.flows.size() == 1);
  REQUIRE(m.flows[0].carries);
  CHECK(*m.flows[0].carries == std::vector<std::string>{"edd", "summary"});
  REQUIRE(m.units[0].accepts);
  CHECK(*m.units[0].accepts == std::vector<std::string>{"pdf", "csv"});
  const std::string saved = orgflow::save_model(m);
  const auto again = orgflow::load_model(saved, "saved.json");
  REQUIRE(again.ok());
  CHECK(orgflow::save_model(*again.value) == saved);
}

// export_dot then import_dot gives back every unit field, flow and handoff
// (artifacts are not in the DOT: those named in carries and context come
// back as artifacts owned by their first sender).
TEST_CASE("dot: export then import round-trips the example models", "[import][dot]") {
  for (const std::string name : {"lead-pipeline", "hospital-discharge", "software-release"}) {
    INFO(name);
    const std::string path = orgflow_test::source_dir() + "/models/" + name + ".json";
    const auto loaded = orgflow::load_model(orgflow::read_file(path), path);
    REQUIRE(loaded.ok());
    const orgflow::model& a = *loaded.value;
    const auto r = import_text(orgflow::export_dot(a));
    for (const auto& d : r.diagnostics) INFO(d.to_string());
    REQUIRE(r.value);
    const orgflow::model& b = *r.value;
    CHECK(orgflow::validate_model(b).empty());
    CHECK(b.name == a.name);

    REQUIRE(b.units.size() == a.units.size());
    for (const auto& ua : a.units) {
      INFO(ua.id);
      const auto& ub = unit_named(b, ua.id);
      CHECK(ub.display_name() == ua.display_name());
      CHECK(ub.kind_or_default() == ua.kind_or_default());
      CHECK(ub.group == ua.group);
      CHECK(ub.capacity == ua.capacity);
      CHECK(ub.staff == ua.staff);
      CHECK(ub.demand == ua.demand);
      CHECK(ub.accepts == ua.accepts);
      CHECK(ub.members == ua.members);
    }
    REQUIRE(b.flows.size() == a.flows.size());
    for (std::size_t i = 0; i < a.flows.size(); ++i) {
      const auto& fa = a.flows[i];
      const auto& fb = b.flows[i];
      INFO(fa.id);
      CHECK(fb.id == fa.id);
      CHECK(fb.from == fa.from);
      CHECK(fb.to == fa.to);
      CHECK(fb.carries == fa.carries);
      CHECK(fb.channel == fa.channel);
      CHECK(fb.latency == fa.latency);
      CHECK(fb.cadence == fa.cadence);
      CHECK(fb.format == fa.format);
      CHECK(fb.manual == fa.manual);
      CHECK(fb.reliability == fa.reliability);
      CHECK(fb.volume == fa.volume);
    }
    REQUIRE(b.handoffs.size() == a.handoffs.size());
    for (std::size_t i = 0; i < a.handoffs.size(); ++i) {
      const auto& ha = a.handoffs[i];
      const auto& hb = b.handoffs[i];
      INFO(ha.id);
      CHECK(hb.id == ha.id);
      CHECK(hb.from == ha.from);
      CHECK(hb.to == ha.to);
      CHECK(hb.process == ha.process);
      CHECK(hb.item == ha.item);
      CHECK(hb.volume == ha.volume);
      CHECK(hb.wait == ha.wait);
      CHECK(hb.context == ha.context);
    }
    // Importing the same text twice gives the same model, byte for byte.
    const auto again = import_text(orgflow::export_dot(a));
    REQUIRE(again.value);
    CHECK(orgflow::save_model(*again.value) == orgflow::save_model(b));
  }
}

// docs/import-dot.md: its DOT example, imported, prints the summary and the
// units the page shows.
TEST_CASE("dot: the example of docs/import-dot.md is real output", "[import][dot][docs]") {
  const std::string doc = orgflow::read_file(orgflow_test::source_dir() + "/docs/import-dot.md");
  const auto start = doc.find("```dot\n");
  REQUIRE(start != std::string::npos);
  const auto end = doc.find("```", start + 7);
  REQUIRE(end != std::string::npos);
  temp_dot f(doc.substr(start + 7, end - start - 7));
  const auto r = orgflow::import_dot(f.path);
  REQUIRE(r.value);
  for (std::string line : r.summary) {
    line.replace(0, f.path.size(), "org.dot");
    INFO(line);
    CHECK(doc.find("\n" + line + "\n") != std::string::npos);
  }
  REQUIRE(r.value->units.size() == 4);
  CHECK(r.value->units[3].id == "r-d-division");
  CHECK(doc.find("{\"id\": \"product\", \"name\": \"Product Development\", \"group\": \"r-d-division\"}") !=
        std::string::npos);
}

TEST_CASE("dot: clusters nested deeper than Graphviz's parser reads are refused with a way out", "[import][dot]") {
  std::string dot = "digraph g {\n";
  for (int i = 0; i < 12000; ++i) dot += "subgraph cluster_" + std::to_string(i) + " {\n";
  dot += "a;\n";
  for (int i = 0; i < 12000; ++i) dot += "}\n";
  dot += "}\n";
  const orgflow::import_result r = import_text(dot);
  REQUIRE_FALSE(r.value);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("memory exhausted") != std::string::npos);
  CHECK(r.diagnostics[0].message.find("flatten the deepest groups") != std::string::npos);
}
