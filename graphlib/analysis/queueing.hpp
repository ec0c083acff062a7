// The M/M/c waiting time used by LOAD.OVER (analyses.md, Load exact rules),
// exposed on its own so that tests can check it against hand-worked values
// and against the M/M/1 formula. Internal to graphlib; defined in load.cpp.
#pragma once

#include <cstdint>
#include <optional>

namespace orgflow::analysis {

/// Expected wait before service starts, in hours, for arrivals
/// `lambda_per_h`, total capacity `capacity_per_h` shared by `staff` workers:
/// Wq = C(c, a) / (capacity - lambda) with a = lambda * staff / capacity and
/// Erlang C through the Erlang B recursion. 0 when lambda = 0; nullopt when
/// rho = lambda / capacity >= 1 (within a relative 1e-12). O(staff).
std::optional<double> erlang_c_wait_hours(long double lambda_per_h, long double capacity_per_h, std::int64_t staff);

}  // namespace orgflow::analysis
