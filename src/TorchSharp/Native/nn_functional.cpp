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

// softmax (log = 0) or log_softmax (log = 1) along dim, computed in dtype if given.
EXPORT Tensor THSNN_softmax(Tensor t, int64_t dim, int8_t dtype, int32_t log) {
  return wrap_tensor([&] { return log != 0 ? t->log_softmax(dim, optional_dtype(dtype)) : t->softmax(dim, optional_dtype(dtype)); });
}

EXPORT Tensor THSNN_one_hot(Tensor t, int64_t num_classes) {
  return wrap_tensor([&] { return at::one_hot(*t, num_classes); });
}

// Zero-padded 2-D convolution; stride, padding and dilation hold one value (both dimensions) or two.
EXPORT Tensor THSNN_conv2d(Tensor input, Tensor weight, Tensor bias, const int64_t* stride, int32_t nstride,
                           const int64_t* padding, int32_t npadding, const int64_t* dilation, int32_t ndilation,
                           int64_t groups) {
  return wrap_tensor([&] {
    return at::conv2d(*input, *weight, optional_tensor(bias), int_array(stride, nstride), int_array(padding, npadding),
                      int_array(dilation, ndilation), groups);
  });
}

// 2-D transposed convolution (the gradient of conv2d with respect to its input).
EXPORT Tensor THSNN_conv_transpose2d(Tensor input, Tensor weight, Tensor bias, const int64_t* stride, int32_t nstride,
                                     const int64_t* padding, int32_t npadding, const int64_t* output_padding,
                                     int32_t noutput_padding, const int64_t* dilation, int32_t ndilation, int64_t groups) {
  return wrap_tensor([&] {
    return at::conv_transpose2d(*input, *weight, optional_tensor(bias), int_array(stride, nstride),
                                int_array(padding, npadding), int_array(output_padding, noutput_padding), groups,
                                int_array(dilation, ndilation));
  });
}
