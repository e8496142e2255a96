// torch.nn.functional kernels that need parameters beyond a single tensor.
#include "shim.h"

EXPORT Tensor THSNN_softplus(Tensor t, double beta, double threshold) {
  return wrap_tensor([&] { return at::softplus(*t, beta, threshold); });
}

EXPORT Tensor THSNN_elu(Tensor t, double alpha, int32_t inplace) {
  return wrap_tensor([&] { return inplace != 0 ? at::elu_(*t, alpha) : at::elu(*t, alpha); });
}

EXPORT Tensor THSNN_leaky_relu(Tensor t, double negative_slope, int32_t inplace) {
  return wrap_tensor([&] { return inplace != 0 ? at::leaky_relu_(*t, negative_slope) : at::leaky_relu(*t, negative_slope); });
}

EXPORT Tensor THSNN_log_softmax(Tensor t, int64_t dim) {
  return wrap_tensor([&] { return t->log_softmax(dim); });
}

// reduction: 0 = none, 1 = mean, 2 = sum (at::Reduction's values).
EXPORT Tensor THSNN_binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor weight, Tensor pos_weight,
                                                     int64_t reduction) {
  return wrap_tensor([&] {
    return at::binary_cross_entropy_with_logits(*input, *target, optional_tensor(weight), optional_tensor(pos_weight),
                                                reduction);
  });
}
