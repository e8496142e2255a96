using System;
using System.Buffers.Binary;
using System.Linq;
using System.Text;

namespace Vae.Dsl.Tests.Data;

/// <summary>
/// .npy files written byte by byte as the format describes them, not by NumPy: the magic string \x93NUMPY, the version,
/// the header's length (2 bytes little-endian in version 1, 4 in versions 2 and 3), the header dict padded with spaces and
/// ended by '\n' so that the data start at a multiple of 64, then the raw little-endian data.
/// </summary>
internal static class NpyBytes
{
    public static byte[] Of(string descr, string shape, byte[] data, byte major = 1, string fortranOrder = "False") =>
        WithHeader($"{{'descr': '{descr}', 'fortran_order': {fortranOrder}, 'shape': {shape}, }}", data, major);

    public static byte[] WithHeader(string header, byte[] data, byte major = 1)
    {
        var lengthBytes = major == 1 ? 2 : 4;
        var unpadded = 6 + 2 + lengthBytes + header.Length + 1;
        var text = header + new string(' ', (64 - (unpadded % 64)) % 64) + "\n";
        var length = new byte[lengthBytes];
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)text.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)text.Length);
        }

        byte[] prefix = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', major, 0];
        return [.. prefix, .. length, .. Encoding.Latin1.GetBytes(text), .. data];
    }

    public static byte[] Floats(params float[] values) =>
        values.SelectMany(v => { var b = new byte[4]; BinaryPrimitives.WriteSingleLittleEndian(b, v); return b; }).ToArray();

    public static byte[] Doubles(params double[] values) =>
        values.SelectMany(v => { var b = new byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, v); return b; }).ToArray();

    public static byte[] Longs(params long[] values) =>
        values.SelectMany(v => { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, v); return b; }).ToArray();
}
