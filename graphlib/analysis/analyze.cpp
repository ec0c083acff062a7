// orgflow::analyze (orgflow/analysis.hpp): builds the graph views and the
// delivery object once, runs every family of analyses.md, and assembles the
// result in the spec's order: findings by finding_less, need rows by unit then
// artifact, unit metrics by id, processes by name, groups by id. Also the
// small helpers of the public header (severity names, finding::metric,
// analysis_result::count).
#include <algorithm>
#include <cstdint>
#include <functional>
#include <future>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <tuple>
#include <unordered_map>

#include "analysis/csr.hpp"
#include "analysis/delivery.hpp"
#include "analysis/families.hpp"
#include "analysis/parallel.hpp"
#include "graph/views.hpp"
#include "orgflow/check.hpp"
#include "orgflow/finding_codes.hpp"

namespace orgflow {

std::string_view to_string(severity s) {
  switch (s) {
    case severity::critical: return "critical";
    case severity::warning: return "warning";
    case severity::info: return "info";
  }
  return "info";
}

std::optional<severity> parse_severity(std::string_view s) {
  if (s == "critical") return severity::critical;
  if (s == "warning") return severity::warning;
  if (s == "info") return severity::info;
  return std::nullopt;
}

const metric_value* finding::metric(std::string_view key) const {
  for (const auto& [k, value] : metrics)
    if (k == key) return &value;
  return nullptr;
}

std::int64_t analysis_result::count(severity s) const {
  return std::count_if(findings.begin(), findings.end(),
                       [s](const finding& f) { return f.level == s && !f.hidden && !f.accepted; });
}

bool code_matches(std::string_view pattern, std::string_view code) {
  // Glob with `*` only, by dynamic programming over (pattern, code) prefixes.
  std::vector<bool> row(code.size() + 1, false), next(code.size() + 1, false);
  row[0] = true;
  for (char p : pattern) {
    std::fill(next.begin(), next.end(), false);
    if (p == '*') {
      bool any = false;
      for (std::size_t j = 0; j <= code.size(); ++j) {
        any = any || row[j];
        next[j] = any;
      }
    } else {
      for (std::size_t j = 0; j < code.size(); ++j) next[j + 1] = row[j] && code[j] == p;
    }
    row.swap(next);
  }
  return row[code.size()];
}

void apply_filter(analysis_result& r, const finding_filter& f) {
  std::int64_t left_out = 0;
  for (finding& x : r.findings) {
    bool shown = true;
    if (!f.codes.empty())
      shown = std::any_of(f.codes.begin(), f.codes.end(), [&](const std::string& p) { return code_matches(p, x.code); });
    if (shown && f.min_severity) shown = x.level <= *f.min_severity;
    if (shown && !f.units.empty())
      shown = std::any_of(f.units.begin(), f.units.end(), [&](const std::string& u) {
        return std::find(x.units.begin(), x.units.end(), u) != x.units.end();
      });
    x.hidden = !shown;
    left_out += shown ? 0 : 1;
  }
  r.filtered = left_out;
}

namespace {

const std::string* string_metric(const finding& f, std::string_view key) {
  const metric_value* v = f.metric(key);
  return v ? std::get_if<std::string>(v) : nullptr;
}

// model-format.md, "accepted": the code equals the finding's, and every
// other member the entry gives equals the finding's (units as sets; from and
// to against the finding's metrics).
bool accepts(const accepted_finding& a, const finding& f) {
  if (a.code != f.code) return false;
  std::vector<std::string> units = a.units;
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  if (units != f.units) return false;  // f.units is sorted and distinct
  if (a.artifact && a.artifact != f.artifact) return false;
  if (a.process && a.process != f.process) return false;
  if (a.ref && a.ref != f.ref) return false;
  const std::string* from = string_metric(f, "from");
  const std::string* to = string_metric(f, "to");
  if (a.from && (!from || *from != *a.from)) return false;
  if (a.to && (!to || *to != *a.to)) return false;
  return true;
}

void apply_accepted(const model& m, analysis_result& r) {
  r.has_accepted = m.has_accepted || !m.accepted.empty();
  std::vector<bool> used(m.accepted.size(), false);
  for (finding& f : r.findings) {
    for (std::size_t i = 0; i < m.accepted.size(); ++i) {
      if (!accepts(m.accepted[i], f)) continue;
      used[i] = true;
      if (!f.accepted) {
        f.accepted = m.accepted[i].reason;  // the first matching entry gives the reason
        ++r.accepted;
      }
    }
  }
  for (std::size_t i = 0; i < m.accepted.size(); ++i) {
    const accepted_finding& a = m.accepted[i];
    const std::string where = "/accepted/" + std::to_string(i) + ": ";
    for (const std::string& u : a.units)
      if (!m.find_unit(u)) r.accepted_warnings.push_back(where + "names unit \"" + u + "\", which the model does not have");
    if (a.artifact && !m.find_artifact(*a.artifact))
      r.accepted_warnings.push_back(where + "names artifact \"" + *a.artifact + "\", which the model does not have");
    if (!used[i])
      r.accepted_warnings.push_back(where + "matches no finding (" + a.code +
                                    " of " + (a.units.empty() ? std::string("no unit") : a.units.front()) +
                                    (a.units.size() > 1 ? " and " + std::to_string(a.units.size() - 1) + " more" : "") +
                                    "): it may have been resolved; remove it from the model");
  }
}

}  // namespace

bool finding_less(const finding& a, const finding& b) {
  // std::optional orders "none" before every value, as the spec asks.
  return std::tie(a.level, a.code, a.units, a.artifact, a.process, a.ref) <
         std::tie(b.level, b.code, b.units, b.artifact, b.process, b.ref);
}

namespace {

// The distinct strings of one field of the findings, numbered as first met
// (0 for none); ranks() turns the numbers into ranks in byte order.
class field_ranks {
 public:
  std::uint32_t number(const std::optional<std::string>& s) {
    if (!s) return 0;
    const auto [it, added] = index_.try_emplace(*s, static_cast<std::uint32_t>(strings_.size() + 1));
    if (added) strings_.push_back(*s);
    return it->second;
  }
  // rank[number]: "none" (0) first, then the strings in byte order.
  std::vector<std::uint32_t> ranks() const {
    std::vector<std::uint32_t> order(strings_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return strings_[a] < strings_[b]; });
    std::vector<std::uint32_t> rank(strings_.size() + 1, 0);
    for (std::size_t r = 0; r < order.size(); ++r) rank[order[r] + 1] = static_cast<std::uint32_t>(r + 1);
    return rank;
  }

 private:
  std::unordered_map<std::string_view, std::uint32_t> index_;
  std::vector<std::string_view> strings_;
};

// The order of finding_less, computed once per finding: every string is
// replaced by its rank among the strings of its field (byte order, "none"
// ranked first), so that sorting compares integers instead of code
// strings and vectors of unit ids (docs/performance.md). A code's rank is
// that of its registry entry, found once per finding (which also gives the
// finding its ref_type); the distinct strings of the other fields are found
// by hashing and only they are sorted; a unit's rank is its vertex, since
// vertices are the unit ids in byte order.
class finding_keys {
 public:
  // Room for n findings.
  finding_keys(const graph::views& v, std::size_t n)
      : views_(v), registry_(finding_codes()), entry_rank_(registry_.size()) {
    check_invariant(registry_.size() <= 256, "a code's rank fits the 8 bits of the sort key");
    for (auto* field : {&code_, &artifact_, &process_, &ref_}) field->reserve(n);
    level_.reserve(n);
    unit_start_.reserve(n + 1);
    std::vector<std::uint32_t> order(registry_.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return registry_[a].code < registry_[b].code; });
    for (std::size_t r = 0; r < order.size(); ++r) entry_rank_[order[r]] = static_cast<std::uint32_t>(r);
    unit_start_.push_back(0);
  }

  // The keys of the next finding; sets its ref_type from the registry.
  void add(finding& f) {
    if (entry_ >= registry_.size() || registry_[entry_].code != f.code) {  // the lists come in runs of one code
      const finding_code_info* info = find_finding_code(f.code);
      if (!info) throw std::logic_error("analyze: the finding code " + f.code + " is not in the registry");
      entry_ = static_cast<std::size_t>(info - registry_.data());
    }
    f.ref_type = registry_[entry_].ref;
    level_.push_back(f.level);
    code_.push_back(entry_rank_[entry_]);
    artifact_.push_back(artifacts_.number(f.artifact));
    process_.push_back(processes_.number(f.process));
    ref_.push_back(refs_.number(f.ref));
    for (const auto& u : f.units) {
      const auto x = views_.vertex_of(u);
      check_invariant(x.has_value(), "every unit a finding names is a unit of the model");
      unit_rank_.push_back(static_cast<std::uint32_t>(*x));
    }
    unit_start_.push_back(static_cast<std::uint32_t>(unit_rank_.size()));
  }

  // The positions of the findings added, in the order of finding_less, equal
  // findings in the order they were added. A 64-bit key of severity, code
  // and first unit decides most comparisons; equal keys compare the rest,
  // then the positions.
  std::vector<std::uint32_t> order() {
    rank_all(artifact_, artifacts_);
    rank_all(process_, processes_);
    rank_all(ref_, refs_);
    struct keyed {
      std::uint64_t key;
      std::uint32_t at;
    };
    const std::size_t n = level_.size();
    std::vector<keyed> keys(n);
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t first = unit_start_[i] == unit_start_[i + 1] ? 0 : std::uint64_t{unit_rank_[unit_start_[i]]} + 1;
      keys[i] = {static_cast<std::uint64_t>(level_[i]) << 56 | std::uint64_t{code_[i]} << 48 | first,
                 static_cast<std::uint32_t>(i)};
    }
    std::sort(keys.begin(), keys.end(), [&](const keyed& x, const keyed& y) {
      if (x.key != y.key) return x.key < y.key;
      if (rest_less(x.at, y.at)) return true;
      if (rest_less(y.at, x.at)) return false;
      return x.at < y.at;
    });
    std::vector<std::uint32_t> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = keys[i].at;
    return out;
  }

 private:
  static void rank_all(std::vector<std::uint32_t>& numbers, const field_ranks& field) {
    const std::vector<std::uint32_t> rank = field.ranks();
    for (std::uint32_t& x : numbers) x = rank[x];
  }
  // Units element-wise, then artifact, process and ref.
  bool rest_less(std::uint32_t a, std::uint32_t b) const {
    const auto* xu = unit_rank_.data();
    if (std::lexicographical_compare(xu + unit_start_[a], xu + unit_start_[a + 1], xu + unit_start_[b],
                                     xu + unit_start_[b + 1]))
      return true;
    if (std::lexicographical_compare(xu + unit_start_[b], xu + unit_start_[b + 1], xu + unit_start_[a],
                                     xu + unit_start_[a + 1]))
      return false;
    return std::tie(artifact_[a], process_[a], ref_[a]) < std::tie(artifact_[b], process_[b], ref_[b]);
  }

  const graph::views& views_;
  const std::vector<finding_code_info>& registry_;
  std::vector<std::uint32_t> entry_rank_;  // registry entry -> rank of its code
  std::size_t entry_ = 0;                  // the entry of the previous finding
  std::vector<severity> level_;
  std::vector<std::uint32_t> code_, artifact_, process_, ref_, unit_start_, unit_rank_;
  field_ranks artifacts_, processes_, refs_;
};

// The findings come in the lists of the families and leave as one sorted
// list: each is moved once, its memory fetched ahead of the move (the sorted
// order visits the lists at random), and no list of all findings exists
// twice.
std::vector<finding> join_sorted(std::vector<std::vector<finding>>& parts, const graph::views& v) {
  std::size_t n = 0;
  for (const auto& part : parts) n += part.size();
  std::vector<finding*> findings;  // every finding, the parts joined in order
  findings.reserve(n);
  finding_keys keys(v, n);
  for (auto& part : parts)
    for (finding& f : part) {
      findings.push_back(&f);
      keys.add(f);
    }
  const std::vector<std::uint32_t> order = keys.order();
  std::vector<finding> sorted;
  sorted.reserve(n);
  constexpr std::size_t ahead = 8;  // findings fetched ahead of the move
  for (std::size_t i = 0; i < n; ++i) {
    if (i + ahead < n) {
      const char* next = reinterpret_cast<const char*>(findings[order[i + ahead]]);
      for (std::size_t b = 0; b < sizeof(finding); b += 64) __builtin_prefetch(next + b);
    }
    sorted.push_back(std::move(*findings[order[i]]));
  }
  return sorted;
}

}  // namespace

analysis_result analyze(const model& m, const analysis_options& options) {
  const graph::views v(m);
  // Betweenness reads only G and nothing reads it: with more than one
  // thread it runs beside everything else (its sums do not depend on the
  // schedule) on half the threads, rounded up, and the rest of the
  // analysis on the others, so that no two threads compete for a core and
  // its cache; once the rest is done, this thread helps with the chunks of
  // sources still left (docs/performance.md).
  const unsigned all_threads = analysis::resolve_threads(options.threads);
  const bool beside = options.betweenness && all_threads > 1;
  const unsigned search_threads = beside ? (all_threads + 1) / 2 : all_threads;
  const unsigned threads = beside ? all_threads - search_threads : all_threads;
  std::optional<analysis::betweenness_job> between;
  std::future<void> searching;  // declared after `between`: waits for the searches before it goes
  if (options.betweenness) {
    between.emplace(analysis::information_csr(v, /*undirected=*/false));
    if (beside) {
      try {
        searching = std::async(std::launch::async, [&between, search_threads] { between->run(search_threads); });
      } catch (const std::system_error&) {  // no thread to be had: all of it at the end, on every thread
      }
    }
  }
  const analysis::delivery d(m, v, threads);

  analysis_result r;
  r.model_name = m.display_name();

  r.units.resize(v.size());
  for (graph::vertex x = 0; x < v.size(); ++x) r.units[x].id = v.id_of(x);
  analysis::flow_degrees(v, r.units);

  // The families are independent given the delivery: each runs as one task
  // on the worker threads, the costliest first, and writes only its own
  // slot (relay and load write different members of the unit metrics, the
  // processes only the process family). The findings are then joined in a
  // fixed order and sorted, so the result does not depend on the schedule.
  std::vector<std::vector<finding>> parts(7);
  const std::function<void(std::size_t)> families[] = {
      [&](std::size_t i) { parts[i] = analysis::need_findings(d); },
      [&](std::size_t i) { parts[i] = analysis::single_route_findings(d); },
      [&](std::size_t i) { parts[i] = analysis::friction_findings(d); },
      [&](std::size_t i) { parts[i] = analysis::relay_findings(d, r.units); },
      [&](std::size_t i) { parts[i] = analysis::structure_findings(m, v); },
      [&](std::size_t i) { parts[i] = analysis::load_findings(m, v, r.units); },
      [&](std::size_t i) { parts[i] = analysis::process_findings(m, v, r.processes); },
  };
  analysis::run_parallel(parts.size(), threads, [&](std::size_t i, unsigned) { families[i](i); });
  r.findings = join_sorted(parts, v);  // the order of finding_less
  std::vector<std::vector<finding>>().swap(parts);

  r.needs.reserve(d.needs().size());
  for (const auto& n : d.needs()) r.needs.push_back(d.row(n));
  r.groups = analysis::group_metrics_of(m, v, options.group_members);
  r.coverage.flows = static_cast<std::int64_t>(m.flows.size());
  r.coverage.handoffs = static_cast<std::int64_t>(m.handoffs.size());
  r.coverage.needs = static_cast<std::int64_t>(r.needs.size());
  r.coverage.capacities =
      std::count_if(m.units.begin(), m.units.end(), [](const unit& u) { return u.capacity.has_value(); });
  apply_accepted(m, r);
  if (between) {
    if (searching.valid()) {
      between->work();  // help with the chunks still left
      searching.get();
    } else {
      between->run(all_threads);
    }
    const std::vector<double> b = between->result();
    for (graph::vertex x = 0; x < v.size() && x < b.size(); ++x) r.units[x].betweenness = b[x];
  }
  return r;
}

}  // namespace orgflow
