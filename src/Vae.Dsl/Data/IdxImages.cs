using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Vae.Dsl.Data;

/// <summary>
/// A file of images in the IDX format (as MNIST and Fashion-MNIST ship): a big-endian header, magic 0x00000803
/// (unsigned bytes, 3 dimensions), the count, rows and columns, then one byte per pixel. Gzipped or not.
/// </summary>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    private const int ImageMagic = 0x00000803;
    private const int HeaderBytes = 16;

    public int PixelsPerImage => Rows * Columns;

    public static IdxImages Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetException($"{path}: no such file");
        }

        try
        {
            using var file = File.OpenRead(path);
            using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : (Stream)file;
            return Read(stream, path);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetException($"{path}: not a valid gzip file ({e.Message})", e);
        }
    }

    public static IdxImages Read(Stream stream, string name)
    {
        var header = new byte[HeaderBytes];
        var headerRead = ReadFully(stream, header);
        if (headerRead < HeaderBytes)
        {
            throw new DatasetException($"{name}: truncated IDX header ({headerRead} of {HeaderBytes} bytes)");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(0));
        if (magic != ImageMagic)
        {
            throw new DatasetException($"{name}: not an IDX image file (magic 0x{magic:X8}, expected 0x{ImageMagic:X8})");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8));
        var columns = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(12));
        if (count <= 0 || rows <= 0 || columns <= 0 || (long)count * rows * columns > Array.MaxLength)
        {
            throw new DatasetException($"{name}: implausible IDX dimensions {count} x {rows} x {columns}");
        }

        var pixels = new byte[count * rows * columns];
        var read = ReadFully(stream, pixels);
        if (read < pixels.Length)
        {
            throw new DatasetException($"{name}: truncated: {count} images of {rows}x{columns} need {pixels.Length} bytes of pixels, found {read}");
        }

        if (stream.ReadByte() >= 0)
        {
            throw new DatasetException($"{name}: trailing bytes after {count} images of {rows}x{columns}");
        }

        return new IdxImages(count, rows, columns, pixels);
    }

    private static int ReadFully(Stream stream, byte[] buffer)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return total;
    }
}
