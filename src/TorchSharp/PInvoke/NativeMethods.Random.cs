using System;
using System.Runtime.InteropServices;

namespace TorchSharp.PInvoke
{
    internal static partial class NativeMethods
    {
        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSGenerator_default();

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSGenerator_new(ulong seed);

        [LibraryImport(LibraryName)]
        internal static partial void THSGenerator_dispose(IntPtr generator);

        [LibraryImport(LibraryName)]
        internal static partial int THSGenerator_manual_seed(IntPtr generator, long seed);

        [LibraryImport(LibraryName)]
        internal static partial long THSGenerator_initial_seed(IntPtr generator);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSGenerator_get_state(IntPtr generator);

        [LibraryImport(LibraryName)]
        internal static partial int THSGenerator_set_state(IntPtr generator, IntPtr state);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_rand(long* shape, int ndim, sbyte dtype, IntPtr generator, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_randn(long* shape, int ndim, sbyte dtype, IntPtr generator, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_randperm(long n, sbyte dtype, IntPtr generator, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static partial int THSTensor_uniform_(IntPtr tensor, double from, double to, IntPtr generator);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_bernoulli(IntPtr probabilities, IntPtr generator);
    }
}
