// Autograd: backward passes, gradient access and the thread-local grad mode.
#include "shim.h"

#include "released_grads.h"

#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/grad_mode.h>

EXPORT int THSAutograd_backward(Tensor t, const Tensor* grads, int32_t ngrads, int32_t retain_graph,
                                int32_t create_graph, const Tensor* inputs, int32_t ninputs) {
  return wrap_status([&] {
    std::vector<at::Tensor> outputs{*t};
    std::vector<at::Tensor> grad_tensors = tensor_list(grads, ngrads);
    c10::optional<bool> retain;
    if (retain_graph >= 0) retain = retain_graph != 0;
    torch::autograd::backward(outputs, grad_tensors, retain, create_graph != 0, tensor_list(inputs, ninputs));
  });
}

// The accumulated gradient (zeros where zero_grad released it: released_grads.h), or null (without error) when there
// is none.
EXPORT Tensor THSTensor_grad(Tensor t) {
  try {
    const at::Tensor& grad = current_grad(*t);
    return grad.defined() ? new at::Tensor(grad) : nullptr;
  } catch (...) {
    set_last_error_from_current_exception();
    return nullptr;
  }
}

// Makes a non-leaf tensor keep its gradient after backward.
EXPORT int THSTensor_retain_grad(Tensor t) {
  return wrap_status([&] { t->retain_grad(); });
}

EXPORT int32_t THSAutograd_is_enabled() { return at::GradMode::is_enabled() ? 1 : 0; }

// Sets the calling thread's grad mode and returns the previous one.
EXPORT int32_t THSAutograd_set_enabled(int32_t enabled) {
  bool previous = at::GradMode::is_enabled();
  at::GradMode::set_enabled(enabled != 0);
  return previous ? 1 : 0;
}
