// A small persistent thread pool behind parallel_for (see parallel.h).
#include "core/parallel.h"

#include <algorithm>
#include <cstdlib>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "core/fast_tls.h"
#include "ctorch/error.h"

namespace ctorch {

namespace {

CTORCH_FAST_TLS bool in_parallel_region = false;

class ThreadPool {
 public:
  static ThreadPool& instance() {
    static ThreadPool pool;
    return pool;
  }

  int num_threads() const { return num_threads_.load(); }

  void set_num_threads(int n) {
    std::lock_guard<std::mutex> run_lock(run_mutex_);  // never while a job runs
    stop_workers();
    num_threads_ = n;
    start_workers(n - 1);
  }

  // Runs chunk(i) for i in [0, chunks) on the caller and the workers.
  void run(int64_t chunks, const std::function<void(int64_t)>& chunk) {
    std::lock_guard<std::mutex> run_lock(run_mutex_);  // one job at a time
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &chunk;
      job_chunks_ = chunks;
      next_chunk_ = 0;
      pending_ = chunks;
      error_ = nullptr;
      ++generation_;
    }
    wake_.notify_all();
    work_on_job();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
    job_ = nullptr;
    if (error_) std::rethrow_exception(error_);
  }

 private:
  // Every hardware thread, unless CTORCH_NUM_THREADS says otherwise (like OMP_NUM_THREADS).
  ThreadPool() {
    int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    if (const char* env = std::getenv("CTORCH_NUM_THREADS"); env && std::atoi(env) > 0) threads = std::atoi(env);
    num_threads_ = threads;
    start_workers(threads - 1);
  }
  ~ThreadPool() { stop_workers(); }

  void start_workers(int count) {
    stopping_ = false;
    for (int i = 0; i < count; ++i) workers_.emplace_back([this] { worker_loop(); });
  }

  void stop_workers() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
    workers_.clear();
  }

  void worker_loop() {
    in_parallel_region = true;
    uint64_t seen = 0;
    while (true) {
      spin_until_next_job(seen);
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || (job_ && generation_ != seen); });
        if (stopping_) return;
        seen = generation_;
      }
      work_on_job();
    }
  }

  // After a job, a worker polls for the next one for a short while (~0.1 ms) before it sleeps:
  // waking a sleeping thread takes tens of microseconds, longer than a whole mid-sized op, and
  // ops often come in quick succession (as OpenMP's workers spin, for the same reason).
  void spin_until_next_job(uint64_t seen) const {
    for (int i = 0; i < kSpinCount; ++i) {
      if (generation_.load(std::memory_order_acquire) != seen) return;
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
    }
  }
  static constexpr int kSpinCount = 4000;

  // Takes chunks until none are left; the last one to finish wakes the caller.
  void work_on_job() {
    const bool was_parallel = in_parallel_region;
    in_parallel_region = true;
    while (true) {
      int64_t i;
      const std::function<void(int64_t)>* job;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!job_ || next_chunk_ >= job_chunks_) break;
        i = next_chunk_++;
        job = job_;
      }
      std::exception_ptr error;
      try {
        (*job)(i);
      } catch (...) {
        error = std::current_exception();
      }
      std::lock_guard<std::mutex> lock(mutex_);
      if (error && !error_) error_ = error;
      if (--pending_ == 0) done_.notify_all();
    }
    in_parallel_region = was_parallel;
  }

  std::mutex run_mutex_;  // serializes jobs and resizing
  std::mutex mutex_;      // guards the job state below
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  std::atomic<int> num_threads_{1};
  bool stopping_ = false;
  const std::function<void(int64_t)>* job_ = nullptr;
  int64_t job_chunks_ = 0, next_chunk_ = 0, pending_ = 0;
  std::atomic<uint64_t> generation_{0};  // written under mutex_, also read by spinning workers
  std::exception_ptr error_;
};

}  // namespace

void set_num_threads(int n) {
  CTORCH_CHECK(n > 0, Runtime, "set_num_threads expects a positive integer, got ", n);
  ThreadPool::instance().set_num_threads(n);
}

int get_num_threads() { return ThreadPool::instance().num_threads(); }

constexpr int64_t kChunksPerThread = 4;

void parallel_for(int64_t begin, int64_t end, int64_t grain,
                  const std::function<void(int64_t, int64_t)>& f) {
  const int64_t range = end - begin;
  if (range <= 0) return;
  const int64_t threads = get_num_threads();
  // A few chunks per thread, taken first come first served: a thread slowed down (by another
  // process on its core, as on a shared machine) then takes fewer of them.
  const int64_t chunks =
      std::min<int64_t>(threads * kChunksPerThread, std::max<int64_t>(1, range / std::max<int64_t>(grain, 1)));
  // Inside a parallel region (a nested parallel_for) the pool is busy: run here, in one piece.
  if (chunks <= 1 || threads == 1 || in_parallel_region) {
    f(begin, end);
    return;
  }
  const int64_t size = (range + chunks - 1) / chunks;
  // Every chunk is non-empty: 9 items in 8 chunks are 5 chunks of 2, not 8 with 3 past the end.
  ThreadPool::instance().run((range + size - 1) / size, [&](int64_t i) {
    const int64_t lo = begin + i * size;
    f(lo, std::min(end, lo + size));
  });
}

}  // namespace ctorch
