// The batch kernel of betweenness (betweenness.cpp): up to eight Brandes
// searches side by side, one per lane of a vector. It is compiled three
// times, for three instruction sets (lanes_two.cpp: any x86-64, two lanes;
// lanes_four.cpp: AVX2, four; lanes_eight.cpp: AVX-512, eight), and
// betweenness.cpp picks at run time the widest the processor runs. Every
// lane computes the same numbers whatever the width (while the numbers of
// shortest paths stay below 2^53), so the sums do not depend on the
// processor.
//
// The job is plain pointers: the kernel files include nothing that could be
// instantiated outside an anonymous namespace, so no code compiled for
// AVX-512 can be shared with (and run by) the rest of the program.
// Internal to graphlib/analysis.
#pragma once

#include <cstddef>
#include <cstdint>

namespace orgflow::analysis::lanes {

/// One batch of searches over a graph in compressed rows.
struct batch_job {
  // The graph: out- and in-rows; vertex numbers are 16-bit (distances too)
  // unless `wide`, then 32-bit.
  std::size_t n = 0, m = 0;
  bool wide = false;
  const std::uint32_t* out_offsets = nullptr;
  const void* out_targets = nullptr;
  const std::uint32_t* in_offsets = nullptr;
  const void* in_targets = nullptr;

  // The weights of the 1-degree reduction (betweenness.cpp), all null when
  // unweighted: per vertex the source weight 1 + a, the target weight
  // 1 + c, c and a.
  const double* source_weight = nullptr;
  const double* target_weight = nullptr;
  const double* extra = nullptr;
  const double* in_pendants = nullptr;

  // Per-thread scratch for `lanes` lanes (scratch_bytes), 64-byte aligned:
  // dist all -1 and sigma all 0 between batches (the kernel restores them).
  void* dist = nullptr;  // n * lanes distances
  double* sigma = nullptr;  // n * lanes
  double* coeff = nullptr;  // n * lanes
  void* levels = nullptr;  // n * lanes + 1 vertex numbers
  void* candidates = nullptr;  // n + 1 vertex numbers
  std::uint32_t* level_start = nullptr;  // n + 2

  // The sources, one per lane (count <= lanes), and the sums to add to.
  const std::uint32_t* sources = nullptr;
  int count = 0;
  double* acc = nullptr;
};

/// Adds the Brandes dependencies of the job's sources to job.acc: for every
/// vertex, the lanes in source order, each as a search of its source alone
/// would add them. Eight lanes need AVX-512 (F, BW, VL, DQ), four AVX2.
void run_two(const batch_job& job);
void run_four(const batch_job& job);
void run_eight(const batch_job& job);

/// Whether run_four and run_eight were compiled with their instructions
/// (the compiler knew them); the processor must have them too.
extern const bool four_compiled;
extern const bool eight_compiled;

}  // namespace orgflow::analysis::lanes
