using System;
using System.Runtime.InteropServices;

namespace TorchSharp.PInvoke
{
    internal static partial class NativeMethods
    {
        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSNN_softplus(IntPtr tensor, double beta, double threshold);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSNN_elu(IntPtr tensor, double alpha, int inplace);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSNN_leaky_relu(IntPtr tensor, double negativeSlope, int inplace);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSNN_softmax(IntPtr tensor, long dim, sbyte dtype, int log);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSNN_one_hot(IntPtr tensor, long numClasses);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSNN_conv2d(IntPtr input, IntPtr weight, IntPtr bias, long* stride, int nstride,
            long* padding, int npadding, long* dilation, int ndilation, long groups);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSNN_conv_transpose2d(IntPtr input, IntPtr weight, IntPtr bias, long* stride, int nstride,
            long* padding, int npadding, long* outputPadding, int noutputPadding, long* dilation, int ndilation, long groups);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSNN_binary_cross_entropy_with_logits(IntPtr input, IntPtr target, IntPtr weight, IntPtr posWeight, long reduction);
    }
}
