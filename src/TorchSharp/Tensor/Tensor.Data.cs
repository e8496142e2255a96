using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            /// <summary>A view of the elements as .NET values; T must match the element type exactly.</summary>
            public Utils.TensorAccessor<T> data<T>() where T : unmanaged
            {
                ValidateType(typeof(T));
                return new Utils.TensorAccessor<T>(this);
            }

            /// <summary>The single value of a one-element tensor.</summary>
            public unsafe T item<T>() where T : unmanaged
            {
                if (numel() != 1) throw new ArgumentException("Number of elements in the tensor must be 1");
                ValidateType(typeof(T));
                var value = *(T*)DataPointer();
                GC.KeepAlive(this);
                return value;
            }

            internal IntPtr DataPointer()
            {
                var ptr = NativeMethods.THSTensor_data(Handle);
                if (ptr == IntPtr.Zero && numel() > 0) {
                    CheckForErrors();
                    throw new InvalidOperationException("The tensor has no data.");
                }
                return ptr;
            }

            /// <summary>The raw bytes of a contiguous tensor (valid while the tensor lives).</summary>
            internal unsafe Span<byte> bytes {
                get {
                    if (!is_contiguous()) throw new NotImplementedException("bytes of a non-contiguous tensor");
                    var total = numel() * element_size();
                    if (total > int.MaxValue) throw new NotSupportedException("Tensors over 2 GB cannot be viewed as a span.");
                    return new Span<byte>((void*)DataPointer(), (int)total);
                }
            }

            /// <summary>Overwrites the contents of a contiguous tensor with raw bytes, outside autograd.</summary>
            internal unsafe void SetBytes(ReadOnlySpan<byte> source)
            {
                fixed (byte* p = source) CheckStatus(NativeMethods.THSTensor_set_bytes(Handle, p, source.Length));
            }

            internal void ValidateType(Type dotnetType)
            {
                var expected = dtype switch {
                    ScalarType.Byte => typeof(byte),
                    ScalarType.Int8 => typeof(sbyte),
                    ScalarType.Int16 => typeof(short),
                    ScalarType.Int32 => typeof(int),
                    ScalarType.Int64 => typeof(long),
                    ScalarType.Bool => typeof(bool),
                    ScalarType.Float32 => typeof(float),
                    ScalarType.Float64 => typeof(double),
                    _ => null,
                };
                if (expected != dotnetType)
                    throw new ArgumentException($"{dotnetType.Name} is not compatible with {dtype}");
            }
        }
    }
}
