using System;
using System.Runtime.InteropServices;

namespace TorchSharp.PInvoke
{
    internal static partial class NativeMethods
    {
        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_from_data(void* data, long* shape, int ndim, sbyte dtype, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_empty(long* shape, int ndim, sbyte dtype, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_zeros(long* shape, int ndim, sbyte dtype, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_ones(long* shape, int ndim, sbyte dtype, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_full(long* shape, int ndim, double d, long l, int kind, sbyte dtype, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_like(IntPtr tensor, int kind, sbyte dtype, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_arange(
            double startD, long startL, int startKind,
            double endD, long endL, int endKind,
            double stepD, long stepL, int stepKind,
            sbyte dtype, int requiresGrad);
    }
}
