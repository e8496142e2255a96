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

            public Tensor log_softmax(long dim) => Wrap(NativeMethods.THSNN_log_softmax(Handle, dim));
        }
    }
}
