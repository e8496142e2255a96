// Views and re-arrangements (reshape, slicing, indexing, joining, triangles, diagonals) and linear algebra.
#include "shim.h"

EXPORT Tensor THSTensor_reshape(Tensor t, const int64_t* shape, int32_t ndim) {
  return wrap_tensor([&] { return t->reshape(int_array(shape, ndim)); });
}

EXPORT Tensor THSTensor_view(Tensor t, const int64_t* shape, int32_t ndim) {
  return wrap_tensor([&] { return t->view(int_array(shape, ndim)); });
}

EXPORT Tensor THSTensor_expand(Tensor t, const int64_t* shape, int32_t ndim, int32_t implicit) {
  return wrap_tensor([&] { return t->expand(int_array(shape, ndim), implicit != 0); });
}

EXPORT Tensor THSTensor_unsqueeze(Tensor t, int64_t dim) {
  return wrap_tensor([&] { return t->unsqueeze(dim); });
}

EXPORT Tensor THSTensor_squeeze(Tensor t, int32_t has_dim, int64_t dim) {
  return wrap_tensor([&] { return has_dim != 0 ? t->squeeze(dim) : t->squeeze(); });
}

EXPORT Tensor THSTensor_flatten(Tensor t, int64_t start, int64_t end) {
  return wrap_tensor([&] { return t->flatten(start, end); });
}

EXPORT Tensor THSTensor_narrow(Tensor t, int64_t dim, int64_t start, int64_t length) {
  return wrap_tensor([&] { return t->narrow(dim, start, length); });
}

EXPORT Tensor THSTensor_slice(Tensor t, int64_t dim, int64_t start, int64_t finish, int64_t step) {
  return wrap_tensor([&] { return t->slice(dim, start, finish, step); });
}

EXPORT Tensor THSTensor_index_select(Tensor t, int64_t dim, Tensor index) {
  return wrap_tensor([&] { return t->index_select(dim, *index); });
}

EXPORT Tensor THSTensor_gather(Tensor t, int64_t dim, Tensor index) {
  return wrap_tensor([&] { return t->gather(dim, *index); });
}

EXPORT Tensor THSTensor_transpose(Tensor t, int64_t dim0, int64_t dim1) {
  return wrap_tensor([&] { return t->transpose(dim0, dim1); });
}

EXPORT Tensor THSTensor_tril(Tensor t, int64_t diagonal) {
  return wrap_tensor([&] { return t->tril(diagonal); });
}

EXPORT Tensor THSTensor_triu(Tensor t, int64_t diagonal) {
  return wrap_tensor([&] { return t->triu(diagonal); });
}

EXPORT Tensor THSTensor_diagonal(Tensor t, int64_t offset, int64_t dim1, int64_t dim2) {
  return wrap_tensor([&] { return t->diagonal(offset, dim1, dim2); });
}

EXPORT Tensor THSTensor_diag_embed(Tensor t, int64_t offset, int64_t dim1, int64_t dim2) {
  return wrap_tensor([&] { return at::diag_embed(*t, offset, dim1, dim2); });
}

EXPORT Tensor THSTensor_cat(const Tensor* tensors, int32_t count, int64_t dim) {
  return wrap_tensor([&] { return at::cat(tensor_list(tensors, count), dim); });
}

EXPORT Tensor THSTensor_stack(const Tensor* tensors, int32_t count, int64_t dim) {
  return wrap_tensor([&] { return at::stack(tensor_list(tensors, count), dim); });
}

// ---- Matrix products and torch.linalg --------------------------------------------------------------

EXPORT Tensor THSTensor_product(Tensor a, Tensor b, int32_t op) {
  return wrap_tensor([&] {
    switch (op) {
      case 0: return a->matmul(*b);
      case 1: return a->mm(*b);
      case 2: return a->bmm(*b);
      default: TORCH_CHECK(false, "unknown product ", op);
    }
  });
}

EXPORT Tensor THSNN_linear(Tensor input, Tensor weight, Tensor bias) {
  return wrap_tensor([&] { return at::linear(*input, *weight, optional_tensor(bias)); });
}

EXPORT Tensor THSLinalg_cholesky(Tensor t) {
  return wrap_tensor([&] { return at::linalg_cholesky(*t); });
}

EXPORT Tensor THSLinalg_inv(Tensor t) {
  return wrap_tensor([&] { return at::linalg_inv(*t); });
}

EXPORT Tensor THSLinalg_solve(Tensor a, Tensor b, int32_t left) {
  return wrap_tensor([&] { return at::linalg_solve(*a, *b, left != 0); });
}
