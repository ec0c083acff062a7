// See huge_pages.hpp.
#include "huge_pages.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#if defined(__linux__) && defined(__GLIBC__)
#include <gnu/libc-version.h>
#include <unistd.h>
#define ORGFLOW_HUGE_PAGES_RESTART 1
#endif
#if defined(__SANITIZE_ADDRESS__)  // GCC
#undef ORGFLOW_HUGE_PAGES_RESTART
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer)  // clang
#undef ORGFLOW_HUGE_PAGES_RESTART
#endif
#endif

namespace orgflow::tool {

std::optional<std::string> tunables_with_huge_pages(const char* current) {
  const std::string setting = "glibc.malloc.hugetlb=1";
  if (current == nullptr || *current == '\0') return setting;
  if (std::strstr(current, "glibc.malloc.hugetlb=") != nullptr) return std::nullopt;
  return std::string(current) + ":" + setting;
}

#ifdef ORGFLOW_HUGE_PAGES_RESTART
namespace {

// glibc.malloc.hugetlb exists from glibc 2.35 on.
bool glibc_has_hugetlb() {
  int major = 0, minor = 0;
  const char* version = gnu_get_libc_version();
  char* end = nullptr;
  major = static_cast<int>(std::strtol(version, &end, 10));
  if (end && *end == '.') minor = static_cast<int>(std::strtol(end + 1, nullptr, 10));
  return major > 2 || (major == 2 && minor >= 35);
}

// The kernel gives huge pages where a program asks for them: the mode is
// "madvise" (the line reads e.g. "always [madvise] never").
bool kernel_gives_on_request() {
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  const std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return line.find("[madvise]") != std::string::npos;
}

}  // namespace

void restart_with_huge_pages(char** argv) {
  const char* current = std::getenv("GLIBC_TUNABLES");
  const auto wanted = tunables_with_huge_pages(current);
  if (!wanted || !glibc_has_hugetlb() || !kernel_gives_on_request()) return;
  const std::optional<std::string> before = current ? std::optional<std::string>(current) : std::nullopt;
  if (setenv("GLIBC_TUNABLES", wanted->c_str(), 1) != 0) return;
  execv("/proc/self/exe", argv);
  // Still here: the restart failed (no /proc, say). Carry on as we are.
  if (before) {
    setenv("GLIBC_TUNABLES", before->c_str(), 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}
#else
void restart_with_huge_pages(char**) {}
#endif

}  // namespace orgflow::tool
