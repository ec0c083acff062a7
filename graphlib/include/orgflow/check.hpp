// Internal invariants, checked in every build type. An `assert` vanishes
// from a Release build, so a broken invariant there would run on into
// undefined behaviour; check_invariant throws instead, and the orgflow tool
// reports the exception as an internal error (a bug) with exit status 3,
// having written nothing. Input problems are never invariants: they are
// diagnostics with a place (docs/architecture.md, "Errors").
#pragma once

#include <stdexcept>
#include <string>

namespace orgflow {

/// Throws std::logic_error("internal invariant broken: " + what) when `ok`
/// is false; nothing otherwise. O(1).
inline void check_invariant(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("internal invariant broken: ") + what);
}

}  // namespace orgflow
