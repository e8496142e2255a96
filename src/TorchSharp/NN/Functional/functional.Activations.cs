using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static partial class functional
            {
                public static Tensor relu(Tensor x, bool inplace = false) =>
                    x.Wrap(NativeMethods.THSTensor_unary(x.Handle, inplace ? UnaryOp.ReluInPlace : UnaryOp.Relu));

                /// <summary>log(1 + exp(βx)) / β, linear where βx exceeds threshold.</summary>
                public static Tensor softplus(Tensor x, double beta = 1, double threshold = 20) =>
                    x.Wrap(NativeMethods.THSNN_softplus(x.Handle, beta, threshold));

                public static Tensor leaky_relu(Tensor input, double negative_slope = 0.01, bool inplace = false) =>
                    input.Wrap(NativeMethods.THSNN_leaky_relu(input.Handle, negative_slope, inplace ? 1 : 0));

                public static Tensor gelu(Tensor x) => x.Wrap(NativeMethods.THSTensor_unary(x.Handle, UnaryOp.Gelu));

                public static Tensor tanh(Tensor x) => x.tanh();

                public static Tensor log_softmax(Tensor x, long dim) => x.log_softmax(dim);
            }
        }
    }
}
