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

                public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) => input.softmax(dim, dtype);

                /// <summary>
                /// Int64 one-hot vectors: a new last dimension of num_classes (or, with -1, one more than the largest
                /// class) holding 1 at each element's class.
                /// </summary>
                public static Tensor one_hot(Tensor x, long num_classes = -1) => x.Wrap(NativeMethods.THSNN_one_hot(x.Handle, num_classes));
            }
        }
    }
}
