using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace Vae.Dsl.Data;

/// <summary>
/// A NumPy array as numpy.save writes it, in the .npy format (versions 1.0, 2.0 and 3.0):
/// <list type="bullet">
/// <item>6 bytes: the magic string \x93NUMPY;</item>
/// <item>2 bytes: the format version, major then minor;</item>
/// <item>the header's length in bytes, little-endian: 2 bytes in version 1, 4 bytes in versions 2 and 3;</item>
/// <item>the header (<see cref="NpyHeader"/>), Latin-1 text (UTF-8 in version 3), padded with spaces so that the data start
/// at a multiple of 64 bytes;</item>
/// <item>the elements, each as the header's 'descr' says, in C order (the last index varies fastest) unless the header says
/// 'fortran_order': True.</item>
/// </list>
/// Read here: little-endian float32, float64, uint8 and int64 in C order; anything else is an error naming what the file has.
/// Gzipped (.npy.gz) or not.
/// </summary>
public sealed class NpyArray
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private readonly byte[] data;

    private NpyArray(string file, NpyElementType elementType, long[] shape, byte[] data)
    {
        File = file;
        ElementType = elementType;
        Shape = shape;
        this.data = data;
    }

    /// <summary>The file it was read from, for messages.</summary>
    public string File { get; }

    public NpyElementType ElementType { get; }

    /// <summary>The dimensions; empty for a scalar.</summary>
    public long[] Shape { get; }

    /// <summary>The number of elements: the product of <see cref="Shape"/>.</summary>
    public long Length => data.Length / NpyElementTypes.Size(ElementType);

    public static NpyArray Read(string path) => DataFile.Read(path, stream => Read(stream, path));

    public static NpyArray Read(Stream stream, string name)
    {
        var prefix = new byte[8];
        if (stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false) < prefix.Length || !prefix.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new DatasetException($"{name}: not a .npy file (it does not start with the magic string \\x93NUMPY)");
        }

        var (major, minor) = (prefix[6], prefix[7]);
        var lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw new DatasetException($"{name}: .npy format version {major}.{minor} is not supported (1.0, 2.0 and 3.0 are)"),
        };
        var length = new byte[lengthBytes];
        if (stream.ReadAtLeast(length, lengthBytes, throwOnEndOfStream: false) < lengthBytes)
        {
            throw new DatasetException($"{name}: truncated .npy header");
        }

        var headerLength = lengthBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(length) : BinaryPrimitives.ReadUInt32LittleEndian(length);
        if (headerLength > 1 << 20)
        {
            throw new DatasetException($"{name}: implausible .npy header length {headerLength}");
        }

        var headerBytes = new byte[headerLength];
        if (stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false) < headerBytes.Length)
        {
            throw new DatasetException($"{name}: truncated .npy header ({headerLength} bytes announced)");
        }

        var text = major == 3 ? Encoding.UTF8.GetString(headerBytes) : Encoding.Latin1.GetString(headerBytes);
        var header = NpyHeader.Parse(text, name);
        var type = NpyElementTypes.FromDescr(header.Descr)
            ?? throw new DatasetException(
                $"{name}: elements of type '{header.Descr}' ({NpyElementTypes.Describe(header.Descr)}) are not supported; supported are {NpyElementTypes.Supported}, e.g. numpy.save(path, a.astype('<f4'))");
        if (header.FortranOrder)
        {
            throw new DatasetException($"{name}: the array is stored in Fortran (column-major) order; save it in C order: numpy.save(path, numpy.ascontiguousarray(a))");
        }

        var size = NpyElementTypes.Size(type);
        var count = 1L;
        foreach (var dimension in header.Shape)
        {
            count = dimension == 0 || count <= Array.MaxLength / size / dimension
                ? count * dimension
                : throw new DatasetException($"{name}: shape {ShapeText(header.Shape)} is too large to read (more than {Array.MaxLength} bytes)");
        }

        var values = new byte[count * size];
        var read = stream.ReadAtLeast(values, values.Length, throwOnEndOfStream: false);
        if (read < values.Length)
        {
            throw new DatasetException($"{name}: truncated: shape {ShapeText(header.Shape)} of {header.Descr} needs {values.Length} bytes of data, found {read}");
        }

        if (stream.ReadByte() >= 0)
        {
            throw new DatasetException($"{name}: trailing bytes after the data of shape {ShapeText(header.Shape)}");
        }

        return new NpyArray(name, type, header.Shape, values);
    }

    /// <summary>
    /// Every element as float32, in C order: float32 and uint8 exactly; float64 and int64 rounded to the nearest float32.
    /// A finite float64 beyond float32's range (about ±3.4e38) is an error naming its index.
    /// </summary>
    public float[] ToSingles()
    {
        var values = new float[Length];
        switch (ElementType)
        {
            case NpyElementType.Float32:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(i * 4));
                }

                break;
            case NpyElementType.UInt8:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = data[i];
                }

                break;
            case NpyElementType.Int64:
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(i * 8));
                }

                break;
            default:
                for (var i = 0; i < values.Length; i++)
                {
                    var value = BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(i * 8));
                    values[i] = (float)value;
                    if (float.IsInfinity(values[i]) && double.IsFinite(value))
                    {
                        throw new DatasetException($"{File} at index {IndexText(i)}: {value:R} does not fit in float32");
                    }
                }

                break;
        }

        return values;
    }

    /// <summary>Every element as an integer, in C order; a float element must be a whole number, or it is an error naming its index.</summary>
    public long[] ToInt64s()
    {
        var values = new long[Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ElementType switch
            {
                NpyElementType.UInt8 => data[i],
                NpyElementType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(i * 8)),
                NpyElementType.Float32 => WholeNumber(BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(i * 4)), i),
                _ => WholeNumber(BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(i * 8)), i),
            };
        }

        return values;
    }

    /// <summary>The NumPy index of the element at <paramref name="flat"/> in C order: [12, 3].</summary>
    public string IndexText(long flat)
    {
        var index = new long[Shape.Length];
        for (var d = Shape.Length - 1; d >= 0; d--)
        {
            index[d] = flat % Shape[d];
            flat /= Shape[d];
        }

        return "[" + string.Join(", ", index) + "]";
    }

    /// <summary>A shape as NumPy prints it: (60000, 784), (3,), ().</summary>
    public static string ShapeText(long[] shape) => shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";

    private long WholeNumber(double value, long index) =>
        double.IsFinite(value) && Math.Floor(value) == value && Math.Abs(value) < 9.2e18
            ? (long)value
            : throw new DatasetException($"{File} at index {IndexText(index)}: {value:R} is not a whole number");
}
