// Pointwise arithmetic, comparisons, clamping, selection, and reductions.
#include "shim.h"
#include "ops.h"

namespace {

at::Tensor unary(const at::Tensor& t, int32_t op) {
  switch (op) {
    case U_NEG: return t.neg();
    case U_ABS: return t.abs();
    case U_EXP: return t.exp();
    case U_LOG: return t.log();
    case U_LOG1P: return t.log1p();
    case U_SQRT: return t.sqrt();
    case U_SQUARE: return t.square();
    case U_SIGMOID: return t.sigmoid();
    case U_TANH: return t.tanh();
    case U_RELU: return t.relu();
    case U_ISFINITE: return t.isfinite();
    case U_GELU: return at::gelu(t);
    case U_SILU: return at::silu(t);
    case U_T: return t.t();
    case U_LOGICAL_NOT: return t.logical_not();
    case U_RELU_INPLACE: return at::Tensor(t).relu_();
    case U_ATANH: return t.atanh();
    case U_EXPM1: return t.expm1();
    case U_SIGN: return t.sign();
    default: TORCH_CHECK(false, "unknown unary op ", op);
  }
}

at::Tensor binary(const at::Tensor& a, const at::Tensor& b, int32_t op) {
  switch (op) {
    case B_ADD: return a.add(b);
    case B_SUB: return a.sub(b);
    case B_MUL: return a.mul(b);
    case B_DIV: return a.div(b);
    case B_POW: return a.pow(b);
    case B_EQ: return a.eq(b);
    case B_NE: return a.ne(b);
    case B_LT: return a.lt(b);
    case B_LE: return a.le(b);
    case B_GT: return a.gt(b);
    case B_GE: return a.ge(b);
    case B_MAXIMUM: return at::maximum(a, b);
    case B_MINIMUM: return at::minimum(a, b);
    case B_DIV_TRUNC: return a.div(b, "trunc");
    case B_DIV_FLOOR: return a.div(b, "floor");
    case B_LOGICAL_AND: return a.logical_and(b);
    case B_LOGICAL_OR: return a.logical_or(b);
    case B_LOGICAL_XOR: return a.logical_xor(b);
    default: TORCH_CHECK(false, "unknown binary op ", op);
  }
}

at::Tensor binary_scalar(const at::Tensor& a, const at::Scalar& s, int32_t op) {
  switch (op) {
    case B_ADD: return a.add(s);
    case B_SUB: return a.sub(s);
    case B_MUL: return a.mul(s);
    case B_DIV: return a.div(s);
    case B_POW: return a.pow(s);
    case B_EQ: return a.eq(s);
    case B_NE: return a.ne(s);
    case B_LT: return a.lt(s);
    case B_LE: return a.le(s);
    case B_GT: return a.gt(s);
    case B_GE: return a.ge(s);
    case B_DIV_TRUNC: return a.div(s, "trunc");
    case B_DIV_FLOOR: return a.div(s, "floor");
    case B_RSUB: return at::rsub(a, s);
    case B_RDIV: return a.reciprocal().mul(s);
    default: TORCH_CHECK(false, "unknown tensor-scalar op ", op);
  }
}

}  // namespace

EXPORT Tensor THSTensor_unary(Tensor t, int32_t op) {
  return wrap_tensor([&] { return unary(*t, op); });
}

EXPORT Tensor THSTensor_binary(Tensor a, Tensor b, int32_t op) {
  return wrap_tensor([&] { return binary(*a, *b, op); });
}

EXPORT Tensor THSTensor_binary_scalar(Tensor a, double d, int64_t l, int32_t kind, int32_t op) {
  return wrap_tensor([&] { return binary_scalar(*a, make_scalar(d, l, kind), op); });
}

// a + alpha * b, or a - alpha * b.
EXPORT Tensor THSTensor_add_alpha(Tensor a, Tensor b, double d, int64_t l, int32_t kind, int32_t subtract) {
  return wrap_tensor([&] {
    auto alpha = make_scalar(d, l, kind);
    return subtract != 0 ? a->sub(*b, alpha) : a->add(*b, alpha);
  });
}

EXPORT Tensor THSTensor_add_scalar_alpha(Tensor a, double sd, int64_t sl, int32_t skind, double ad, int64_t al, int32_t akind) {
  return wrap_tensor([&] { return a->add(make_scalar(sd, sl, skind), make_scalar(ad, al, akind)); });
}

EXPORT Tensor THSTensor_inplace(Tensor a, Tensor b, int32_t op) {
  return wrap_tensor([&] {
    switch (op) {
      case I_ADD: return a->add_(*b);
      case I_SUB: return a->sub_(*b);
      case I_MUL: return a->mul_(*b);
      case I_DIV: return a->div_(*b);
      default: TORCH_CHECK(false, "unknown in-place op ", op);
    }
  });
}

EXPORT Tensor THSTensor_inplace_scalar(Tensor a, double d, int64_t l, int32_t kind, int32_t op) {
  return wrap_tensor([&] {
    auto s = make_scalar(d, l, kind);
    switch (op) {
      case I_ADD: return a->add_(s);
      case I_SUB: return a->sub_(s);
      case I_MUL: return a->mul_(s);
      case I_DIV: return a->div_(s);
      default: TORCH_CHECK(false, "unknown in-place op ", op);
    }
  });
}

// Either bound may be absent (has_min / has_max = 0).
EXPORT Tensor THSTensor_clamp_scalar(Tensor t, int32_t has_min, double min_d, int64_t min_l, int32_t min_kind,
                                     int32_t has_max, double max_d, int64_t max_l, int32_t max_kind) {
  return wrap_tensor([&] {
    c10::optional<at::Scalar> lo, hi;
    if (has_min != 0) lo = make_scalar(min_d, min_l, min_kind);
    if (has_max != 0) hi = make_scalar(max_d, max_l, max_kind);
    return t->clamp(lo, hi);
  });
}

EXPORT Tensor THSTensor_clamp_tensor(Tensor t, Tensor min, Tensor max) {
  return wrap_tensor([&] { return t->clamp(optional_tensor(min), optional_tensor(max)); });
}

EXPORT Tensor THSTensor_where(Tensor condition, Tensor x, Tensor y) {
  return wrap_tensor([&] { return at::where(*condition, *x, *y); });
}

// where(condition): one index tensor per dimension, written to out (capacity entries); returns the count.
EXPORT int32_t THSTensor_where_indices(Tensor condition, Tensor* out, int32_t capacity) {
  try {
    auto result = at::where(*condition);
    TORCH_CHECK(static_cast<int32_t>(result.size()) <= capacity, "where: too many result tensors");
    for (size_t i = 0; i < result.size(); ++i) out[i] = new at::Tensor(result[i]);
    return static_cast<int32_t>(result.size());
  } catch (...) {
    set_last_error_from_current_exception();
    return -1;
  }
}

// round(decimals): half to even, as PyTorch.
EXPORT Tensor THSTensor_round(Tensor t, int64_t decimals) {
  return wrap_tensor([&] { return decimals == 0 ? t->round() : t->round(decimals); });
}

// ---- Reductions: sums, means, extrema, logical reductions ------------------------------------------

EXPORT Tensor THSTensor_sum(Tensor t, int8_t dtype) {
  return wrap_tensor([&] { return t->sum(optional_dtype(dtype)); });
}

EXPORT Tensor THSTensor_sum_dims(Tensor t, const int64_t* dims, int32_t ndims, int32_t keepdim, int8_t dtype) {
  return wrap_tensor([&] { return t->sum(int_array(dims, ndims), keepdim != 0, optional_dtype(dtype)); });
}

EXPORT Tensor THSTensor_mean(Tensor t, int8_t dtype) {
  return wrap_tensor([&] { return t->mean(optional_dtype(dtype)); });
}

EXPORT Tensor THSTensor_mean_dims(Tensor t, const int64_t* dims, int32_t ndims, int32_t keepdim, int8_t dtype) {
  return wrap_tensor([&] { return t->mean(int_array(dims, ndims), keepdim != 0, optional_dtype(dtype)); });
}

EXPORT Tensor THSTensor_logsumexp(Tensor t, int64_t dim, int32_t keepdim) {
  return wrap_tensor([&] { return t->logsumexp(dim, keepdim != 0); });
}

// 0 = max, 1 = min, 2 = all, 3 = any over every element.
EXPORT Tensor THSTensor_reduce_all(Tensor t, int32_t op) {
  return wrap_tensor([&] {
    switch (op) {
      case 0: return t->max();
      case 1: return t->min();
      case 2: return t->all();
      case 3: return t->any();
      default: TORCH_CHECK(false, "unknown reduction ", op);
    }
  });
}

// 2 = all, 3 = any along one dimension.
EXPORT Tensor THSTensor_reduce_dim(Tensor t, int32_t op, int64_t dim, int32_t keepdim) {
  return wrap_tensor([&] {
    switch (op) {
      case 2: return t->all(dim, keepdim != 0);
      case 3: return t->any(dim, keepdim != 0);
      default: TORCH_CHECK(false, "unknown reduction ", op);
    }
  });
}

// max (op 0) or min (op 1) along a dimension: values are returned, indices written to *indices.
EXPORT Tensor THSTensor_extremum_dim(Tensor t, int32_t op, int64_t dim, int32_t keepdim, Tensor* indices) {
  try {
    auto result = op == 0 ? t->max(dim, keepdim != 0) : t->min(dim, keepdim != 0);
    *indices = new at::Tensor(std::get<1>(result));
    return new at::Tensor(std::get<0>(result));
  } catch (...) {
    set_last_error_from_current_exception();
    return nullptr;
  }
}

// The p-norm of all elements (has_dim = 0) or along one dimension.
EXPORT Tensor THSTensor_norm(Tensor t, int32_t has_dim, int64_t dim, int32_t keepdim, double p) {
  return wrap_tensor([&] {
    if (has_dim == 0) return t->norm(at::Scalar(p));
    return t->norm(at::Scalar(p), at::IntArrayRef(&dim, 1), keepdim != 0);
  });
}
