// The thread-local last error that every exported function reports failures through, and process-wide
// settings and diagnostics. Kept free of ATen.h so that it compiles in a fraction of the time.
#include "error.h"

#include <omp.h>

#include <ATen/Parallel.h>
#include <c10/util/Exception.h>

#include <malloc.h>
#if defined(__x86_64__)
#include <xmmintrin.h>
#endif

#include <cstdint>
#include <string>

namespace {
thread_local std::string last_error;
thread_local bool has_error = false;
}  // namespace

void set_last_error(const char* message) {
  last_error = message != nullptr ? message : "unknown native error";
  has_error = true;
}

void set_last_error_from_current_exception() {
  try {
    throw;
  } catch (const c10::Error& e) {
    set_last_error(e.what_without_backtrace());
  } catch (const std::exception& e) {
    set_last_error(e.what());
  } catch (...) {
    set_last_error("unknown native error");
  }
}

// Returns the calling thread's pending error message, or null, and clears it.
// The text stays valid until the next error on this thread.
EXPORT const char* THS_get_and_reset_last_error() {
  if (!has_error) return nullptr;
  has_error = false;
  return last_error.c_str();
}

// Bytes the C heap holds for the process (small blocks plus mmapped large blocks), for leak tests.
EXPORT int64_t THS_native_bytes_in_use() {
  struct mallinfo2 info = mallinfo2();
  return static_cast<int64_t>(info.uordblks + info.hblkhd);
}

EXPORT int THS_set_num_threads(int32_t threads) {
  return wrap_status([&] { at::set_num_threads(threads); });
}

EXPORT int32_t THS_get_num_threads() { return at::get_num_threads(); }

// Sets (on != 0) or clears the flush-to-zero and denormals-are-zero modes (x86-64 MXCSR bits FTZ and DAZ) of the
// calling thread and of OpenMP's pool threads (libtorch's intra-op threads, and OpenBLAS's where it is the OpenMP
// build): float results below the smallest normal number become 0, and such inputs are read as 0, as PyTorch's
// torch.set_flush_denormal does. Returns the calling thread's previous state (1 if both bits were set), or -1 on a
// CPU without them. Threads created afterwards inherit the mode of the thread that creates them.
EXPORT int32_t THS_set_flush_denormal(int32_t on) {
#if defined(__x86_64__)
  constexpr unsigned int kFlushToZero = 0x8000, kDenormalsAreZero = 0x0040, kBoth = kFlushToZero | kDenormalsAreZero;
  auto set_mode = [on] {
    unsigned int csr = _mm_getcsr();
    _mm_setcsr(on != 0 ? csr | kBoth : csr & ~kBoth);
  };
  int32_t previous = (_mm_getcsr() & kBoth) == kBoth ? 1 : 0;
  set_mode();
  // every thread of the pool runs the region once, the calling thread among them
#pragma omp parallel num_threads(omp_get_num_procs())
  set_mode();
  return previous;
#else
  (void)on;
  return -1;
#endif
}
