// The C ABI's error channel and export macro, without any ATen header.
#pragma once

#include <exception>

#define EXPORT extern "C" __attribute__((visibility("default")))

// Records the message of the exception being handled in the calling thread's last-error slot.
void set_last_error(const char* message);
void set_last_error_from_current_exception();

// Runs f; returns 0 on success, 1 with the message recorded on any exception.
template <class F>
inline int wrap_status(F&& f) noexcept {
  try {
    f();
    return 0;
  } catch (...) {
    set_last_error_from_current_exception();
    return 1;
  }
}
