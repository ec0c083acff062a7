// Eight searches side by side, compiled for AVX-512 (graphlib/CMakeLists.txt).
// lanes.hpp.
#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__) && defined(__AVX512DQ__)
#define KERNEL_LANES 8
#include "analysis/lane_kernel.hpp"

namespace orgflow::analysis::lanes {
const bool eight_compiled = true;
void run_eight(const batch_job& job) { run_kernel(job); }
}  // namespace orgflow::analysis::lanes
#else
#include <cstdlib>

#include "analysis/lanes.hpp"

namespace orgflow::analysis::lanes {
const bool eight_compiled = false;  // the compiler cannot target AVX-512
void run_eight(const batch_job&) { std::abort(); }  // never called: betweenness.cpp checks eight_compiled
}  // namespace orgflow::analysis::lanes
#endif
