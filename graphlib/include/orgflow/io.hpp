// Files in and out, and the one exception type for a failing environment
// (engineering.md, "Errors, three kinds kept apart"): bad input is reported as
// diagnostics, a missing file or a full disk throws environment_error, which
// the tool maps to an exit status.
//
// What writing promises (docs/reliability.md): nothing is destroyed and
// nothing is left half-written. A regular file (or a new one) is written to a
// temporary file beside it and renamed over it only when complete, keeping
// the old file's permissions; a link is followed, so the link stays a link.
// A character device or a FIFO (`/dev/null`, a named pipe) is written in
// place, never replaced by a regular file. A folder, a socket or a block
// device is refused. Several files that belong together (a report and its
// diagrams) are written as one: all of them into a temporary folder first,
// then moved into place, and put back as they were when a move fails.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace orgflow {

/// The environment failed: a file could not be read or written, Graphviz
/// refused, ... `exit_status` is 2 for problems the user can fix (a missing
/// or unreadable file, a full disk, an output that is a folder) and 3 for
/// everything else.
class environment_error : public std::runtime_error {
 public:
  /// Both O(1) (the constructor copies `what`).
  explicit environment_error(const std::string& what, int exit_status = 2)
      : std::runtime_error(what), status_(exit_status) {}
  int exit_status() const { return status_; }

 private:
  int status_;
};

/// The largest file read whole (a model, a DOT graph): 256 MiB. A model of
/// 10,000 units and 100,000 flows is about 20 MB, and loading takes about ten
/// times a file's size in memory; the cap also ends an endless input such as
/// `validate - < /dev/zero` with a message instead of exhausting memory.
inline constexpr std::size_t max_read_bytes = std::size_t{256} << 20;

/// Reads a whole file (binary). `-` reads standard input; a FIFO or a
/// character device is read up to its end. More than `limit` bytes throw
/// environment_error (exit 2) saying so, as do a missing or unreadable file
/// and a folder. O(bytes read). An empty file gives an empty string.
std::string read_file(const std::string& path, std::size_t limit = max_read_bytes);

/// One output, written as it is produced (`write` may be called many times,
/// so a large result never has to be held in memory whole), and put in place
/// by `commit`. Destroying it uncommitted removes what was written (a
/// temporary file); a device or a FIFO has then received part of the output,
/// as with any program that writes to one. `-` is standard output.
/// Every failure throws environment_error with exit status 2 and a plain
/// message (`out.json: cannot write: No space left on device`).
class output_file {
 public:
  /// Opens the output: a temporary file beside a regular or new target, the
  /// target itself for a device or FIFO, standard output for `-`. O(1)
  /// system calls.
  explicit output_file(const std::string& path);
  /// Uncommitted: removes the temporary file. O(1).
  ~output_file();
  output_file(const output_file&) = delete;
  output_file& operator=(const output_file&) = delete;

  /// Appends `bytes`, gathered into writes of 64 KiB. O(bytes); empty bytes
  /// write nothing.
  void write(std::string_view bytes);
  /// Writes what is gathered, syncs it to disk and, for a regular or new
  /// target, renames the temporary file over it; a second call does
  /// nothing. Committing without a write gives an empty file. O(bytes still
  /// gathered) plus an fsync.
  void commit();
  /// The path as given. O(1).
  const std::string& path() const;

 private:
  struct state;
  std::unique_ptr<state> s_;
};

/// Writes `content` to `path` through an output_file: atomically for a
/// regular file, in place for a device or FIFO, `-` to standard output.
/// Throws environment_error. O(size of content) plus an fsync; empty
/// content gives an empty file.
void write_file_atomic(const std::string& path, std::string_view content);

/// One file of a multi-file output.
struct output_part {
  std::string path;
  std::string content;
};

/// Writes several files as one output. Each target is checked first (a
/// folder, socket or block device among them refuses the whole output before
/// anything is written); the parts are written into a temporary folder in
/// the folder of each target, then moved into place one by one; when a
/// write or a move fails, the files already moved are put back as they were
/// (or removed, when they are new) and the temporary folders are removed.
/// Devices and FIFOs among the parts are written in place after the others
/// are in place. Throws environment_error; a part with the path `-` throws
/// std::logic_error. O(total size + parts log parts), one fsync per part.
/// No parts: nothing is checked or written.
void write_files_atomic(const std::vector<output_part>& parts);

/// Like write_files_atomic for an output that is a folder: writes the parts
/// (plain file names, no `/`) into `folder`, which is created when it does
/// not exist (then the whole folder appears at once). Throws
/// environment_error; `folder` naming something that is not a folder is
/// refused, and a part name that is empty, `.`, `..` or holds `/` throws
/// std::logic_error. O(total size), one fsync per part. No parts: an
/// existing folder is left as it is, a missing one is created empty.
void write_folder_atomic(const std::string& folder, const std::vector<output_part>& parts);

/// True when both paths name the same existing file (so an output would
/// overwrite an input). Two stat calls, O(1); false when either is `-` or
/// does not exist (an empty path too).
bool same_file(const std::string& a, const std::string& b);

namespace io_detail {
/// write_files_atomic with the rename function replaceable, so that tests
/// can make a move fail and check that everything is put back. Same cost
/// and the same behaviour on no parts.
using rename_function = int (*)(const char* from, const char* to);
void write_files_atomic(const std::vector<output_part>& parts, rename_function rename_fn);
}  // namespace io_detail

}  // namespace orgflow
