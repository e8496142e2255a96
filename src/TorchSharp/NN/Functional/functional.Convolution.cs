using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static partial class functional
            {
                private static readonly long[] One = { 1 };
                private static readonly long[] Zero = { 0 };

                /// <summary>
                /// 2-D convolution (cross-correlation) of input (N, C_in, H, W) or (C_in, H, W) with weight
                /// (C_out, C_in / groups, kH, kW), zero-padded. strides, padding and dilation hold one value for both
                /// dimensions or one per dimension; null stands for 1, 0 and 1.
                /// </summary>
                public static unsafe Tensor conv2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? strides = null, long[]? padding = null, long[]? dilation = null, long groups = 1)
                {
                    strides ??= One;
                    padding ??= Zero;
                    dilation ??= One;
                    IntPtr result;
                    fixed (long* s = strides, p = padding, d = dilation)
                        result = NativeMethods.THSNN_conv2d(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero,
                            s, strides.Length, p, padding.Length, d, dilation.Length, groups);
                    return input.Wrap(result, weight, bias);
                }

                /// <summary>
                /// 2-D transposed convolution of input (N, C_in, H, W) or (C_in, H, W) with weight
                /// (C_in, C_out / groups, kH, kW): the gradient of conv2d with respect to its input. outputPadding adds
                /// rows and columns on one side of the output to resolve the output size. Arrays hold one value for both
                /// dimensions or one per dimension; null stands for 1 (strides, dilation) and 0 (padding, outputPadding).
                /// </summary>
                public static unsafe Tensor conv_transpose2d(Tensor input, Tensor weight, Tensor? bias = null, long[]? strides = null, long[]? padding = null, long[]? outputPadding = null, long[]? dilation = null, long groups = 1)
                {
                    strides ??= One;
                    padding ??= Zero;
                    outputPadding ??= Zero;
                    dilation ??= One;
                    IntPtr result;
                    fixed (long* s = strides, p = padding, o = outputPadding, d = dilation)
                        result = NativeMethods.THSNN_conv_transpose2d(input.Handle, weight.Handle, bias?.Handle ?? IntPtr.Zero,
                            s, strides.Length, p, padding.Length, o, outputPadding.Length, d, dilation.Length, groups);
                    return input.Wrap(result, weight, bias);
                }
            }
        }
    }
}
