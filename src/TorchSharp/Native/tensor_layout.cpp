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

EXPORT Tensor THSTensor_permute(Tensor t, const int64_t* dims, int32_t ndim) {
  return wrap_tensor([&] { return t->permute(int_array(dims, ndim)); });
}

EXPORT Tensor THSTensor_unflatten(Tensor t, int64_t dim, const int64_t* sizes, int32_t nsizes) {
  return wrap_tensor([&] { return t->unflatten(dim, int_array(sizes, nsizes)); });
}

// Splits along dim: op 0 = chunk(size_or_chunks), 1 = split(size_or_chunks), 2 = split_with_sizes(sizes).
// Writes up to capacity new handles to out and returns the number of pieces (more than capacity: nothing written),
// or -1 with the error recorded.
EXPORT int32_t THSTensor_split(Tensor t, int32_t op, int64_t size_or_chunks, const int64_t* sizes, int32_t nsizes,
                               int64_t dim, Tensor* out, int32_t capacity) {
  try {
    std::vector<at::Tensor> pieces;
    switch (op) {
      case 0: pieces = t->chunk(size_or_chunks, dim); break;
      case 1: pieces = t->split(size_or_chunks, dim); break;
      case 2: pieces = t->split_with_sizes(int_array(sizes, nsizes), dim); break;
      default: TORCH_CHECK(false, "unknown split ", op);
    }
    auto count = static_cast<int32_t>(pieces.size());
    if (count <= capacity) {
      for (int32_t i = 0; i < count; ++i) out[i] = new at::Tensor(pieces[i]);
    }
    return count;
  } catch (...) {
    set_last_error_from_current_exception();
    return -1;
  }
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
