// Two searches side by side (SSE2, every x86-64 processor; any other
// processor through the compiler's generic vectors). lanes.hpp.
#define KERNEL_LANES 2
#include "analysis/lane_kernel.hpp"

namespace orgflow::analysis::lanes {
void run_two(const batch_job& job) { run_kernel(job); }
}  // namespace orgflow::analysis::lanes
