using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            /// <summary>The number of dimensions.</summary>
            public long dim() => NativeMethods.THSTensor_ndim(Handle);

            /// <summary>The number of dimensions.</summary>
            public long ndim => dim();

            /// <summary>The number of elements.</summary>
            public long numel() => NativeMethods.THSTensor_numel(Handle);

            /// <summary>The size of one element in bytes.</summary>
            public long element_size() => NativeMethods.THSTensor_element_size(Handle);

            /// <summary>The element type.</summary>
            public ScalarType dtype => (ScalarType)NativeMethods.THSTensor_dtype(Handle);

            /// <summary>The device holding the data (always the CPU here).</summary>
            public Device device => CPU;

            public DeviceType device_type => DeviceType.CPU;

            public int device_index => -1;

            /// <summary>The size of each dimension.</summary>
            public long[] shape => size();

            public unsafe long[] size()
            {
                var h = Handle;
                long* buffer = stackalloc long[16];
                var n = NativeMethods.THSTensor_sizes(h, buffer, 16);
                var result = new long[n];
                if (n <= 16) {
                    for (var i = 0; i < n; i++) result[i] = buffer[i];
                } else {
                    fixed (long* p = result) NativeMethods.THSTensor_sizes(h, p, n);
                }
                return result;
            }

            public long size(int dim)
            {
                var sizes = size();
                var d = dim < 0 ? dim + sizes.Length : dim;
                if (d < 0 || d >= sizes.Length) throw new ArgumentOutOfRangeException(nameof(dim));
                return sizes[d];
            }

            public unsafe long[] stride()
            {
                var h = Handle;
                long* buffer = stackalloc long[16];
                var n = NativeMethods.THSTensor_strides(h, buffer, 16);
                var result = new long[n];
                if (n <= 16) {
                    for (var i = 0; i < n; i++) result[i] = buffer[i];
                } else {
                    fixed (long* p = result) NativeMethods.THSTensor_strides(h, p, n);
                }
                return result;
            }

            public bool is_contiguous() => NativeMethods.THSTensor_is_contiguous(Handle) != 0;

            public bool is_leaf => NativeMethods.THSTensor_is_leaf(Handle) != 0;

            public bool is_floating_point() => torch.is_floating_point(dtype);

            public bool is_integral() => torch.is_integral(dtype);
        }
    }
}
