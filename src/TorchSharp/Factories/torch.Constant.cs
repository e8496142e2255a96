using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty((ReadOnlySpan<long>)size, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty(size, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty(stackalloc long[] { size }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty(stackalloc long[] { rows, columns }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(int size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty(stackalloc long[] { size }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(int rows, int columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty(stackalloc long[] { rows, columns }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(int dim0, int dim1, int dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape with uninitialized contents.</summary>
        public static Tensor empty(int dim0, int dim1, int dim2, int dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Empty(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros((ReadOnlySpan<long>)size, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros(size, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros(stackalloc long[] { size }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros(stackalloc long[] { rows, columns }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(int size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros(stackalloc long[] { size }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(int rows, int columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros(stackalloc long[] { rows, columns }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(int dim0, int dim1, int dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with zeros.</summary>
        public static Tensor zeros(int dim0, int dim1, int dim2, int dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Zeros(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(long[] size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones((ReadOnlySpan<long>)size, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(ReadOnlySpan<long> size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones(size, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(long size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones(stackalloc long[] { size }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones(stackalloc long[] { rows, columns }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(long dim0, long dim1, long dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(long dim0, long dim1, long dim2, long dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(int size, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones(stackalloc long[] { size }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(int rows, int columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones(stackalloc long[] { rows, columns }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(int dim0, int dim1, int dim2, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones(stackalloc long[] { dim0, dim1, dim2 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with ones.</summary>
        public static Tensor ones(int dim0, int dim1, int dim2, int dim3, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Ones(stackalloc long[] { dim0, dim1, dim2, dim3 }, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(long[] size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full((ReadOnlySpan<long>)size, value, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(ReadOnlySpan<long> size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full(size, value, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(long size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full(stackalloc long[] { size }, value, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(long rows, long columns, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full(stackalloc long[] { rows, columns }, value, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(long dim0, long dim1, long dim2, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full(stackalloc long[] { dim0, dim1, dim2 }, value, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(long dim0, long dim1, long dim2, long dim3, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full(stackalloc long[] { dim0, dim1, dim2, dim3 }, value, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(int size, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full(stackalloc long[] { size }, value, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(int rows, int columns, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full(stackalloc long[] { rows, columns }, value, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(int dim0, int dim1, int dim2, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full(stackalloc long[] { dim0, dim1, dim2 }, value, dtype, device, requires_grad);

        /// <summary>A tensor of the given shape filled with value.</summary>
        public static Tensor full(int dim0, int dim1, int dim2, int dim3, Scalar value, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            Full(stackalloc long[] { dim0, dim1, dim2, dim3 }, value, dtype, device, requires_grad);

        private static unsafe Tensor Empty(ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requiresGrad)
        {
            ValidateDevice(device);
            fixed (long* p = size) return Tensor.FromNative(NativeMethods.THSTensor_empty(p, size.Length, (sbyte)(dtype ?? get_default_dtype()), requiresGrad ? 1 : 0));
        }

        private static unsafe Tensor Zeros(ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requiresGrad)
        {
            ValidateDevice(device);
            fixed (long* p = size) return Tensor.FromNative(NativeMethods.THSTensor_zeros(p, size.Length, (sbyte)(dtype ?? get_default_dtype()), requiresGrad ? 1 : 0));
        }

        private static unsafe Tensor Ones(ReadOnlySpan<long> size, ScalarType? dtype, Device? device, bool requiresGrad)
        {
            ValidateDevice(device);
            fixed (long* p = size) return Tensor.FromNative(NativeMethods.THSTensor_ones(p, size.Length, (sbyte)(dtype ?? get_default_dtype()), requiresGrad ? 1 : 0));
        }

        private static unsafe Tensor Full(ReadOnlySpan<long> size, Scalar value, ScalarType? dtype, Device? device, bool requiresGrad)
        {
            ValidateDevice(device);
            // Without a dtype the value's kind decides, as in PyTorch: integral → Int64, bool → Bool, else the default.
            var type = dtype ?? (value.Kind == Scalar.IntegralKind ? ScalarType.Int64 : value.Kind == Scalar.BooleanKind ? ScalarType.Bool : get_default_dtype());
            fixed (long* p = size)
                return Tensor.FromNative(NativeMethods.THSTensor_full(p, size.Length, value.Double, value.Long, value.Kind, (sbyte)type, requiresGrad ? 1 : 0));
        }
    }
}
