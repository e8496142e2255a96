using System;
using System.Runtime.InteropServices;

namespace TorchSharp.PInvoke
{
    internal static partial class NativeMethods
    {
        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_product(IntPtr left, IntPtr right, ProductOp op);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSNN_linear(IntPtr input, IntPtr weight, IntPtr bias);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSLinalg_cholesky(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSLinalg_inv(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSLinalg_solve(IntPtr a, IntPtr b, int left);
    }
}
