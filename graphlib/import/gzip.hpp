// Streaming byte source for importers: reads a plain or gzip-compressed file
// (detected by content, not by name) in chunks through zlib, so that a
// 74 MB event log is never held in memory whole. `-` reads standard input.
//
//   orgflow::import_io::byte_source in(path);   // throws environment_error when unreadable
//   char buf[1 << 16];
//   while (std::size_t n = in.read(buf, sizeof buf)) { ... }
//
// read() returns 0 at the end of the data. A corrupt or truncated gzip stream
// is bad input, not a failing environment: read() then returns 0 and
// error() holds a sentence for a diagnostic ("the gzip data ends early").
//
// Decompression is capped (docs/reliability.md): a gzip stream that inflates
// to more than `inflate_limit` bytes (16 GiB for a streamed log) is reported
// as an error instead of being inflated on; read_all, which holds the data
// in memory, is capped at a size its caller chooses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace orgflow::import_io {

/// The most a streamed gzip file is inflated to: 16 GiB.
inline constexpr std::uint64_t max_inflated_bytes = std::uint64_t{16} << 30;

class byte_source {
 public:
  explicit byte_source(const std::string& path, std::uint64_t inflate_limit = max_inflated_bytes);
  ~byte_source();
  byte_source(const byte_source&) = delete;
  byte_source& operator=(const byte_source&) = delete;

  /// Up to `size` bytes of (decompressed) data; 0 at the end or on error.
  std::size_t read(char* buffer, std::size_t size);
  /// Empty unless the data could not be decompressed or read.
  const std::string& error() const { return error_; }
  /// True when the file was gzip-compressed.
  bool compressed() const { return compressed_; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  void* file_ = nullptr;  // gzFile, kept opaque so that zlib.h stays in the .cpp
  bool compressed_ = false;
  std::uint64_t limit_;
  std::uint64_t inflated_ = 0;
  std::string error_;
};

/// The whole (decompressed) content of a file; throws environment_error when
/// it cannot be opened, and sets *error (when given) for corrupt gzip data
/// and for data of more than `limit` bytes (plain or inflated), of which it
/// reads no more.
std::string read_all(const std::string& path, std::string* error, std::size_t limit = static_cast<std::size_t>(-1));

}  // namespace orgflow::import_io
