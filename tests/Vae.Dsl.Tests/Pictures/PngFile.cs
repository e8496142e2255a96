using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Vae.Dsl.Tests.Pictures;

/// <summary>
/// A PNG file read back for the tests, checking as it goes what the encoder must get right: the signature, each
/// chunk's length and CRC-32, IHDR's fields for 8-bit greyscale, and the scanlines (filter byte 0, then the pixels).
/// It inflates IDAT with ZLibStream, the library the encoder deflates with; the report's browser test decodes the
/// same files with an independent decoder.
/// </summary>
internal sealed record PngFile(int Width, int Height, byte BitDepth, byte ColourType, IReadOnlyList<string> ChunkTypes, byte[] Pixels, byte[] Zlib)
{
    public static PngFile Read(byte[] file)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!file.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException("not a PNG signature");
        }

        var types = new List<string>();
        var zlib = new MemoryStream();
        byte[]? header = null;
        var at = 8;
        while (at < file.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at + 8 + length));
            var computed = Crc32(file.AsSpan(at + 4, 4 + length));
            if (stored != computed)
            {
                throw new InvalidDataException($"chunk {type}: CRC {stored:X8} stored, {computed:X8} computed");
            }

            types.Add(type);
            if (type == "IHDR")
            {
                header = data.ToArray();
            }
            else if (type == "IDAT")
            {
                zlib.Write(data);
            }

            at += 12 + length;
        }

        if (at != file.Length)
        {
            throw new InvalidDataException("the last chunk runs past the end of the file");
        }

        if (header is null || header.Length != 13)
        {
            throw new InvalidDataException("no IHDR of 13 bytes");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(header);
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        if (header[10] != 0 || header[11] != 0 || header[12] != 0)
        {
            throw new InvalidDataException("compression, filter and interlace methods must be 0");
        }

        var scanlines = Inflate(zlib.ToArray());
        if (scanlines.Length != height * (width + 1))
        {
            throw new InvalidDataException($"{scanlines.Length} bytes of scanlines for a {width} × {height} image");
        }

        var pixels = new byte[width * height];
        for (var row = 0; row < height; row++)
        {
            if (scanlines[row * (width + 1)] != 0)
            {
                throw new InvalidDataException($"row {row} has filter type {scanlines[row * (width + 1)]}; the encoder writes 0");
            }

            Array.Copy(scanlines, row * (width + 1) + 1, pixels, row * width, width);
        }

        return new PngFile(width, height, header[8], header[9], types, pixels, zlib.ToArray());
    }

    /// <summary>The grey level at column x, row y.</summary>
    public byte this[int x, int y] => Pixels[y * Width + x];

    /// <summary>The raw scanlines: the zlib stream inflated.</summary>
    public static byte[] Inflate(byte[] zlib)
    {
        using var inflated = new MemoryStream();
        using (var stream = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress))
        {
            stream.CopyTo(inflated);
        }

        return inflated.ToArray();
    }

    /// <summary>CRC-32 bit by bit, written apart from the encoder's table: reflected polynomial 0xEDB88320, start and end complemented.</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
            }
        }

        return ~crc;
    }

    /// <summary>Adler-32 (RFC 1950): a = 1 + Σ bytes, b = Σ a after each byte, both mod 65521; the checksum is b · 65536 + a.</summary>
    public static uint Adler32(ReadOnlySpan<byte> bytes)
    {
        uint a = 1, b = 0;
        foreach (var x in bytes)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
