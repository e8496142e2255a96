using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            /// <summary>The sum of all elements, accumulated (and returned) in type if given.</summary>
            public Tensor sum(ScalarType? type = null) => Wrap(NativeMethods.THSTensor_sum(Handle, NativeDType(type)));

            public Tensor sum(long[] dim, bool keepdim = false, ScalarType? type = null) => sum((ReadOnlySpan<long>)dim, keepdim, type);

            public unsafe Tensor sum(ReadOnlySpan<long> dim, bool keepdim = false, ScalarType? type = null)
            {
                fixed (long* p = dim)
                    return Wrap(NativeMethods.THSTensor_sum_dims(Handle, p, dim.Length, keepdim ? 1 : 0, NativeDType(type)));
            }

            public Tensor sum(long dim, bool keepdim = false, ScalarType? type = null) => sum(stackalloc long[] { dim }, keepdim, type);

            public Tensor sum(long dim0, long dim1, bool keepdim = false, ScalarType? type = null) =>
                sum(stackalloc long[] { dim0, dim1 }, keepdim, type);

            public Tensor sum(long dim0, long dim1, long dim2, bool keepdim = false, ScalarType? type = null) =>
                sum(stackalloc long[] { dim0, dim1, dim2 }, keepdim, type);

            public Tensor mean() => Wrap(NativeMethods.THSTensor_mean(Handle, -1));

            public unsafe Tensor mean(long[] dimensions, bool keepdim = false, ScalarType? type = null)
            {
                fixed (long* p = dimensions)
                    return Wrap(NativeMethods.THSTensor_mean_dims(Handle, p, dimensions.Length, keepdim ? 1 : 0, NativeDType(type)));
            }

            /// <summary>log(sum(exp(x))) along dim, computed stably.</summary>
            public Tensor logsumexp(long dim, bool keepdim = false) =>
                Wrap(NativeMethods.THSTensor_logsumexp(Handle, dim, keepdim ? 1 : 0));

            public Tensor max() => Wrap(NativeMethods.THSTensor_reduce_all(Handle, ReductionOp.Max));

            public Tensor min() => Wrap(NativeMethods.THSTensor_reduce_all(Handle, ReductionOp.Min));

            /// <summary>The maxima along dim and their indices.</summary>
            public (Tensor values, Tensor indexes) max(long dim, bool keepdim = false) => Extremum(ReductionOp.Max, dim, keepdim);

            /// <summary>The minima along dim and their indices.</summary>
            public (Tensor values, Tensor indexes) min(long dim, bool keepdim = false) => Extremum(ReductionOp.Min, dim, keepdim);

            private (Tensor values, Tensor indexes) Extremum(ReductionOp op, long dim, bool keepdim)
            {
                var values = NativeMethods.THSTensor_extremum_dim(Handle, op, dim, keepdim ? 1 : 0, out var indexes);
                return (Wrap(values), FromNative(indexes));
            }

            /// <summary>The p-norm of all elements, as a 0-dimensional tensor.</summary>
            public Tensor norm(float p = 2) => Wrap(NativeMethods.THSTensor_norm(Handle, 0, 0, 0, p));

            /// <summary>The p-norms along dim.</summary>
            public Tensor norm(int dim, bool keepdim = false, float p = 2) => Wrap(NativeMethods.THSTensor_norm(Handle, 1, dim, keepdim ? 1 : 0, p));

            public Tensor all() => Wrap(NativeMethods.THSTensor_reduce_all(Handle, ReductionOp.All));

            public Tensor all(long dim, bool keepdim = false) => Wrap(NativeMethods.THSTensor_reduce_dim(Handle, ReductionOp.All, dim, keepdim ? 1 : 0));

            public Tensor any() => Wrap(NativeMethods.THSTensor_reduce_all(Handle, ReductionOp.Any));

            public Tensor any(long dim, bool keepdim = false) => Wrap(NativeMethods.THSTensor_reduce_dim(Handle, ReductionOp.Any, dim, keepdim ? 1 : 0));
        }
    }
}
