// run_parallel and resolve_threads (parallel.hpp). A worker that throws
// (out of memory) does not take the process down from inside a thread: the
// first exception is kept and rethrown on the calling thread once every
// worker has stopped.
#include "analysis/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace orgflow::analysis {

void run_parallel(std::size_t n, unsigned threads, const std::function<void(std::size_t, unsigned)>& body) {
  if (threads <= 1 || n <= 1) {
    for (std::size_t i = 0; i < n; ++i) body(i, 0);
    return;
  }
  const unsigned count = static_cast<unsigned>(std::min<std::size_t>(threads, n));
  std::atomic<std::size_t> next{0};
  // An exception in a worker (out of memory) is carried to the caller
  // instead of terminating the program; the other workers stop taking work.
  std::mutex failure_mutex;
  std::exception_ptr failure;
  auto work = [&](unsigned worker) {
    try {
      for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) body(i, worker);
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next.store(n);
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(count - 1);
  for (unsigned w = 1; w < count; ++w) {
    try {
      pool.emplace_back(work, w);
    } catch (const std::system_error&) {
      break;  // no more threads: the running ones share the work
    }
  }
  work(0);
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

unsigned resolve_threads(unsigned requested) {
  if (requested > 0) return requested;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace orgflow::analysis
