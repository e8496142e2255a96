using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            public Tensor eq(Tensor target) => Binary(target, BinaryOp.Eq);

            public Tensor eq(Scalar target) => Binary(target, BinaryOp.Eq);

            public Tensor ne(Tensor target) => Binary(target, BinaryOp.Ne);

            public Tensor ne(Scalar target) => Binary(target, BinaryOp.Ne);

            public Tensor lt(Tensor target) => Binary(target, BinaryOp.Lt);

            public Tensor lt(Scalar target) => Binary(target, BinaryOp.Lt);

            public Tensor le(Tensor target) => Binary(target, BinaryOp.Le);

            public Tensor le(Scalar target) => Binary(target, BinaryOp.Le);

            public Tensor gt(Tensor target) => Binary(target, BinaryOp.Gt);

            public Tensor gt(Scalar target) => Binary(target, BinaryOp.Gt);

            public Tensor ge(Tensor target) => Binary(target, BinaryOp.Ge);

            public Tensor ge(Scalar target) => Binary(target, BinaryOp.Ge);

            /// <summary>Clamps every element into [min, max]; either bound may be omitted.</summary>
            public Tensor clamp(Scalar? min = null, Scalar? max = null) =>
                Wrap(NativeMethods.THSTensor_clamp_scalar(Handle,
                    min is null ? 0 : 1, min?.Double ?? 0, min?.Long ?? 0, min?.Kind ?? 0,
                    max is null ? 0 : 1, max?.Double ?? 0, max?.Long ?? 0, max?.Kind ?? 0));

            /// <summary>max(x, min) element-wise.</summary>
            public Tensor clamp_min(Scalar min) => clamp(min, null);

            /// <summary>min(x, max) element-wise.</summary>
            public Tensor clamp_max(Scalar max) => clamp(null, max);

            /// <summary>This tensor where condition holds, y elsewhere (broadcasting).</summary>
            public Tensor where(Tensor condition, Tensor y) =>
                Wrap(NativeMethods.THSTensor_where(condition.Handle, Handle, y.Handle), condition, y);

            /// <summary>Element-wise logical and (non-zero is true): a bool tensor.</summary>
            public Tensor logical_and(Tensor other) => Binary(other, BinaryOp.LogicalAnd);

            /// <summary>Element-wise logical or (non-zero is true): a bool tensor.</summary>
            public Tensor logical_or(Tensor other) => Binary(other, BinaryOp.LogicalOr);

            /// <summary>Element-wise logical exclusive or (non-zero is true): a bool tensor.</summary>
            public Tensor logical_xor(Tensor other) => Binary(other, BinaryOp.LogicalXor);

            /// <summary>Clamps element-wise between tensors of bounds; either may be omitted.</summary>
            public Tensor clamp(Tensor? min = null, Tensor? max = null) =>
                Wrap(NativeMethods.THSTensor_clamp_tensor(Handle, min?.Handle ?? System.IntPtr.Zero, max?.Handle ?? System.IntPtr.Zero), min, max);
        }
    }
}
