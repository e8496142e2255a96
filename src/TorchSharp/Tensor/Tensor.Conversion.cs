using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            /// <summary>Casts to the given element type (this very tensor's data when it already has it).</summary>
            public Tensor to(ScalarType type) => Wrap(NativeMethods.THSTensor_to_dtype(Handle, (sbyte)type, 0));

            /// <summary>Casts to the given element type; with copy, always into new storage.</summary>
            public Tensor to_type(ScalarType type, bool copy = false) =>
                Wrap(NativeMethods.THSTensor_to_dtype(Handle, (sbyte)type, copy ? 1 : 0));

            /// <summary>This tensor as Int64 (this very tensor's data when it already is).</summary>
            public Tensor @long() => to_type(ScalarType.Int64);

            /// <summary>This tensor as Int32.</summary>
            public Tensor @int() => to_type(ScalarType.Int32);

            /// <summary>This tensor as Float32.</summary>
            public Tensor @float() => to_type(ScalarType.Float32);

            /// <summary>This tensor as Float64.</summary>
            public Tensor @double() => to_type(ScalarType.Float64);

            /// <summary>This tensor as Bool (non-zero is true).</summary>
            public Tensor @bool() => to_type(ScalarType.Bool);

            public Tensor to(ScalarType type, Device device, bool copy = false)
            {
                ValidateDevice(device);
                return Wrap(NativeMethods.THSTensor_to_dtype(Handle, (sbyte)type, copy ? 1 : 0));
            }

            public Tensor to(DeviceType deviceType, int deviceIndex = -1, bool copy = false)
            {
                ValidateDevice(deviceType);
                return copy ? clone() : alias();
            }

            public Tensor to(Device device) => to(device.type, device.index);

            public Tensor to(string device) => to(new Device(device));

            public Tensor to(Tensor other) => to(other.device_type, other.device_index);

            /// <summary>The tensor on the CPU: here, a new reference to the same tensor.</summary>
            public Tensor cpu() => alias();

            public Tensor clone() => Wrap(NativeMethods.THSTensor_clone(Handle));

            /// <summary>A tensor sharing this one's data, outside the autograd graph.</summary>
            public Tensor detach() => Wrap(NativeMethods.THSTensor_detach(Handle));

            public Tensor contiguous() => Wrap(NativeMethods.THSTensor_contiguous(Handle));

            /// <summary>Copies source (broadcast, converted) into this tensor.</summary>
            public Tensor copy_(Tensor source, bool nonBlocking = false) =>
                Wrap(NativeMethods.THSTensor_copy_(Handle, source.Handle, nonBlocking ? 1 : 0), source);

            /// <summary>Makes this tensor use source's storage, shape and strides (a parameter can change size this way).</summary>
            public Tensor set_(Tensor source) => Wrap(NativeMethods.THSTensor_set_(Handle, source.Handle), source);

            public Tensor zero_() => Wrap(NativeMethods.THSTensor_zero_(Handle));

            public Tensor fill_(Scalar value) => Wrap(NativeMethods.THSTensor_fill_(Handle, value.Double, value.Long, value.Kind));
        }
    }
}
