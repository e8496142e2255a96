using System;
using System.Buffers.Binary;

namespace Vae.Dsl.Tests.Data;

/// <summary>The bytes of IDX files, as Fashion-MNIST's are laid out: a big-endian header, then the values.</summary>
internal static class IdxBytes
{
    /// <summary>An image file (magic 0x803): count images of rows x columns unsigned bytes.</summary>
    public static byte[] Images(int count, int rows, int columns, byte[] pixels)
    {
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), 0x00000803);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        pixels.CopyTo(bytes, 16);
        return bytes;
    }

    /// <summary>A label file (magic 0x801): one unsigned byte per example.</summary>
    public static byte[] Labels(params byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }
}
