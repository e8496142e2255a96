using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        // Creation from .NET arrays: the data is copied into a new tensor of the array's element type,
        // then converted when another dtype is asked for.

        public static Tensor tensor(bool[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<bool>(rawArray, stackalloc long[] { rawArray.LongLength }, ScalarType.Bool, dtype, device, requires_grad);

        public static Tensor tensor(bool[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<bool>(rawArray, dimensions, ScalarType.Bool, dtype, device, requires_grad);

        public static Tensor tensor(int[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<int>(rawArray, stackalloc long[] { rawArray.LongLength }, ScalarType.Int32, dtype, device, requires_grad);

        public static Tensor tensor(int[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<int>(rawArray, dimensions, ScalarType.Int32, dtype, device, requires_grad);

        public static Tensor tensor(long[] dataArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<long>(dataArray, stackalloc long[] { dataArray.LongLength }, ScalarType.Int64, dtype, device, requires_grad);

        public static Tensor tensor(long[] dataArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<long>(dataArray, dimensions, ScalarType.Int64, dtype, device, requires_grad);

        public static Tensor tensor(IList<long> rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            tensor(rawArray.ToArray(), dtype, device, requires_grad, names);

        public static Tensor tensor(IList<long> rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            tensor(rawArray.ToArray(), dimensions, dtype, device, requires_grad, names);

        public static Tensor tensor(IList<long> rawArray, long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            tensor(rawArray.ToArray(), stackalloc long[] { rows, columns }, dtype, device, requires_grad, names);

        public static Tensor tensor(float[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<float>(rawArray, stackalloc long[] { rawArray.LongLength }, ScalarType.Float32, dtype, device, requires_grad);

        public static Tensor tensor(float[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<float>(rawArray, dimensions, ScalarType.Float32, dtype, device, requires_grad);

        public static Tensor tensor(IList<float> rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            tensor(rawArray.ToArray(), dtype, device, requires_grad, names);

        public static Tensor tensor(IList<float> rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            tensor(rawArray.ToArray(), dimensions, dtype, device, requires_grad, names);

        public static Tensor tensor(IList<float> rawArray, long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            tensor(rawArray.ToArray(), stackalloc long[] { rows, columns }, dtype, device, requires_grad, names);

        public static Tensor tensor(double[] rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<double>(rawArray, stackalloc long[] { rawArray.LongLength }, ScalarType.Float64, dtype, device, requires_grad);

        public static Tensor tensor(double[] rawArray, ReadOnlySpan<long> dimensions, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            FromArray<double>(rawArray, dimensions, ScalarType.Float64, dtype, device, requires_grad);

        public static Tensor tensor(IList<double> rawArray, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            tensor(rawArray.ToArray(), dtype, device, requires_grad, names);

        public static Tensor tensor(IList<double> rawArray, long rows, long columns, ScalarType? dtype = null, Device? device = null, bool requires_grad = false, string[]? names = null) =>
            tensor(rawArray.ToArray(), stackalloc long[] { rows, columns }, dtype, device, requires_grad, names);

        private static unsafe Tensor FromArray<T>(T[] data, ReadOnlySpan<long> dimensions, ScalarType natural, ScalarType? dtype, Device? device, bool requiresGrad)
            where T : unmanaged
        {
            ValidateDevice(device);
            long count = 1;
            foreach (var d in dimensions) count *= d;
            if (count != data.LongLength)
                throw new ArgumentException($"The shape [{string.Join(", ", dimensions.ToArray())}] holds {count} elements, but the array has {data.LongLength}.");
            var convert = dtype.HasValue && dtype.Value != natural;
            IntPtr handle;
            fixed (T* p = data)
            fixed (long* shape = dimensions)
                handle = NativeMethods.THSTensor_from_data(p, shape, dimensions.Length, (sbyte)natural, requiresGrad && !convert ? 1 : 0);
            var result = Tensor.FromNative(handle);
            if (!convert) return result;
            using (result) {
                var converted = result.to(dtype!.Value);
                if (requiresGrad) converted.requires_grad = true;
                return converted;
            }
        }
    }
}
