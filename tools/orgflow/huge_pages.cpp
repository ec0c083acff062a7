// See huge_pages.hpp.
#include "huge_pages.hpp"

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#if defined(__linux__) && defined(__GLIBC__)
#include <gnu/libc-version.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cstdint>
#include <sstream>
#define ORGFLOW_HUGE_PAGES_RESTART 1
#endif
// Sanitizers bring their own allocator: the tunable would change nothing.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || defined(__SANITIZE_HWADDRESS__)  // GCC
#undef ORGFLOW_HUGE_PAGES_RESTART
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer) || \
    __has_feature(hwaddress_sanitizer)  // clang
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

// Set in the environment of the restarted process, removed as it starts:
// a second restart never happens, whatever glibc does with the tunables.
constexpr const char* restarted_marker = "ORGFLOW_RESTARTED_FOR_HUGE_PAGES";

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

// /proc/self/exe is the file this code was loaded from: not so when the
// program was started through the dynamic loader (`ld.so orgflow ...`,
// /proc/self/exe is then the loader) or runs under valgrind.
bool exe_is_this_program() {
  const char* preload = std::getenv("LD_PRELOAD");
  if (preload && std::strstr(preload, "vgpreload")) return false;  // valgrind
  struct stat exe {};
  if (stat("/proc/self/exe", &exe) != 0) return false;
  // The mapping of /proc/self/maps that holds this function: its device
  // (major:minor, hexadecimal) and inode.
  const auto here = reinterpret_cast<std::uintptr_t>(&exe_is_this_program);
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    std::istringstream fields(line);
    std::string range, perms, offset, device;
    unsigned long long inode = 0;
    if (!(fields >> range >> perms >> offset >> device >> inode)) continue;
    const auto dash = range.find('-');
    if (dash == std::string::npos) continue;
    const auto low = std::strtoull(range.substr(0, dash).c_str(), nullptr, 16);
    const auto high = std::strtoull(range.substr(dash + 1).c_str(), nullptr, 16);
    if (here < low || here >= high) continue;
    const auto colon = device.find(':');
    if (colon == std::string::npos) return false;
    const auto major_id = static_cast<unsigned>(std::strtoul(device.substr(0, colon).c_str(), nullptr, 16));
    const auto minor_id = static_cast<unsigned>(std::strtoul(device.substr(colon + 1).c_str(), nullptr, 16));
    return inode == exe.st_ino && makedev(major_id, minor_id) == exe.st_dev;
  }
  return false;
}

void restart(char** argv) {
  if (std::getenv(restarted_marker)) {
    unsetenv(restarted_marker);  // not passed on to anything orgflow starts
    return;
  }
  // Set-user-ID and the like: glibc ignores such tunables there anyway.
  if (getauxval(AT_SECURE) != 0) return;
  const char* current = std::getenv("GLIBC_TUNABLES");
  const auto wanted = tunables_with_huge_pages(current);
  if (!wanted || !glibc_has_hugetlb() || !kernel_gives_on_request() || !exe_is_this_program()) return;
  const std::optional<std::string> before = current ? std::optional<std::string>(current) : std::nullopt;
  if (setenv("GLIBC_TUNABLES", wanted->c_str(), 1) != 0) return;
  if (setenv(restarted_marker, "1", 1) == 0) execv("/proc/self/exe", argv);
  // Still here: the restart failed. Carry on as we are.
  unsetenv(restarted_marker);
  if (before) {
    setenv("GLIBC_TUNABLES", before->c_str(), 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
}

}  // namespace

void restart_with_huge_pages(char** argv) noexcept {
  try {
    restart(argv);
  } catch (...) {  // out of memory before anything ran: go on without
  }
}
#else
void restart_with_huge_pages(char**) noexcept {}
#endif

}  // namespace orgflow::tool
