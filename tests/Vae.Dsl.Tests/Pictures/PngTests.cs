using System;
using System.Buffers.Binary;
using System.Linq;
using System.Text;
using Shouldly;
using Vae.Dsl.Pictures;
using Xunit;

namespace Vae.Dsl.Tests.Pictures;

/// <summary>
/// The PNG encoder, read back byte by byte (<see cref="PngFile"/>): signature, chunk order, each chunk's CRC-32
/// recomputed by an independent bitwise CRC, IHDR's fields, the zlib framing and Adler-32, and scanlines equal to the
/// pixels given. The browser test of the report decodes the files with an independent decoder.
/// </summary>
public class PngTests
{
    [Fact]
    public void Crc32_HasTheStandardCheckValue()
    {
        // The check value of CRC-32 (ISO 3309 / ITU-T V.42, as PNG and zlib use it): CRC("123456789") = CBF43926.
        Png.Crc32.Of(Encoding.ASCII.GetBytes("123456789")).ShouldBe(0xCBF43926u);
        PngFile.Crc32(Encoding.ASCII.GetBytes("123456789")).ShouldBe(0xCBF43926u);
        // The CRC of the IEND chunk (type, no data) that every PNG file ends with: AE 42 60 82.
        Png.Crc32.Of(Encoding.ASCII.GetBytes("IEND")).ShouldBe(0xAE426082u);
    }

    [Fact]
    public void Encode_WritesSignatureHeaderDataAndEnd_WithTheirCrcs()
    {
        const int width = 5, height = 3;
        var pixels = Enumerable.Range(0, width * height).Select(i => (byte)(i * 17)).ToArray();

        var file = Png.Encode(width, height, pixels);

        file.AsSpan(0, 8).ToArray().ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
        var png = PngFile.Read(file); // checks every chunk's CRC and length
        png.ChunkTypes.ShouldBe(["IHDR", "IDAT", "IEND"]);
        png.Width.ShouldBe(width);
        png.Height.ShouldBe(height);
        png.BitDepth.ShouldBe((byte)8);
        png.ColourType.ShouldBe((byte)0, "greyscale");
        png.Pixels.ShouldBe(pixels);
        // IHDR is the first chunk, 13 bytes long, right after the signature.
        BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(8)).ShouldBe(13);
        // IEND is the last 12 bytes: length 0, "IEND", its CRC.
        file.AsSpan(file.Length - 12).ToArray().ShouldBe(new byte[] { 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 });
    }

    [Fact]
    public void Idat_IsAZlibStream_WithHeaderAndAdler32OfTheScanlines()
    {
        var random = new Random(7);
        const int width = 37, height = 23;
        var pixels = new byte[width * height];
        random.NextBytes(pixels);

        var png = PngFile.Read(Png.Encode(width, height, pixels));

        // RFC 1950: CMF = 0x78 (deflate, 32 KiB window); (CMF · 256 + FLG) is a multiple of 31; no preset dictionary.
        png.Zlib[0].ShouldBe((byte)0x78);
        ((png.Zlib[0] * 256 + png.Zlib[1]) % 31).ShouldBe(0);
        (png.Zlib[1] & 0x20).ShouldBe(0);
        // The stream ends with the Adler-32 of the uncompressed data: each row's filter byte 0, then its pixels.
        var scanlines = Enumerable.Range(0, height).SelectMany(row => pixels.Skip(row * width).Take(width).Prepend((byte)0)).ToArray();
        BinaryPrimitives.ReadUInt32BigEndian(png.Zlib.AsSpan(png.Zlib.Length - 4)).ShouldBe(PngFile.Adler32(scanlines));
        PngFile.Inflate(png.Zlib).ShouldBe(scanlines);
        png.Pixels.ShouldBe(pixels);
    }

    [Fact]
    public void OnePixel_AndAWideRow_Encode()
    {
        PngFile.Read(Png.Encode(1, 1, [200])).Pixels.ShouldBe(new byte[] { 200 });
        var row = Enumerable.Range(0, 4000).Select(i => (byte)(i % 256)).ToArray();
        PngFile.Read(Png.Encode(4000, 1, row)).Pixels.ShouldBe(row);
    }

    [Fact]
    public void BadSizes_AreArgumentErrors()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Png.Encode(0, 3, []));
        Should.Throw<ArgumentOutOfRangeException>(() => Png.Encode(3, -1, []));
        Should.Throw<ArgumentException>(() => Png.Encode(2, 2, [1, 2, 3]));
    }
}
