// A rapidcheck generator of valid models that carry everything a file
// format can trip over, for the round-trip properties of workbooks and the
// properties of merge: random_model() (units, flows, handoffs, needs,
// symptoms) plus `x-` members of every JSON kind on the model and its
// elements, texts that are empty, only quotes, hold `;` or brackets or line
// breaks or control characters or `_x0041_`, lists that need the JSON form,
// numbers that 16 digits cannot hold, integers beyond 2^53, and accepted
// findings. Call inside rc::prop.
#pragma once

#include <rapidcheck.h>

#include <string>
#include <vector>

#include "orgflow/finding_codes.hpp"
#include "random_model.hpp"

namespace orgflow_test {

inline std::string awkward_text() {
  return *rc::gen::element<std::string>(
      "", "\"", "\"\"", "\"quoted\"", "a;b", " lead", "trail ", "[x", "[]", "_x0041_", "a_x00_b", "line\nbreak",
      "cr\r\nlf", "tab\there", std::string("ctrl\x01\x1f", 6), std::string("nul\0byte", 8), "Ünïcödé ✓ 日本",
      "=1+1", "17", "0.1", "TRUE", "false", "2024-01-31", "x-y", "a, b", std::string(300, 'w'), "\xF0\x9F\x98\x80 emoji",
      "\xEF\xBF\xBE nonchar");
}

inline std::string x_value() {
  return *rc::gen::element<std::string>("\"text\"", "\"\"", "12", "-3", "1.50", "0.30000000000000004", "1e300",
                                        "true", "false", "[]", "[1,\"a;b\",[true]]", "{}",
                                        "{\"k\":{\"n\":[1,2]},\"s\":\"v\"}", "\"line\\nbreak\"",
                                        "18446744073709551615", "\"_x0041_\"");
}

inline void add_x(orgflow::json_extras& e) {
  const int n = *rc::gen::inRange(0, 3);
  for (int i = 0; i < n; ++i) {
    const std::string key = *rc::gen::element<std::string>("x-note", "x-source", "x-Owner", "x-a;b", "x-[1]");
    bool seen = false;
    for (const auto& [k, v] : e.x_members) seen = seen || k == key;
    if (!seen) e.x_members.emplace_back(key, x_value());
  }
}

inline orgflow::model rich_model() {
  using namespace orgflow;
  model m = random_model();
  if (*rc::gen::inRange(0, 4) == 0) m.name.reset();
  else if (*rc::gen::inRange(0, 2) == 0) m.name = awkward_text();
  add_x(m.extras);
  for (unit& u : m.units) {
    if (*rc::gen::inRange(0, 3) == 0) u.name = awkward_text();
    if (*rc::gen::inRange(0, 4) == 0) {
      std::vector<std::string> items;
      const int n = *rc::gen::inRange(0, 3);
      for (int i = 0; i < n; ++i) {
        std::string s = awkward_text();
        if (std::find(items.begin(), items.end(), s) == items.end()) items.push_back(s);
      }
      u.accepts = items;
    }
    if (*rc::gen::inRange(0, 6) == 0) u.staff = *rc::gen::element<std::int64_t>(1, 9007199254740993, 4611686018427387904);
    if (*rc::gen::inRange(0, 6) == 0) u.members = *rc::gen::element<std::int64_t>(0, 12, 9007199254740993);
    add_x(u.extras);
  }
  for (artifact& a : m.artifacts) {
    if (*rc::gen::inRange(0, 3) == 0) a.name = awkward_text();
    if (*rc::gen::inRange(0, 4) == 0) a.format = awkward_text();
    add_x(a.extras);
  }
  for (flow& f : m.flows) {
    if (*rc::gen::inRange(0, 4) == 0) f.channel = awkward_text();
    if (*rc::gen::inRange(0, 4) == 0)
      f.reliability = *rc::gen::element(0.30000000000000004, 0.1, 1.0, 0.123456789012345678, 1e-300, 0.9999999999999999);
    if (*rc::gen::inRange(0, 8) == 0) f.id = "f" + std::to_string(&f - m.flows.data()), f.id_generated = false;
    add_x(f.extras);
  }
  for (handoff& h : m.handoffs) {
    if (*rc::gen::inRange(0, 4) == 0) h.item = awkward_text();
    add_x(h.extras);
  }
  for (need& n : m.needs) {
    if (*rc::gen::inRange(0, 3) == 0) n.purpose = awkward_text();
    add_x(n.extras);
  }
  for (symptom& s : m.symptoms) {
    s.description = awkward_text();
    add_x(s.extras);
  }
  const int na = *rc::gen::inRange(0, 3);
  for (int i = 0; i < na; ++i) {
    accepted_finding a;
    a.code = std::string(finding_codes()[static_cast<std::size_t>(*rc::gen::inRange<int>(0, static_cast<int>(finding_codes().size())))].code);
    a.units = {m.units.front().id};
    if (*rc::gen::inRange(0, 2) == 0) a.artifact = "a0";
    if (*rc::gen::inRange(0, 3) == 0) a.ref = awkward_text();
    a.reason = awkward_text();
    add_x(a.extras);
    m.accepted.push_back(a);
    m.has_accepted = true;
  }
  assign_generated_ids(m);
  return m;
}

/// The model as a file holds it: written and loaded back (which drops a
/// repeated need, as the format says). Precondition: m is valid.
inline orgflow::model as_loaded(const orgflow::model& m) {
  return *orgflow::load_model(orgflow::save_model(m), "generated.json").value;
}

}  // namespace orgflow_test
