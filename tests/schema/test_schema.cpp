// The member table (orgflow/model_schema.hpp) against the loader, which is
// the authority on the format: every member the table lists is one the
// loader accepts, with a value of the type the table says, on every array;
// and the starter model of `orgflow init` is valid and shows what it claims.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "orgflow/analysis.hpp"
#include "orgflow/model_schema.hpp"

using namespace orgflow;

namespace {

nlohmann::json sample(const member_info& m, const std::string& array) {
  switch (m.type) {
    case member_type::text: return "some text";
    case member_type::id: return "z1";
    case member_type::unit_ref:
      if (m.name == "to") return array == "flows" ? "marketing" : "finance";
      return "finance";
    case member_type::artifact_ref: return "prices";
    case member_type::kind: return "team";
    case member_type::code: return "RISK.CUT_UNIT";
    case member_type::duration: return "2d";
    case member_type::cadence: return "weekly";
    case member_type::rate: return "5/w";
    case member_type::integer: return 3;
    case member_type::number: return 0.5;
    case member_type::boolean: return true;
    case member_type::text_list: return nlohmann::json::array({"a"});
    case member_type::unit_list: return nlohmann::json::array({"sales"});
    case member_type::artifact_list: return nlohmann::json::array({"prices"});
  }
  return nullptr;
}

std::string joined(const std::vector<diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += d.to_string() + "\n";
  return out;
}

}  // namespace

TEST_CASE("every member of the table is a member the loader accepts, with a value of the table's type", "[schema]") {
  const nlohmann::json base = nlohmann::json::parse(save_model(starter_model()));
  std::size_t checked = 0;
  for (const array_info& a : model_arrays()) {
    REQUIRE(base.contains(std::string(a.name)));  // the starter has an element in every array
    for (const member_info& m : a.members) {
      nlohmann::json doc = base;
      auto& element = doc[std::string(a.name)][0];
      if (m.type != member_type::id || !element.contains("id")) element[std::string(m.name)] = sample(m, std::string(a.name));
      const load_result r = load_model(doc.dump(), "sample.json");
      INFO(a.name << "." << m.name << "\n" << joined(r.diagnostics));
      CHECK(r.ok());
      ++checked;
    }
    // A name the table does not list is refused: the check above can fail.
    nlohmann::json doc = base;
    doc[std::string(a.name)][0]["colour"] = "red";
    CHECK_FALSE(load_model(doc.dump(), "sample.json").ok());
  }
  CHECK(checked == 53);
  for (const member_info& m : model_settings()) CHECK(base.contains(std::string(m.name)));
}

TEST_CASE("required members in the table are those the loader requires", "[schema]") {
  const nlohmann::json base = nlohmann::json::parse(save_model(starter_model()));
  for (const array_info& a : model_arrays())
    for (const member_info& m : a.members) {
      nlohmann::json doc = base;
      auto& element = doc[std::string(a.name)][0];
      if (!element.contains(std::string(m.name))) continue;  // optional ids of flows and handoffs
      element.erase(std::string(m.name));
      const load_result r = load_model(doc.dump(), "sample.json");
      bool missing = false;
      for (const auto& d : r.diagnostics)
        missing = missing || d.pointer == "/" + std::string(a.name) + "/0/" + std::string(m.name);
      INFO(a.name << "." << m.name << "\n" << joined(r.diagnostics));
      CHECK(missing == m.required);
    }
}

TEST_CASE("the starter model is valid, fills every array and its accepted entry matches a finding", "[schema]") {
  const model m = starter_model();
  CHECK(validate_model(m).empty());
  CHECK(m.units.size() == 3);
  CHECK(m.artifacts.size() == 1);
  CHECK(m.flows.size() == 1);
  CHECK(m.handoffs.size() == 1);
  CHECK(m.needs.size() == 1);
  CHECK(m.symptoms.size() == 1);
  CHECK(m.accepted.size() == 1);
  const analysis_result r = analyze(m);
  CHECK(r.accepted == 1);
  CHECK(r.accepted_warnings.empty());
  CHECK(r.count(severity::critical) >= 1);  // something worth reading at once
}
