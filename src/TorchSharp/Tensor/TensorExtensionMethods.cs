using System;
using System.IO;
using System.Linq;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace TorchSharp
{
    /// <summary>
    /// TorchSharp's own tensor serialization: LEB128 dtype, LEB128 rank, LEB128 sizes, then the raw little-endian
    /// elements in row-major order.
    /// </summary>
    public static class TensorExtensionMethods
    {
        /// <summary>Writes the tensor in TorchSharp's format.</summary>
        public static void Save(this Tensor tensor, BinaryWriter writer)
        {
            writer.Encode((int)tensor.dtype);
            var shape = tensor.shape;
            writer.Encode(shape.Length);
            foreach (var s in shape) writer.Encode(s);
            if (tensor.is_contiguous()) {
                writer.Write(tensor.bytes);
                GC.KeepAlive(tensor);
            } else {
                using var copy = tensor.contiguous();
                writer.Write(copy.bytes);
                GC.KeepAlive(copy);
            }
        }

        /// <summary>
        /// Reads a tensor in TorchSharp's format into this tensor, whose type and shape must match; with skip the record
        /// is consumed but the tensor is left alone.
        /// </summary>
        public static void Load(this Tensor tensor, BinaryReader reader, bool skip = false)
        {
            var (type, shape) = ReadHeader(reader);
            if (type != tensor.dtype)
                throw new ArgumentException("Mismatched tensor data types while loading. Make sure that the model you are loading into is exactly the same as the origin.");
            if (!shape.SequenceEqual(tensor.shape))
                throw new ArgumentException("Mismatched tensor shape while loading. Make sure that the model you are loading into is exactly the same as the origin.");
            var bytes = ReadData(reader, type, shape);
            if (!skip) tensor.SetBytes(bytes);
        }

        /// <summary>Consumes one tensor record without using it.</summary>
        internal static void SkipTensor(BinaryReader reader)
        {
            var (type, shape) = ReadHeader(reader);
            ReadData(reader, type, shape);
        }

        private static (ScalarType type, long[] shape) ReadHeader(BinaryReader reader)
        {
            var type = (ScalarType)reader.Decode();
            var rank = reader.Decode();
            var shape = new long[rank];
            for (var i = 0; i < rank; i++) shape[i] = reader.Decode();
            return (type, shape);
        }

        private static byte[] ReadData(BinaryReader reader, ScalarType type, long[] shape)
        {
            long count = 1;
            foreach (var s in shape) count *= s;
            var total = count * ElementSize(type);
            if (total > int.MaxValue) throw new NotImplementedException("Loading tensors larger than 2GB");
            var bytes = reader.ReadBytes((int)total);
            if (bytes.Length != total) throw new EndOfStreamException("The stream ended inside a tensor record.");
            return bytes;
        }

        private static long ElementSize(ScalarType type) => type switch {
            ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
            ScalarType.Int16 or ScalarType.Float16 or ScalarType.BFloat16 => 2,
            ScalarType.Int32 or ScalarType.Float32 => 4,
            ScalarType.Int64 or ScalarType.Float64 or ScalarType.ComplexFloat32 => 8,
            ScalarType.ComplexFloat64 => 16,
            _ => throw new NotSupportedException($"Unknown element type {type}."),
        };
    }
}
