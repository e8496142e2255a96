using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            private Tensor Unary(UnaryOp op) => Wrap(NativeMethods.THSTensor_unary(Handle, op));

            public Tensor abs() => Unary(UnaryOp.Abs);

            public Tensor exp() => Unary(UnaryOp.Exp);

            public Tensor log() => Unary(UnaryOp.Log);

            public Tensor log1p() => Unary(UnaryOp.Log1p);

            public Tensor sqrt() => Unary(UnaryOp.Sqrt);

            public Tensor square() => Unary(UnaryOp.Square);

            public Tensor sigmoid() => Unary(UnaryOp.Sigmoid);

            public Tensor tanh() => Unary(UnaryOp.Tanh);

            public Tensor relu() => Unary(UnaryOp.Relu);

            /// <summary>log(1 + exp(x)), linear above 20.</summary>
            public Tensor softplus() => Wrap(NativeMethods.THSNN_softplus(Handle, 1.0, 20.0));

            /// <summary>True where the element is neither infinite nor NaN.</summary>
            public Tensor isfinite() => Unary(UnaryOp.IsFinite);

            /// <summary>The inverse hyperbolic tangent.</summary>
            public Tensor atanh() => Unary(UnaryOp.Atanh);

            /// <summary>exp(x) - 1, accurate near zero.</summary>
            public Tensor expm1() => Unary(UnaryOp.Expm1);

            /// <summary>-1, 0 or 1 by the sign of each element.</summary>
            public Tensor sign() => Unary(UnaryOp.Sign);

            /// <summary>Rounds to the given number of decimals, halves to even.</summary>
            public Tensor round(long decimals = 0) => Wrap(NativeMethods.THSTensor_round(Handle, decimals));

            /// <summary>Element-wise logical negation: a bool tensor, true where the element is zero.</summary>
            public Tensor logical_not() => Unary(UnaryOp.LogicalNot);

            /// <summary>log(softmax(x)) along dim, computed stably (in dtype, if given).</summary>
            public Tensor log_softmax(long dim, ScalarType? dtype = null) =>
                Wrap(NativeMethods.THSNN_softmax(Handle, dim, NativeDType(dtype), 1));

            /// <summary>exp(x) / Σ exp(x) along dim (computed in dtype, if given).</summary>
            public Tensor softmax(long dim, ScalarType? dtype = null) =>
                Wrap(NativeMethods.THSNN_softmax(Handle, dim, NativeDType(dtype), 0));
        }
    }
}
