// Access to ../shared/datasets from tests. A user's clone of orgflow has no
// ../shared: a test that needs it then reports itself SKIPPED to CTest by
// exiting with 77 (SKIP_RETURN_CODE, set in tests/CMakeLists.txt; CTest runs
// each TEST_CASE in its own process), never passing silently.
#pragma once

#include <cstdlib>
#include <iostream>
#include <string>
#include <sys/stat.h>

namespace orgflow_test {

inline std::string shared_dir() {
  const char* env = std::getenv("ORGFLOW_SHARED_DIR");
  return env && *env ? env : ORGFLOW_SHARED_DIR;
}

/// The path of a file under ../shared/datasets; exits 77 (skipped) with a
/// message when the datasets folder is absent.
inline std::string dataset(const std::string& relative) {
  const std::string dir = shared_dir() + "/datasets";
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    std::cout << "skipped: " << dir << " is absent (it exists only beside the orgflow repository of its developers)\n";
    std::exit(77);
  }
  return dir + "/" + relative;
}

inline std::string source_dir() {
  const char* env = std::getenv("ORGFLOW_SOURCE_DIR");
  return env && *env ? env : ORGFLOW_SOURCE_DIR;
}

}  // namespace orgflow_test
