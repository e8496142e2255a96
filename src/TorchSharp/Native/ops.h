// Operation codes shared with the managed side (TorchSharp.PInvoke.UnaryOp / BinaryOp / ...).
// Keep the numbers in sync with src/TorchSharp/PInvoke/OpCodes.cs.
#pragma once

#include <cstdint>

enum UnaryOp : int32_t {
  U_NEG = 0, U_ABS = 1, U_EXP = 2, U_LOG = 3, U_LOG1P = 4, U_SQRT = 5, U_SQUARE = 6, U_SIGMOID = 7,
  U_TANH = 8, U_RELU = 9, U_ISFINITE = 10, U_GELU = 11, U_SILU = 12, U_T = 13, U_LOGICAL_NOT = 14,
  U_RELU_INPLACE = 15, U_ATANH = 16, U_EXPM1 = 17, U_SIGN = 18,
};

enum BinaryOp : int32_t {
  B_ADD = 0, B_SUB = 1, B_MUL = 2, B_DIV = 3, B_POW = 4, B_EQ = 5, B_NE = 6, B_LT = 7, B_LE = 8, B_GT = 9,
  B_GE = 10, B_MAXIMUM = 11, B_MINIMUM = 12, B_DIV_TRUNC = 13, B_DIV_FLOOR = 14,
  // Scalar on the left: scalar - tensor, scalar / tensor.
  B_RSUB = 15, B_RDIV = 16,
  B_LOGICAL_AND = 17, B_LOGICAL_OR = 18, B_LOGICAL_XOR = 19,
};

enum InplaceOp : int32_t { I_ADD = 0, I_SUB = 1, I_MUL = 2, I_DIV = 3 };
