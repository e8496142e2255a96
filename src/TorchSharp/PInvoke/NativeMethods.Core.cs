using System;
using System.Runtime.InteropServices;

namespace TorchSharp.PInvoke
{
    /// <summary>
    /// The C ABI of libLibTorchSharp.so. Every argument is blittable; booleans cross as int.
    /// Functions returning a tensor handle return zero on failure; functions returning int return non-zero.
    /// Either way the message waits in the native thread-local last error (see <see cref="torch.CheckForErrors"/>).
    /// </summary>
    internal static partial class NativeMethods
    {
        internal const string LibraryName = "LibTorchSharp";

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THS_get_and_reset_last_error();

        [LibraryImport(LibraryName)]
        internal static partial long THS_native_bytes_in_use();

        [LibraryImport(LibraryName)]
        internal static partial int THS_set_num_threads(int threads);

        [LibraryImport(LibraryName)]
        internal static partial int THS_get_num_threads();

        [LibraryImport(LibraryName)]
        internal static partial void THSTensor_dispose(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial long THSTensor_nbytes(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_alias(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial long THSTensor_ndim(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial long THSTensor_numel(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial long THSTensor_element_size(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial sbyte THSTensor_dtype(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial int THSTensor_is_contiguous(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSTensor_sizes(IntPtr tensor, long* buffer, int capacity);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSTensor_strides(IntPtr tensor, long* buffer, int capacity);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_data(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial int THSTensor_requires_grad(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial int THSTensor_set_requires_grad(IntPtr tensor, int requiresGrad);

        [LibraryImport(LibraryName)]
        internal static partial int THSTensor_is_leaf(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_to_dtype(IntPtr tensor, sbyte dtype, int copy);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_clone(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_detach(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_contiguous(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_copy_(IntPtr tensor, IntPtr source, int nonBlocking);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_set_(IntPtr tensor, IntPtr source);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_zero_(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_fill_(IntPtr tensor, double d, long l, int kind);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSTensor_set_bytes(IntPtr tensor, byte* source, long length);
    }
}
