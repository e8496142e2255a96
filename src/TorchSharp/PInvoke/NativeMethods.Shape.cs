using System;
using System.Runtime.InteropServices;

namespace TorchSharp.PInvoke
{
    internal static partial class NativeMethods
    {
        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_reshape(IntPtr tensor, long* shape, int ndim);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_view(IntPtr tensor, long* shape, int ndim);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_expand(IntPtr tensor, long* shape, int ndim, int isImplicit);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_unsqueeze(IntPtr tensor, long dim);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_permute(IntPtr tensor, long* dims, int ndim);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_unflatten(IntPtr tensor, long dim, long* sizes, int nsizes);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSTensor_split(IntPtr tensor, SplitOp op, long sizeOrChunks, long* sizes, int nsizes, long dim, IntPtr* output, int capacity);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_squeeze(IntPtr tensor, int hasDim, long dim);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_flatten(IntPtr tensor, long start, long end);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_narrow(IntPtr tensor, long dim, long start, long length);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_slice(IntPtr tensor, long dim, long start, long finish, long step);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_index_select(IntPtr tensor, long dim, IntPtr index);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_gather(IntPtr tensor, long dim, IntPtr index);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_transpose(IntPtr tensor, long dim0, long dim1);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_tril(IntPtr tensor, long diagonal);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_triu(IntPtr tensor, long diagonal);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_diagonal(IntPtr tensor, long offset, long dim1, long dim2);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_diag_embed(IntPtr tensor, long offset, long dim1, long dim2);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_cat(IntPtr* tensors, int count, long dim);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_stack(IntPtr* tensors, int count, long dim);
    }
}
