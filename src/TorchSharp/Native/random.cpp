// Random numbers: generators, seeded sampling, and a fast vectorized Bernoulli sampler.
#include "shim.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <cstring>
#include <mutex>

// ---- Generators ---------------------------------------------------------------------------------

EXPORT Generator THSGenerator_default() {
  return new at::Generator(at::detail::getDefaultCPUGenerator());
}

EXPORT Generator THSGenerator_new(uint64_t seed) {
  try {
    return new at::Generator(at::detail::createCPUGenerator(seed));
  } catch (...) {
    set_last_error_from_current_exception();
    return nullptr;
  }
}

EXPORT void THSGenerator_dispose(Generator g) { delete g; }

EXPORT int THSGenerator_manual_seed(Generator g, int64_t seed) {
  return wrap_status([&] {
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_current_seed(static_cast<uint64_t>(seed));
  });
}

EXPORT int64_t THSGenerator_initial_seed(Generator g) { return static_cast<int64_t>(g->current_seed()); }

EXPORT Tensor THSGenerator_get_state(Generator g) {
  return wrap_tensor([&] {
    std::lock_guard<std::mutex> lock(g->mutex());
    return at::Tensor(g->get_state());
  });
}

EXPORT int THSGenerator_set_state(Generator g, Tensor state) {
  return wrap_status([&] {
    std::lock_guard<std::mutex> lock(g->mutex());
    g->set_state(*state);
  });
}

// ---- Sampling through ATen ----------------------------------------------------------------------

EXPORT Tensor THSTensor_rand(const int64_t* shape, int32_t ndim, int8_t dtype, Generator g, int32_t requires_grad) {
  return wrap_tensor([&] {
    return with_grad(at::rand(int_array(shape, ndim), optional_generator(g), options_for(dtype)), requires_grad);
  });
}

EXPORT Tensor THSTensor_randn(const int64_t* shape, int32_t ndim, int8_t dtype, Generator g, int32_t requires_grad) {
  return wrap_tensor([&] {
    return with_grad(at::randn(int_array(shape, ndim), optional_generator(g), options_for(dtype)), requires_grad);
  });
}

EXPORT Tensor THSTensor_randperm(int64_t n, int8_t dtype, Generator g, int32_t requires_grad) {
  return wrap_tensor([&] {
    auto options = at::TensorOptions().device(at::kCPU).dtype(dtype >= 0 ? static_cast<at::ScalarType>(dtype) : at::kLong);
    return with_grad(at::randperm(n, optional_generator(g), options), requires_grad);
  });
}

// In place: U(from, to), as torch.nn.init.uniform_ draws it.
EXPORT int THSTensor_uniform_(Tensor t, double from, double to, Generator g) {
  return wrap_status([&] {
    at::NoGradGuard no_grad;
    t->uniform_(from, to, optional_generator(g));
  });
}

// ---- Fast Bernoulli -----------------------------------------------------------------------------
//
// ATen 1.13's CPU bernoulli(p) draws one mt19937 number per element through a generic kernel (about
// 1 ms for 128x784). Here each call takes a single 64-bit draw from the (seeded) generator, expands
// it with splitmix64 into eight independent xoshiro128** streams, and steps the eight lanes together
// as one SIMD vector (GCC vector extensions: AVX2 where the CPU has it, else pairs of SSE2 registers).
// A lane's output u = top 24 bits / 2^24 is uniform on [0, 1), and the sample is 1 exactly when u < p.

namespace {

typedef uint32_t u32x8 __attribute__((vector_size(32)));
typedef int32_t i32x8 __attribute__((vector_size(32)));
typedef float f32x8 __attribute__((vector_size(32)));
typedef double f64x8 __attribute__((vector_size(64)));
typedef int64_t i64x8 __attribute__((vector_size(64)));

struct Lanes {
  u32x8 s0, s1, s2, s3;
};

inline uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

Lanes seed_lanes(uint64_t seed) {
  Lanes lanes;
  for (int l = 0; l < 8; ++l) {
    uint64_t a = splitmix64(seed), b = splitmix64(seed);
    lanes.s0[l] = static_cast<uint32_t>(a);
    lanes.s1[l] = static_cast<uint32_t>(a >> 32);
    lanes.s2[l] = static_cast<uint32_t>(b);
    lanes.s3[l] = static_cast<uint32_t>(b >> 32) | 1u;  // never the all-zero state
  }
  return lanes;
}

inline u32x8 rotl(u32x8 x, int k) { return (x << k) | (x >> (32 - k)); }

// One xoshiro128** step of all eight lanes.
inline u32x8 next(Lanes& s) {
  u32x8 result = rotl(s.s1 * 5u, 7) * 9u;
  u32x8 t = s.s1 << 9;
  s.s2 ^= s.s0;
  s.s3 ^= s.s1;
  s.s1 ^= s.s2;
  s.s0 ^= s.s3;
  s.s2 ^= t;
  s.s3 = rotl(s.s3, 11);
  return result;
}

// Eight uniforms on [0, 1) from the top 24 bits (through int32, exact below 2^24, so the conversion vectorizes).
inline f32x8 uniform_f32(u32x8 bits) {
  return __builtin_convertvector((i32x8)(bits >> 8), f32x8) * (1.0f / 16777216.0f);
}

inline f64x8 uniform_f64(u32x8 bits) {
  return __builtin_convertvector((i32x8)(bits >> 8), f64x8) * (1.0 / 16777216.0);
}

__attribute__((target_clones("avx2", "default"))) void bernoulli_f32(const float* p, float* out, int64_t n, uint64_t seed) {
  Lanes lanes = seed_lanes(seed);
  const f32x8 one = {1, 1, 1, 1, 1, 1, 1, 1};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    f32x8 pv, sample;
    std::memcpy(&pv, p + i, sizeof(pv));
    sample = (f32x8)((i32x8)(uniform_f32(next(lanes)) < pv) & (i32x8)one);
    std::memcpy(out + i, &sample, sizeof(sample));
  }
  if (i < n) {
    f32x8 u = uniform_f32(next(lanes));
    for (int l = 0; i + l < n; ++l) out[i + l] = u[l] < p[i + l] ? float(1) : float(0);
  }
}

__attribute__((target_clones("avx2", "default"))) void bernoulli_f64(const double* p, double* out, int64_t n, uint64_t seed) {
  Lanes lanes = seed_lanes(seed);
  const f64x8 one = {1, 1, 1, 1, 1, 1, 1, 1};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    f64x8 pv, sample;
    std::memcpy(&pv, p + i, sizeof(pv));
    sample = (f64x8)((i64x8)(uniform_f64(next(lanes)) < pv) & (i64x8)one);
    std::memcpy(out + i, &sample, sizeof(sample));
  }
  if (i < n) {
    f64x8 u = uniform_f64(next(lanes));
    for (int l = 0; i + l < n; ++l) out[i + l] = u[l] < p[i + l] ? double(1) : double(0);
  }
}

// Whether every probability lies in [0, 1] (NaN fails), as ATen checks.
template <typename T>
bool probabilities_valid(const T* p, int64_t n) {
  int valid = 1;
  for (int64_t i = 0; i < n; ++i) valid &= static_cast<int>(p[i] >= T(0)) & static_cast<int>(p[i] <= T(1));
  return valid != 0;
}

uint64_t draw_seed(c10::optional<at::Generator> generator) {
  auto* gen = at::get_generator_or_default<at::CPUGeneratorImpl>(generator, at::detail::getDefaultCPUGenerator());
  std::lock_guard<std::mutex> lock(gen->mutex_);
  return gen->random64();
}

}  // namespace

EXPORT Tensor THSTensor_bernoulli(Tensor probabilities, Generator g) {
  return wrap_tensor([&] {
    const at::Tensor& p_in = *probabilities;
    auto type = p_in.scalar_type();
    if (type != at::kFloat && type != at::kDouble) return at::bernoulli(p_in, optional_generator(g));
    at::Tensor p = p_in.detach().contiguous();
    at::Tensor out = at::empty(p.sizes(), p.options());
    bool valid = type == at::kFloat ? probabilities_valid<float>(p.data_ptr<float>(), p.numel())
                                    : probabilities_valid<double>(p.data_ptr<double>(), p.numel());
    TORCH_CHECK(valid, "bernoulli: all elements of the probability tensor must be in [0, 1]");
    uint64_t seed = draw_seed(optional_generator(g));
    if (type == at::kFloat) bernoulli_f32(p.data_ptr<float>(), out.data_ptr<float>(), p.numel(), seed);
    else bernoulli_f64(p.data_ptr<double>(), out.data_ptr<double>(), p.numel(), seed);
    return out;
  });
}
