using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Shouldly;
using Vae.Dsl.Data;
using Xunit;

namespace Vae.Dsl.Tests.Data;

/// <summary>Reading IDX image files, and the errors a missing or damaged file gives.</summary>
public sealed class IdxImagesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("idx-").FullName;

    [Fact]
    public void GzippedFile_ReadsAsFloatsInUnitRange()
    {
        var path = Write("images-idx3-ubyte.gz", IdxBytes.Images(count: 3, rows: 2, columns: 2, pixels: [0, 255, 51, 102, 1, 2, 3, 4, 9, 8, 7, 6]), gzip: true);

        using var images = FashionMnist.LoadImages(path);

        images.shape.ShouldBe([3L, 4]);
        images.data<float>().ToArray().Take(4).ShouldBe([0f, 1f, 0.2f, 0.4f]);
    }

    [Fact]
    public void UncompressedFile_ReadsTheSameHeader()
    {
        var path = Write("images-idx3-ubyte", IdxBytes.Images(count: 2, rows: 1, columns: 3, pixels: [1, 2, 3, 4, 5, 6]), gzip: false);

        var images = IdxImages.Read(path);

        (images.Count, images.Rows, images.Columns).ShouldBe((2, 1, 3));
        images.Pixels.ShouldBe(new byte[] { 1, 2, 3, 4, 5, 6 });
    }

    [Fact]
    public void LabelFile_IsRejectedByItsMagic()
    {
        var bytes = IdxBytes.Images(count: 1, rows: 1, columns: 1, pixels: [0]);
        BinaryPrimitives.WriteInt32BigEndian(bytes, 0x00000801);
        var path = Write("labels.gz", bytes, gzip: true);

        Should.Throw<DatasetException>(() => IdxImages.Read(path)).Message.ShouldContain("not an IDX image file (magic 0x00000801, expected 0x00000803)");
    }

    [Fact]
    public void TruncatedFile_SaysHowMuchIsMissing()
    {
        var bytes = IdxBytes.Images(count: 2, rows: 2, columns: 2, pixels: [1, 2, 3, 4, 5, 6, 7, 8]);
        var path = Write("short.gz", bytes.Take(bytes.Length - 3).ToArray(), gzip: true);

        Should.Throw<DatasetException>(() => IdxImages.Read(path)).Message.ShouldContain("need 8 bytes of pixels, found 5");
    }

    [Fact]
    public void FileThatIsNotGzip_IsAClearError()
    {
        var path = Write("plain.gz", IdxBytes.Images(count: 1, rows: 1, columns: 1, pixels: [7]), gzip: false);

        Should.Throw<DatasetException>(() => IdxImages.Read(path)).Message.ShouldContain("not a valid gzip file");
    }

    [Fact]
    public void MissingDebianData_NamesThePackageToInstall()
    {
        var path = Path.Combine(FashionMnist.DefaultDirectory, "no-such-images-idx3-ubyte.gz");

        Should.Throw<DatasetException>(() => FashionMnist.LoadImages(path)).Message.ShouldContain("apt-get install dataset-fashion-mnist");
    }

    [Fact]
    public void MissingFileElsewhere_NamesThePath()
    {
        Should.Throw<DatasetException>(() => FashionMnist.Load(directory)).Message.ShouldContain(Path.Combine(directory, FashionMnist.TrainImages));
    }

    private string Write(string name, byte[] bytes, bool gzip)
    {
        var path = Path.Combine(directory, name);
        using var file = File.Create(path);
        using var stream = gzip ? new GZipStream(file, CompressionLevel.Fastest) : (Stream)file;
        stream.Write(bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
