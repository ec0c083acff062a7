// orgflow_generate: writes a random, valid orgflow model of a given size and
// seed, for the benchmark of analyze() (issue 3, Performance) and for trying
// orgflow on something larger than the examples.
//
// The model looks like an organization rather than like noise, because the
// cost of analyze() depends on the shape: divisions and departments are
// group-only units over teams; most flows stay near their sender (same or
// neighbouring department) and some cross the organization; each artifact
// spreads from its owner along a random tree of flows (so delivery paths have
// several hops, as in a real organization where information is relayed); most
// needs sit on units the artifact reaches, some on units it never reaches
// (GAP.NO_ROUTE), a few on the owner itself. Handoffs form processes (chains
// of 4-10 units, some with a rework loop) with volumes, waits and context
// artifacts (implicit needs). About a third of the units have a capacity.
//
// The same size and seed give the same bytes on every platform: the random
// numbers come from splitmix64 with our own bounded draws (std::
// distributions differ between standard libraries), and the model is written
// by save_model.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "orgflow/io.hpp"
#include "orgflow/model.hpp"
#include "orgflow/quantity.hpp"

namespace {

using namespace orgflow;

// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and fully specified.
class rng {
 public:
  explicit rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n), n > 0. The modulo bias is below 2^-40 for every n
  /// used here, far below anything a benchmark can see.
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  /// True with probability `percent` / 100.
  bool chance(unsigned percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }

 private:
  std::uint64_t state_;
};

struct sizes {
  std::size_t units = 10000;
  std::size_t flows = 100000;
  std::size_t artifacts = 2000;
  std::size_t needs = 50000;
  std::size_t handoffs = 0;  // 0: units / 2
  std::uint64_t seed = 1;
};

std::string padded(const char* prefix, std::size_t i, std::size_t count) {
  // Zero-padded so that byte order of ids is numeric order.
  std::string digits = std::to_string(i);
  const std::size_t width = std::to_string(count == 0 ? 0 : count - 1).size();
  return prefix + std::string(width - std::min(width, digits.size()), '0') + digits;
}

duration_value duration(millis ms) { return duration_value{ms, format_duration(ms)}; }
cadence_value cadence(millis ms) { return cadence_value{ms, format_cadence(ms)}; }
rate_value per_week(std::uint64_t n) {
  rate_value r;
  r.count = n;
  r.scale_digits = 0;
  r.period_ms = 7 * ms_per_day;
  r.text = std::to_string(n) + "/w";
  return r;
}

const std::vector<std::string> formats = {"csv", "xlsx", "pdf", "crm", "json", "email", "paper"};
const std::vector<std::string> channels = {"email", "meeting", "crm", "wiki", "chat", "report", "phone"};
const std::vector<std::string> words = {"Sales",   "Marketing", "Finance",  "Support", "Product", "Legal",
                                        "Billing", "Logistics", "Quality",  "Data",    "Design",  "Research",
                                        "Ops",     "Security",  "Training", "Claims",  "Partners", "Platform"};

model generate(const sizes& z) {
  rng r(z.seed);
  model m;
  m.name = "Synthetic organization (" + std::to_string(z.units) + " units, seed " + std::to_string(z.seed) + ")";

  // --- units: divisions and departments are group-only; teams do the work.
  const std::size_t n = std::max<std::size_t>(z.units, 4);
  const std::size_t divisions = std::max<std::size_t>(1, n / 500);
  const std::size_t departments = std::max<std::size_t>(1, n / 25);
  const std::size_t first_member = std::min(n - 2, divisions + departments);
  const std::size_t members = n - first_member;
  m.units.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    unit u;
    u.id = padded("u", i, n);
    const std::string& word = words[i % words.size()];
    if (i < divisions) {
      u.name = word + " division " + std::to_string(i + 1);
    } else if (i < first_member) {
      u.name = word + " department " + std::to_string(i - divisions + 1);
      u.group = padded("u", r.below(divisions), n);
    } else {
      const std::size_t k = i - first_member;
      u.name = word + " team " + std::to_string(k + 1);
      // Teams are laid out department by department, so "near in index" is
      // "near in the organization".
      const std::size_t dept = first_member > divisions ? divisions + k * (first_member - divisions) / members : 0;
      if (first_member > divisions) u.group = padded("u", dept, n);
      const unsigned kind = static_cast<unsigned>(r.below(100));
      if (kind < 5) u.kind = unit_kind::system;
      else if (kind < 8) u.kind = unit_kind::external;
      else if (kind < 40) u.kind = unit_kind::team;
      else if (kind < 45) u.kind = unit_kind::role;
      if (r.chance(30)) {
        const std::uint64_t cap = 20 + r.below(480);
        u.capacity = per_week(cap);
        u.staff = static_cast<std::int64_t>(1 + r.below(8));
        if (r.chance(30)) u.demand = per_week(1 + r.below(cap));
      }
      if (r.chance(20)) {
        std::vector<std::string> acc;
        for (std::size_t k2 = 0, c = 1 + r.below(3); k2 < c; ++k2) acc.push_back(r.pick(formats));
        u.accepts = acc;
      }
    }
    m.units.push_back(std::move(u));
  }
  auto member = [&](std::size_t k) { return first_member + k; };
  auto near = [&](std::size_t k) {
    // Same or neighbouring department most of the time, anywhere otherwise.
    if (!r.chance(70)) return r.below(members);
    const std::size_t window = 40;
    const std::size_t lo = k > window ? k - window : 0;
    const std::size_t hi = std::min(members - 1, k + window);
    return lo + r.below(hi - lo + 1);
  };

  // --- flows: ends first, what they carry afterwards.
  const std::vector<millis> cadences = {0, 0, 0, ms_per_day, ms_per_day, 7 * ms_per_day, 7 * ms_per_day,
                                        14 * ms_per_day, 30 * ms_per_day, 30 * ms_per_day, 91 * ms_per_day};
  const std::vector<millis> latencies = {0, 0, 0, ms_per_hour, 4 * ms_per_hour, ms_per_day, 2 * ms_per_day,
                                         5 * ms_per_day};
  std::vector<std::vector<std::size_t>> out_flows(members);
  std::vector<std::size_t> flow_to(z.flows);
  std::vector<unsigned char> flow_kind(z.flows);  // 0 named artifacts, 1 `*`, 2 general
  m.flows.reserve(z.flows);
  for (std::size_t f = 0; f < z.flows; ++f) {
    const std::size_t from = r.below(members);
    std::size_t to = near(from);
    if (to == from) to = (from + 1 + r.below(members - 1)) % members;
    flow fl;
    fl.from = m.units[member(from)].id;
    fl.to = m.units[member(to)].id;
    fl.id_generated = true;
    fl.channel = r.pick(channels);
    const millis c = r.pick(cadences);
    if (c != 0 || r.chance(50)) fl.cadence = cadence(c);
    const millis l = r.pick(latencies);
    if (l != 0) fl.latency = duration(l);
    if (r.chance(25)) fl.format = r.pick(formats);
    if (r.chance(10)) fl.manual = true;
    if (r.chance(15)) fl.reliability = static_cast<double>(70 + r.below(30)) / 100.0;
    const unsigned kind = static_cast<unsigned>(r.below(100));
    flow_kind[f] = kind < 3 ? 1 : kind < 20 ? 2 : 0;
    if (flow_kind[f] == 1) fl.carries = std::vector<std::string>{"*"};
    if (flow_kind[f] == 0) out_flows[from].push_back(f);
    flow_to[f] = to;
    m.flows.push_back(std::move(fl));
  }

  // --- artifacts, each spread from its owner along a random tree of flows.
  std::size_t named = 0;
  for (auto k : flow_kind) named += k == 0;
  const std::size_t budget = z.artifacts ? std::max<std::size_t>(4, named * 3 / 2 / z.artifacts) : 0;
  std::vector<std::vector<std::size_t>> reached(z.artifacts);  // member indices, owner first
  m.artifacts.reserve(z.artifacts);
  for (std::size_t a = 0; a < z.artifacts; ++a) {
    artifact art;
    art.id = padded("a", a, z.artifacts);
    art.name = r.pick(words) + " record " + std::to_string(a + 1);
    const std::size_t owner = r.below(members);
    art.owner = m.units[member(owner)].id;
    if (r.chance(80)) art.changes = duration(static_cast<millis>(1 + r.below(90)) * ms_per_day);
    if (r.chance(50)) art.max_age = duration(static_cast<millis>(1 + r.below(30)) * ms_per_day);
    if (r.chance(50)) art.format = r.pick(formats);
    std::vector<std::size_t>& seen = reached[a];
    seen.push_back(owner);
    std::set<std::size_t> in_tree{owner};
    for (std::size_t step = 0, tries = 0; step < budget && tries < budget * 4; ++tries) {
      const std::size_t at = seen[r.below(seen.size())];
      if (out_flows[at].empty()) continue;
      const std::size_t f = out_flows[at][r.below(out_flows[at].size())];
      auto& carries = m.flows[f].carries;
      if (!carries) carries.emplace();
      if (std::find(carries->begin(), carries->end(), art.id) != carries->end()) continue;
      carries->push_back(art.id);
      ++step;
      if (in_tree.insert(flow_to[f]).second) seen.push_back(flow_to[f]);
    }
    m.artifacts.push_back(std::move(art));
  }
  // A named flow that no tree used carries something at random: often a
  // flow nobody needs (WASTE.UNUSED_FLOW), as in real organizations.
  for (std::size_t f = 0; f < z.flows && z.artifacts; ++f)
    if (flow_kind[f] == 0 && !m.flows[f].carries)
      m.flows[f].carries = std::vector<std::string>{m.artifacts[r.below(z.artifacts)].id};

  // --- handoffs: processes as chains of nearby units, some with rework.
  const std::size_t handoffs = z.handoffs ? z.handoffs : n / 2;
  m.handoffs.reserve(handoffs);
  for (std::size_t p = 0; m.handoffs.size() < handoffs; ++p) {
    const std::string process = "process-" + std::to_string(p + 1);
    const std::string item = r.pick(std::vector<std::string>{"lead", "order", "ticket", "claim", "invoice", "case"});
    std::vector<std::size_t> chain{r.below(members)};
    for (std::size_t len = std::min<std::size_t>(members, 4 + r.below(7)); chain.size() < len;) {
      std::size_t next = near(chain.back());
      if (std::find(chain.begin(), chain.end(), next) == chain.end()) chain.push_back(next);
    }
    const std::uint64_t volume = 5 + r.below(200);
    auto add = [&](std::size_t from, std::size_t to) {
      if (m.handoffs.size() >= handoffs) return;
      handoff h;
      h.from = m.units[member(from)].id;
      h.to = m.units[member(to)].id;
      h.id_generated = true;
      h.process = process;
      h.item = item;
      if (r.chance(90)) h.volume = per_week(volume);
      if (r.chance(80)) h.wait = duration(static_cast<millis>(1 + r.below(96)) * ms_per_hour);
      if (z.artifacts && r.chance(40)) {
        std::vector<std::string> ctx;
        for (std::size_t k = 0, c = 1 + r.below(2); k < c; ++k) ctx.push_back(m.artifacts[r.below(z.artifacts)].id);
        h.context = ctx;
      }
      m.handoffs.push_back(std::move(h));
    };
    for (std::size_t i = 0; i + 1 < chain.size(); ++i) add(chain[i], chain[i + 1]);
    if (chain.size() >= 3 && r.chance(15)) add(chain[chain.size() - 1 - r.below(2)], chain[r.below(chain.size() - 2)]);
  }

  // --- needs: mostly where the artifact arrives, some where it never does.
  std::set<std::pair<std::size_t, std::size_t>> declared;
  m.needs.reserve(z.needs);
  for (std::size_t k = 0, tries = 0; k < z.needs && z.artifacts && tries < z.needs * 20; ++tries) {
    const std::size_t a = r.below(z.artifacts);
    const unsigned where = static_cast<unsigned>(r.below(100));
    const auto& seen = reached[a];
    std::size_t u = 0;
    if (where < 5) u = seen[0];
    else if (where < 85 && seen.size() > 1) u = seen[1 + r.below(seen.size() - 1)];
    else u = r.below(members);
    if (!declared.insert({u, a}).second) continue;
    need nd;
    nd.unit = m.units[member(u)].id;
    nd.artifact = m.artifacts[a].id;
    if (r.chance(30)) nd.max_age = duration(static_cast<millis>(1 + r.below(30)) * ms_per_day);
    if (r.chance(10)) nd.purpose = "daily work";
    m.needs.push_back(std::move(nd));
    ++k;
  }

  // --- a few symptoms, for diagnose.
  for (std::size_t s = 0, count = std::min<std::size_t>(20, n / 100 + 1); s < count; ++s) {
    symptom sy;
    sy.id = padded("s", s, count);
    sy.unit = m.units[member(r.below(members))].id;
    sy.description = "Work arrives late or incomplete";
    m.symptoms.push_back(std::move(sy));
  }
  assign_generated_ids(m);
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes a random valid orgflow model (for benchmarks). The same sizes and seed give the same bytes."};
  sizes z;
  std::string output;
  bool check = false;
  app.add_option("--units", z.units, "number of units, at least 4 (default 10000)");
  app.add_option("--flows", z.flows, "number of flows (default 100000)");
  app.add_option("--artifacts", z.artifacts, "number of artifacts (default 2000)");
  app.add_option("--needs", z.needs, "number of declared needs (default 50000)");
  app.add_option("--handoffs", z.handoffs, "number of handoffs (default: units / 2)");
  app.add_option("--seed", z.seed, "random seed (default 1)");
  app.add_option("-o,--output", output, "file to write, - for standard output")->required();
  app.add_flag("--check", check, "load the written model back and fail if it is not valid");
  CLI11_PARSE(app, argc, argv);
  try {
    const model m = generate(z);
    const std::string text = save_model(m);
    if (check) {
      const auto loaded = load_model(text, output);
      if (!loaded.ok()) {
        for (std::size_t i = 0; i < loaded.diagnostics.size() && i < 20; ++i)
          std::cerr << loaded.diagnostics[i].to_string() << "\n";
        std::cerr << "orgflow_generate: internal error: the generated model is not valid\n";
        return 3;
      }
    }
    write_file_atomic(output, text);
    std::cerr << "orgflow_generate: " << m.units.size() << " units, " << m.flows.size() << " flows, "
              << m.artifacts.size() << " artifacts, " << m.needs.size() << " needs, " << m.handoffs.size()
              << " handoffs -> " << output << "\n";
  } catch (const environment_error& e) {
    std::cerr << "orgflow_generate: " << e.what() << "\n";
    return e.exit_status();
  }
  return 0;
}
