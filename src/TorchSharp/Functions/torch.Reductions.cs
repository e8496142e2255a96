using System;

namespace TorchSharp
{
    public static partial class torch
    {
        public static Tensor sum(Tensor input, ScalarType? type = null) => input.sum(type);

        public static Tensor sum(Tensor input, ReadOnlySpan<long> dim, bool keepdim = false, ScalarType? type = null) => input.sum(dim, keepdim, type);

        public static Tensor sum(Tensor input, long dim, bool keepdim = false, ScalarType? type = null) => input.sum(dim, keepdim, type);

        public static Tensor mean(Tensor input) => input.mean();

        public static Tensor mean(Tensor input, long[] dimensions, bool keepdim = false, ScalarType? type = null) => input.mean(dimensions, keepdim, type);

        public static Tensor max(Tensor input) => input.max();

        public static (Tensor values, Tensor indexes) max(Tensor input, long dim, bool keepdim = false) => input.max(dim, keepdim);

        public static Tensor min(Tensor input) => input.min();

        public static (Tensor values, Tensor indexes) min(Tensor input, long dim, bool keepdim = false) => input.min(dim, keepdim);

        /// <summary>The 2-norm of all elements.</summary>
        public static Tensor norm(Tensor input) => input.norm();

        /// <summary>The p-norm of all elements.</summary>
        public static Tensor norm(Tensor input, float p = 2) => input.norm(p);

        /// <summary>The p-norms along dimension.</summary>
        public static Tensor norm(Tensor input, int dimension, bool keepdim = false, float p = 2) => input.norm(dimension, keepdim, p);

        public static Tensor logsumexp(Tensor input, long dim, bool keepdim = false) => input.logsumexp(dim, keepdim);
    }
}
