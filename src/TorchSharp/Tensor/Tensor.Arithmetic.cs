using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            private Tensor Binary(Tensor other, BinaryOp op) =>
                Wrap(NativeMethods.THSTensor_binary(Handle, other.Handle, op), other);

            private Tensor Binary(Scalar other, BinaryOp op) =>
                Wrap(NativeMethods.THSTensor_binary_scalar(Handle, other.Double, other.Long, other.Kind, op));

            private Tensor InPlace(Tensor other, InplaceOp op) =>
                Wrap(NativeMethods.THSTensor_inplace(Handle, other.Handle, op), other);

            private Tensor InPlace(Scalar other, InplaceOp op) =>
                Wrap(NativeMethods.THSTensor_inplace_scalar(Handle, other.Double, other.Long, other.Kind, op));

            public Tensor add(Tensor target) => Binary(target, BinaryOp.Add);

            /// <summary>this + alpha * target.</summary>
            public Tensor add(Tensor target, Scalar alpha) =>
                Wrap(NativeMethods.THSTensor_add_alpha(Handle, target.Handle, alpha.Double, alpha.Long, alpha.Kind, 0), target);

            public Tensor add(Scalar scalar) => Binary(scalar, BinaryOp.Add);

            /// <summary>this + alpha * scalar.</summary>
            public Tensor add(Scalar scalar, Scalar alpha) =>
                Wrap(NativeMethods.THSTensor_add_scalar_alpha(Handle, scalar.Double, scalar.Long, scalar.Kind, alpha.Double, alpha.Long, alpha.Kind));

            public Tensor sub(Tensor target) => Binary(target, BinaryOp.Sub);

            public Tensor sub(Scalar target) => Binary(target, BinaryOp.Sub);

            public Tensor mul(Tensor target) => Binary(target, BinaryOp.Mul);

            public Tensor mul(Scalar target) => Binary(target, BinaryOp.Mul);

            public Tensor div(Tensor target, RoundingMode rounding_mode = RoundingMode.None) =>
                Binary(target, DivOp(rounding_mode));

            public Tensor div(Scalar target, RoundingMode rounding_mode = RoundingMode.None) =>
                Binary(target, DivOp(rounding_mode));

            private static BinaryOp DivOp(RoundingMode mode) => mode switch {
                RoundingMode.trunc => BinaryOp.DivTrunc,
                RoundingMode.floor => BinaryOp.DivFloor,
                _ => BinaryOp.Div,
            };

            public Tensor pow(Tensor exponent) => Binary(exponent, BinaryOp.Pow);

            public Tensor pow(Scalar exponent) => Binary(exponent, BinaryOp.Pow);

            public Tensor neg() => Unary(UnaryOp.Neg);

            /// <summary>Element-wise maximum of two tensors.</summary>
            public Tensor maximum(Tensor other) => Binary(other, BinaryOp.Maximum);

            /// <summary>Element-wise minimum of two tensors.</summary>
            public Tensor minimum(Tensor other) => Binary(other, BinaryOp.Minimum);

            public Tensor add_(Tensor target) => InPlace(target, InplaceOp.Add);

            public Tensor add_(Scalar scalar) => InPlace(scalar, InplaceOp.Add);

            public Tensor sub_(Tensor target) => InPlace(target, InplaceOp.Sub);

            public Tensor sub_(Scalar target) => InPlace(target, InplaceOp.Sub);

            public Tensor mul_(Tensor target) => InPlace(target, InplaceOp.Mul);

            public Tensor mul_(Scalar target) => InPlace(target, InplaceOp.Mul);
        }
    }
}
