using System;
using System.IO;

namespace TorchSharp.Utils
{
    /// <summary>
    /// LEB128, the variable-length integer encoding BinaryWriter uses for string lengths; TorchSharp's tensor and
    /// state_dict format uses it for counts, types and sizes.
    /// </summary>
    internal static class LEB128Codec
    {
        public static void Encode(this BinaryWriter writer, long value)
        {
            if (value < 0) throw new NotImplementedException("LEB128 encoding of negative numbers");
            while (true) {
                var b = value & 0x7f;
                value >>= 7;
                if (value == 0) {
                    writer.Write((byte)b);
                    return;
                }
                writer.Write((byte)(b | 0x80));
            }
        }

        public static long Decode(this BinaryReader reader)
        {
            long result = 0;
            for (var i = 0; ; i++) {
                long b = reader.ReadByte();
                result += (b & 0x7f) << (i * 7);
                if ((b & 0x80) == 0) return result;
            }
        }
    }
}
