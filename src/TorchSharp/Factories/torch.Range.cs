using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>
        /// The values start, start + step, ... below stop. Without a dtype, integral bounds give Int64 and
        /// floating ones the default type.
        /// </summary>
        public static Tensor arange(Scalar start, Scalar stop, Scalar step, ScalarType? dtype = null, Device? device = null, bool requires_grad = false)
        {
            ValidateDevice(device);
            return Tensor.FromNative(NativeMethods.THSTensor_arange(
                start.Double, start.Long, start.Kind, stop.Double, stop.Long, stop.Kind, step.Double, step.Long, step.Kind,
                NativeDType(dtype), requires_grad ? 1 : 0));
        }

        public static Tensor arange(Scalar start, Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            arange(start, stop, 1, dtype, device, requires_grad);

        public static Tensor arange(Scalar stop, ScalarType? dtype = null, Device? device = null, bool requires_grad = false) =>
            arange(0, stop, 1, dtype, device, requires_grad);
    }
}
