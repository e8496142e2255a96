using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand((ReadOnlySpan<long>)size, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand(size, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand(stackalloc long[] { size }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand(stackalloc long[] { rows, columns }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(int size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand(stackalloc long[] { size }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(int rows, int columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand(stackalloc long[] { rows, columns }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(int dim0, int dim1, int dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn uniformly from [0, 1).</summary>
        public static Tensor rand(int dim0, int dim1, int dim2, int dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Rand(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn((ReadOnlySpan<long>)size, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn(size, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn(stackalloc long[] { size }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn(stackalloc long[] { rows, columns }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(int size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn(stackalloc long[] { size }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(int rows, int columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn(stackalloc long[] { rows, columns }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(int dim0, int dim1, int dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad, generator);

        /// <summary>A tensor of the given shape with values drawn from the standard normal distribution.</summary>
        public static Tensor randn(int dim0, int dim1, int dim2, int dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null, string[]? names = null) =>
            Randn(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad, generator);

        private static unsafe Tensor Rand(ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requiresGrad, Generator? generator)
        {
            ValidateDevice(device);
            IntPtr result;
            fixed (long* p = size) result = NativeMethods.THSTensor_rand(p, size.Length, (sbyte)(dtype ?? get_default_dtype()), generator?.Handle ?? IntPtr.Zero, requiresGrad ? 1 : 0);
            GC.KeepAlive(generator);
            return Tensor.FromNative(result);
        }

        private static unsafe Tensor Randn(ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requiresGrad, Generator? generator)
        {
            ValidateDevice(device);
            IntPtr result;
            fixed (long* p = size) result = NativeMethods.THSTensor_randn(p, size.Length, (sbyte)(dtype ?? get_default_dtype()), generator?.Handle ?? IntPtr.Zero, requiresGrad ? 1 : 0);
            GC.KeepAlive(generator);
            return Tensor.FromNative(result);
        }

        /// <summary>A random permutation of 0 .. n-1.</summary>
        public static Tensor randperm(long n, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, Generator? generator = null)
        {
            ValidateDevice(device);
            var result = NativeMethods.THSTensor_randperm(n, NativeDType(dtype), generator?.Handle ?? IntPtr.Zero, requires_grad ? 1 : 0);
            GC.KeepAlive(generator);
            return Tensor.FromNative(result);
        }

        /// <summary>Draws 0 or 1 for each element of input, 1 with that element's probability.</summary>
        public static Tensor bernoulli(Tensor input, Generator? generator = null) => input.bernoulli(generator);
    }
}
