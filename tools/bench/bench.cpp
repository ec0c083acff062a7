// orgflow_bench: times loading a model and running analyze() on it over
// several runs and prints the medians, the spread, the peak resident memory
// (getrusage) and what the analysis found (so a run that is fast because it
// found nothing is visible as such). Used by tools/bench.sh and
// docs/performance.md (issue 3, Performance: under 5 s and 1 GiB for 10,000
// units, 100,000 flows, 2,000 artifacts, 50,000 needs on 2 cores).
//
// Each run loads the model from the text read once (so disk caching does not
// enter the figures), analyzes it and writes the JSON report to memory.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <CLI/CLI.hpp>

#include "huge_pages.hpp"
#include "orgflow/analysis.hpp"
#include "orgflow/io.hpp"
#include "orgflow/model.hpp"
#include "orgflow/number.hpp"
#include "orgflow/report.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0) {
  return std::chrono::duration<double>(clock_type::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Peak resident set size of this process so far, in MiB (ru_maxrss is KiB
// on Linux).
double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

// CPU time (user + system, every thread) of this process so far, in seconds.
double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Current resident set size in MiB, from /proc (0 where there is none).
double current_rss_mib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) {
      std::istringstream ss(line.substr(6));
      double kib = 0;
      ss >> kib;
      return kib / 1024.0;
    }
  }
  return 0;
}

std::string secs(double s) { return orgflow::format_number(s, 3) + " s"; }
std::string mib(double m) { return orgflow::format_number(m, 1) + " MiB"; }

}  // namespace

int main(int argc, char** argv) {
  orgflow::tool::restart_with_huge_pages(argv);  // as orgflow does
  CLI::App app{"Times load_model and analyze() on a model over several runs (median, spread, peak memory)."};
  std::string path;
  int runs = 5;
  unsigned threads = 0;
  bool analyze_only = false;
  app.add_option("model", path, "model JSON file")->required();
  app.add_option("--runs", runs, "number of runs (default 5)")->check(CLI::Range(1, 1000));
  app.add_option("--threads", threads, "threads for analyze() (default 0: every core)");
  bool no_betweenness = false;
  app.add_flag("--no-betweenness", no_betweenness,
               "skip unit betweenness, as every output but analyze's JSON does (analysis_options::betweenness)");
  app.add_flag("--analyze-only", analyze_only,
               "load once and time only analyze(), so the peak memory is that of one model plus the analysis");
  CLI11_PARSE(app, argc, argv);

  std::string text;
  try {
    text = orgflow::read_file(path);
  } catch (const orgflow::environment_error& e) {
    std::cerr << "orgflow_bench: " << e.what() << "\n";
    return e.exit_status();
  }
  const double rss_text = current_rss_mib();

  std::vector<double> load_s, analyze_s, analyze_cpu_s, json_s;
  // What the last run found; the result itself is dropped after each run so
  // that the peak memory is that of one model, one analysis and its JSON.
  struct summary {
    std::size_t findings = 0, need_rows = 0;
    std::int64_t sev[3] = {0, 0, 0};
    std::int64_t delivered = 0, hops = 0, max_hops = 0, implicit = 0;
  } last;
  std::size_t units = 0, flows = 0, artifacts = 0, needs = 0, handoffs = 0;
  double rss_model = 0;
  double peak_after_load = 0;  // the loader's transient peak (JSON document) shows here
  std::optional<orgflow::model> kept;
  for (int run = 0; run < runs; ++run) {
    if (!kept || !analyze_only) {
      kept.reset();
      auto t0 = clock_type::now();
      auto loaded = orgflow::load_model(text, path);
      load_s.push_back(seconds_since(t0));
      if (!loaded.ok()) {
        for (std::size_t i = 0; i < loaded.diagnostics.size() && i < 10; ++i)
          std::cerr << loaded.diagnostics[i].to_string() << "\n";
        std::cerr << "orgflow_bench: the model is not valid\n";
        return 2;
      }
      kept = std::move(*loaded.value);
      rss_model = std::max(rss_model, current_rss_mib());
      if (run == 0) peak_after_load = peak_rss_mib();
    }
    const orgflow::model& m = *kept;
    units = m.units.size();
    flows = m.flows.size();
    artifacts = m.artifacts.size();
    needs = m.needs.size();
    handoffs = m.handoffs.size();
    orgflow::analysis_options options;
    options.threads = threads;
    options.betweenness = !no_betweenness;
    const double c1 = cpu_seconds();
    auto t1 = clock_type::now();
    const auto result = orgflow::analyze(m, options);
    analyze_s.push_back(seconds_since(t1));
    // CPU time beside wall time: on a shared machine the wall time also
    // counts the time other processes held the cores.
    analyze_cpu_s.push_back(cpu_seconds() - c1);
    auto t2 = clock_type::now();
    const std::string json = orgflow::write_analysis_json(m, result);
    json_s.push_back(seconds_since(t2));
    if (json.empty()) return 3;
    last = summary{};
    last.findings = result.findings.size();
    last.need_rows = result.needs.size();
    for (const auto& f : result.findings) ++last.sev[static_cast<int>(f.level)];
    for (const auto& n : result.needs) {
      last.implicit += n.implicit;
      if (n.delivered && !n.own) {
        ++last.delivered;
        last.hops += n.hops.value_or(0);
        last.max_hops = std::max<std::int64_t>(last.max_hops, n.hops.value_or(0));
      }
    }
    std::cerr << "run " << (run + 1) << ": analyze " << secs(analyze_s.back()) << " (CPU "
              << secs(analyze_cpu_s.back()) << ")\n";
  }

  const std::int64_t delivered = last.delivered, hops = last.hops, max_hops = last.max_hops,
                     implicit = last.implicit;
  const std::int64_t* sev = last.sev;
  std::cout << "model:           " << path << "\n";
  std::cout << "size:            " << units << " units, " << flows << " flows, " << artifacts << " artifacts, "
            << needs << " declared needs, " << handoffs << " handoffs\n";
  std::cout << "found:           " << last.findings << " findings (" << sev[0] << " critical, " << sev[1]
            << " warning, " << sev[2] << " info); " << last.need_rows << " need rows (" << implicit
            << " implicit), " << delivered << " delivered, mean path "
            << orgflow::format_number(delivered ? static_cast<double>(hops) / static_cast<double>(delivered) : 0.0, 2)
            << " hops (max " << max_hops << "), needs x hops = " << hops << "\n";
  std::cout << "runs:            " << runs << (analyze_only ? " (analyze only)" : "") << (no_betweenness ? ", no betweenness" : "") << ", threads "
            << (threads ? std::to_string(threads) : std::string("all")) << "\n";
  if (!load_s.empty())
    std::cout << "load_model:      median " << secs(median(load_s)) << " (min "
              << secs(*std::min_element(load_s.begin(), load_s.end())) << ", max "
              << secs(*std::max_element(load_s.begin(), load_s.end())) << ")\n";
  std::cout << "analyze:         median " << secs(median(analyze_s)) << " (min "
            << secs(*std::min_element(analyze_s.begin(), analyze_s.end())) << ", max "
            << secs(*std::max_element(analyze_s.begin(), analyze_s.end())) << ")\n";
  std::cout << "analyze CPU:     median " << secs(median(analyze_cpu_s)) << " (user + system, all threads)\n";
  std::cout << "write JSON:      median " << secs(median(json_s)) << "\n";
  std::cout << "memory:          text " << mib(rss_text) << ", RSS after loading " << mib(rss_model)
            << ", peak RSS after the first load " << mib(peak_after_load) << ", peak RSS " << mib(peak_rss_mib())
            << "\n";
  return 0;
}
