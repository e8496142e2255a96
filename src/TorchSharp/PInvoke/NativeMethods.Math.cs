using System;
using System.Runtime.InteropServices;

namespace TorchSharp.PInvoke
{
    internal static partial class NativeMethods
    {
        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_unary(IntPtr tensor, UnaryOp op);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_binary(IntPtr left, IntPtr right, BinaryOp op);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_binary_scalar(IntPtr left, double d, long l, int kind, BinaryOp op);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_add_alpha(IntPtr left, IntPtr right, double d, long l, int kind, int subtract);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_add_scalar_alpha(IntPtr left, double sd, long sl, int skind, double ad, long al, int akind);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_inplace(IntPtr left, IntPtr right, InplaceOp op);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_inplace_scalar(IntPtr left, double d, long l, int kind, InplaceOp op);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_clamp_scalar(IntPtr tensor,
            int hasMin, double minD, long minL, int minKind,
            int hasMax, double maxD, long maxL, int maxKind);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_clamp_tensor(IntPtr tensor, IntPtr min, IntPtr max);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_where(IntPtr condition, IntPtr x, IntPtr y);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSTensor_where_indices(IntPtr condition, IntPtr* output, int capacity);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_sum(IntPtr tensor, sbyte dtype);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_sum_dims(IntPtr tensor, long* dims, int ndims, int keepdim, sbyte dtype);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_mean(IntPtr tensor, sbyte dtype);

        [LibraryImport(LibraryName)]
        internal static unsafe partial IntPtr THSTensor_mean_dims(IntPtr tensor, long* dims, int ndims, int keepdim, sbyte dtype);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_logsumexp(IntPtr tensor, long dim, int keepdim);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_reduce_all(IntPtr tensor, ReductionOp op);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_reduce_dim(IntPtr tensor, ReductionOp op, long dim, int keepdim);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_extremum_dim(IntPtr tensor, ReductionOp op, long dim, int keepdim, out IntPtr indices);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_round(IntPtr tensor, long decimals);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_norm(IntPtr tensor, int hasDim, long dim, int keepdim, double p);
    }
}
