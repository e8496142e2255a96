using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Data;
using Xunit;

namespace Vae.Dsl.Tests.Data;

/// <summary>Reading .npy files written byte by byte: the four element types exactly, the header versions, and each refusal.</summary>
public sealed class NpyArrayTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void Float32_ReadsExactlyWithItsShape()
    {
        float[] values = [0f, 1f, -2.5f, 0.1f, 3.4e38f, 1e-45f];
        var path = folder.Write("a.npy", NpyBytes.Of("<f4", "(2, 3)", NpyBytes.Floats(values)));

        var array = NpyArray.Read(path);

        array.ElementType.ShouldBe(NpyElementType.Float32);
        array.Shape.ShouldBe([2L, 3]);
        array.Length.ShouldBe(6);
        array.ToSingles().ShouldBe(values);
    }

    [Fact]
    public void Float64_RoundsToTheNearestFloat32()
    {
        double[] values = [0.1, -1e-3, 12345.678901234, 1.0];
        var path = folder.Write("a.npy", NpyBytes.Of("<f8", "(4,)", NpyBytes.Doubles(values)));

        var array = NpyArray.Read(path);

        array.ElementType.ShouldBe(NpyElementType.Float64);
        array.Shape.ShouldBe([4L]);
        array.ToSingles().ShouldBe(values.Select(v => (float)v).ToArray());
    }

    [Fact]
    public void UInt8_ReadsTheBytesAsTheyAre()
    {
        var path = folder.Write("a.npy", NpyBytes.Of("|u1", "(1, 2, 2)", [0, 1, 128, 255]));

        var array = NpyArray.Read(path);

        array.ElementType.ShouldBe(NpyElementType.UInt8);
        array.Shape.ShouldBe([1L, 2, 2]);
        array.ToSingles().ShouldBe([0f, 1f, 128f, 255f]);
        array.ToInt64s().ShouldBe([0L, 1, 128, 255]);
    }

    [Fact]
    public void Int64_ReadsExactlyAsIntegers()
    {
        long[] values = [0, -7, 3, long.MaxValue];
        var path = folder.Write("a.npy", NpyBytes.Of("<i8", "(4,)", NpyBytes.Longs(values)));

        var array = NpyArray.Read(path);

        array.ElementType.ShouldBe(NpyElementType.Int64);
        array.ToInt64s().ShouldBe(values);
    }

    [Fact]
    public void Version2Header_HasAFourByteLength()
    {
        var path = folder.Write("a.npy", NpyBytes.Of("<f4", "(2,)", NpyBytes.Floats(0.5f, 0.25f), major: 2));

        NpyArray.Read(path).ToSingles().ShouldBe([0.5f, 0.25f]);
    }

    [Fact]
    public void GzippedFile_IsReadThroughGzip()
    {
        var path = folder.Write("a.npy.gz", NpyBytes.Of("<f4", "(1, 1)", NpyBytes.Floats(0.75f)));

        NpyArray.Read(path).ToSingles().ShouldBe([0.75f]);
    }

    [Fact]
    public void HeaderWithoutSpaces_AndInAnotherKeyOrder_IsRead()
    {
        var path = folder.Write("a.npy", NpyBytes.WithHeader("{'shape':(3,),'fortran_order':False,'descr':'<i8'}", NpyBytes.Longs(1, 2, 3)));

        var array = NpyArray.Read(path);

        array.Shape.ShouldBe([3L]);
        array.ToInt64s().ShouldBe([1L, 2, 3]);
    }

    [Theory]
    [InlineData(">f4", "'>f4' (big-endian float32)")]
    [InlineData("<i4", "'<i4' (little-endian int32)")]
    [InlineData("<f2", "'<f2' (little-endian float16)")]
    [InlineData("|b1", "'|b1' (bool)")]
    [InlineData("<U5", "'<U5' (little-endian text)")]
    public void UnsupportedElementType_IsNamedWithWhatIsSupported(string descr, string named)
    {
        var path = folder.Write("a.npy", NpyBytes.Of(descr, "(1,)", new byte[16]));

        var message = Should.Throw<DatasetException>(() => NpyArray.Read(path)).Message;

        message.ShouldBe($"{path}: elements of type {named} are not supported; supported are '<f4' (float32), '<f8' (float64), '|u1' (uint8) and '<i8' (int64), e.g. numpy.save(path, a.astype('<f4'))");
    }

    [Fact]
    public void FortranOrder_IsRefused()
    {
        var path = folder.Write("a.npy", NpyBytes.Of("<f4", "(2, 2)", NpyBytes.Floats(1, 2, 3, 4), fortranOrder: "True"));

        Should.Throw<DatasetException>(() => NpyArray.Read(path)).Message
            .ShouldBe($"{path}: the array is stored in Fortran (column-major) order; save it in C order: numpy.save(path, numpy.ascontiguousarray(a))");
    }

    [Fact]
    public void StructuredArray_IsRefused()
    {
        var path = folder.Write("a.npy", NpyBytes.WithHeader("{'descr': [('x', '<f4'), ('y', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[8]));

        Should.Throw<DatasetException>(() => NpyArray.Read(path)).Message.ShouldContain("a structured array");
    }

    [Fact]
    public void NotNpy_SaysSoByItsMagic()
    {
        var path = folder.Write("a.npy", "1,2,3\n");

        Should.Throw<DatasetException>(() => NpyArray.Read(path)).Message.ShouldBe($"{path}: not a .npy file (it does not start with the magic string \\x93NUMPY)");
    }

    [Fact]
    public void UnknownVersion_IsRefused()
    {
        var bytes = NpyBytes.Of("<f4", "(1,)", NpyBytes.Floats(1));
        bytes[6] = 4;
        var path = folder.Write("a.npy", bytes);

        Should.Throw<DatasetException>(() => NpyArray.Read(path)).Message.ShouldContain(".npy format version 4.0 is not supported");
    }

    [Fact]
    public void TruncatedData_SaysHowMuchIsMissing()
    {
        var bytes = NpyBytes.Of("<f4", "(2, 3)", NpyBytes.Floats(1, 2, 3, 4, 5));
        var path = folder.Write("a.npy", bytes);

        Should.Throw<DatasetException>(() => NpyArray.Read(path)).Message.ShouldBe($"{path}: truncated: shape (2, 3) of <f4 needs 24 bytes of data, found 20");
    }

    [Fact]
    public void TrailingBytes_AreAnError()
    {
        var path = folder.Write("a.npy", NpyBytes.Of("|u1", "(2,)", [1, 2, 3]));

        Should.Throw<DatasetException>(() => NpyArray.Read(path)).Message.ShouldBe($"{path}: trailing bytes after the data of shape (2,)");
    }

    [Fact]
    public void Float64BeyondFloat32_NamesItsIndex()
    {
        var path = folder.Write("a.npy", NpyBytes.Of("<f8", "(2, 2)", NpyBytes.Doubles(0, 1, 2, 1e300)));

        Should.Throw<DatasetException>(() => NpyArray.Read(path).ToSingles()).Message.ShouldBe($"{path} at index [1, 1]: 1E+300 does not fit in float32");
    }

    [Fact]
    public void FloatThatIsNotWhole_IsNotAnInteger()
    {
        var path = folder.Write("a.npy", NpyBytes.Of("<f4", "(3,)", NpyBytes.Floats(1, 2, 2.5f)));

        Should.Throw<DatasetException>(() => NpyArray.Read(path).ToInt64s()).Message.ShouldBe($"{path} at index [2]: 2.5 is not a whole number");
    }

    public void Dispose() => folder.Dispose();
}
