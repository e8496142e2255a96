using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            public static Tensor operator +(Tensor left, Tensor right) => left.add(right);

            public static Tensor operator +(Tensor left, Scalar right) => left.add(right);

            public static Tensor operator +(Scalar left, Tensor right) => right.add(left);

            public static Tensor operator -(Tensor left, Tensor right) => left.sub(right);

            public static Tensor operator -(Tensor left, Scalar right) => left.sub(right);

            public static Tensor operator -(Scalar left, Tensor right) => right.Binary(left, BinaryOp.ReverseSub);

            public static Tensor operator *(Tensor left, Tensor right) => left.mul(right);

            public static Tensor operator *(Tensor left, Scalar right) => left.mul(right);

            public static Tensor operator *(Scalar left, Tensor right) => right.mul(left);

            public static Tensor operator /(Tensor left, Tensor right) => left.div(right);

            public static Tensor operator /(Tensor left, Scalar right) => left.div(right);

            public static Tensor operator /(Scalar left, Tensor right) => right.Binary(left, BinaryOp.ReverseDiv);

            public static Tensor operator -(Tensor tensor) => tensor.neg();
        }
    }
}
