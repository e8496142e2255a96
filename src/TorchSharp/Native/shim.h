// Common declarations of the C ABI: handles, error capture, scalar and option decoding.
#pragma once

#include "error.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <utility>
#include <vector>

// The grain of the fused kernels' at::parallel_for: fewer elements than this run on one thread.
constexpr int64_t kParallelGrain = 32768;

// A tensor crosses the boundary as a heap-allocated at::Tensor (one reference to the TensorImpl).
typedef at::Tensor* Tensor;
typedef at::Generator* Generator;

// Runs f and returns a new handle to its result; on any exception returns nullptr with the message recorded.
template <class F>
inline Tensor wrap_tensor(F&& f) noexcept {
  try {
    return new at::Tensor(f());
  } catch (...) {
    set_last_error_from_current_exception();
    return nullptr;
  }
}

// Scalars cross as (double, int64, kind): 0 = floating, 1 = integral, 2 = boolean.
inline at::Scalar make_scalar(double d, int64_t l, int32_t kind) {
  switch (kind) {
    case 1: return at::Scalar(l);
    case 2: return at::Scalar(l != 0);
    default: return at::Scalar(d);
  }
}

// An optional dtype crosses as int8: -1 = none, otherwise c10::ScalarType's value.
inline c10::optional<at::ScalarType> optional_dtype(int8_t dtype) {
  if (dtype < 0) return c10::nullopt;
  return static_cast<at::ScalarType>(dtype);
}

inline at::TensorOptions options_for(int8_t dtype) {
  auto options = at::TensorOptions().device(at::kCPU);
  if (dtype >= 0) options = options.dtype(static_cast<at::ScalarType>(dtype));
  return options;
}

// at:: factories ignore TensorOptions::requires_grad (only torch:: ones honour it): set the flag afterwards.
inline at::Tensor with_grad(at::Tensor t, int32_t requires_grad) {
  if (requires_grad != 0) t.set_requires_grad(true);
  return t;
}

inline at::IntArrayRef int_array(const int64_t* values, int32_t length) {
  return at::IntArrayRef(values, static_cast<size_t>(length));
}

inline c10::optional<at::Tensor> optional_tensor(Tensor t) {
  if (t == nullptr) return c10::nullopt;
  return *t;
}

inline c10::optional<at::Generator> optional_generator(Generator g) {
  if (g == nullptr) return c10::nullopt;
  return *g;
}

inline std::vector<at::Tensor> tensor_list(const Tensor* tensors, int32_t count) {
  std::vector<at::Tensor> result;
  result.reserve(static_cast<size_t>(count));
  for (int32_t i = 0; i < count; ++i) result.push_back(*tensors[i]);
  return result;
}
