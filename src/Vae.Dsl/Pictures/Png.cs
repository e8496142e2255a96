using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Vae.Dsl.Pictures;

/// <summary>
/// A minimal PNG encoder for 8-bit greyscale images: the only kind of picture Vae.Dsl draws.
/// The format (PNG specification, ISO/IEC 15948, W3C "Portable Network Graphics (PNG) Specification"):
/// <list type="bullet">
/// <item>the 8-byte signature 89 50 4E 47 0D 0A 1A 0A;</item>
/// <item>chunks, each: length of its data (4 bytes, big-endian), type (4 ASCII letters), data, and the CRC-32 of
/// type and data (4 bytes, big-endian);</item>
/// <item>IHDR (13 bytes): width, height (4 bytes each, big-endian, 1 to 2^31 - 1), bit depth 8, colour type 0
/// (greyscale), compression method 0 (zlib deflate), filter method 0, interlace method 0 (none);</item>
/// <item>IDAT: the zlib stream (RFC 1950) of the scanlines, each row one filter-type byte (0, "None": the bytes
/// as they are) followed by its width in pixel bytes, top row first;</item>
/// <item>IEND, with no data.</item>
/// </list>
/// </summary>
public static class Png
{
    /// <summary>The 8 bytes every PNG file starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // IHDR's fixed fields for 8-bit greyscale, no interlace.
    private const byte BitDepth = 8;
    private const byte ColourTypeGreyscale = 0;
    private const byte FilterNone = 0;

    /// <summary>
    /// The PNG file of a <paramref name="width"/> × <paramref name="height"/> greyscale image, one byte per pixel
    /// (0 black, 255 white), row by row from the top: <paramref name="pixels"/> holds width · height bytes.
    /// </summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> pixels)
    {
        if (width < 1 || height < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"a PNG image is at least 1 × 1 pixel; got {width} × {height}");
        }

        if (pixels.Length != (long)width * height)
        {
            throw new ArgumentException($"a {width} × {height} image has {(long)width * height} pixels; got {pixels.Length}", nameof(pixels));
        }

        using var file = new MemoryStream();
        file.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header[0..4], width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..8], height);
        header[8] = BitDepth;
        header[9] = ColourTypeGreyscale;
        header[10] = 0; // compression method: deflate
        header[11] = 0; // filter method: adaptive filtering with the five basic types (we use type 0 only)
        header[12] = 0; // interlace method: none
        WriteChunk(file, "IHDR", header);

        WriteChunk(file, "IDAT", CompressedScanlines(width, height, pixels));
        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>The zlib stream of the rows, each preceded by its filter-type byte 0.</summary>
    private static byte[] CompressedScanlines(int width, int height, ReadOnlySpan<byte> pixels)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var row = 0; row < height; row++)
            {
                zlib.WriteByte(FilterNone);
                zlib.Write(pixels.Slice(row * width, width));
            }
        }

        return compressed.ToArray();
    }

    /// <summary>length (big-endian) · type · data · CRC-32(type · data) (big-endian).</summary>
    private static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        file.Write(word);

        var typeBytes = Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);

        var crc = Crc32.Update(Crc32.Initial, typeBytes);
        crc = Crc32.Update(crc, data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Finish(crc));
        file.Write(word);
    }

    /// <summary>
    /// The CRC-32 PNG uses (ISO 3309, ITU-T V.42; the same as zlib's and gzip's): the reflected polynomial
    /// 0xEDB88320, register started at 0xFFFFFFFF, and the result complemented. Public for the tests, which check
    /// each chunk's CRC with it and it against the standard check value CRC-32("123456789") = 0xCBF43926.
    /// </summary>
    public static class Crc32
    {
        public const uint Initial = 0xFFFFFFFF;

        // table[n] = the register after shifting the byte n through 8 steps of the polynomial division.
        private static readonly uint[] Table = MakeTable();

        /// <summary>The register after <paramref name="bytes"/>: crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8) for each byte b.</summary>
        public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        /// <summary>The CRC of the bytes that took the register from <see cref="Initial"/> to <paramref name="crc"/>.</summary>
        public static uint Finish(uint crc) => crc ^ 0xFFFFFFFF;

        /// <summary>The CRC-32 of <paramref name="bytes"/>.</summary>
        public static uint Of(ReadOnlySpan<byte> bytes) => Finish(Update(Initial, bytes));

        private static uint[] MakeTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    // One step of the division: shift right, and subtract (xor) the polynomial where a 1 fell out.
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
