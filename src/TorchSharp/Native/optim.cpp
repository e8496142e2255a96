// Fused optimizer steps: one call updates every parameter of a group with one pass over p, g and the state,
// following PyTorch 1.13's single-tensor Adam, AdamW and SGD formulas in the parameter's precision.
#include "shim.h"

#include "released_grads.h"

#include <ATen/Parallel.h>

#include <cmath>

namespace {

void check_state(const at::Tensor& p, const at::Tensor& state, const char* name) {
  TORCH_CHECK(state.scalar_type() == p.scalar_type() && state.numel() == p.numel() && state.is_contiguous(),
              "optimizer state '", name, "' does not match its parameter");
}

// Gradient as a contiguous tensor of the parameter's type; undefined if the parameter has none.
at::Tensor contiguous_grad(at::Tensor& p) {
  const at::Tensor& g = current_grad(p);
  if (!g.defined()) return g;
  TORCH_CHECK(g.scalar_type() == p.scalar_type(), "gradient and parameter types differ");
  TORCH_CHECK(g.numel() == p.numel(), "gradient and parameter sizes differ");
  return g.is_contiguous() ? g : g.contiguous();
}

struct AdamCoefficients {
  double beta1, one_minus_beta1, beta2, one_minus_beta2, eps, weight_decay, decay_factor, neg_step_size,
      bias_correction2_sqrt, sign;
};

template <typename T, bool AMSGRAD, bool L2, bool DECOUPLED>
void adam_range(T* p, const T* g, T* m, T* v, T* vmax, int64_t begin, int64_t end, const AdamCoefficients& c) {
  const T beta1 = static_cast<T>(c.beta1), one_minus_beta1 = static_cast<T>(c.one_minus_beta1);
  const T beta2 = static_cast<T>(c.beta2), one_minus_beta2 = static_cast<T>(c.one_minus_beta2);
  const T eps = static_cast<T>(c.eps), wd = static_cast<T>(c.weight_decay), sign = static_cast<T>(c.sign);
  const T decay = static_cast<T>(c.decay_factor), neg_step = static_cast<T>(c.neg_step_size);
  const T bc2_sqrt = static_cast<T>(c.bias_correction2_sqrt);
  for (int64_t i = begin; i < end; ++i) {
    T grad = sign * g[i];
    T param = p[i];
    if (L2) grad = grad + wd * param;
    if (DECOUPLED) param = param * decay;
    T mi = m[i] * beta1 + one_minus_beta1 * grad;
    T vi = v[i] * beta2 + one_minus_beta2 * (grad * grad);
    m[i] = mi;
    v[i] = vi;
    T vhat = vi;
    if (AMSGRAD) {
      vhat = vmax[i] > vi ? vmax[i] : vi;
      vmax[i] = vhat;
    }
    T denom = std::sqrt(vhat) / bc2_sqrt + eps;
    p[i] = param + neg_step * (mi / denom);
  }
}

template <typename T, bool AMSGRAD, bool L2, bool DECOUPLED>
void adam_tensor(at::Tensor& p, const at::Tensor& g, at::Tensor& m, at::Tensor& v, at::Tensor* vmax,
                 const AdamCoefficients& c) {
  T* pp = p.data_ptr<T>();
  const T* gp = g.data_ptr<T>();
  T* mp = m.data_ptr<T>();
  T* vp = v.data_ptr<T>();
  T* vmaxp = AMSGRAD ? vmax->data_ptr<T>() : nullptr;
  at::parallel_for(0, p.numel(), kParallelGrain, [&](int64_t begin, int64_t end) {
    adam_range<T, AMSGRAD, L2, DECOUPLED>(pp, gp, mp, vp, vmaxp, begin, end, c);
  });
}

template <typename T>
void adam_dispatch(at::Tensor& p, const at::Tensor& g, at::Tensor& m, at::Tensor& v, at::Tensor* vmax, bool amsgrad,
                   bool decoupled, const AdamCoefficients& c) {
  bool l2 = !decoupled && c.weight_decay != 0;
  bool dec = decoupled && c.weight_decay != 0;
  if (amsgrad) {
    if (l2) adam_tensor<T, true, true, false>(p, g, m, v, vmax, c);
    else if (dec) adam_tensor<T, true, false, true>(p, g, m, v, vmax, c);
    else adam_tensor<T, true, false, false>(p, g, m, v, vmax, c);
  } else {
    if (l2) adam_tensor<T, false, true, false>(p, g, m, v, vmax, c);
    else if (dec) adam_tensor<T, false, false, true>(p, g, m, v, vmax, c);
    else adam_tensor<T, false, false, false>(p, g, m, v, vmax, c);
  }
}

template <typename T, bool MOMENTUM, bool NESTEROV>
void sgd_range(T* p, const T* g, T* buf, bool first, int64_t begin, int64_t end, double lr_d, double momentum_d,
               double dampening_d, double weight_decay_d, double sign_d) {
  const T neg_lr = static_cast<T>(-lr_d), momentum = static_cast<T>(momentum_d);
  const T one_minus_dampening = static_cast<T>(1.0 - dampening_d), wd = static_cast<T>(weight_decay_d);
  const T sign = static_cast<T>(sign_d);
  for (int64_t i = begin; i < end; ++i) {
    T d = sign * g[i];
    if (weight_decay_d != 0) d = d + wd * p[i];
    if (MOMENTUM) {
      T b = first ? d : buf[i] * momentum + one_minus_dampening * d;
      buf[i] = b;
      d = NESTEROV ? d + momentum * b : b;
    }
    p[i] = p[i] + neg_lr * d;
  }
}

}  // namespace

// Adam (decoupled = 0) or AdamW (decoupled = 1) over n parameters. steps[i] counts the updates of parameter i and
// is advanced here; parameters without a gradient are skipped. max_exp_avg_sq may be null unless amsgrad.
EXPORT int THSOptim_adam_step(const Tensor* params, const Tensor* exp_avg, const Tensor* exp_avg_sq,
                              const Tensor* max_exp_avg_sq, int64_t* steps, int32_t n, double lr, double beta1,
                              double beta2, double eps, double weight_decay, int32_t amsgrad, int32_t maximize,
                              int32_t decoupled) {
  return wrap_status([&] {
    for (int32_t i = 0; i < n; ++i) {
      at::Tensor p = *params[i];
      at::Tensor g = contiguous_grad(p);
      if (!g.defined()) continue;
      TORCH_CHECK(p.is_contiguous(), "Adam: parameters must be contiguous");
      at::Tensor m = *exp_avg[i], v = *exp_avg_sq[i];
      check_state(p, m, "exp_avg");
      check_state(p, v, "exp_avg_sq");
      at::Tensor vmax;
      if (amsgrad != 0) {
        vmax = *max_exp_avg_sq[i];
        check_state(p, vmax, "max_exp_avg_sq");
      }
      int64_t step = ++steps[i];
      double bias_correction1 = 1.0 - std::pow(beta1, static_cast<double>(step));
      double bias_correction2 = 1.0 - std::pow(beta2, static_cast<double>(step));
      AdamCoefficients c{beta1, 1.0 - beta1, beta2, 1.0 - beta2, eps, weight_decay, 1.0 - lr * weight_decay,
                         -(lr / bias_correction1), std::sqrt(bias_correction2), maximize != 0 ? -1.0 : 1.0};
      if (p.scalar_type() == at::kFloat) adam_dispatch<float>(p, g, m, v, &vmax, amsgrad != 0, decoupled != 0, c);
      else if (p.scalar_type() == at::kDouble) adam_dispatch<double>(p, g, m, v, &vmax, amsgrad != 0, decoupled != 0, c);
      else TORCH_CHECK(false, "Adam: unsupported parameter type ", p.scalar_type());
      p.unsafeGetTensorImpl()->bump_version();
    }
  });
}

// SGD over n parameters. momentum_buffer may be null when momentum == 0; buffer_ready[i] says whether buffer i
// already holds a running value (else it is initialised to the first step's gradient, as PyTorch does).
EXPORT int THSOptim_sgd_step(const Tensor* params, const Tensor* momentum_buffer, uint8_t* buffer_ready, int32_t n,
                             double lr, double momentum, double dampening, double weight_decay, int32_t nesterov,
                             int32_t maximize) {
  return wrap_status([&] {
    double sign = maximize != 0 ? -1.0 : 1.0;
    for (int32_t i = 0; i < n; ++i) {
      at::Tensor p = *params[i];
      at::Tensor g = contiguous_grad(p);
      if (!g.defined()) continue;
      TORCH_CHECK(p.is_contiguous(), "SGD: parameters must be contiguous");
      at::Tensor buf;
      bool first = false;
      if (momentum != 0) {
        buf = *momentum_buffer[i];
        check_state(p, buf, "momentum_buffer");
        first = buffer_ready[i] == 0;
        buffer_ready[i] = 1;
      }
      auto run = [&](auto tag) {
        using T = decltype(tag);
        T* pp = p.data_ptr<T>();
        const T* gp = g.data_ptr<T>();
        T* bp = momentum != 0 ? buf.data_ptr<T>() : nullptr;
        at::parallel_for(0, p.numel(), kParallelGrain, [&](int64_t begin, int64_t end) {
          if (momentum == 0) sgd_range<T, false, false>(pp, gp, bp, first, begin, end, lr, momentum, dampening, weight_decay, sign);
          else if (nesterov != 0) sgd_range<T, true, true>(pp, gp, bp, first, begin, end, lr, momentum, dampening, weight_decay, sign);
          else sgd_range<T, true, false>(pp, gp, bp, first, begin, end, lr, momentum, dampening, weight_decay, sign);
        });
      };
      if (p.scalar_type() == at::kFloat) run(float{});
      else if (p.scalar_type() == at::kDouble) run(double{});
      else TORCH_CHECK(false, "SGD: unsupported parameter type ", p.scalar_type());
      p.unsafeGetTensorImpl()->bump_version();
    }
  });
}

// Zeroes the gradients of n parameters (those that have one), releasing those nothing else references
// (released_grads.h).
EXPORT int THSOptim_zero_grad(const Tensor* params, int32_t n) {
  return wrap_status([&] {
    for (int32_t i = 0; i < n; ++i) zero_grad(*params[i]);
  });
}

// torch::nn::utils::clip_grad_norm_'s rule: the norm_type-norm of all gradients together (as one vector) is written to
// *total_norm, and every gradient is scaled by min(1, max_norm / (total_norm + 1e-6)). Parameters without a gradient
// are ignored; with none at all the norm is 0.
EXPORT int THSOptim_clip_grad_norm_(const Tensor* params, int32_t n, double max_norm, double norm_type, double* total_norm) {
  return wrap_status([&] {
    at::NoGradGuard no_grad;
    std::vector<at::Tensor> grads;
    for (int32_t i = 0; i < n; ++i) {
      const at::Tensor& g = current_grad(*params[i]);
      if (g.defined()) grads.push_back(g);
    }
    if (grads.empty()) {
      *total_norm = 0.0;
      return;
    }
    at::Tensor total;
    if (std::isinf(norm_type) && norm_type > 0) {
      std::vector<at::Tensor> norms;
      for (const auto& g : grads) norms.push_back(g.abs().max());
      total = norms.size() == 1 ? norms[0] : at::stack(norms).max();
    } else if (norm_type == 0) {
      total = at::full({}, static_cast<double>(grads.size()), grads[0].options());
    } else {
      std::vector<at::Tensor> norms;
      for (const auto& g : grads) norms.push_back(g.norm(norm_type));
      total = norms.size() == 1 ? norms[0] : at::stack(norms).norm(norm_type);
    }
    auto coefficient = at::clamp((total + 1e-6).reciprocal() * max_norm, c10::nullopt, at::Scalar(1.0));
    for (auto& g : grads) g.mul_(coefficient);
    *total_norm = total.item<double>();
  });
}

// Clamps every gradient into [-clip_value, clip_value].
EXPORT int THSOptim_clip_grad_value_(const Tensor* params, int32_t n, double clip_value) {
  return wrap_status([&] {
    at::NoGradGuard no_grad;
    for (int32_t i = 0; i < n; ++i) {
      at::Tensor g = current_grad(*params[i]);
      if (g.defined()) g.clamp_(-clip_value, clip_value);
    }
  });
}
