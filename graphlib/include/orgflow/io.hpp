// Files in and out, and the one exception type for a failing environment
// (engineering.md, "Errors, three kinds kept apart"): bad input is reported as
// diagnostics, a missing file or a full disk throws environment_error, which
// the tool maps to an exit status.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace orgflow {

/// The environment failed: a file could not be read or written, Graphviz
/// refused, ... `exit_status` is 2 for problems the user can fix by naming
/// another file (missing, unreadable) and 3 for everything else.
class environment_error : public std::runtime_error {
 public:
  explicit environment_error(const std::string& what, int exit_status = 2)
      : std::runtime_error(what), status_(exit_status) {}
  int exit_status() const { return status_; }

 private:
  int status_;
};

/// Reads a whole file (binary). `-` reads standard input.
std::string read_file(const std::string& path);

/// Writes `content` to `path` atomically: to a temporary file in the same
/// folder, flushed, then renamed over the target, so a reader never sees a
/// partial file. `-` writes standard output. Throws environment_error.
void write_file_atomic(const std::string& path, std::string_view content);

/// True when both paths name the same existing file (so an output would
/// overwrite an input).
bool same_file(const std::string& a, const std::string& b);

}  // namespace orgflow
