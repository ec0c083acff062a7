// Four searches side by side, compiled for AVX2 (graphlib/CMakeLists.txt).
// lanes.hpp.
#ifdef __AVX2__
#define KERNEL_LANES 4
#include "analysis/lane_kernel.hpp"

namespace orgflow::analysis::lanes {
const bool four_compiled = true;
void run_four(const batch_job& job) { run_kernel(job); }
}  // namespace orgflow::analysis::lanes
#else
#include <cstdlib>

#include "analysis/lanes.hpp"

namespace orgflow::analysis::lanes {
const bool four_compiled = false;  // the compiler cannot target AVX2
void run_four(const batch_job&) { std::abort(); }  // never called: betweenness.cpp checks four_compiled
}  // namespace orgflow::analysis::lanes
#endif
