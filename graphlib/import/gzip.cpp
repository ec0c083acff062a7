// byte_source over zlib's gz* interface: gzread decompresses gzip data
// (including several concatenated members) and passes any other file through
// unchanged, so one reader serves `.xes`, `.xes.gz`, `.csv` and `.csv.gz`.
#include "import/gzip.hpp"

#include <cerrno>
#include <cstring>
#include <limits>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "orgflow/io.hpp"

namespace orgflow::import_io {
namespace {

gzFile as_gz(void* p) { return static_cast<gzFile>(p); }

}  // namespace

byte_source::byte_source(const std::string& path, std::uint64_t inflate_limit) : path_(path), limit_(inflate_limit) {
  errno = 0;
  gzFile f = nullptr;
  if (path == "-") {
    const int fd = ::dup(0);
    if (fd >= 0) f = gzdopen(fd, "rb");
  } else {
    f = gzopen(path.c_str(), "rb");
  }
  if (f == nullptr) {
    const int e = errno;
    throw environment_error("cannot read " + path + ": " + (e != 0 ? std::strerror(e) : "cannot open the file"), 2);
  }
  // Larger internal buffers (zlib allocates three times this): fewer system
  // calls and inflate calls on a large log; a small file keeps zlib's
  // default, so that reading many small files (tests, fuzzing) stays cheap.
  struct stat st {};
  const bool small = path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (1 << 20);
  if (!small) gzbuffer(f, 1 << 18);
  file_ = f;
}

byte_source::~byte_source() {
  if (file_ != nullptr) gzclose(as_gz(file_));
}

std::size_t byte_source::read(char* buffer, std::size_t size) {
  if (file_ == nullptr || !error_.empty() || size == 0) return 0;
  const unsigned chunk = size > std::numeric_limits<int>::max() / 2 ? std::numeric_limits<int>::max() / 2
                                                                     : static_cast<unsigned>(size);
  const int n = gzread(as_gz(file_), buffer, chunk);
  if (gzdirect(as_gz(file_)) == 0) compressed_ = true;
  if (n > 0 && compressed_) {
    inflated_ += static_cast<std::uint64_t>(n);
    if (inflated_ > limit_) {
      error_ = "the gzip data inflates to more than " + std::to_string(limit_ >> 20) +
               " MiB, the most orgflow unpacks (is it a decompression bomb?)";
      return 0;
    }
  }
  if (n < 0) {
    int code = 0;
    const char* msg = gzerror(as_gz(file_), &code);
    if (code == Z_ERRNO) {
      throw environment_error("cannot read " + path_ + ": " + std::strerror(errno), 2);
    }
    error_ = std::string("the gzip data is corrupt (") + (msg != nullptr ? msg : "inflate failed") + ")";
    return 0;
  }
  if (n == 0) {
    // gzread reports a truncated stream only through gzerror.
    int code = 0;
    const char* msg = gzerror(as_gz(file_), &code);
    if (code == Z_BUF_ERROR) {
      error_ = "the gzip data ends early (the file is truncated)";
    } else if (code != Z_OK && code != Z_STREAM_END) {
      error_ = std::string("the gzip data is corrupt (") + (msg != nullptr ? msg : "inflate failed") + ")";
    }
  }
  return static_cast<std::size_t>(n);
}

std::string read_all(const std::string& path, std::string* error, std::size_t limit) {
  byte_source in(path);
  std::string out;
  std::string buffer(1 << 16, '\0');
  while (const std::size_t n = in.read(buffer.data(), buffer.size())) {
    if (out.size() + n > limit) {
      if (error != nullptr)
        *error = std::string("the file holds more than ") + std::to_string(limit >> 20) + " MiB" +
                 (in.compressed() ? " once inflated" : "") +
                 ", the most orgflow reads of it (is it the right file, or a decompression bomb?)";
      return {};
    }
    out.append(buffer.data(), n);
  }
  if (error != nullptr) *error = in.error();
  return out;
}

}  // namespace orgflow::import_io
