// Reading and writing files without destroying anything (see orgflow/io.hpp).
//
// Every output goes through classify(): what the path names decides how it is
// written. A regular file (or a new one) gets a temporary file in the same
// folder and a rename, since only a rename replaces a file atomically; but a
// rename would replace a device node or a FIFO by a regular file (run as
// root, `-o /dev/null` used to turn /dev/null into a file), so those are
// opened and written in place. Links are followed by hand, so that the link
// is kept and its target is replaced. Write errors are the environment's,
// with exit status 2 and the system's words ("No space left on device").
#include "orgflow/io.hpp"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <map>
#include <sys/stat.h>
#include <unistd.h>

namespace orgflow {

namespace {

std::string errno_text(int e) { return std::strerror(e); }

std::string shown(const std::string& path) { return path == "-" ? "<stdin>" : path; }

std::string size_text(std::size_t bytes) {
  if (bytes >= (std::size_t{1} << 30) && bytes % (std::size_t{1} << 30) == 0)
    return std::to_string(bytes >> 30) + " GiB";
  if (bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0)
    return std::to_string(bytes >> 20) + " MiB";
  return std::to_string(bytes) + " bytes";
}

std::string folder_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Writes all of `bytes` to fd, retrying after signals and short writes.
// Returns 0 or the errno of the failure.
int write_all(int fd, std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t w = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    done += static_cast<std::size_t>(w);
  }
  return 0;
}

// What an output path names, after following links.
enum class target_kind { standard_output, new_file, regular, in_place };

struct target {
  target_kind kind = target_kind::new_file;
  std::string path;  // the file actually written (the link's target for a link)
  struct stat st {};  // of the existing file (regular, in_place)
};

[[noreturn]] void refuse(const std::string& shown_path, const std::string& why) {
  throw environment_error("cannot write " + shown_path + ": " + why, 2);
}

target classify(const std::string& path) {
  target t;
  if (path == "-") {
    t.kind = target_kind::standard_output;
    return t;
  }
  if (path.empty()) refuse("''", "the output name is empty");
  std::string p = path;
  for (int hops = 0;; ++hops) {
    struct stat ls {};
    if (::lstat(p.c_str(), &ls) != 0) {
      const int e = errno;
      if (e != ENOENT) refuse(path, errno_text(e));
      // A new file: its folder must exist.
      struct stat ds {};
      const std::string dir = folder_of(p);
      if (::stat(dir.c_str(), &ds) != 0) refuse(path, "the folder " + dir + " does not exist (create it first)");
      if (!S_ISDIR(ds.st_mode)) refuse(path, dir + " is not a folder");
      t.kind = target_kind::new_file;
      t.path = p;
      return t;
    }
    if (S_ISLNK(ls.st_mode)) {
      if (hops >= 40) refuse(path, "too many levels of links");
      char buf[PATH_MAX];
      const ssize_t n = ::readlink(p.c_str(), buf, sizeof buf - 1);
      if (n < 0) refuse(path, errno_text(errno));
      std::string next(buf, static_cast<std::size_t>(n));
      if (next.empty() || next[0] != '/') next = folder_of(p) + "/" + next;
      p = next;
      continue;
    }
    t.path = p;
    t.st = ls;
    if (S_ISREG(ls.st_mode)) {
      t.kind = target_kind::regular;
    } else if (S_ISCHR(ls.st_mode) || S_ISFIFO(ls.st_mode)) {
      t.kind = target_kind::in_place;
    } else if (S_ISDIR(ls.st_mode)) {
      refuse(path, "it is a folder (name a file inside it, such as " + (path.back() == '/' ? path : path + "/") +
                       "out" + ")");
    } else if (S_ISSOCK(ls.st_mode)) {
      refuse(path, "it is a socket (write to a file, or to standard output with -o -)");
    } else if (S_ISBLK(ls.st_mode)) {
      refuse(path, "it is a block device (a disk); orgflow writes only to files, character devices and FIFOs");
    } else {
      refuse(path, "it is not a file");
    }
    return t;
  }
}

// A temporary file beside `final_path`, with the permissions the final file
// will have: those of the file it replaces, else an ordinary new file's.
int make_temporary(const std::string& final_path, const target& t, std::string& temp_path, int& error) {
  temp_path = folder_of(final_path) + "/." + base_of(final_path) + ".tmp-XXXXXX";
  const int fd = ::mkstemp(temp_path.data());
  if (fd < 0) {
    error = errno;
    return -1;
  }
  if (t.kind == target_kind::regular) {
    ::fchmod(fd, t.st.st_mode & 07777);
    // Keep the owner too when we may (root writing another user's file).
    if (::fchown(fd, t.st.st_uid, t.st.st_gid) != 0) {
      // Not allowed: the file becomes ours, as with any editor.
    }
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd, static_cast<mode_t>(0666 & ~mask));
  }
  return fd;
}

std::string write_error(const std::string& shown_path, int e) {
  if (e == ENOSPC || e == EDQUOT) return "cannot write " + shown_path + ": the disk is full (" + errno_text(e) + ")";
  if (e == EFBIG) return "cannot write " + shown_path + ": the file is larger than allowed (" + errno_text(e) + ")";
  return "cannot write " + shown_path + ": " + errno_text(e);
}

}  // namespace

// ---------------------------------------------------------------------------
// Reading

std::string read_file(const std::string& path, std::size_t limit) {
  int fd = STDIN_FILENO;
  if (path != "-") {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw environment_error(path + ": cannot read: " + errno_text(errno));
    if (S_ISDIR(st.st_mode)) throw environment_error(path + ": is a folder, not a file");
    if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > limit)
      throw environment_error(path + ": the file is larger than " + size_text(limit) +
                              ", the most orgflow reads (is it the right file?)");
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw environment_error(path + ": cannot read: " + errno_text(errno));
  }
  std::string out;
  std::string buffer(std::size_t{1} << 16, '\0');
  int error = 0;
  bool too_large = false;
  for (;;) {
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      error = errno;
      break;
    }
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > limit) {
      too_large = true;
      break;
    }
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  if (fd != STDIN_FILENO) ::close(fd);
  if (error != 0) throw environment_error(shown(path) + ": cannot read: " + errno_text(error));
  if (too_large)
    throw environment_error(shown(path) + ": the input is larger than " + size_text(limit) +
                            ", the most orgflow reads (is it the right file?)");
  return out;
}

bool same_file(const std::string& a, const std::string& b) {
  if (a == "-" || b == "-") return false;
  struct stat sa {}, sb {};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

// ---------------------------------------------------------------------------
// One output

struct output_file::state {
  std::string path;  // as given
  target t;
  int fd = -1;
  std::string temp;   // the temporary file (regular and new targets)
  std::string buffer; // standard output and small writes are gathered here
  bool committed = false;

  void flush() {
    if (buffer.empty()) return;
    const int e = write_all(fd, buffer);
    buffer.clear();
    if (e != 0) fail(e);
  }
  [[noreturn]] void fail(int e) {
    const std::string shown_path = t.kind == target_kind::standard_output ? "standard output" : path;
    discard();
    throw environment_error(write_error(shown_path, e), 2);
  }
  void discard() {
    if (t.kind == target_kind::standard_output) return;
    if (fd >= 0) ::close(fd);
    fd = -1;
    if (!temp.empty()) ::unlink(temp.c_str());
    temp.clear();
  }
};

output_file::output_file(const std::string& path) : s_(std::make_unique<state>()) {
  s_->path = path;
  s_->t = classify(path);
  switch (s_->t.kind) {
    case target_kind::standard_output:
      // What others printed through std::cout goes first.
      std::cout.flush();
      s_->fd = STDOUT_FILENO;
      break;
    case target_kind::in_place:
      s_->fd = ::open(s_->t.path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
      if (s_->fd < 0) throw environment_error(write_error(path, errno), 2);
      break;
    case target_kind::new_file:
    case target_kind::regular: {
      int e = 0;
      s_->fd = make_temporary(s_->t.path, s_->t, s_->temp, e);
      if (s_->fd < 0) throw environment_error(write_error(path, e), 2);
      break;
    }
  }
}

output_file::~output_file() {
  if (!s_->committed) s_->discard();
}

const std::string& output_file::path() const { return s_->path; }

void output_file::write(std::string_view bytes) {
  constexpr std::size_t gather = std::size_t{1} << 16;
  if (s_->buffer.size() + bytes.size() <= gather) {
    s_->buffer.append(bytes);
    return;
  }
  s_->flush();
  if (bytes.size() < gather) {
    s_->buffer.append(bytes);
    return;
  }
  if (const int e = write_all(s_->fd, bytes); e != 0) s_->fail(e);
}

void output_file::commit() {
  if (s_->committed) return;
  s_->flush();
  state& s = *s_;
  if (s.t.kind == target_kind::standard_output) {
    // A full disk behind standard output shows here at the latest.
    if (::fsync(STDOUT_FILENO) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP) s.fail(errno);
    s.committed = true;
    return;
  }
  if (s.t.kind == target_kind::in_place) {
    const int fd = s.fd;
    s.fd = -1;
    if (::close(fd) != 0) s.fail(errno);
    s.committed = true;
    return;
  }
  if (::fsync(s.fd) != 0) s.fail(errno);
  const int fd = s.fd;
  s.fd = -1;
  if (::close(fd) != 0) s.fail(errno);
  if (::rename(s.temp.c_str(), s.t.path.c_str()) != 0) s.fail(errno);
  s.temp.clear();
  s.committed = true;
}

void write_file_atomic(const std::string& path, std::string_view content) {
  output_file out(path);
  out.write(content);
  out.commit();
}

// ---------------------------------------------------------------------------
// Several outputs as one

namespace io_detail {

// Long on purpose: the all-or-nothing protocol (check, stage, rename,
// roll back) in one place, so that every failure path can be checked
// against what was done before it.
void write_files_atomic(const std::vector<output_part>& parts, rename_function rename_fn) {
  if (parts.empty()) return;
  // Check every target before writing anything.
  std::vector<target> targets;
  targets.reserve(parts.size());
  for (const auto& p : parts) {
    if (p.path == "-") throw std::logic_error("write_files_atomic: '-' cannot be one of several outputs");
    targets.push_back(classify(p.path));
  }
  // One temporary folder in each folder written to (links may lead
  // elsewhere), so that every move is a rename within one file system.
  std::map<std::string, std::string> staging;  // folder -> its temporary folder
  std::vector<std::string> staged(parts.size()), backups(parts.size());
  std::vector<bool> moved(parts.size(), false);
  auto clean_up = [&] {
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (!staged[i].empty()) ::unlink(staged[i].c_str());
      if (!backups[i].empty()) ::unlink(backups[i].c_str());
    }
    for (const auto& [folder, temp] : staging) ::rmdir(temp.c_str());
  };
  // Undo: put back what was moved, newest first.
  auto roll_back = [&] {
    for (std::size_t i = parts.size(); i-- > 0;) {
      if (!moved[i]) continue;
      if (!backups[i].empty()) {
        if (rename_fn(backups[i].c_str(), targets[i].path.c_str()) == 0) backups[i].clear();
      } else {
        ::unlink(targets[i].path.c_str());
      }
    }
  };
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (targets[i].kind == target_kind::in_place) continue;
    const std::string folder = folder_of(targets[i].path);
    auto it = staging.find(folder);
    if (it == staging.end()) {
      std::string temp = folder + "/.orgflow-tmp-XXXXXX";
      if (::mkdtemp(temp.data()) == nullptr) {
        const int e = errno;
        clean_up();
        throw environment_error(write_error(parts[i].path, e), 2);
      }
      it = staging.emplace(folder, temp).first;
    }
    staged[i] = it->second + "/" + std::to_string(i);
    const int fd = ::open(staged[i].c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int e = fd < 0 ? errno : 0;
    if (fd >= 0) {
      if (targets[i].kind == target_kind::regular) {
        ::fchmod(fd, targets[i].st.st_mode & 07777);
      } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        ::fchmod(fd, static_cast<mode_t>(0666 & ~mask));
      }
      e = write_all(fd, parts[i].content);
      if (e == 0 && ::fsync(fd) != 0) e = errno;
      if (::close(fd) != 0 && e == 0) e = errno;
    } else {
      staged[i].clear();
    }
    if (e != 0) {
      clean_up();
      throw environment_error(write_error(parts[i].path, e), 2);
    }
  }
  // Move them into place, keeping each file they replace until all are in.
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (targets[i].kind == target_kind::in_place) continue;
    int e = 0;
    if (targets[i].kind == target_kind::regular) {
      backups[i] = staging[folder_of(targets[i].path)] + "/old-" + std::to_string(i);
      if (rename_fn(targets[i].path.c_str(), backups[i].c_str()) != 0) {
        e = errno;
        backups[i].clear();
      }
    }
    if (e == 0 && rename_fn(staged[i].c_str(), targets[i].path.c_str()) != 0) {
      e = errno;
      if (!backups[i].empty() && rename_fn(backups[i].c_str(), targets[i].path.c_str()) == 0) backups[i].clear();
    }
    if (e != 0) {
      roll_back();
      clean_up();
      throw environment_error(write_error(parts[i].path, e) +
                                  " (nothing was written: the files already moved were put back as they were)",
                              2);
    }
    staged[i].clear();
    moved[i] = true;
  }
  clean_up();
  // Devices and FIFOs last: they cannot be staged or taken back.
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (targets[i].kind == target_kind::in_place) write_file_atomic(parts[i].path, parts[i].content);
}

}  // namespace io_detail

void write_files_atomic(const std::vector<output_part>& parts) {
  io_detail::write_files_atomic(parts, &::rename);
}

void write_folder_atomic(const std::string& folder, const std::vector<output_part>& parts) {
  std::string dir = folder;
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  for (const auto& p : parts)
    if (p.path.empty() || p.path.find('/') != std::string::npos || p.path == "." || p.path == "..")
      throw std::logic_error("write_folder_atomic: '" + p.path + "' is not a plain file name");
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) refuse(folder, "it exists and is not a folder (an output folder is needed here)");
    std::vector<output_part> inside;
    inside.reserve(parts.size());
    for (const auto& p : parts) inside.push_back({dir + "/" + p.path, p.content});
    write_files_atomic(inside);
    return;
  }
  if (errno != ENOENT) refuse(folder, errno_text(errno));
  // A new folder: build it under a temporary name beside it, then rename it
  // into place, so that it appears complete or not at all.
  const std::string parent = folder_of(dir);
  struct stat ps {};
  if (::stat(parent.c_str(), &ps) != 0 || !S_ISDIR(ps.st_mode))
    refuse(folder, "the folder " + parent + " does not exist (create it first)");
  std::string staging = parent + "/." + base_of(dir) + ".tmp-XXXXXX";
  if (::mkdtemp(staging.data()) == nullptr) throw environment_error(write_error(folder, errno), 2);
  auto remove_staging = [&](std::size_t written) {
    for (std::size_t i = 0; i < written; ++i) ::unlink((staging + "/" + parts[i].path).c_str());
    ::rmdir(staging.c_str());
  };
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string p = staging + "/" + parts[i].path;
    const int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    int e = fd < 0 ? errno : write_all(fd, parts[i].content);
    if (fd >= 0) {
      if (e == 0 && ::fsync(fd) != 0) e = errno;
      if (::close(fd) != 0 && e == 0) e = errno;
    }
    if (e != 0) {
      remove_staging(fd >= 0 ? i + 1 : i);
      throw environment_error(write_error(folder + "/" + parts[i].path, e), 2);
    }
  }
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::chmod(staging.c_str(), static_cast<mode_t>(0777 & ~mask));
  if (::rename(staging.c_str(), dir.c_str()) != 0) {
    const int e = errno;
    remove_staging(parts.size());
    throw environment_error(write_error(folder, e), 2);
  }
}

}  // namespace orgflow
