namespace TorchSharp.PInvoke
{
    // The operation codes of the native dispatchers. Keep the numbers in sync with Native/ops.h.

    internal enum UnaryOp
    {
        Neg = 0, Abs = 1, Exp = 2, Log = 3, Log1p = 4, Sqrt = 5, Square = 6, Sigmoid = 7,
        Tanh = 8, Relu = 9, IsFinite = 10, Gelu = 11, Silu = 12, T = 13, LogicalNot = 14,
        ReluInPlace = 15, Atanh = 16, Expm1 = 17, Sign = 18,
    }

    internal enum BinaryOp
    {
        Add = 0, Sub = 1, Mul = 2, Div = 3, Pow = 4, Eq = 5, Ne = 6, Lt = 7, Le = 8, Gt = 9,
        Ge = 10, Maximum = 11, Minimum = 12, DivTrunc = 13, DivFloor = 14, ReverseSub = 15, ReverseDiv = 16,
        LogicalAnd = 17, LogicalOr = 18, LogicalXor = 19,
    }

    internal enum InplaceOp
    {
        Add = 0, Sub = 1, Mul = 2, Div = 3,
    }

    internal enum ReductionOp
    {
        Max = 0, Min = 1, All = 2, Any = 3,
    }

    internal enum ProductOp
    {
        Matmul = 0, Mm = 1, Bmm = 2,
    }

    internal enum SplitOp
    {
        Chunk = 0, Split = 1, SplitWithSizes = 2,
    }

    internal enum LikeKind
    {
        Empty = 0, Zeros = 1, Ones = 2, Rand = 3, Randn = 4,
    }
}
