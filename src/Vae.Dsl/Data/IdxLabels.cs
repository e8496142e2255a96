using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace Vae.Dsl.Data;

/// <summary>
/// A file of labels in the IDX format (as MNIST and Fashion-MNIST ship): a big-endian header, magic 0x00000801
/// (unsigned bytes, 1 dimension), the count, then one byte per label. Gzipped or not.
/// </summary>
public sealed record IdxLabels(int Count, byte[] Labels)
{
    private const int LabelMagic = 0x00000801;
    private const int HeaderBytes = 8;

    public static IdxLabels Read(string path)
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

    public static IdxLabels Read(Stream stream, string name)
    {
        var header = new byte[HeaderBytes];
        if (stream.ReadAtLeast(header, HeaderBytes, throwOnEndOfStream: false) < HeaderBytes)
        {
            throw new DatasetException($"{name}: truncated IDX header");
        }

        var magic = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(0));
        if (magic != LabelMagic)
        {
            throw new DatasetException($"{name}: not an IDX label file (magic 0x{magic:X8}, expected 0x{LabelMagic:X8})");
        }

        var count = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4));
        if (count <= 0)
        {
            throw new DatasetException($"{name}: implausible label count {count}");
        }

        var labels = new byte[count];
        var read = stream.ReadAtLeast(labels, count, throwOnEndOfStream: false);
        if (read < count)
        {
            throw new DatasetException($"{name}: truncated: {count} labels need {count} bytes, found {read}");
        }

        if (stream.ReadByte() >= 0)
        {
            throw new DatasetException($"{name}: trailing bytes after {count} labels");
        }

        return new IdxLabels(count, labels);
    }
}
