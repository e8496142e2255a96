using System;
using System.IO;
using Shouldly;
using Vae.Dsl.Data;
using Xunit;

namespace Vae.Dsl.Tests.Data;

/// <summary>From the user's options to data sources: formats by name, the Fashion-MNIST folder, and options that do not go together.</summary>
public sealed class DataSourceResolverTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Theory]
    [InlineData("x.csv", DataFormat.Csv)]
    [InlineData("x.CSV.gz", DataFormat.Csv)]
    [InlineData("x.npy", DataFormat.Npy)]
    [InlineData("x.npy.gz", DataFormat.Npy)]
    [InlineData("x.idx", DataFormat.Idx)]
    [InlineData("train-images-idx3-ubyte.gz", DataFormat.Idx)]
    [InlineData("t10k-labels-idx1-ubyte", DataFormat.Idx)]
    public void FormatFromName(string name, DataFormat format) => DataFormats.FromName(Path.Combine("/data", name)).ShouldBe(format);

    [Fact]
    public void NameThatSaysNoFormat_AsksForFormat()
    {
        var path = folder.Write("examples.txt", "1,2\n");

        Should.Throw<DatasetException>(() => DataSourceResolver.Resolve(new DataSourceOptions(path))).Message
            .ShouldBe($"{path}: its name does not say its format (.csv, .npy, .idx, or an MNIST name ending in ubyte, each may be gzipped as .gz); give it with --format idx, csv, npy");
    }

    [Fact]
    public void FormatGiven_WinsOverTheName()
    {
        var path = folder.Write("examples.txt", "1,2\n");

        DataSourceResolver.Resolve(new DataSourceOptions(path, Format: DataFormat.Csv)).Train.Format.ShouldBe(DataFormat.Csv);
    }

    [Fact]
    public void OneFile_IsSplitWithTheDefaults()
    {
        var path = folder.Write("x.csv", "1,2\n");
        var labels = folder.Write("y.npy", NpyBytes.Of("<i8", "(1,)", NpyBytes.Longs(0)));

        var sources = DataSourceResolver.Resolve(new DataSourceOptions(path, Labels: labels, CsvHeader: false));

        sources.ShouldBe(new DataSources(new DataSource(path, DataFormat.Csv, new CsvLayout(Header: false), labels, DataFormat.Npy), null, 0.1, 0));
    }

    [Fact]
    public void TwoFiles_AreTrainingAndTest()
    {
        var train = folder.Write("train.csv", "1,2\n");
        var test = folder.Write("test.npy", NpyBytes.Of("<f4", "(1, 2)", NpyBytes.Floats(1, 2)));

        var sources = DataSourceResolver.Resolve(new DataSourceOptions(train, TestData: test));

        sources.Train.Format.ShouldBe(DataFormat.Csv);
        sources.Test.ShouldBe(new DataSource(test, DataFormat.Npy, new CsvLayout(), null, DataFormat.Npy));
    }

    [Fact]
    public void Folder_IsFashionMnistsFourFiles_GzippedOrNot()
    {
        folder.Write("train-images-idx3-ubyte.gz", [0]);
        folder.Write("t10k-images-idx3-ubyte", [0]);

        var sources = DataSourceResolver.Resolve(new DataSourceOptions(folder.Path));

        sources.Train.ShouldBe(new DataSource(
            Path.Combine(folder.Path, "train-images-idx3-ubyte.gz"), DataFormat.Idx, new CsvLayout(), Path.Combine(folder.Path, "train-labels-idx1-ubyte.gz"), DataFormat.Idx));
        sources.Test!.Path.ShouldBe(Path.Combine(folder.Path, "t10k-images-idx3-ubyte"));
    }

    [Fact]
    public void FolderWithoutImages_NamesTheFile()
    {
        Should.Throw<DatasetException>(() => DataSourceResolver.Resolve(new DataSourceOptions(folder.Path))).Message.ShouldBe(
            $"Fashion-MNIST not found: {Path.Combine(folder.Path, "train-images-idx3-ubyte.gz")} does not exist; --data takes a folder of MNIST-style IDX files, or one file of examples");
    }

    [Fact]
    public void FolderWithFileOptions_NamesThem()
    {
        Should.Throw<DatasetException>(() => DataSourceResolver.Resolve(new DataSourceOptions(folder.Path, Labels: "y.npy", TestFraction: 0.2))).Message.ShouldBe(
            $"--data {folder.Path} is a folder of MNIST-style IDX files with its own test set and labels; --labels, --test-fraction apply to a file given to --data");
    }

    [Fact]
    public void MissingPath_IsNamed()
    {
        var path = Path.Combine(folder.Path, "nothing.csv");

        Should.Throw<DatasetException>(() => DataSourceResolver.Resolve(new DataSourceOptions(path))).Message.ShouldBe($"--data {path}: no such file or folder");
    }

    [Fact]
    public void OptionsThatDoNotGoTogether_AreNamed()
    {
        var csv = folder.Write("x.csv", "1,2\n");
        var npy = folder.Write("x.npy", NpyBytes.Of("<f4", "(1, 2)", NpyBytes.Floats(1, 2)));
        string Error(DataSourceOptions options) => Should.Throw<DatasetException>(() => DataSourceResolver.Resolve(options)).Message;

        Error(new DataSourceOptions(csv, TestLabels: npy)).ShouldBe("--test-labels goes with --test-data; the labels of a --data file that is split come from --labels");
        Error(new DataSourceOptions(csv, TestData: csv, SplitSeed: 3)).ShouldBe("--test-fraction and --split-seed split a --data file in two; with --test-data there is nothing to split");
        Error(new DataSourceOptions(csv, Labels: npy, LabelColumn: "1")).ShouldBe("--labels and --label-column both say where the labels are; give one");
        Error(new DataSourceOptions(csv, TestFraction: 1.0)).ShouldBe("--test-fraction must lie strictly between 0 and 1, not 1");
        Error(new DataSourceOptions(npy, LabelColumn: "1")).ShouldBe($"--label-column names a column of CSV files; {npy} is npy");
        Error(new DataSourceOptions(npy, CsvHeader: true)).ShouldBe("--csv-header applies to CSV files, and none is given");
    }

    public void Dispose() => folder.Dispose();
}
