// Writing without destroying anything (orgflow/io.hpp, docs/reliability.md):
// regular files replaced atomically with their permissions, devices and
// FIFOs written in place, folders and sockets refused, several files written
// as one (and put back as they were when a move fails), reads capped.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "orgflow/io.hpp"

using namespace orgflow;

namespace {

// A fresh folder, removed with everything in it at the end of the test.
struct scratch {
  std::string dir;
  scratch() {
    char tmpl[] = "/tmp/orgflow-io-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
  }
  ~scratch() { remove_all(dir); }
  std::string operator/(const std::string& name) const { return dir + "/" + name; }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    if (DIR* d = ::opendir(dir.c_str())) {
      while (const dirent* e = ::readdir(d))
        if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) out.push_back(e->d_name);
      ::closedir(d);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  static void remove_all(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return;
    if (S_ISDIR(st.st_mode)) {
      if (DIR* d = ::opendir(path.c_str())) {
        std::vector<std::string> inside;
        while (const dirent* e = ::readdir(d))
          if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) inside.push_back(e->d_name);
        ::closedir(d);
        for (const auto& n : inside) remove_all(path + "/" + n);
      }
      ::rmdir(path.c_str());
    } else {
      ::unlink(path.c_str());
    }
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const std::string& path, const std::string& content) { std::ofstream(path, std::ios::binary) << content; }

mode_t mode_of(const std::string& path) {
  struct stat st {};
  REQUIRE(::lstat(path.c_str(), &st) == 0);
  return st.st_mode;
}

int exit_status_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const environment_error& e) {
    return e.exit_status();
  }
  return 0;
}

// The rename of write_files_atomic, failing once: at call number
// renames_left + 1 (renames before and after it work).
int renames_left = 0;
int failing_rename(const char* from, const char* to) {
  if (renames_left-- == 0) {
    errno = EIO;
    return -1;
  }
  return ::rename(from, to);
}

}  // namespace

TEST_CASE("A regular file is replaced whole and keeps its permissions", "[io]") {
  scratch s;
  spit(s / "out.txt", "old");
  REQUIRE(::chmod((s / "out.txt").c_str(), 0640) == 0);
  write_file_atomic(s / "out.txt", "new text");
  CHECK(slurp(s / "out.txt") == "new text");
  CHECK((mode_of(s / "out.txt") & 07777) == 0640);
  CHECK(s.names() == std::vector<std::string>{"out.txt"});  // no temporary file left
}

TEST_CASE("An output not committed leaves the old file and no temporary file", "[io]") {
  scratch s;
  spit(s / "out.txt", "old");
  {
    output_file out(s / "out.txt");
    out.write("half of it");
  }
  CHECK(slurp(s / "out.txt") == "old");
  CHECK(s.names() == std::vector<std::string>{"out.txt"});
}

TEST_CASE("A link is followed: its target is replaced and the link stays", "[io]") {
  scratch s;
  spit(s / "target.txt", "old");
  REQUIRE(::symlink("target.txt", (s / "link.txt").c_str()) == 0);
  write_file_atomic(s / "link.txt", "new");
  CHECK(S_ISLNK(mode_of(s / "link.txt")));
  CHECK(slurp(s / "target.txt") == "new");
}

TEST_CASE("A FIFO is written in place and stays a FIFO", "[io]") {
  scratch s;
  REQUIRE(::mkfifo((s / "pipe").c_str(), 0600) == 0);
  std::string received;
  std::thread reader([&] { received = slurp(s / "pipe"); });
  write_file_atomic(s / "pipe", "through the pipe");
  reader.join();
  CHECK(received == "through the pipe");
  CHECK(S_ISFIFO(mode_of(s / "pipe")));
}

TEST_CASE("A folder and a socket are refused with exit status 2, and left alone", "[io]") {
  scratch s;
  REQUIRE(::mkdir((s / "folder").c_str(), 0700) == 0);
  CHECK(exit_status_of([&] { write_file_atomic(s / "folder", "x"); }) == 2);
  CHECK(S_ISDIR(mode_of(s / "folder")));

  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  const std::string path = s / "sock";
  REQUIRE(path.size() < sizeof addr.sun_path);
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0);
  CHECK(exit_status_of([&] { write_file_atomic(path, "x"); }) == 2);
  CHECK(S_ISSOCK(mode_of(path)));
  ::close(fd);
}

TEST_CASE("A missing folder is exit status 2, naming the folder", "[io]") {
  scratch s;
  try {
    write_file_atomic(s / "no/such/out.txt", "x");
    FAIL("no error");
  } catch (const environment_error& e) {
    CHECK(e.exit_status() == 2);
    CHECK(std::string(e.what()).find("does not exist") != std::string::npos);
  }
}

TEST_CASE("Several files are written as one: all in place, nothing left over", "[io]") {
  scratch s;
  spit(s / "r.md", "old report");
  write_files_atomic({{s / "r.md", "report"}, {s / "r-map.svg", "map"}, {s / "r-finding-1.svg", "one"}});
  CHECK(slurp(s / "r.md") == "report");
  CHECK(slurp(s / "r-map.svg") == "map");
  CHECK(s.names() == std::vector<std::string>{"r-finding-1.svg", "r-map.svg", "r.md"});
}

TEST_CASE("A target that cannot be written stops several files before any is written", "[io]") {
  scratch s;
  spit(s / "r.md", "old report");
  REQUIRE(::mkdir((s / "r-finding-2.svg").c_str(), 0700) == 0);
  CHECK(exit_status_of([&] {
          write_files_atomic({{s / "r.md", "report"}, {s / "r-finding-1.svg", "one"}, {s / "r-finding-2.svg", "two"}});
        }) == 2);
  CHECK(slurp(s / "r.md") == "old report");
  CHECK(s.names() == std::vector<std::string>{"r-finding-2.svg", "r.md"});
}

TEST_CASE("A move that fails puts back every file already moved", "[io]") {
  scratch s;
  spit(s / "a.txt", "old a");
  spit(s / "c.txt", "old c");
  // Per part: the old file is moved aside, then the new one into place:
  // five renames for these three parts. Fail each of them in turn.
  for (int allowed : {0, 1, 2, 3, 4}) {
    CAPTURE(allowed);
    renames_left = allowed;
    CHECK(exit_status_of([&] {
            io_detail::write_files_atomic({{s / "a.txt", "new a"}, {s / "b.txt", "new b"}, {s / "c.txt", "new c"}},
                                          &failing_rename);
          }) == 2);
    CHECK(slurp(s / "a.txt") == "old a");
    CHECK(slurp(s / "c.txt") == "old c");
    CHECK(s.names() == std::vector<std::string>{"a.txt", "c.txt"});  // b.txt removed, no temporary folder
  }
}

TEST_CASE("A folder output appears whole, or fills an existing folder", "[io]") {
  scratch s;
  write_folder_atomic(s / "tables", {{"findings.csv", "f"}, {"needs.csv", "n"}});
  CHECK(slurp(s / "tables/findings.csv") == "f");
  CHECK(slurp(s / "tables/needs.csv") == "n");
  write_folder_atomic(s / "tables", {{"needs.csv", "n2"}});
  CHECK(slurp(s / "tables/needs.csv") == "n2");
  CHECK(slurp(s / "tables/findings.csv") == "f");
  spit(s / "file", "x");
  CHECK(exit_status_of([&] { write_folder_atomic(s / "file", {{"a.csv", "a"}}); }) == 2);
  CHECK(s.names() == std::vector<std::string>{"file", "tables"});
}

TEST_CASE("Reads stop at their cap with exit status 2", "[io]") {
  scratch s;
  spit(s / "big", std::string(100, 'x'));
  CHECK(read_file(s / "big", 100).size() == 100);
  CHECK(exit_status_of([&] { read_file(s / "big", 99); }) == 2);
  // A FIFO has no size to look at first: the cap ends the read.
  std::signal(SIGPIPE, SIG_IGN);  // the writer's last write finds no reader
  REQUIRE(::mkfifo((s / "endless").c_str(), 0600) == 0);
  std::thread writer([&] {
    const int fd = ::open((s / "endless").c_str(), O_WRONLY);
    const std::string block(4096, 'z');
    while (::write(fd, block.data(), block.size()) > 0) {
    }
    ::close(fd);
  });
  CHECK(exit_status_of([&] { read_file(s / "endless", 1 << 20); }) == 2);
  writer.join();  // its write fails (EPIPE) once the reader is gone
}
