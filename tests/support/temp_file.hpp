// Small helpers shared by the importer tests: a file with given content in a
// fresh temporary folder (removed at the end of the test), and the compact
// JSON text of an `x-` member of a model element.
#pragma once

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

#include "orgflow/model.hpp"

namespace orgflow_test {

struct temp_file {
  std::string dir, path;
  explicit temp_file(const std::string& content, const std::string& name = "input") {
    char tmpl[] = "/tmp/orgflow-test-XXXXXX";
    const char* d = ::mkdtemp(tmpl);
    REQUIRE(d != nullptr);
    dir = d;
    path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
  }
  ~temp_file() {
    std::remove(path.c_str());
    ::rmdir(dir.c_str());
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
};

/// The JSON text of member `key` of `x`, or "" when it has none.
inline std::string x_member(const orgflow::json_extras& x, const std::string& key) {
  for (const auto& [k, v] : x.x_members)
    if (k == key) return v;
  return {};
}

}  // namespace orgflow_test
