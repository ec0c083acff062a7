// orgflow_people_bench: the time of each phase of `orgflow people` (read,
// build, each algorithm, write) over several runs in one process, for
// docs/performance.md (issue 15). It calls analyze_people() on the two files
// as the CLI does, then writes the JSON report to memory, and prints the
// median of each phase (people_report::phases), the CPU time of the process
// and its peak resident memory. tools/people_bench.py compares whole runs of
// the CLI with igraph and NetworkX; this tool says where orgflow's time goes.
//
//   orgflow_people_bench TIES --people PEOPLE --delimiter whitespace --no-header
//       --people-delimiter whitespace --people-no-header --betweenness none --runs 5
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include <sys/resource.h>

#include <CLI/CLI.hpp>

#include "huge_pages.hpp"
#include "orgflow/number.hpp"
#include "orgflow/people.hpp"

namespace {

using clock_type = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

double peak_rss_mib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) / 1024.0;
}

std::string ms(double s) { return orgflow::format_number(s * 1000.0, 1) + " ms"; }

}  // namespace

int main(int argc, char** argv) {
  orgflow::tool::restart_with_huge_pages(argv);  // as orgflow does
  CLI::App app{"Times each phase of orgflow people (read, build, algorithms, write)"};
  std::string ties, people, delimiter = ",", people_delimiter = ",", mode = "exact";
  bool no_header = false, people_no_header = false;
  int runs = 3;
  unsigned threads = 0;
  std::int64_t min_group = 5;
  app.add_option("interactions", ties, "INTERACTIONS file")->required();
  app.add_option("--people", people, "PEOPLE file")->required();
  app.add_option("--delimiter", delimiter);
  app.add_flag("--no-header", no_header);
  app.add_option("--people-delimiter", people_delimiter);
  app.add_flag("--people-no-header", people_no_header);
  app.add_option("--betweenness", mode)->check(CLI::IsMember({"exact", "sample", "none"}));
  app.add_option("--min-group", min_group);
  app.add_option("--runs", runs)->check(CLI::PositiveNumber);
  app.add_option("--threads", threads, "0: the hardware concurrency");
  CLI11_PARSE(app, argc, argv);

  orgflow::people_options o;
  o.interactions.delimiter = delimiter;
  o.interactions.header = !no_header;
  o.people.delimiter = people_delimiter;
  o.people.header = !people_no_header;
  o.min_group = min_group;
  o.threads = threads;
  o.betweenness = mode == "exact"    ? orgflow::betweenness_mode::exact
                  : mode == "sample" ? orgflow::betweenness_mode::sample
                                     : orgflow::betweenness_mode::none;

  std::vector<std::string> names;  // phases in order of their first appearance
  std::map<std::string, std::vector<double>> times;
  std::vector<double> totals, cpus;
  std::size_t json_bytes = 0;
  for (int run = 0; run < runs; ++run) {
    const double cpu0 = cpu_seconds();
    const auto t0 = clock_type::now();
    const orgflow::people_result r = orgflow::analyze_people(ties, people, o);
    if (!r.value) {
      for (const auto& d : r.diagnostics) std::cerr << d.file << ":" << d.line << ":" << d.column << ": " << d.message << "\n";
      return 2;
    }
    const auto t1 = clock_type::now();
    const std::string json = orgflow::write_people_json(*r.value);
    const auto t2 = clock_type::now();
    json_bytes = json.size();
    for (const auto& p : r.value->phases) {
      if (!times.count(p.name)) names.push_back(p.name);
      times[p.name].push_back(p.seconds);
    }
    if (!times.count("write JSON")) names.push_back("write JSON");
    times["write JSON"].push_back(std::chrono::duration<double>(t2 - t1).count());
    totals.push_back(std::chrono::duration<double>(t2 - t0).count());
    cpus.push_back(cpu_seconds() - cpu0);
  }
  std::printf("%d run(s), %s threads; per phase:%*s median %12s\n", runs,
              threads == 0 ? "default" : std::to_string(threads).c_str(), 14, "", "minimum");
  auto line = [](const std::string& name, const std::vector<double>& v) {
    std::printf("  %-40s %12s %12s\n", name.c_str(), ms(median(v)).c_str(), ms(*std::min_element(v.begin(), v.end())).c_str());
  };
  for (const auto& n : names) line(n, times[n]);
  line("total (wall)", totals);
  line("CPU (user + system, all threads)", cpus);
  std::printf("peak RSS %s MiB; JSON report %zu bytes\n", orgflow::format_number(peak_rss_mib(), 1).c_str(), json_bytes);
  return 0;
}
