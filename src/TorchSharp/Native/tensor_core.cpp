// Tensor handles: lifetime, metadata, raw data access, conversions, in-place fills, and creation.
#include "shim.h"

#include <cstring>

EXPORT void THSTensor_dispose(Tensor t) { delete t; }

EXPORT Tensor THSTensor_alias(Tensor t) {
  return wrap_tensor([&] { return *t; });
}

EXPORT int64_t THSTensor_ndim(Tensor t) { return t->dim(); }

EXPORT int64_t THSTensor_numel(Tensor t) { return t->numel(); }

EXPORT int64_t THSTensor_element_size(Tensor t) { return static_cast<int64_t>(t->element_size()); }

EXPORT int64_t THSTensor_nbytes(Tensor t) { return static_cast<int64_t>(t->nbytes()); }

EXPORT int8_t THSTensor_dtype(Tensor t) { return static_cast<int8_t>(t->scalar_type()); }

EXPORT int32_t THSTensor_is_contiguous(Tensor t) { return t->is_contiguous() ? 1 : 0; }

// Copies up to capacity sizes into buffer and returns the number of dimensions.
EXPORT int32_t THSTensor_sizes(Tensor t, int64_t* buffer, int32_t capacity) {
  auto sizes = t->sizes();
  for (size_t i = 0; i < sizes.size() && static_cast<int32_t>(i) < capacity; ++i) buffer[i] = sizes[i];
  return static_cast<int32_t>(sizes.size());
}

EXPORT int32_t THSTensor_strides(Tensor t, int64_t* buffer, int32_t capacity) {
  auto strides = t->strides();
  for (size_t i = 0; i < strides.size() && static_cast<int32_t>(i) < capacity; ++i) buffer[i] = strides[i];
  return static_cast<int32_t>(strides.size());
}

// Address of the first element (storage offset applied); null with an error for tensors without storage.
EXPORT void* THSTensor_data(Tensor t) {
  try {
    return t->data_ptr();
  } catch (...) {
    set_last_error_from_current_exception();
    return nullptr;
  }
}

EXPORT int32_t THSTensor_requires_grad(Tensor t) { return t->requires_grad() ? 1 : 0; }

EXPORT int THSTensor_set_requires_grad(Tensor t, int32_t requires_grad) {
  return wrap_status([&] { t->set_requires_grad(requires_grad != 0); });
}

EXPORT int32_t THSTensor_is_leaf(Tensor t) { return t->is_leaf() ? 1 : 0; }

EXPORT Tensor THSTensor_to_dtype(Tensor t, int8_t dtype, int32_t copy) {
  return wrap_tensor([&] { return t->to(static_cast<at::ScalarType>(dtype), false, copy != 0); });
}

EXPORT Tensor THSTensor_clone(Tensor t) {
  return wrap_tensor([&] { return t->clone(); });
}

EXPORT Tensor THSTensor_detach(Tensor t) {
  return wrap_tensor([&] { return t->detach(); });
}

EXPORT Tensor THSTensor_contiguous(Tensor t) {
  return wrap_tensor([&] { return t->contiguous(); });
}

EXPORT Tensor THSTensor_copy_(Tensor t, Tensor source, int32_t non_blocking) {
  return wrap_tensor([&] { return t->copy_(*source, non_blocking != 0); });
}

EXPORT Tensor THSTensor_set_(Tensor t, Tensor source) {
  return wrap_tensor([&] { return t->set_(*source); });
}

EXPORT Tensor THSTensor_zero_(Tensor t) {
  return wrap_tensor([&] { return t->zero_(); });
}

EXPORT Tensor THSTensor_fill_(Tensor t, double d, int64_t l, int32_t kind) {
  return wrap_tensor([&] { return t->fill_(make_scalar(d, l, kind)); });
}

// Copies raw bytes into a contiguous tensor's storage outside autograd, bumping its version like an in-place op.
EXPORT int THSTensor_set_bytes(Tensor t, const void* source, int64_t length) {
  return wrap_status([&] {
    TORCH_CHECK(t->is_contiguous(), "set_bytes: the tensor must be contiguous");
    TORCH_CHECK(length == static_cast<int64_t>(t->nbytes()), "set_bytes: expected ", t->nbytes(), " bytes but got ", length);
    if (length > 0) std::memcpy(t->data_ptr(), source, static_cast<size_t>(length));
    // Keeps saved-tensor checks honest for graphs that captured the old values.
    t->unsafeGetTensorImpl()->bump_version();
  });
}

// ---- Creation: from host data, constant fills, ranges, and the *_like family ----------------------

EXPORT Tensor THSTensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int8_t dtype, int32_t requires_grad) {
  return wrap_tensor([&] {
    auto result = at::empty(int_array(shape, ndim), options_for(dtype));
    if (result.numel() > 0) std::memcpy(result.data_ptr(), data, result.nbytes());
    return with_grad(result, requires_grad);
  });
}

EXPORT Tensor THSTensor_empty(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t requires_grad) {
  return wrap_tensor([&] { return with_grad(at::empty(int_array(shape, ndim), options_for(dtype)), requires_grad); });
}

EXPORT Tensor THSTensor_zeros(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t requires_grad) {
  return wrap_tensor([&] { return with_grad(at::zeros(int_array(shape, ndim), options_for(dtype)), requires_grad); });
}

EXPORT Tensor THSTensor_ones(const int64_t* shape, int32_t ndim, int8_t dtype, int32_t requires_grad) {
  return wrap_tensor([&] { return with_grad(at::ones(int_array(shape, ndim), options_for(dtype)), requires_grad); });
}

EXPORT Tensor THSTensor_full(const int64_t* shape, int32_t ndim, double d, int64_t l, int32_t kind, int8_t dtype, int32_t requires_grad) {
  return wrap_tensor([&] {
    return with_grad(at::full(int_array(shape, ndim), make_scalar(d, l, kind), options_for(dtype)), requires_grad);
  });
}

// 0 = empty_like, 1 = zeros_like, 2 = ones_like, 3 = rand_like, 4 = randn_like.
EXPORT Tensor THSTensor_like(Tensor t, int32_t kind, int8_t dtype, int32_t requires_grad) {
  return wrap_tensor([&] {
    auto options = t->options();
    if (dtype >= 0) options = options.dtype(static_cast<at::ScalarType>(dtype));
    switch (kind) {
      case 0: return with_grad(at::empty_like(*t, options), requires_grad);
      case 1: return with_grad(at::zeros_like(*t, options), requires_grad);
      case 2: return with_grad(at::ones_like(*t, options), requires_grad);
      case 3: return with_grad(at::rand_like(*t, options), requires_grad);
      case 4: return with_grad(at::randn_like(*t, options), requires_grad);
      default: TORCH_CHECK(false, "unknown *_like kind ", kind);
    }
  });
}

EXPORT Tensor THSTensor_arange(double start_d, int64_t start_l, int32_t start_kind, double end_d, int64_t end_l,
                               int32_t end_kind, double step_d, int64_t step_l, int32_t step_kind, int8_t dtype,
                               int32_t requires_grad) {
  return wrap_tensor([&] {
    auto options = at::TensorOptions().device(at::kCPU);
    if (dtype >= 0) options = options.dtype(static_cast<at::ScalarType>(dtype));
    return with_grad(at::arange(make_scalar(start_d, start_l, start_kind), make_scalar(end_d, end_l, end_kind),
                                make_scalar(step_d, step_l, step_kind), options),
                     requires_grad);
  });
}
