// Shared by the libFuzzer harnesses of tests/fuzz (one per parser). The
// importers take file paths, as the command line gives them; a harness hands
// them its input through a memfd (an anonymous file in memory, named
// /proc/self/fd/N), so the real public API is exercised with no temporary
// file on disk. The checks below are the promises of docs/reliability.md
// that hold for every input: a value or diagnostics, never both; every
// message printable UTF-8 of bounded length; an imported model valid and
// saving to text that loads back to the same model.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "orgflow/import.hpp"
#include "orgflow/message_text.hpp"
#include "orgflow/model.hpp"

// LeakSanitizer: cgraph keeps parser state for the life of the process
// (each harness is its own program and includes this header once).
extern "C" const char* __lsan_default_suppressions() {
  return "leak:libcgraph.so\nleak:libgvc.so\nleak:libfontconfig.so\n";
}

namespace fuzz_support {

/// Ends the run as a crash (libFuzzer keeps the input) with a reason.
[[noreturn]] inline void fail(const char* why, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz check failed: %s: %.*s\n", why, static_cast<int>(std::min<std::size_t>(detail.size(), 400)),
               detail.data());
  std::abort();
}

/// An anonymous in-memory file holding `bytes`, with a path that open(2)
/// and gzopen accept.
class memory_file {
 public:
  explicit memory_file(std::string_view bytes) {
    fd_ = ::memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fd_ < 0) fail("memfd_create failed");
    std::size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t w = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (w <= 0) fail("writing the memfd failed");
      done += static_cast<std::size_t>(w);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~memory_file() { ::close(fd_); }
  memory_file(const memory_file&) = delete;
  memory_file& operator=(const memory_file&) = delete;
  const std::string& path() const { return path_; }

 private:
  int fd_ = -1;
  std::string path_;
};

/// Splits `data` at each occurrence of `separator` (at most `parts` parts).
inline std::vector<std::string_view> split(std::string_view data, std::string_view separator, std::size_t parts) {
  std::vector<std::string_view> out;
  while (out.size() + 1 < parts) {
    const auto at = data.find(separator);
    if (at == std::string_view::npos) break;
    out.push_back(data.substr(0, at));
    data.remove_prefix(at + separator.size());
  }
  out.push_back(data);
  return out;
}

/// A message for people: non-empty, printable UTF-8 (no control character),
/// and short (echoed values are shortened).
inline void check_message(std::string_view m, std::size_t max_bytes = 4096) {
  if (m.empty()) fail("empty message");
  if (m.size() > max_bytes) fail("message too long", m);
  if (!orgflow::is_valid_utf8(m)) fail("message is not UTF-8", m);
  for (const char c : m)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) fail("control character in message", m);
}

/// `as_printed`: check the message as the tool prints it (tidy_message),
/// for readers whose messages are tidied only when printed.
inline void check_diagnostics(const std::vector<orgflow::diagnostic>& ds, bool as_printed = false) {
  for (const auto& d : ds) {
    check_message(as_printed ? orgflow::tidy_message(d.message) : d.message);
    if (d.line < 0 || d.column < 0) fail("negative place", d.to_string());
  }
}

/// A model that loaded or was imported: valid, and its saved text loads to
/// an equal model whose text is the same (save is idempotent).
inline void check_model_round_trip(const orgflow::model& m) {
  const auto problems = orgflow::validate_model(m);
  if (!problems.empty()) fail("an accepted model is invalid", problems.front().to_string());
  const std::string saved = orgflow::save_model(m);
  const orgflow::load_result again = orgflow::load_model(saved, "saved.json");
  if (!again.ok()) fail("saved model does not load", again.diagnostics.front().to_string());
  if (orgflow::save_model(*again.value) != saved) fail("save is not idempotent");
}

/// An importer's result: a model (valid, round-tripping) exactly when there
/// are no diagnostics; printable, short messages; summary lines as the tool
/// prints them (tidied).
inline void check_import(const orgflow::import_result& r, bool messages_as_printed = false) {
  if (r.value.has_value() == !r.diagnostics.empty()) fail("a value and diagnostics, or neither");
  check_diagnostics(r.diagnostics, messages_as_printed);
  for (const auto& s : r.summary) check_message(orgflow::tidy_message(s));
  if (r.value) check_model_round_trip(*r.value);
}

/// The first non-blank byte (after a UTF-8 byte order mark), or 0.
inline char first_significant(std::string_view s) {
  std::size_t k = s.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r' || s[k] == '\n')) ++k;
  return k < s.size() ? s[k] : 0;
}

}  // namespace fuzz_support
