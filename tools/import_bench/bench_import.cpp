// Benchmark driver for the event-log importer (issue 6, Performance).
//
//   bench_import generate N FILE.csv   writes a synthetic CSV log of N events
//                                      (N/10 cases of 10 events, 40 units,
//                                      cases interleaved in blocks of 1,000,
//                                      ISO timestamps with UTC offsets)
//   bench_import run FILE [REPEAT]     imports FILE REPEAT times (default 3)
//                                      and prints events/s of the fastest run
//
// Peak memory is measured from outside: `/usr/bin/time -v bench_import run
// FILE 1` (Maximum resident set size). The generator is deterministic (a
// fixed linear congruential sequence), so runs are comparable.
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "orgflow/import.hpp"

namespace {

int generate(std::uint64_t events, const std::string& path) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) {
    std::cerr << "cannot write " << path << "\n";
    return 2;
  }
  std::fputs("case:concept:name,concept:name,org:resource,org:group,time:timestamp,amount\n", out);
  std::uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  const std::uint64_t per_case = 10;
  const std::uint64_t cases = (events + per_case - 1) / per_case;
  const std::uint64_t block = 1000;  // cases interleaved within a block
  std::uint64_t written = 0;
  for (std::uint64_t b = 0; b < cases && written < events; b += block) {
    const std::uint64_t in_block = std::min(block, cases - b);
    for (std::uint64_t step = 0; step < per_case && written < events; ++step) {
      for (std::uint64_t c = 0; c < in_block && written < events; ++c) {
        const std::uint64_t id = b + c;
        // day of the case start, then hours per step; offsets alternate +01:00 / +02:00
        const std::uint64_t day = (id / 300) % 28 + 1;
        const std::uint64_t month = (id / 8400) % 12 + 1;
        const std::uint64_t hour = (step * 2 + next() % 2) % 24;
        const std::uint64_t minute = next() % 60, second = next() % 60, ms = next() % 1000;
        const unsigned unit = static_cast<unsigned>(next() % 40);
        std::fprintf(out, "case-%llu,activity %u,res%u,Group %u,2023-%02llu-%02lluT%02llu:%02llu:%02llu.%03llu+0%d:00,%llu\n",
                     static_cast<unsigned long long>(id), static_cast<unsigned>(step), unit * 3 % 97, unit,
                     static_cast<unsigned long long>(month), static_cast<unsigned long long>(day),
                     static_cast<unsigned long long>(hour), static_cast<unsigned long long>(minute),
                     static_cast<unsigned long long>(second), static_cast<unsigned long long>(ms),
                     month >= 4 && month <= 10 ? 2 : 1, static_cast<unsigned long long>(next() % 10000));
        ++written;
      }
    }
  }
  std::fclose(out);
  std::cerr << "wrote " << written << " events in " << cases << " cases to " << path << "\n";
  return 0;
}

std::uint64_t events_read(const orgflow::import_result& r) {
  // The summary's first line: "read N events in M cases from ..."
  if (r.summary.empty()) return 0;
  return std::strtoull(r.summary.front().c_str() + 5, nullptr, 10);
}

int run(const std::string& path, int repeat) {
  double best = 1e300;
  std::uint64_t events = 0;
  for (int k = 0; k < repeat; ++k) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = orgflow::import_eventlog(path, {});
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!r.value) {
      for (const auto& d : r.diagnostics) std::cerr << d.to_string() << "\n";
      return 2;
    }
    events = events_read(r);
    if (s < best) best = s;
    if (k == 0) {
      std::cerr << r.value->units.size() << " units, " << r.value->handoffs.size() << " handoffs\n";
    }
  }
  std::printf("%s: %llu events, best of %d: %.3f s, %.0f events/s\n", path.c_str(),
              static_cast<unsigned long long>(events), repeat, best, static_cast<double>(events) / best);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "generate" && argc == 4) return generate(std::strtoull(argv[2], nullptr, 10), argv[3]);
  if (cmd == "run" && (argc == 3 || argc == 4)) return run(argv[2], argc == 4 ? std::atoi(argv[3]) : 3);
  std::cerr << "usage: bench_import generate N FILE.csv | bench_import run FILE [REPEAT]\n";
  return 2;
}
