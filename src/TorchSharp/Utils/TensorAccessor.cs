using System;
using System.Collections;
using System.Collections.Generic;

namespace TorchSharp.Utils
{
    /// <summary>
    /// The elements of a tensor (or tensor view) as an ordered collection of .NET values, in row-major order.
    /// Keeps the tensor alive; reads and writes go straight to its memory.
    /// </summary>
    public class TensorAccessor<T> : IDisposable, IEnumerable<T> where T : unmanaged
    {
        private readonly torch.Tensor tensor;
        private readonly long[] shape;
        private readonly long[] strides;
        private readonly bool contiguous;

        internal TensorAccessor(torch.Tensor tensor)
        {
            this.tensor = tensor;
            shape = tensor.shape;
            strides = tensor.stride();
            contiguous = tensor.is_contiguous();
            foreach (var s in strides) {
                if (s < 0) throw new NotImplementedException("Negative tensor strides are not supported.");
            }
        }

        /// <summary>The number of elements.</summary>
        public long Count => tensor.numel();

        public bool IsReadOnly => false;

        /// <summary>The elements in row-major order.</summary>
        public T[] ToArray()
        {
            var result = new T[Count];
            CopyTo(result);
            return result;
        }

        /// <summary>One index reads the element at that row-major position; several index each dimension.</summary>
        public T this[params long[] indices] {
            get {
                unsafe {
                    var value = Pointer()[Offset(indices)];
                    GC.KeepAlive(tensor);
                    return value;
                }
            }
            set {
                unsafe {
                    Pointer()[Offset(indices)] = value;
                    GC.KeepAlive(tensor);
                }
            }
        }

        public void CopyTo(T[] array, int arrayIndex = 0, long tensorIndex = 0)
        {
            var count = Math.Min(array.Length - arrayIndex, Count - tensorIndex);
            unsafe {
                var ptr = Pointer();
                if (contiguous) {
                    new ReadOnlySpan<T>(ptr + tensorIndex, (int)count).CopyTo(array.AsSpan(arrayIndex));
                } else {
                    for (long i = 0; i < count; i++) array[arrayIndex + i] = ptr[LinearOffset(tensorIndex + i)];
                }
            }
            GC.KeepAlive(tensor);
        }

        public IEnumerator<T> GetEnumerator()
        {
            var count = Count;
            for (long i = 0; i < count; i++) yield return this[i];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public void Dispose()
        {
        }

        private unsafe T* Pointer() => (T*)tensor.DataPointer();

        private long Offset(long[] indices)
        {
            if (indices.Length == 1) {
                if (indices[0] < 0 || indices[0] >= Count) throw new IndexOutOfRangeException();
                return LinearOffset(indices[0]);
            }
            if (indices.Length != shape.Length)
                throw new ArgumentException($"Expected 1 or {shape.Length} indices, got {indices.Length}.");
            long offset = 0;
            for (var d = 0; d < shape.Length; d++) {
                if (indices[d] < 0 || indices[d] >= shape[d])
                    throw new IndexOutOfRangeException($"{indices[d]} >= {shape[d]} in dimension {d}.");
                offset += indices[d] * strides[d];
            }
            return offset;
        }

        // Storage offset of the element at a row-major position.
        private long LinearOffset(long index)
        {
            if (contiguous) return index;
            long offset = 0;
            for (var d = shape.Length - 1; d >= 0; d--) {
                index = Math.DivRem(index, shape[d], out var r);
                offset += r * strides[d];
            }
            return offset;
        }
    }
}
