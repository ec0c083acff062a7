// Huge pages for the heap (docs/performance.md, "Memory pages"): on Linux
// with glibc, and a kernel that gives transparent huge pages to the memory
// a program asks for, orgflow restarts itself once, at the start of main,
// with glibc's tunable glibc.malloc.hugetlb=1. The analysis of a large model
// allocates hundreds of megabytes in small pieces; with 2 MiB pages instead
// of 4 KiB the kernel maps them with a five-hundredth of the page faults,
// which made `orgflow analyze` on 10,000 units about a quarter faster.
// Outputs do not change.
#pragma once

#include <optional>
#include <string>

namespace orgflow::tool {

/// The value GLIBC_TUNABLES should have so that malloc asks for huge
/// pages, given its current value (nullptr: unset); nullopt when it needs
/// no change: it already sets glibc.malloc.hugetlb, to any value (so
/// GLIBC_TUNABLES=glibc.malloc.hugetlb=0 turns this off).
std::optional<std::string> tunables_with_huge_pages(const char* current);

/// Restarts the process (same arguments, same open files) with
/// GLIBC_TUNABLES from tunables_with_huge_pages when that changes it, the
/// C library is glibc 2.35 or later and the kernel gives huge pages on
/// request only (transparent_hugepage "madvise"; with "always" every
/// program gets them, with "never" none). It does not when /proc/self/exe
/// is not this program (started through the dynamic loader, or under
/// valgrind), in a set-user-ID run, in sanitizer builds, or when this
/// process is itself the restart (a marker variable, removed at once, says
/// so: never more than one restart). Returns when nothing is to be done or
/// the restart fails.
void restart_with_huge_pages(char** argv) noexcept;

}  // namespace orgflow::tool
