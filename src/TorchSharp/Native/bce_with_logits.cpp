// binary_cross_entropy_with_logits without weights, for float32: one fused pass forward and one backward, under an
// autograd node of its own. ATen 1.13 composes it from about seven elementwise operations forward and as many
// backward, each a pass over memory; a Bernoulli likelihood over [samples, batch, features] is most of an IWAE
// evaluation's elementwise work. Everything else (weights, float64, other layouts) goes to ATen's version.
#include "shim.h"

#include <ATen/Parallel.h>
#include <torch/csrc/autograd/custom_function.h>

#include <immintrin.h>

#include <algorithm>
#include <cmath>

// glibc's vector math library (libmvec): exp and log1p of 8 floats (AVX2) or 16 (AVX-512) at a time, at most 4 ulp
// from exact.
extern "C" {
__m256 _ZGVdN8v_expf(__m256 x);
__m256 _ZGVdN8v_log1pf(__m256 x);
__m512 _ZGVeN16v_expf(__m512 x);
__m512 _ZGVeN16v_log1pf(__m512 x);
}

namespace {

const bool kHasAvx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
const bool kHasAvx512 = kHasAvx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");

// ℓ(η, y) = (1 − y) η + max(−η, 0) + log1p(exp(−|η|))   (= softplus(η) − y η, stable for any η; arranged as ATen
// arranges it, so that infinite and NaN logits give what ATen's gives)
inline float loss_of(float eta, float y) {
  return (1.0f - y) * eta + std::max(-eta, 0.0f) + std::log1p(std::exp(-std::abs(eta)));
}

// ∂ℓ/∂η = σ(η) − y, σ(η) = 1 / (1 + exp(−η))   (exp(−η) = ∞ gives σ = 0: no overflow to guard)
inline float gradient_of(float eta, float y) { return 1.0f / (1.0f + std::exp(-eta)) - y; }

__attribute__((target("avx2,fma"))) void forward_avx2(const float* eta, const float* y, float* out, int64_t n) {
  const __m256 zero = _mm256_setzero_ps();
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 sign = _mm256_set1_ps(-0.0f);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 e = _mm256_loadu_ps(eta + i);
    __m256 t = _mm256_loadu_ps(y + i);
    // log1p(exp(−|η|)): −|η| sets the sign bit
    __m256 tail = _ZGVdN8v_log1pf(_ZGVdN8v_expf(_mm256_or_ps(e, sign)));
    // (1 − y) η + max(−η, 0) + tail   (max_ps gives 0 for a NaN η; (1 − y) η carries the NaN on)
    __m256 head = _mm256_fmadd_ps(_mm256_sub_ps(one, t), e, _mm256_max_ps(_mm256_xor_ps(e, sign), zero));
    _mm256_storeu_ps(out + i, _mm256_add_ps(head, tail));
  }
  for (; i < n; ++i) out[i] = loss_of(eta[i], y[i]);
}

// The same, 16 at a time; the last n mod 16 elements go to forward_avx2.
__attribute__((target("avx512f,avx512dq,avx2,fma"))) void forward_avx512(const float* eta, const float* y, float* out,
                                                                        int64_t n) {
  const __m512 zero = _mm512_setzero_ps();
  const __m512 one = _mm512_set1_ps(1.0f);
  const __m512 sign = _mm512_set1_ps(-0.0f);
  const __mmask16 kAllLanes = 0xFFFF;
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m512 e = _mm512_loadu_ps(eta + i);
    __m512 t = _mm512_loadu_ps(y + i);
    // log1p(exp(−|η|))
    __m512 tail = _ZGVeN16v_log1pf(_ZGVeN16v_expf(_mm512_or_ps(e, sign)));
    // (1 − y) η + max(−η, 0) + tail   (max_ps gives its second operand, 0, for a NaN η, as the AVX2 one does; the
    // zero-masked form with every lane on is _mm512_max_ps without GCC 12's false "uninitialized" warning)
    __m512 head = _mm512_fmadd_ps(_mm512_sub_ps(one, t), e,
                                  _mm512_maskz_max_ps(kAllLanes, _mm512_xor_ps(e, sign), zero));
    _mm512_storeu_ps(out + i, _mm512_add_ps(head, tail));
  }
  forward_avx2(eta + i, y + i, out + i, n - i);
}

void forward_scalar(const float* eta, const float* y, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = loss_of(eta[i], y[i]);
}

// g_i (σ(η_i) − y_i), with g either one value per element or, where g_step is 0, one value for all n
__attribute__((target("avx2,fma"))) void backward_avx2(const float* eta, const float* y, const float* g, int64_t g_step,
                                                       float* out, int64_t n) {
  const __m256 one = _mm256_set1_ps(1.0f);
  const __m256 sign = _mm256_set1_ps(-0.0f);
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    __m256 e = _mm256_loadu_ps(eta + i);
    __m256 t = _mm256_loadu_ps(y + i);
    __m256 gv = g_step == 0 ? _mm256_set1_ps(g[0]) : _mm256_loadu_ps(g + i);
    // σ(η) = 1 / (1 + exp(−η))
    __m256 sigma = _mm256_div_ps(one, _mm256_add_ps(one, _ZGVdN8v_expf(_mm256_xor_ps(e, sign))));
    _mm256_storeu_ps(out + i, _mm256_mul_ps(gv, _mm256_sub_ps(sigma, t)));
  }
  for (; i < n; ++i) out[i] = g[i * g_step] * gradient_of(eta[i], y[i]);
}

// The same, 16 at a time; the last n mod 16 elements go to backward_avx2.
__attribute__((target("avx512f,avx512dq,avx2,fma"))) void backward_avx512(const float* eta, const float* y,
                                                                         const float* g, int64_t g_step, float* out,
                                                                         int64_t n) {
  const __m512 one = _mm512_set1_ps(1.0f);
  const __m512 sign = _mm512_set1_ps(-0.0f);
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    __m512 e = _mm512_loadu_ps(eta + i);
    __m512 t = _mm512_loadu_ps(y + i);
    __m512 gv = g_step == 0 ? _mm512_set1_ps(g[0]) : _mm512_loadu_ps(g + i);
    // σ(η) = 1 / (1 + exp(−η))
    __m512 sigma = _mm512_div_ps(one, _mm512_add_ps(one, _ZGVeN16v_expf(_mm512_xor_ps(e, sign))));
    _mm512_storeu_ps(out + i, _mm512_mul_ps(gv, _mm512_sub_ps(sigma, t)));
  }
  backward_avx2(eta + i, y + i, g + i * g_step, g_step, out + i, n - i);
}

void backward_scalar(const float* eta, const float* y, const float* g, int64_t g_step, float* out, int64_t n) {
  for (int64_t i = 0; i < n; ++i) out[i] = g[i * g_step] * gradient_of(eta[i], y[i]);
}

// How the target's elements line up with the input's: the same shape and contiguous (period = numel), or a
// contiguous tensor expanded over leading dimensions (strides 0 there), repeating every `period` elements.
// Returns 0 for any other layout.
int64_t target_period(const at::Tensor& target) {
  int64_t expected = 1;
  int64_t period = 1;
  bool expanded = false;
  for (int64_t d = target.dim() - 1; d >= 0; --d) {
    if (target.size(d) == 1) continue;
    if (!expanded && target.stride(d) == expected) {
      expected *= target.size(d);
      period = expected;
    } else if (target.stride(d) == 0) {
      expanded = true;
    } else {
      return 0;
    }
  }
  return period;
}

bool fusable(const at::Tensor& input, const at::Tensor& target) {
  return input.device().is_cpu() && input.scalar_type() == at::kFloat && target.scalar_type() == at::kFloat &&
         input.sizes() == target.sizes() && target_period(target) > 0;
}

// Calls f(i, j, length) over [0, n) in runs of contiguous elements: element i of the input meets element j of the
// target, which repeats every `period` elements, and a run never crosses a multiple of `period` nor, where `row` is
// not 0, of `row`.
template <class F>
void for_each_run(int64_t n, int64_t period, int64_t row, const F& f) {
  at::parallel_for(0, n, kParallelGrain, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end;) {
      int64_t j = i % period;
      int64_t length = std::min(end - i, period - j);
      if (row != 0) length = std::min(length, row - i % row);
      f(i, j, length);
      i += length;
    }
  });
}

// ℓ for every element of input, the target repeating every `period` elements of the (contiguous) input.
at::Tensor fused_forward(const at::Tensor& input_any, const at::Tensor& target) {
  at::Tensor input = input_any.contiguous();
  at::Tensor out = at::empty_like(input, at::MemoryFormat::Contiguous);
  const int64_t period = target_period(target);
  const float* eta = input.data_ptr<float>();
  const float* y = target.data_ptr<float>();
  float* result = out.data_ptr<float>();
  for_each_run(input.numel(), period, 0, [&](int64_t i, int64_t j, int64_t length) {
    if (kHasAvx512) forward_avx512(eta + i, y + j, result + i, length);
    else if (kHasAvx2) forward_avx2(eta + i, y + j, result + i, length);
    else forward_scalar(eta + i, y + j, result + i, length);
  });
  return out;
}

// g ⊙ (σ(η) − y). The gradient of a sum over the last dimension comes as one value per row, expanded (stride 0):
// that layout is read as it is; any other is made contiguous first.
at::Tensor fused_backward(const at::Tensor& input_any, const at::Tensor& target, const at::Tensor& grad_any) {
  at::Tensor input = input_any.contiguous();
  const int64_t n = input.numel();
  const int64_t row = input.dim() > 0 ? input.size(-1) : 1;
  const bool per_row = input.dim() > 0 && row > 1 && grad_any.stride(-1) == 0 &&
                       grad_any.select(-1, 0).is_contiguous();
  at::Tensor grad = per_row ? grad_any.select(-1, 0) : grad_any.contiguous();
  at::Tensor out = at::empty_like(input, at::MemoryFormat::Contiguous);
  const int64_t period = target_period(target);
  const float* eta = input.data_ptr<float>();
  const float* y = target.data_ptr<float>();
  const float* g = grad.data_ptr<float>();
  float* result = out.data_ptr<float>();
  // a per-row gradient holds one value for each run, which ends at its row's end
  for_each_run(n, period, per_row ? row : 0, [&](int64_t i, int64_t j, int64_t length) {
    const float* gi = per_row ? g + i / row : g + i;
    const int64_t step = per_row ? 0 : 1;
    if (kHasAvx512) backward_avx512(eta + i, y + j, gi, step, result + i, length);
    else if (kHasAvx2) backward_avx2(eta + i, y + j, gi, step, result + i, length);
    else backward_scalar(eta + i, y + j, gi, step, result + i, length);
  });
  return out;
}

struct BinaryCrossEntropyWithLogits : public torch::autograd::Function<BinaryCrossEntropyWithLogits> {
  static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& input, const at::Tensor& target) {
    ctx->save_for_backward({input, target});
    return fused_forward(input, target);
  }

  static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                               torch::autograd::tensor_list grads) {
    auto saved = ctx->get_saved_variables();
    const at::Tensor& input = saved[0];
    const at::Tensor& target = saved[1];
    const at::Tensor& grad = grads[0];
    at::Tensor grad_input, grad_target;
    // With create_graph the gradient must itself be differentiable: ATen's operations then, not the fused kernel
    const bool differentiable = at::GradMode::is_enabled();
    if (ctx->needs_input_grad(0)) {
      grad_input = differentiable ? (at::sigmoid(input) - target) * grad : fused_backward(input, target, grad);
    }
    // ∂ℓ/∂y = −η
    if (ctx->needs_input_grad(1)) grad_target = -(input * grad);
    return {grad_input, grad_target};
  }
};

}  // namespace

// reduction: 0 = none, 1 = mean, 2 = sum (at::Reduction's values). Without weights the elementwise loss is the fused
// one where the types and layout allow it (see fusable), then reduced; everything else is ATen's.
EXPORT Tensor THSNN_binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor weight, Tensor pos_weight,
                                                     int64_t reduction) {
  return wrap_tensor([&] {
    if (weight != nullptr || pos_weight != nullptr || !fusable(*input, *target)) {
      return at::binary_cross_entropy_with_logits(*input, *target, optional_tensor(weight), optional_tensor(pos_weight),
                                                  reduction);
    }
    at::Tensor loss = BinaryCrossEntropyWithLogits::apply(*input, *target);
    switch (reduction) {
      case at::Reduction::None: return loss;
      case at::Reduction::Mean: return loss.mean();
      default: return loss.sum();
    }
  });
}
