// Running independent pieces of an analysis on several threads: the delivery
// searches (one artifact each) and betweenness (one chunk of sources each)
// hand out their work through run_parallel. Results never depend on the
// schedule: a body writes only to slots of its own index or worker. Internal
// to graphlib.
#pragma once

#include <cstddef>
#include <functional>

namespace orgflow::analysis {

/// Runs body(i, worker) for i in [0, n) on `threads` threads (at least 1),
/// handing out indices dynamically. `worker` is in [0, threads): callers keep
/// per-worker scratch. The body must write only to slots of its own i (or
/// its own worker) so that the result does not depend on the schedule.
void run_parallel(std::size_t n, unsigned threads, const std::function<void(std::size_t, unsigned)>& body);

/// The number of threads to use for a requested count (0: the hardware
/// concurrency, at least 1).
unsigned resolve_threads(unsigned requested);

}  // namespace orgflow::analysis
