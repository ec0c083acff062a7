// Property tests (rapidcheck) of the model layer: quantity text round trips,
// save -> load of random valid models (equal model, byte-identical second
// save), and random corruptions of valid model text, which must load or give
// diagnostics but never crash or throw. Seeds come from RC_PARAMS (CTest
// sets a fixed one).
#include <catch2/catch.hpp>
#include <rapidcheck.h>
#include <rapidcheck/catch.h>

#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "orgflow/model.hpp"
#include "orgflow/quantity.hpp"
#include "orgflow/text.hpp"  // append_utf8 (tested in tests/text)

using namespace orgflow;

namespace {

constexpr millis periods[] = {ms_per_hour, ms_per_day, 7 * ms_per_day, 30 * ms_per_day};

// Any valid UTF-8 text, with the characters that need escaping well
// represented.
std::string gen_text() {
  const auto n = *rc::gen::inRange(0, 12);
  std::string out;
  for (int i = 0; i < n; ++i) {
    const std::uint32_t cp = *rc::gen::oneOf(
        rc::gen::elementOf(std::vector<std::uint32_t>{'"', '\\', '/', '\n', '\t', 0x01, 0x1F, 0x7F, ' ', 0xE9,
                                                      0x2028, 0x4E2D, 0x1F600, 0xFEFF}),
        rc::gen::inRange<std::uint32_t>(0x20, 0x7F), rc::gen::inRange<std::uint32_t>(0xA0, 0xD800),
        rc::gen::inRange<std::uint32_t>(0xE000, 0x110000));
    append_utf8(out, cp);
  }
  return out;
}

std::optional<std::string> maybe_text() {
  if (*rc::gen::inRange(0, 3) == 0) return std::nullopt;
  return gen_text();
}

std::string gen_id(const char* prefix, int i) {
  // Valid ids of all shapes: letters, digits and _ . : - after the first.
  static const char* tails[] = {"", "_x", ".v2", ":a-b", "-", "Z9"};
  return std::string(prefix) + std::to_string(i) + tails[*rc::gen::inRange(0, 6)];
}

millis gen_ms() {
  switch (*rc::gen::inRange(0, 4)) {
    case 0: return *rc::gen::inRange<millis>(0, 1'000'000);
    case 1: return *rc::gen::inRange<millis>(0, 1000) * ms_per_hour;
    case 2: return *rc::gen::inRange<millis>(0, 400) * ms_per_day;
    default: return *rc::gen::inRange<millis>(0, std::numeric_limits<millis>::max());
  }
}

std::optional<duration_value> maybe_duration(bool positive = false) {
  if (*rc::gen::inRange(0, 2) == 0) return std::nullopt;
  millis ms = gen_ms();
  if (positive && ms == 0) ms = 1;
  // Either made in code (no text) or as an author would write it.
  std::string text;
  switch (*rc::gen::inRange(0, 3)) {
    case 0: break;
    case 1: text = format_duration(ms); break;
    default: text = "PT" + std::to_string(ms / 1000) + "." + std::to_string(1000 + ms % 1000).substr(1) + "S"; break;
  }
  return duration_value{ms, text};
}

std::optional<rate_value> maybe_rate(bool positive = false) {
  if (*rc::gen::inRange(0, 2) == 0) return std::nullopt;
  rate_value r;
  r.count = *rc::gen::inRange<std::uint64_t>(positive ? 1 : 0, 100'000'000);
  r.scale_digits = *rc::gen::inRange(0, 4);
  r.period_ms = periods[*rc::gen::inRange(0, 4)];
  if (*rc::gen::inRange(0, 2)) r.text = format_rate(r);
  return r;
}

std::optional<std::vector<std::string>> maybe_list(const std::vector<std::string>& pool) {
  if (*rc::gen::inRange(0, 3) == 0) return std::nullopt;
  std::vector<std::string> out;
  std::set<std::string> seen;
  const auto n = *rc::gen::inRange(0, 4);
  for (int i = 0; i < n && !pool.empty(); ++i) {
    const std::string& s = pool[static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, pool.size()))];
    if (seen.insert(s).second) out.push_back(s);
  }
  return out;
}

json_extras maybe_x_members() {
  json_extras e;
  if (*rc::gen::inRange(0, 4) == 0)
    e.x_members.emplace_back("x-" + std::to_string(*rc::gen::inRange(0, 9)),
                             *rc::gen::elementOf(std::vector<std::string>{"1", "\"s\"", "[1,2.50,{\"k\":true}]", "{}", "-3"}));
  return e;
}

// A random model that satisfies every rule of the format.
model gen_model() {
  model m;
  m.name = maybe_text();
  const int nu = *rc::gen::inRange(1, 8);
  std::vector<std::string> unit_ids, artifact_ids;
  for (int i = 0; i < nu; ++i) {
    unit u;
    u.id = gen_id("u", i);
    u.name = maybe_text();
    if (*rc::gen::inRange(0, 3) == 0) u.kind = static_cast<unit_kind>(*rc::gen::inRange(0, 5));
    if (i > 0 && *rc::gen::inRange(0, 3) == 0) u.group = unit_ids[static_cast<std::size_t>(*rc::gen::inRange(0, i))];
    u.capacity = maybe_rate(/*positive=*/true);
    if (*rc::gen::inRange(0, 3) == 0) u.staff = *rc::gen::inRange<std::int64_t>(1, 1000);
    u.demand = maybe_rate();
    std::vector<std::string> formats{"csv", "crm", "xlsx", gen_text()};
    u.accepts = maybe_list(formats);
    if (*rc::gen::inRange(0, 3) == 0) u.members = *rc::gen::inRange<std::int64_t>(0, 100000);
    u.extras = maybe_x_members();
    unit_ids.push_back(u.id);
    m.units.push_back(u);
  }
  const auto pick_unit = [&] { return unit_ids[static_cast<std::size_t>(*rc::gen::inRange(0, nu))]; };
  // Two different units, without retrying (a retry loop would never end
  // while rapidcheck shrinks every choice to the same value).
  const auto pick_pair = [&] {
    const int a = *rc::gen::inRange(0, nu);
    const int b = (a + 1 + *rc::gen::inRange(0, nu - 1)) % nu;
    return std::pair<std::string, std::string>(unit_ids[static_cast<std::size_t>(a)], unit_ids[static_cast<std::size_t>(b)]);
  };
  const int na = *rc::gen::inRange(0, 5);
  for (int i = 0; i < na; ++i) {
    artifact a;
    a.id = gen_id("a", i);
    a.name = maybe_text();
    a.owner = pick_unit();
    a.changes = maybe_duration(/*positive=*/true);
    a.max_age = maybe_duration();
    a.format = maybe_text();
    a.extras = maybe_x_members();
    artifact_ids.push_back(a.id);
    m.artifacts.push_back(a);
  }
  if (nu >= 2) {
    const int nf = *rc::gen::inRange(0, 10);
    for (int i = 0; i < nf; ++i) {
      flow f;
      const auto [from, to] = pick_pair();
      f.from = from;
      f.to = to;
      if (*rc::gen::inRange(0, 3) == 0) f.id = gen_id("f", i);
      if (*rc::gen::inRange(0, 5) == 0) f.carries = std::vector<std::string>{"*"};
      else f.carries = maybe_list(artifact_ids);
      f.channel = maybe_text();
      f.latency = maybe_duration();
      if (*rc::gen::inRange(0, 2)) {
        const millis ms = *rc::gen::elementOf(
            std::vector<millis>{0, ms_per_hour, ms_per_day, 7 * ms_per_day, 91 * ms_per_day, 11 * ms_per_minute});
        f.cadence = cadence_value{ms, *rc::gen::inRange(0, 2) ? format_cadence(ms) : ""};
      }
      f.format = maybe_text();
      if (*rc::gen::inRange(0, 3) == 0) f.manual = *rc::gen::arbitrary<bool>();
      if (*rc::gen::inRange(0, 3) == 0) {
        // Any double in (0, 1]: a random mantissa and exponent.
        const double r = std::ldexp(static_cast<double>(*rc::gen::inRange<std::uint64_t>(1, 1ULL << 53)),
                                    -*rc::gen::inRange(53, 120));
        f.reliability = r > 0 && r <= 1 ? r : 1.0;
      }
      f.volume = maybe_rate();
      f.extras = maybe_x_members();
      m.flows.push_back(f);
    }
    const int nh = *rc::gen::inRange(0, 6);
    for (int i = 0; i < nh; ++i) {
      handoff h;
      const auto [from, to] = pick_pair();
      h.from = from;
      h.to = to;
      if (*rc::gen::inRange(0, 3) == 0) h.id = gen_id("h", i);
      h.process = maybe_text();
      h.item = maybe_text();
      h.volume = maybe_rate();
      h.wait = maybe_duration();
      h.context = maybe_list(artifact_ids);
      m.handoffs.push_back(h);
    }
  }
  std::set<std::pair<std::string, std::string>> declared;
  for (int i = 0, n = *rc::gen::inRange(0, 6); i < n && !artifact_ids.empty(); ++i) {
    need d;
    d.unit = pick_unit();
    d.artifact = artifact_ids[static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, artifact_ids.size()))];
    if (!declared.insert({d.unit, d.artifact}).second) continue;  // a repeat would be dropped on load
    d.max_age = maybe_duration();
    d.purpose = maybe_text();
    m.needs.push_back(d);
  }
  for (int i = 0, n = *rc::gen::inRange(0, 3); i < n; ++i) {
    symptom s;
    s.id = gen_id("s", i);
    s.unit = pick_unit();
    s.description = gen_text();
    s.artifacts = maybe_list(artifact_ids);
    s.process = maybe_text();
    m.symptoms.push_back(s);
  }
  assign_generated_ids(m);
  return m;
}

const char* const valid_text = R"({
  "orgflow": 1,
  "name": "Acme",
  "units": [
    {"id": "product", "group": "rnd", "x-a": [1, {"b": "c"}]},
    {"id": "rnd", "kind": "team", "capacity": "300/w", "staff": 4, "accepts": ["csv"], "members": 3},
    {"id": "sales", "capacity": "1.5/h", "demand": "20/week"}
  ],
  "artifacts": [{"id": "features", "owner": "product", "changes": "14d", "max_age": "P1DT2H"}],
  "flows": [
    {"from": "product", "to": "sales", "carries": ["features"], "cadence": "quarterly", "reliability": 0.95},
    {"id": "f2", "from": "sales", "to": "rnd", "carries": ["*"], "latency": "2d", "manual": true, "volume": "5/d"}
  ],
  "handoffs": [{"from": "rnd", "to": "sales", "process": "p", "wait": "3d", "context": ["features"]}],
  "needs": [{"unit": "sales", "artifact": "features", "max_age": "1w"}],
  "symptoms": [{"id": "s1", "unit": "sales", "description": "slow \u00e9", "artifacts": ["features"]}]
}
)";

}  // namespace

TEST_CASE("property: format_duration reads back as the same duration", "[prop]") {
  rc::prop("parse(format(ms)) == ms", [] {
    const millis ms = gen_ms();
    std::string why;
    const auto back = parse_duration(format_duration(ms), &why);
    RC_ASSERT(back.has_value());
    RC_ASSERT(back->ms == ms);
    const auto cad = parse_cadence(format_cadence(ms), &why);
    RC_ASSERT(cad.has_value());
    RC_ASSERT(cad->ms == ms);
  });
}

TEST_CASE("property: format_rate reads back as the same rate", "[prop]") {
  rc::prop("parse(format(r)) == r", [] {
    rate_value r;
    r.count = *rc::gen::arbitrary<std::uint64_t>();
    r.scale_digits = *rc::gen::inRange(0, 19);
    r.period_ms = periods[*rc::gen::inRange(0, 4)];
    std::string why;
    const auto back = parse_rate(format_rate(r), &why);
    RC_ASSERT(back.has_value());
    RC_ASSERT(*back == r);
    RC_ASSERT(back->per_hour() == r.per_hour());
  });
}

TEST_CASE("property: a valid model survives save and load, and save is idempotent", "[prop]") {
  rc::prop("load(save(m)) == m", [] {
    const model m = gen_model();
    const std::string first = save_model(m);
    const load_result r = load_model(first, "gen.json");
    if (!r.ok()) {
      for (const auto& d : r.diagnostics) RC_LOG() << d.to_string() << "\n";
      RC_LOG() << first;
    }
    RC_ASSERT(r.ok());
    RC_ASSERT(*r.value == m);
    RC_ASSERT(save_model(*r.value) == first);
    RC_ASSERT(validate_model(m).empty());
  });
}

TEST_CASE("property: corrupted model text loads or gives diagnostics, never crashes", "[prop]") {
  rc::prop("mutations never crash", [] {
    std::string text = *rc::gen::inRange(0, 2) ? std::string(valid_text) : save_model(gen_model());
    const int edits = *rc::gen::inRange(1, 6);
    for (int e = 0; e < edits && !text.empty(); ++e) {
      const auto at = static_cast<std::size_t>(*rc::gen::inRange<std::size_t>(0, text.size()));
      switch (*rc::gen::inRange(0, 5)) {
        case 0: text[at] = static_cast<char>(text[at] ^ (1 << *rc::gen::inRange(0, 8))); break;  // bit flip
        case 1: text.resize(at); break;                                                            // truncation
        case 2: text.insert(at, 1, static_cast<char>(*rc::gen::arbitrary<std::uint8_t>())); break;  // random byte
        case 3:                                                                                      // JSON-ish token
          text.insert(at, *rc::gen::elementOf(std::vector<std::string>{"null", "1e400", "-1", "\"\"", ",", "{}", "[]", "\"x-\": 1,",
                                                                    "\"id\": \"a\",", "NaN", "2.0", "true", "\\u0000", "\"*\""}));
          break;
        default: text.erase(at, static_cast<std::size_t>(*rc::gen::inRange(1, 20))); break;  // deletion
      }
    }
    load_result r;
    try {
      r = load_model(text, "mutant.json");
    } catch (const std::exception& ex) {
      RC_FAIL(std::string("load_model threw: ") + ex.what());
    }
    RC_ASSERT(r.ok() == r.diagnostics.empty());
    for (const auto& d : r.diagnostics) {
      RC_ASSERT(!d.message.empty());
      RC_ASSERT(d.pointer.empty() || d.line == 0);
    }
    if (r.ok()) {
      // Whatever loaded is valid: it saves and loads again to the same model.
      const std::string saved = save_model(*r.value);
      const load_result again = load_model(saved, "again.json");
      RC_ASSERT(again.ok());
      RC_ASSERT(*again.value == *r.value);
      RC_ASSERT(save_model(*again.value) == saved);
    }
  });
}
