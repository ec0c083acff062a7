// Tests of `import bpmn` (graphlib/import/bpmn.cpp) and of the XML reader it
// stands on (graphlib/import/xml_reader.cpp): the mapping rules on small
// hand-written documents, the XML safety guards, and all 40 files of
// ../shared/datasets/bpmn (each must import to a valid model; several have
// unit and handoff counts worked out by reading the XML, as commented).
#include <catch2/catch.hpp>
#include <rapidcheck/catch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <string>
#include <unistd.h>
#include <vector>

#include "import/xml_reader.hpp"
#include "orgflow/import.hpp"
#include "orgflow/io.hpp"
#include "orgflow/model.hpp"
#include "support/shared_data.hpp"
#include "support/temp_file.hpp"

namespace {

using orgflow_test::x_member;
// Test inputs are named like the file type the importer expects.
struct temp_file : orgflow_test::temp_file {
  explicit temp_file(const std::string& content, const std::string& name = "input.bpmn")
      : orgflow_test::temp_file(content, name) {}
};

using orgflow::import_bpmn;
using orgflow::import_result;


const orgflow::unit* find_unit(const orgflow::model& m, const std::string& id) {
  const auto i = m.find_unit(id);
  return i ? &m.units[*i] : nullptr;
}


std::string joined_summary(const import_result& r) {
  std::string s;
  for (const auto& line : r.summary) s += line + "\n";
  return s;
}

import_result import_text(const std::string& xml) {
  temp_file f(xml);
  return import_bpmn({f.path});
}

const char* const ns = "http://www.omg.org/spec/BPMN/20100524/MODEL";

}  // namespace

// One document that exercises the rules at once (drawn as the pools see it):
//
//   pool "Order handling" (laned):     lane Sales: task t1, sub-process sp
//                                        (sp holds task c1, not listed)
//                                      lane Billing: task t2, boundary event
//                                        be on t2 (not listed), task t3
//   pool "Customer" (black box, no processRef)
//
//   sequence flows: t1->t2 and sp->t2 (two Sales->Billing occurrences of one
//   process: one handoff with x-occurrences 2), c1->... inside sp stays in
//   Sales, be->t1 (Billing->Sales, via the boundary's host), t2->t3 (inside
//   Billing: no handoff). The last one uses a QName reference `bpmn:t3`.
//   message flows: Customer->t1 (Customer->Sales), t1->t1x... within Sales
//   (skipped, reported), t3->Customer.
//   data: object "Invoice" written by t2 (via a reference), read by t1 and
//   c1 (both Sales: one need). extensionElements hold a fake `lane` with the
//   id of t1, which must not count.
TEST_CASE("bpmn: mapping rules on a small document", "[import][bpmn]") {
  const std::string xml = std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn=")") + ns + R"(" id="defs" name="Order
  handling model">
  <bpmn:collaboration id="c">
    <bpmn:participant id="p_orders" name="Order handling" processRef="proc"/>
    <bpmn:participant id="p_customer" name="Customer"/>
    <bpmn:messageFlow id="m1" sourceRef="p_customer" targetRef="t1"/>
    <bpmn:messageFlow id="m2" sourceRef="t1" targetRef="c1"/>
    <bpmn:messageFlow id="m3" name="invoice" sourceRef="t3" targetRef="p_customer"/>
  </bpmn:collaboration>
  <bpmn:process id="proc" name="Order to cash">
    <bpmn:extensionElements>
      <bpmn:lane id="t1" name="fake lane inside extensionElements"/>
    </bpmn:extensionElements>
    <bpmn:laneSet id="ls">
      <bpmn:lane id="l_sales" name="Sales
 team">
        <bpmn:flowNodeRef>t1</bpmn:flowNodeRef>
        <bpmn:flowNodeRef> sp </bpmn:flowNodeRef>
        <bpmn:childLaneSet id="empty_child_set"/>
      </bpmn:lane>
      <bpmn:lane id="l_billing" name="Billing">
        <bpmn:flowNodeRef>t2</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>bpmn:t3</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:dataObject id="do_invoice" name="Invoice"/>
    <bpmn:dataObjectReference id="ref_a" dataObjectRef="do_invoice"/>
    <bpmn:dataObjectReference id="ref_b" name="Invoice [sent]" dataObjectRef="do_invoice"/>
    <bpmn:task id="t1" name="Take order">
      <bpmn:dataInputAssociation id="in1"><bpmn:sourceRef>ref_b</bpmn:sourceRef></bpmn:dataInputAssociation>
    </bpmn:task>
    <bpmn:subProcess id="sp" name="Check">
      <bpmn:task id="c1" name="Check stock">
        <bpmn:dataInputAssociation id="in2"><bpmn:sourceRef>ref_a</bpmn:sourceRef></bpmn:dataInputAssociation>
      </bpmn:task>
      <bpmn:endEvent id="c2"/>
      <bpmn:sequenceFlow id="s_inner" sourceRef="c1" targetRef="c2"/>
    </bpmn:subProcess>
    <bpmn:task id="t2" name="Bill">
      <bpmn:dataOutputAssociation id="out1"><bpmn:targetRef>ref_a</bpmn:targetRef></bpmn:dataOutputAssociation>
    </bpmn:task>
    <bpmn:boundaryEvent id="be" attachedToRef="t2"/>
    <bpmn:task id="t3" name="Send invoice"/>
    <bpmn:sequenceFlow id="s1" sourceRef="t1" targetRef="t2"/>
    <bpmn:sequenceFlow id="s2" sourceRef="sp" targetRef="t2"/>
    <bpmn:sequenceFlow id="s3" sourceRef="be" targetRef="t1"/>
    <bpmn:sequenceFlow id="s4" sourceRef="t2" targetRef="bpmn:t3"/>
  </bpmn:process>
</bpmn:definitions>
)";
  const auto r = import_text(xml);
  INFO(joined_summary(r));
  REQUIRE(r.diagnostics.empty());
  REQUIRE(r.value);
  const auto& m = *r.value;
  CHECK(orgflow::validate_model(m).empty());
  CHECK(m.name == std::string("Order handling model"));

  // Units: the two lanes and the black box; the laned pool itself is no unit
  // (nothing ends at participant p_orders).
  REQUIRE(m.units.size() == 3);
  CHECK(m.units[0].id == "customer");
  CHECK(m.units[0].kind == orgflow::unit_kind::external);
  CHECK(m.units[1].id == "sales-team");
  CHECK(m.units[1].name == std::string("Sales team"));  // newline folded
  CHECK(!m.units[1].group);
  CHECK(m.units[2].id == "billing");
  CHECK(x_member(m.units[2].extras, "x-bpmn-id") == "\"l_billing\"");

  // Handoffs: Sales->Billing twice (s1, s2) folded; Billing->Sales via the
  // boundary event's host. s4 stays inside Billing.
  REQUIRE(m.handoffs.size() == 2);
  CHECK(m.handoffs[0].from == "sales-team");
  CHECK(m.handoffs[0].to == "billing");
  CHECK(m.handoffs[0].process == std::string("Order to cash"));
  CHECK(x_member(m.handoffs[0].extras, "x-occurrences") == "2");
  CHECK(x_member(m.handoffs[0].extras, "x-bpmn-ids") == R"(["s1","s2"])");
  CHECK(m.handoffs[1].from == "billing");
  CHECK(m.handoffs[1].to == "sales-team");
  CHECK(x_member(m.handoffs[1].extras, "x-occurrences") == "1");

  // Flows: Customer->Sales, Billing->Customer; m2 (Sales->Sales) is skipped.
  // Then the invoice, written in Billing (out1) and read in Sales (in1 by
  // t1, in2 by c1 inside the sub-process): one on-change flow carrying it.
  REQUIRE(m.flows.size() == 3);
  CHECK(m.flows[0].from == "customer");
  CHECK(m.flows[0].to == "sales-team");
  CHECK(x_member(m.flows[0].extras, "x-bpmn-kind") == "\"message-flow\"");
  CHECK(m.flows[1].from == "billing");
  CHECK(m.flows[1].to == "customer");
  CHECK(x_member(m.flows[1].extras, "x-bpmn-names") == R"(["invoice"])");
  CHECK(m.flows[2].from == "billing");
  CHECK(m.flows[2].to == "sales-team");
  CHECK(m.flows[2].carries == std::vector<std::string>{"invoice"});
  CHECK(m.flows[2].cadence_ms() == 0);
  CHECK(x_member(m.flows[2].extras, "x-bpmn-kind") == "\"data-object\"");
  CHECK(x_member(m.flows[2].extras, "x-bpmn-ids") == R"(["out1","in1","in2"])");
  CHECK(x_member(m.flows[2].extras, "x-occurrences").empty());
  const std::string summary = joined_summary(r);
  CHECK(summary.find("1 message flow within one unit skipped: m2") != std::string::npos);
  CHECK(summary.find("2 references written as a QName") != std::string::npos);

  // One artifact for the object and its two references, owned by its writer.
  REQUIRE(m.artifacts.size() == 1);
  CHECK(m.artifacts[0].id == "invoice");
  CHECK(m.artifacts[0].owner == "billing");
  REQUIRE(m.needs.size() == 1);
  CHECK(m.needs[0].unit == "sales-team");
  CHECK(m.needs[0].artifact == "invoice");
}

// A laned pool becomes a unit when something resolves to it: here a node
// that no lane lists and a message flow that ends at the participant. The
// pool is then the group of its lanes. A process that no participant
// references is a pool of its own, named after the process.
TEST_CASE("bpmn: laned pool as a unit, implicit pool, nested lanes", "[import][bpmn]") {
  const std::string xml = std::string(R"(<definitions xmlns=")") + ns + R"(" xmlns:x="urn:vendor">
  <collaboration id="c">
    <participant id="p" name="Plant" processRef="proc"/>
    <messageFlow id="m1" sourceRef="free" targetRef="q"/>
  </collaboration>
  <process id="proc">
    <laneSet id="ls">
      <lane id="outer" name="Production">
        <flowNodeRef>a</flowNodeRef><flowNodeRef>b</flowNodeRef>
        <childLaneSet id="cls">
          <lane id="inner1" name="Welding"><flowNodeRef>a</flowNodeRef></lane>
          <lane id="inner2"><flowNodeRef>b</flowNodeRef></lane>
        </childLaneSet>
      </lane>
    </laneSet>
    <task id="a"/><task id="b"/><task id="free"/>
    <sequenceFlow id="s1" sourceRef="a" targetRef="b"/>
    <sequenceFlow id="s2" sourceRef="b" targetRef="free"/>
  </process>
  <process id="q" name="Supplier process"><task id="z"/></process>
  <x:whatever><task id="vendor-task"/></x:whatever>
</definitions>)";
  const auto r = import_text(xml);
  INFO(joined_summary(r));
  REQUIRE(r.value);
  const auto& m = *r.value;
  CHECK(orgflow::validate_model(m).empty());
  // Plant (pool), Supplier process (implicit pool), Production, Welding,
  // inner2 (an anonymous lane that is not the pool's only lane: its id).
  REQUIRE(m.units.size() == 5);
  CHECK(m.units[0].id == "plant");
  CHECK(m.units[1].id == "supplier-process");
  CHECK(m.units[2].id == "production");
  CHECK(m.units[2].group == std::string("plant"));
  CHECK(m.units[3].id == "welding");
  CHECK(m.units[3].group == std::string("production"));
  CHECK(m.units[4].id == "inner2");
  // a (Welding, the innermost lane) -> b (inner2) -> free (the pool).
  REQUIRE(m.handoffs.size() == 2);
  CHECK(m.handoffs[0].from == "welding");
  CHECK(m.handoffs[0].to == "inner2");
  CHECK(m.handoffs[0].process == std::string("proc"));  // no name: the id
  CHECK(m.handoffs[1].from == "inner2");
  CHECK(m.handoffs[1].to == "plant");
  // A message flow ending at a process (not a participant) does not resolve.
  CHECK(m.flows.empty());
  CHECK(joined_summary(r).find("not a participant, lane or flow node skipped: m1") != std::string::npos);
}

TEST_CASE("bpmn: a process only called by a call activity belongs to the caller", "[import][bpmn]") {
  const std::string xml = std::string(R"(<definitions xmlns=")") + ns + R"(">
  <collaboration id="c"><participant id="p" name="Office" processRef="main"/></collaboration>
  <process id="main">
    <laneSet id="ls">
      <lane id="l1" name="Clerk"><flowNodeRef>call</flowNodeRef></lane>
      <lane id="l2" name="Manager"><flowNodeRef>approve</flowNodeRef></lane>
    </laneSet>
    <callActivity id="call" calledElement="sub"/>
    <task id="approve"/>
    <sequenceFlow id="s1" sourceRef="call" targetRef="approve"/>
  </process>
  <process id="sub" name="Prepare file">
    <task id="x"/><task id="y"/><sequenceFlow id="s2" sourceRef="x" targetRef="y"/>
    <dataObject id="file" name="Case file"/>
  </process>
</definitions>)";
  const auto r = import_text(xml);
  INFO(joined_summary(r));
  REQUIRE(r.value);
  const auto& m = *r.value;
  CHECK(orgflow::validate_model(m).empty());
  REQUIRE(m.units.size() == 2);  // the called process is not a pool
  REQUIRE(m.handoffs.size() == 1);
  CHECK(m.handoffs[0].from == "clerk");
  // The data object lies in the called process: its owner is the caller's unit.
  REQUIRE(m.artifacts.size() == 1);
  CHECK(m.artifacts[0].owner == "clerk");
}

TEST_CASE("bpmn: empty definitions give a valid model with no units", "[import][bpmn]") {
  const auto r = import_text(std::string("<definitions xmlns=\"") + ns + "\" id=\"d\"/>");
  REQUIRE(r.value);
  CHECK(r.value->units.empty());
  CHECK(orgflow::validate_model(*r.value).empty());
  CHECK(joined_summary(r).find("the model has no units") != std::string::npos);
}

TEST_CASE("bpmn: names are matched by namespace, not prefix", "[import][bpmn]") {
  // The same process under an odd prefix, a redeclared default namespace and
  // a namespace URI with a space (IBM): one unit each time; an element with
  // the right local name in another namespace is not BPMN.
  for (const std::string& root :
       {std::string("<odd:definitions xmlns:odd=\"") + ns +
            "\" xmlns:P=\"http://example.com/Collapsed Process\"><odd:process id=\"p\" name=\"Q\"><odd:task "
            "id=\"t\"/></odd:process></odd:definitions>",
        std::string("<definitions xmlns=\"") + ns + "\"><process id=\"p\" name=\"Q\"><t:task xmlns:t=\"" + ns +
            "\" id=\"t\"/><task xmlns=\"urn:other\" id=\"u\"/></process></definitions>"}) {
    const auto r = import_text(root);
    INFO(joined_summary(r));
    REQUIRE(r.value);
    REQUIRE(r.value->units.size() == 1);
    CHECK(r.value->units[0].id == "q");
    CHECK(joined_summary(r).find("1 flow node") != std::string::npos);
  }
  // A root in the wrong namespace is not a BPMN model.
  const auto wrong = import_text("<definitions xmlns=\"urn:not-bpmn\"/>");
  REQUIRE(wrong.diagnostics.size() == 1);
  CHECK(!wrong.value);
  CHECK(wrong.diagnostics[0].message.find("not a BPMN 2.0 model") != std::string::npos);
}

TEST_CASE("xml: bytes invalid in UTF-8 are read as cp1252", "[import][xml]") {
  orgflow::xml::repair_stats stats;
  CHECK(orgflow::xml::repair_utf8_as_cp1252("kl\xe4ren \x80 \xc3\xbc", &stats) ==
        "kl\xc3\xa4ren \xe2\x82\xac \xc3\xbc");
  CHECK(stats.replaced == 2);
  CHECK(stats.first_line == 1);
  CHECK(stats.first_column == 3);
  CHECK(stats.first_byte == 0xE4);
  // A lone continuation byte and a truncated sequence are invalid too.
  CHECK(orgflow::xml::repair_utf8_as_cp1252("a\x93z\xe2\x82", nullptr) == "a\xe2\x80\x9cz\xc3\xa2\xe2\x80\x9a");

  const std::string doc = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><definitions xmlns=\"") + ns +
                          "\"><process id=\"p\" name=\"Rechnung kl\xe4ren\"><task id=\"t\"/></process></definitions>";
  const auto r = import_text(doc);
  REQUIRE(r.value);
  CHECK(r.value->units[0].name == std::string("Rechnung kl\xc3\xa4ren"));
  CHECK(joined_summary(r).find("1 byte not valid in UTF-8 read as cp1252 (first: 0xE4") != std::string::npos);

  // A file that declares windows-1252 is decoded as such.
  const auto w = orgflow::xml::parse("<?xml version=\"1.0\" encoding=\"windows-1252\"?><a n=\"\x80\xe4\"/>");
  REQUIRE(w.doc);
  CHECK(*w.doc->elements[0].attr("n") == "\xe2\x82\xac\xc3\xa4");
  CHECK(w.notes.empty());
}

TEST_CASE("xml: a billion-laughs document is rejected, quickly", "[import][xml][security]") {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    doc += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) doc += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    doc += "\">\n";
  }
  doc += "]>\n<definitions xmlns=\"" + std::string(ns) + "\"><process id=\"p\" name=\"&lol9;\"/></definitions>\n";
  const auto start = std::chrono::steady_clock::now();
  const auto r = import_text(doc);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 2.0);
  CHECK(!r.value);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].line == 3);  // the first declaration
  CHECK(r.diagnostics[0].message.find("entity declarations are not accepted") != std::string::npos);
}

TEST_CASE("xml: an external entity is never loaded", "[import][xml][security]") {
  // A file the parser would read if it followed external entities; the
  // marker must not appear anywhere in the result.
  temp_file secret("TOP-SECRET-MARKER", "secret.txt");
  const std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM \"file://" + secret.path +
                          "\">]>\n<definitions xmlns=\"" + std::string(ns) +
                          "\"><process id=\"p\" name=\"&x;\"><task id=\"t\"/></process></definitions>\n";
  const auto r = import_text(doc);
  CHECK(!r.value);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("from outside the file") != std::string::npos);
  CHECK(r.diagnostics[0].message.find("TOP-SECRET-MARKER") == std::string::npos);
  for (const auto& s : r.summary) CHECK(s.find("TOP-SECRET-MARKER") == std::string::npos);

  // /etc/passwd and a parameter entity: rejected the same way.
  const auto p = orgflow::xml::parse(
      "<!DOCTYPE d [<!ENTITY % pe SYSTEM \"file:///etc/passwd\"> %pe;]><d>&x;</d>");
  CHECK(!p.doc);
  REQUIRE(p.error);
  CHECK(p.error->message.find("root:") == std::string::npos);
}

TEST_CASE("xml: truncated XML gives a diagnostic with line and column", "[import][xml]") {
  const std::string full = orgflow::read_file(orgflow_test::dataset("bpmn/miwg-ref-C.1.0.bpmn"));
  const auto r = import_text(full.substr(0, full.size() / 2));
  CHECK(!r.value);
  REQUIRE(r.diagnostics.size() == 1);
  const auto& d = r.diagnostics[0];
  CHECK(d.line > 1);
  CHECK(d.column > 0);
  CHECK(d.message.find("truncated") != std::string::npos);
  CHECK(d.to_string().find(":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": ") !=
        std::string::npos);

  const auto empty = import_text("");
  REQUIRE(empty.diagnostics.size() == 1);
  CHECK(empty.diagnostics[0].message == "the file is empty");

  const auto mismatch = orgflow::xml::parse("<a>\n  <b></c>\n</a>");
  REQUIRE(mismatch.error);
  CHECK(mismatch.error->line == 2);
  CHECK(mismatch.error->column == 8);
  // Columns count bytes: the two bytes of the UTF-8 "\xc3\xa4" count twice.
  const auto wide = orgflow::xml::parse("<a>\xc3\xa4</b>");
  REQUIRE(wide.error);
  CHECK(wide.error->column == 8);
}

TEST_CASE("bpmn: several files make one model with unique ids", "[import][bpmn]") {
  const std::string doc = std::string("<definitions xmlns=\"") + ns +
                          "\"><process id=\"p\" name=\"Desk\"><task id=\"t\"/></process></definitions>";
  temp_file a(doc, "a.bpmn");
  temp_file b(doc, "b.bpmn");
  const auto r = import_bpmn({a.path, b.path});
  REQUIRE(r.value);
  REQUIRE(r.value->units.size() == 2);
  CHECK(r.value->units[0].id == "desk");
  CHECK(r.value->units[1].id == "desk-2");
  CHECK(x_member(r.value->units[1].extras, "x-bpmn-file") == "\"b.bpmn\"");
  CHECK(r.value->name == std::string("a + b"));
  CHECK(orgflow::validate_model(*r.value).empty());
}

TEST_CASE("bpmn: a gzip-compressed file reads like the plain one", "[import][bpmn]") {
  const std::string plain = orgflow_test::dataset("bpmn/miwg-ref-C.1.0.bpmn");
  temp_file gz("", "c1.bpmn.gz");
  // Debian's gzip is part of every installation; the test fails loudly if not.
  REQUIRE(std::system(("gzip -c '" + plain + "' > '" + gz.path + "'").c_str()) == 0);
  const auto a = import_bpmn({plain});
  const auto b = import_bpmn({gz.path});
  REQUIRE(a.value);
  REQUIRE(b.value);
  CHECK(orgflow::save_model(*a.value) == orgflow::save_model(*b.value));

  // Corrupt gzip data is bad input with a message, not a crash.
  temp_file broken("\x1f\x8b\x08\x00garbage", "broken.bpmn.gz");
  const auto c = import_bpmn({broken.path});
  CHECK(!c.value);
  REQUIRE(c.diagnostics.size() == 1);
  CHECK(!c.diagnostics[0].message.empty());
}

// Every file of the corpus imports to a valid model, the same bytes twice.
TEST_CASE("bpmn: all 40 dataset files import to valid models", "[import][bpmn][dataset]") {
  const std::vector<std::string> files = {
      "bpmnjs-collaboration-empty-participant.bpmn", "bpmnjs-collaboration-message-flows.bpmn",
      "bpmnjs-collaboration-sequence-flows.bpmn", "bpmnjs-complex-signavio-hr.bpmn", "bpmnjs-containers.bpmn",
      "bpmnjs-data-store-outside-participant.bpmn", "bpmnjs-empty-definitions.bpmn",
      "bpmnjs-lane-missing-flowNodeRef.bpmn", "bpmnjs-lanes-flow-nodes.bpmn",
      "bpmnjs-pools-with-collection-marker.bpmn", "miwg-adonis-C.1.0-export.bpmn", "miwg-aeneis-B.1.0-export.bpmn",
      "miwg-aris-C.1.0-export.bpmn", "miwg-bizagi-A.4.1-roundtrip.bpmn", "miwg-bizagi-B.2.0-roundtrip.bpmn",
      "miwg-bonita-A.4.0-export.bpmn", "miwg-camunda-modeler-C.1.0-export.bpmn",
      "miwg-camunda-modeler-C.4.0-export.bpmn", "miwg-enterprise-explorer-C.5.0-export.bpmn",
      "miwg-genmymodel-C.1.0-export.bpmn", "miwg-genmymodel-C.2.0-export.bpmn",
      "miwg-ibm-process-designer-A.3.0-export.bpmn", "miwg-ibo-prometheus-C.2.0-roundtrip.bpmn",
      "miwg-igrafx-A.4.0-export.bpmn", "miwg-mid-innovator-C.5.0-export.bpmn", "miwg-omnitracker-B.1.0-export.bpmn",
      "miwg-ref-A.1.0.bpmn", "miwg-ref-A.4.0.bpmn", "miwg-ref-A.4.1.bpmn", "miwg-ref-B.1.0.bpmn",
      "miwg-ref-B.2.0.bpmn", "miwg-ref-C.1.0.bpmn", "miwg-ref-C.2.0.bpmn", "miwg-ref-C.4.0.bpmn",
      "miwg-ref-C.5.0.bpmn", "miwg-ref-C.7.0.bpmn", "miwg-signavio-C.2.0-export.bpmn",
      "miwg-visual-paradigm-B.1.0-roundtrip.bpmn", "moddle-case-agile-local-ns.bpmn",
      "moddle-namespace-redefinition.bpmn"};
  REQUIRE(files.size() == 40);
  for (const auto& f : files) {
    INFO(f);
    const std::string path = orgflow_test::dataset("bpmn/" + f);
    const auto r = import_bpmn({path});
    INFO(joined_summary(r));
    for (const auto& d : r.diagnostics) INFO(d.to_string());
    REQUIRE(r.diagnostics.empty());
    REQUIRE(r.value);
    const auto problems = orgflow::validate_model(*r.value);
    for (const auto& d : problems) INFO(d.to_string());
    CHECK(problems.empty());
    CHECK(!r.summary.empty());
    const auto again = import_bpmn({path});
    REQUIRE(again.value);
    CHECK(orgflow::save_model(*again.value) == orgflow::save_model(*r.value));
    CHECK(again.summary == r.summary);
  }
}

namespace {
struct expected_counts {
  std::size_t units, handoffs, handoff_occurrences, flows;
};
expected_counts counts_of(const orgflow::model& m) {
  std::size_t occ = 0;
  for (const auto& h : m.handoffs) occ += std::stoul(x_member(h.extras, "x-occurrences"));
  return {m.units.size(), m.handoffs.size(), occ, m.flows.size()};
}
orgflow::model import_dataset(const std::string& name) {
  const auto r = import_bpmn({orgflow_test::dataset("bpmn/" + name)});
  INFO(joined_summary(r));
  REQUIRE(r.value);
  return *r.value;
}
}  // namespace

// Counts worked out by reading each file (grep for participant, lane,
// flowNodeRef, sequenceFlow and messageFlow, then following the refs).
TEST_CASE("bpmn: unit and handoff counts of vendor exports, one per trap", "[import][bpmn][dataset]") {
  SECTION("reference C.1.0: anonymous single lane named after its pool") {
    // Pool Team-Assistant has one lane without a name (11 nodes) -> unit
    // "Team-Assistant"; pool Process Engine has lanes Approver, Team
    // Assistant, Accountant. Every message flow ends on a node, so neither
    // pool is a unit: 4 units. 4 of the 20 sequence flows cross lanes
    // (teamAssistant->Approver twice, Approver->teamAssistant,
    // Approver->Accountant): 3 handoffs. 5 message flows: 3 from the
    // assistant lane to the engine's Team Assistant lane, 2 back: 2 flows.
    const auto m = import_dataset("miwg-ref-C.1.0.bpmn");
    const auto c = counts_of(m);
    CHECK(c.units == 4);
    CHECK(c.handoffs == 3);
    CHECK(c.handoff_occurrences == 4);
    CHECK(c.flows == 2);
    CHECK(m.units[0].name == std::string("Team-Assistant"));
  }
  SECTION("GenMyModel C.1.0: Latin-1 byte in UTF-8, QName references") {
    // Same process as the reference; flowNodeRef and sourceRef values are
    // written `bpmn2:_id`. Once the prefixes are dropped the lanes resolve
    // and the counts equal the reference's.
    const auto r = import_bpmn({orgflow_test::dataset("bpmn/miwg-genmymodel-C.1.0-export.bpmn")});
    REQUIRE(r.value);
    const auto c = counts_of(*r.value);
    CHECK(c.units == 4);
    CHECK(c.handoffs == 3);
    CHECK(c.handoff_occurrences == 4);
    CHECK(c.flows == 2);
    const std::string s = joined_summary(r);
    CHECK(s.find("read as cp1252") != std::string::npos);
    CHECK(s.find("written as a QName") != std::string::npos);
  }
  SECTION("IBM A.3.0: namespace URI with a space, no collaboration") {
    // One process, no participant, no lanes: one implicit pool unit.
    const auto c = counts_of(import_dataset("miwg-ibm-process-designer-A.3.0-export.bpmn"));
    CHECK(c.units == 1);
    CHECK(c.handoffs == 0);
  }
  SECTION("OMNITRACKER B.1.0: lanes without flowNodeRef, model written twice") {
    // Collaborations _8 and _81 each have participants Participant and Pool
    // (4 pools); each Pool has 2 lanes that list nothing, so its nodes sit in
    // the pool, which becomes a unit: 4 pools + 4 lanes = 8 units. All
    // sequence flows stay inside one unit; 4 message flows between the pools.
    // Both copies write to the one data store _5: a ninth unit, and a flow
    // into it from each Pool.
    const auto r = import_bpmn({orgflow_test::dataset("bpmn/miwg-omnitracker-B.1.0-export.bpmn")});
    REQUIRE(r.value);
    const auto c = counts_of(*r.value);
    CHECK(c.units == 9);
    CHECK(c.handoffs == 0);
    CHECK(c.flows == 6);
    CHECK(joined_summary(r).find("may be written twice") != std::string::npos);
  }
  SECTION("bpmn-js nested lanes listing each node twice: innermost lane") {
    // Lane_A lists all 4 nodes, and so does its child Nested_Lane_A: the
    // nodes are in Nested_Lane_A, both sequence flows stay inside it. Units:
    // 3 participants (Participant_Lane is a unit because 2 message flows end
    // at it) + Lane_A, Nested_Lane_A, Nested_Lane_B.
    const auto m = import_dataset("bpmnjs-lanes-flow-nodes.bpmn");
    const auto c = counts_of(m);
    CHECK(c.units == 6);
    CHECK(c.handoffs == 0);
    CHECK(c.flows == 2);
    REQUIRE(find_unit(m, "nested-lane-a"));
    CHECK(find_unit(m, "nested-lane-a")->group == std::string("lane-a"));
    CHECK(find_unit(m, "lane-a")->group == std::string("participant-lane"));
  }
  SECTION("bpmn-js sequence flows between sibling child lanes") {
    // Lane 1 (children Lane 2, Lane 3) and Lane 4. Task_1 (Lane 3) ->
    // EndEvent_1 (Lane 2) and -> ExclusiveGateway_1 (Lane 4).
    const auto m = import_dataset("bpmnjs-collaboration-sequence-flows.bpmn");
    const auto c = counts_of(m);
    CHECK(c.units == 4);
    CHECK(c.handoffs == 2);
    CHECK(m.handoffs[0].from == "lane-3");
    CHECK(m.handoffs[0].to == "lane-2");
    CHECK(m.handoffs[1].to == "lane-4");
  }
  SECTION("bpmn-js two pools named Pool, message flows to participants") {
    // MessageFlow_1, _4, _5 go from Process_1's nodes to Participant_1 (or
    // its start event), MessageFlow_2 goes back: 2 units, 2 flows.
    const auto m = import_dataset("bpmnjs-collaboration-message-flows.bpmn");
    const auto c = counts_of(m);
    CHECK(c.units == 2);
    CHECK(m.units[0].id == "pool");
    CHECK(m.units[1].id == "pool-2");
    REQUIRE(c.flows == 2);
    CHECK(x_member(m.flows[0].extras, "x-occurrences") == "3");
  }
  SECTION("Signavio C.2.0: one anonymous lane per pool without lanes") {
    // Customer, Credit Card Company and Carrier each get one unnamed lane
    // (named after the pool); Amazon has Picker and Packager: 5 units. One
    // sequence flow crosses Picker -> Packager; 5 message flows, all between
    // different pools.
    const auto c = counts_of(import_dataset("miwg-signavio-C.2.0-export.bpmn"));
    CHECK(c.units == 5);
    CHECK(c.handoffs == 1);
    CHECK(c.flows == 5);
  }
  SECTION("reference B.2.0: boundary events not listed in lanes") {
    // Participant (no lanes) and Pool with Lane 1, Lane 2. The pool becomes
    // a unit since the data store reference lies in it and no task reads or
    // writes it. 4 sequence flows cross Lane 1 -> Lane 2: one handoff.
    const auto c = counts_of(import_dataset("miwg-ref-B.2.0.bpmn"));
    CHECK(c.units == 4);
    CHECK(c.handoffs == 1);
    CHECK(c.handoff_occurrences == 4);
    CHECK(c.flows == 2);
  }
  SECTION("reference C.4.0: one data store shared by four processes") {
    // "Employee Details" is referenced from HR, IT, Payroll and Facilities:
    // one store, one system unit that owns the artifact, read by four.
    // "User Management" (IT alone) and "Payroll system" (Payroll alone) stay
    // artifacts of their one user: 5 units + 1 store.
    const auto m = import_dataset("miwg-ref-C.4.0.bpmn");
    CHECK(m.units.size() == 6);
    const auto a = m.find_artifact("employee-details");
    REQUIRE(a);
    CHECK(m.artifacts[*a].owner == "employee-details");
    std::size_t readers = 0;
    for (const auto& n : m.needs) readers += n.artifact == "employee-details";
    CHECK(readers == 4);
  }
  SECTION("MID Innovator C.5.0: one object per reference gives the reference's artifacts") {
    const auto mid = import_dataset("miwg-mid-innovator-C.5.0-export.bpmn");
    const auto ref = import_dataset("miwg-ref-C.5.0.bpmn");
    CHECK(mid.artifacts.size() == 4);
    REQUIRE(ref.artifacts.size() == 4);
    CHECK(counts_of(mid).units == 3);  // 3 lanes; both data stores serve one lane only
    CHECK(counts_of(ref).units == 3);
    CHECK(counts_of(mid).handoffs == 4);
    CHECK(counts_of(ref).handoffs == 4);
  }
  SECTION("Visual Paradigm B.1.0: fake BPMN elements in extensionElements are ignored") {
    // Participants Participant and Pool with processes, and a black-box copy
    // of each; process B.1.0 ("Trisotech_Visio-_6") has flow nodes and no
    // participant: a pool of its own. Pool's process has Lane 1 and Lane 2
    // and every node listed, so Pool itself is no unit: 3 + 1 + 2 = 6 units
    // (the data store only Lane 2 writes is its artifact, no unit). One
    // sequence flow crosses Lane 1 -> Lane 2.
    const auto r = import_bpmn({orgflow_test::dataset("bpmn/miwg-visual-paradigm-B.1.0-roundtrip.bpmn")});
    REQUIRE(r.value);
    const auto c = counts_of(*r.value);
    CHECK(c.units == 6);
    CHECK(c.handoffs == 1);
    CHECK(joined_summary(r).find("repeats the id") == std::string::npos);
  }
  SECTION("empty definitions") {
    const auto c = counts_of(import_dataset("bpmnjs-empty-definitions.bpmn"));
    CHECK(c.units == 0);
  }
}

// docs/import-bpmn.md shows the real summary of its example: keep it true.
TEST_CASE("bpmn: the example of docs/import-bpmn.md is real output", "[import][bpmn][docs]") {
  const std::string dir = orgflow_test::dataset("bpmn");
  const auto r = import_bpmn({dir + "/miwg-ref-C.1.0.bpmn"});
  REQUIRE(r.value);
  const std::string doc = orgflow::read_file(orgflow_test::source_dir() + "/docs/import-bpmn.md");
  for (std::string line : r.summary) {
    if (line.rfind(dir + "/", 0) == 0) line.erase(0, dir.size() + 1);  // the doc runs in the folder
    INFO(line);
    CHECK(doc.find("\n" + line + "\n") != std::string::npos);
  }
  for (const auto& u : r.value->units)
    CHECK(doc.find("{\"id\": \"" + u.id + "\", \"name\": \"" + *u.name + "\"") != std::string::npos);
}

// Random laned collaborations: every node is assigned to a lane (or to no
// lane), listed in that lane and, half of the time, in its ancestors too
// (the bpmn-js habit). The generator knows each node's unit, so it knows how
// many sequence and message flows cross units; the import must agree, give a
// valid model, and give the same bytes twice.
TEST_CASE("bpmn: random laned collaborations keep every crossing", "[import][bpmn][prop]") {
  rc::prop("crossings are conserved", [] {
    const int pools = *rc::gen::inRange(1, 4);
    std::string procs, parts, flows;
    struct node_info { int pool; int lane; };  // lane -1: in no lane
    std::vector<node_info> nodes;
    std::size_t expected_handoffs = 0, expected_messages = 0;
    for (int p = 0; p < pools; ++p) {
      parts += "<participant id=\"P" + std::to_string(p) + "\" name=\"Pool\" processRef=\"proc" + std::to_string(p) + "\"/>";
      // Lanes: parent[i] is the parent lane index or -1.
      const int lanes = *rc::gen::inRange(0, 5);
      std::vector<int> parent;
      for (int l = 0; l < lanes; ++l) parent.push_back(l == 0 ? -1 : *rc::gen::inRange(-1, l));
      const int count = *rc::gen::inRange(1, 7);
      std::vector<std::vector<std::string>> listed(static_cast<std::size_t>(lanes));
      const std::size_t first = nodes.size();
      for (int k = 0; k < count; ++k) {
        const int lane = lanes == 0 ? -1 : *rc::gen::inRange(-1, lanes);
        const std::string id = "n" + std::to_string(nodes.size());
        nodes.push_back({p, lane});
        const bool with_ancestors = *rc::gen::arbitrary<bool>();
        for (int l = lane; l >= 0; l = with_ancestors ? parent[static_cast<std::size_t>(l)] : -1)
          listed[static_cast<std::size_t>(l)].push_back(id);
      }
      // Nested lane XML, built from the parent array.
      std::function<std::string(int)> lane_xml = [&](int l) {
        std::string x = "<lane id=\"L" + std::to_string(p) + "_" + std::to_string(l) + "\" name=\"Lane\">";
        for (const auto& id : listed[static_cast<std::size_t>(l)]) x += "<flowNodeRef>" + id + "</flowNodeRef>";
        std::string children;
        for (int c = 0; c < lanes; ++c)
          if (parent[static_cast<std::size_t>(c)] == l) children += lane_xml(c);
        if (!children.empty()) x += "<childLaneSet id=\"C" + std::to_string(p) + "_" + std::to_string(l) + "\">" + children + "</childLaneSet>";
        return x + "</lane>";
      };
      procs += "<process id=\"proc" + std::to_string(p) + "\">";
      if (lanes > 0) {
        procs += "<laneSet id=\"S" + std::to_string(p) + "\">";
        for (int l = 0; l < lanes; ++l)
          if (parent[static_cast<std::size_t>(l)] == -1) procs += lane_xml(l);
        procs += "</laneSet>";
      }
      for (std::size_t k = first; k < nodes.size(); ++k) procs += "<task id=\"n" + std::to_string(k) + "\"/>";
      const int seq = *rc::gen::inRange(0, 10);
      for (int k = 0; k < seq; ++k) {
        const auto a = first + static_cast<std::size_t>(*rc::gen::inRange(0, count));
        const auto b = first + static_cast<std::size_t>(*rc::gen::inRange(0, count));
        procs += "<sequenceFlow id=\"s" + std::to_string(p) + "_" + std::to_string(k) + "\" sourceRef=\"n" +
                 std::to_string(a) + "\" targetRef=\"n" + std::to_string(b) + "\"/>";
        expected_handoffs += nodes[a].lane != nodes[b].lane;
      }
      procs += "</process>";
    }
    const int messages = *rc::gen::inRange(0, 8);
    for (int k = 0; k < messages; ++k) {
      const auto a = static_cast<std::size_t>(*rc::gen::inRange(0, static_cast<int>(nodes.size())));
      const auto b = static_cast<std::size_t>(*rc::gen::inRange(0, static_cast<int>(nodes.size())));
      flows += "<messageFlow id=\"m" + std::to_string(k) + "\" sourceRef=\"n" + std::to_string(a) +
               "\" targetRef=\"n" + std::to_string(b) + "\"/>";
      expected_messages += nodes[a].pool != nodes[b].pool || nodes[a].lane != nodes[b].lane;
    }
    const std::string xml = std::string("<definitions xmlns=\"") + ns + "\"><collaboration id=\"c\">" + parts +
                            flows + "</collaboration>" + procs + "</definitions>";
    temp_file f(xml);
    const auto r = import_bpmn({f.path});
    RC_ASSERT(r.diagnostics.empty());
    RC_ASSERT(r.value.has_value());
    RC_ASSERT(orgflow::validate_model(*r.value).empty());
    std::size_t handoffs = 0, messages_seen = 0;
    for (const auto& h : r.value->handoffs) handoffs += std::stoul(x_member(h.extras, "x-occurrences"));
    for (const auto& fl : r.value->flows) messages_seen += std::stoul(x_member(fl.extras, "x-occurrences"));
    RC_ASSERT(handoffs == expected_handoffs);
    RC_ASSERT(messages_seen == expected_messages);
    const auto again = import_bpmn({f.path});
    RC_ASSERT(orgflow::save_model(*again.value) == orgflow::save_model(*r.value));
  });
}
