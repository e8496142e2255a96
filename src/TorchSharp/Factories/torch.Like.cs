using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public static Tensor zeros_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Like(input, LikeKind.Zeros, dtype, device, requires_grad);

        public static Tensor ones_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Like(input, LikeKind.Ones, dtype, device, requires_grad);

        /// <summary>A tensor of input's shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            Like(input, LikeKind.Rand, dtype, device, requires_grad);

        /// <summary>A tensor of input's shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn_like(Tensor input, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            Like(input, LikeKind.Randn, dtype, device, requires_grad);

        private static Tensor Like(Tensor input, LikeKind kind, ScalarType? dtype, Device? device, bool requiresGrad)
        {
            ValidateDevice(device);
            return input.Wrap(NativeMethods.THSTensor_like(input.Handle, (int)kind, NativeDType(dtype), requiresGrad ? 1 : 0));
        }
    }
}
