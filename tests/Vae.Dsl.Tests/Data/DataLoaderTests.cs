using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Data;
using Vae.Dsl.Tests.Models;
using Xunit;

namespace Vae.Dsl.Tests.Data;

/// <summary>
/// Loading data for a model: each format into [N, F] float32 (and [N] int64 labels), the split, and every check against
/// the model with its message. The models: TinyVae (16 binary features), ConditionalVae (16 binary, 4 classes),
/// ContinuousBernoulliVae (16 in [0, 1]), PpcaDiagonalVae (16 real), CategoricalConvVae (shape [1, 4, 4] in [0, 1]).
/// </summary>
public sealed class DataLoaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void Csv_WithASplit_GivesTensorsOfTheFilesValues()
    {
        // example n is all zeros but feature n % 16, so the rows can be recognised after the split
        var path = folder.Write("x.csv", Csv(Enumerable.Range(0, 20).Select(n => OneHot(n % 16)).ToArray()));

        var (train, test) = DataLoader.Load(DataSourceResolver.Resolve(new DataSourceOptions(path)), TinyVaeTrainer.Info);

        using (train.Examples)
        using (test.Examples)
        {
            train.Examples.shape.ShouldBe([18L, 16]);
            test.Examples.shape.ShouldBe([2L, 16]);
            train.Labels.ShouldBeNull();
            var (trainRows, testRows) = TrainTestSplit.Indices(20, 0.1, 0, path);
            test.Examples.data<float>().ToArray().ShouldBe(testRows.SelectMany(n => OneHot(n % 16)).ToArray());
            train.Examples.data<float>().ToArray().ShouldBe(trainRows.SelectMany(n => OneHot(n % 16)).ToArray());
        }
    }

    [Fact]
    public void CsvLabelColumn_FollowsItsExamplesThroughTheSplit()
    {
        // the label of example n is n % 4, and its one feature at 1 is n % 16
        var rows = Enumerable.Range(0, 40).Select(n => (float[])[n % 4, .. OneHot(n % 16)]).ToArray();
        var path = folder.Write("x.csv", "label," + string.Join(",", Enumerable.Range(1, 16).Select(j => $"x{j}")) + "\n" + Csv(rows));

        var (train, test) = DataLoader.Load(DataSourceResolver.Resolve(new DataSourceOptions(path, LabelColumn: "label", SplitSeed: 5)), ConditionalVaeTrainer.Info);

        using (train.Examples)
        using (train.Labels)
        using (test.Examples)
        using (test.Labels)
        {
            test.Labels!.shape.ShouldBe([4L]);
            var (_, testRows) = TrainTestSplit.Indices(40, 0.1, 5, path);
            test.Labels.data<long>().ToArray().ShouldBe(testRows.Select(n => (long)(n % 4)).ToArray());
            test.Examples.data<float>().ToArray().ShouldBe(testRows.SelectMany(n => OneHot(n % 16)).ToArray());
            train.Labels!.dtype.ShouldBe(TorchSharp.torch.ScalarType.Int64);
        }
    }

    [Fact]
    public void CsvLabelColumn_ForAnUnconditionalModel_IsNotAFeature()
    {
        var path = folder.Write("x.csv", Csv([[3, .. OneHot(0)], [1, .. OneHot(1)]]));
        var test = folder.Write("t.csv", Csv([[0, .. OneHot(2)]]));

        var (train, _) = DataLoader.Load(DataSourceResolver.Resolve(new DataSourceOptions(path, TestData: test, LabelColumn: "1")), TinyVaeTrainer.Info);

        train.Examples.shape.ShouldBe([2L, 16]);
        train.Labels.ShouldBeNull();
    }

    [Fact]
    public void NpyWithLabelsFile_GivesValuesAndLabelsExactly()
    {
        var values = Enumerable.Range(0, 3 * 16).Select(i => (i % 7) / 7f).ToArray();
        var path = folder.Write("x.npy", NpyBytes.Of("<f4", "(3, 16)", NpyBytes.Floats(values)));
        var labels = folder.Write("y.npy", NpyBytes.Of("<i8", "(3,)", NpyBytes.Longs(0, 3, 2)));
        var model = ConditionalVaeTrainer.Info with { DataValues = "unit-interval" };

        var table = DataLoader.ReadChecked(DataSource.Of(path, labelsPath: labels), model);

        table.Values.ShouldBe(values);
        table.Labels!.Values.ShouldBe([0L, 3, 2]);
    }

    [Fact]
    public void UInt8Npy_IsScaledBy1Over255_AsFashionMnist()
    {
        byte[] bytes = [.. Enumerable.Range(0, 16).Select(i => (byte)(i * 17))];
        var path = folder.Write("x.npy", NpyBytes.Of("|u1", "(1, 4, 4)", bytes));

        var table = DataLoader.ReadChecked(DataSource.Of(path), CategoricalConvVaeTrainer.Info);

        table.Values.ShouldBe(bytes.Select(b => b / 255f).ToArray());
        table.ExampleShape.ShouldBe([4L, 4]);
    }

    [Fact]
    public void IdxImagesUnderAnyName_AreScaledBy1Over255_WithLabels_AndFitAFlatModel()
    {
        var images = folder.Write("my.idx", IdxBytes.Images(count: 2, rows: 4, columns: 4, Enumerable.Repeat((byte)255, 16).Concat(new byte[16]).ToArray()));
        var labels = folder.Write("my-labels.idx.gz", IdxBytes.Labels(3, 1));

        var table = DataLoader.ReadChecked(DataSource.Of(images, labelsPath: labels), ConditionalVaeTrainer.Info);

        table.Values.ShouldBe([.. Enumerable.Repeat(1f, 16), .. new float[16]]);
        table.Labels!.Values.ShouldBe([3L, 1]);
        table.Labels.Locate(1).ShouldBe("label 2");
    }

    [Fact]
    public void FashionMnistFolder_LoadsAsFashionMnistLoadDoes()
    {
        var random = new Random(4);
        byte[] Pixels(int count) => Enumerable.Range(0, count * 4).Select(_ => (byte)random.Next(256)).ToArray();
        folder.Write(FashionMnist.TrainImages, IdxBytes.Images(count: 3, rows: 2, columns: 2, Pixels(3)));
        folder.Write(FashionMnist.TestImages, IdxBytes.Images(count: 2, rows: 2, columns: 2, Pixels(2)));
        folder.Write(FashionMnist.TrainLabels, IdxBytes.Labels(0, 3, 1));
        folder.Write(FashionMnist.TestLabels, IdxBytes.Labels(2, 2));
        var model = ConditionalVaeTrainer.Info with { DataShape = [1, 2, 2], FeatureCount = 4, DataValues = "unit-interval" };

        var (train, test) = DataLoader.Load(DataSourceResolver.Resolve(new DataSourceOptions(folder.Path)), model);
        var (expectedTrain, expectedTest) = FashionMnist.Load(folder.Path, withLabels: true);

        train.Examples.data<float>().ToArray().ShouldBe(expectedTrain.Examples.data<float>().ToArray());
        train.Labels!.data<long>().ToArray().ShouldBe(expectedTrain.Labels!.data<long>().ToArray());
        test.Examples.shape.ShouldBe(expectedTest.Examples.shape);
        test.Examples.data<float>().ToArray().ShouldBe(expectedTest.Examples.data<float>().ToArray());
        test.Labels!.data<long>().ToArray().ShouldBe([2L, 2]);
    }

    [Fact]
    public void RealData_TakeAnyFiniteValue()
    {
        var path = folder.Write("x.csv", Csv([Enumerable.Range(0, 16).Select(i => (i - 8) * 1000f).ToArray()]));

        DataLoader.ReadChecked(DataSource.Of(path), PpcaDiagonalVaeTrainer.Info).Values[0].ShouldBe(-8000f);
    }

    [Fact]
    public void FeatureCount_MustBeTheModels()
    {
        var path = folder.Write("x.csv", "label,a,b\n1,0,1\n");

        Error(DataSource.Of(path, csv: new CsvLayout(LabelColumn: "label")), TinyVaeTrainer.Info).ShouldBe(
            $"{path}: 2 features per example (3 columns, 'label' holding the labels), but TinyVae takes 16 (data shape [16] in tiny.vae.yaml)");
    }

    [Fact]
    public void ExampleShape_MustBeTheModels_WhereTheFileHasOne()
    {
        var path = folder.Write("x.npy", NpyBytes.Of("<f4", "(1, 2, 8)", NpyBytes.Floats(new float[16])));

        Error(DataSource.Of(path), CategoricalConvVaeTrainer.Info).ShouldBe(
            $"{path}: each example has shape [2, 8] (an array of shape (1, 2, 8)), but CategoricalConvVae takes [1, 4, 4] (data shape in categorical-conv.vae.yaml); flatten the examples to 16 features, or reshape them to the model's shape");
    }

    [Fact]
    public void FlatExamples_FitAConvModel()
    {
        var path = folder.Write("x.npy", NpyBytes.Of("<f4", "(2, 16)", NpyBytes.Floats(new float[32])));

        DataLoader.ReadChecked(DataSource.Of(path), CategoricalConvVaeTrainer.Info).Count.ShouldBe(2);
    }

    [Fact]
    public void NaN_IsNamedWithLineAndColumn()
    {
        var path = folder.Write("x.csv", Csv([OneHot(0), [.. OneHot(1)[..15], float.NaN]]));

        Error(DataSource.Of(path), PpcaDiagonalVaeTrainer.Info).ShouldBe($"{path} line 2, column 16: NaN is not a finite number; 1 of 32 values are NaN or infinite");
    }

    [Fact]
    public void Infinity_IsNamedAtItsNumPyIndex()
    {
        var values = new float[32];
        values[20] = float.NegativeInfinity;
        var path = folder.Write("x.npy", NpyBytes.Of("<f4", "(2, 16)", NpyBytes.Floats(values)));

        Error(DataSource.Of(path), PpcaDiagonalVaeTrainer.Info).ShouldBe($"{path} at index [1, 4]: -Infinity is not a finite number; 1 of 32 values are NaN or infinite");
    }

    [Fact]
    public void BinaryData_MustBe0Or1()
    {
        var path = folder.Write("x.csv", Csv([OneHot(0), [0.5f, 0.5f, .. OneHot(1)[2..]]]));

        Error(DataSource.Of(path), TinyVaeTrainer.Info).ShouldBe(
            $"{path} line 2, column 1: 0.5 is not 0 or 1, but TinyVae takes binary data (data.values in tiny.vae.yaml); 2 of 32 values are not 0 or 1");
    }

    [Fact]
    public void UnitIntervalData_MustLieIn0To1_WithAHintForGreyLevels()
    {
        var path = folder.Write("x.csv", Csv([[.. new float[15], 255f]]));

        Error(DataSource.Of(path), ContinuousBernoulliVaeTrainer.Info).ShouldBe(
            $"{path} line 1, column 16: 255 lies outside [0, 1], but ContinuousBernoulliVae takes unit-interval data (data.values in continuous-bernoulli.vae.yaml; unit-interval is the default); 1 of 16 values lie outside; grey levels 0 to 255 are scaled by 1/255 only when stored as unsigned bytes (IDX, or a uint8 .npy array)");
    }

    [Fact]
    public void NegativeUnitIntervalData_HaveNoGreyLevelHint()
    {
        var path = folder.Write("x.npy", NpyBytes.Of("<f8", "(1, 16)", NpyBytes.Doubles([-0.5, .. new double[15]])));

        Error(DataSource.Of(path), ContinuousBernoulliVaeTrainer.Info).ShouldEndWith("1 of 16 values lie outside");
    }

    [Fact]
    public void ConditionalModel_NeedsLabels()
    {
        var path = folder.Write("x.csv", Csv([OneHot(0)]));

        Error(DataSource.Of(path), ConditionalVaeTrainer.Info).ShouldBe(
            $"{path}: ConditionalVae is conditioned on 4 classes (data.condition in conditional.vae.yaml), so each example needs its class; give a labels file (--labels), or for a CSV file the column holding them (--label-column)");
    }

    [Fact]
    public void Labels_MustBeOnePerExample()
    {
        var path = folder.Write("x.csv", Csv([OneHot(0), OneHot(1)]));
        var labels = folder.Write("y.csv", "0\n1\n2\n");

        Error(DataSource.Of(path, labelsPath: labels), ConditionalVaeTrainer.Info).ShouldBe($"{labels}: 3 labels for the 2 examples of {path}");
    }

    [Fact]
    public void Labels_MustLieBelowTheClassCount()
    {
        var path = folder.Write("x.csv", Csv([[0, .. OneHot(0)], [4, .. OneHot(1)], [-1, .. OneHot(2)]]));

        Error(DataSource.Of(path, csv: new CsvLayout(LabelColumn: "1")), ConditionalVaeTrainer.Info).ShouldBe(
            $"{path} line 2, column 1: the label 4 lies outside [0, 4): ConditionalVae is conditioned on 4 classes, 0 to 3; 2 of 3 labels lie outside");
    }

    [Fact]
    public void NpyLabels_OfTheWrongShape_AreRefused()
    {
        var path = folder.Write("x.csv", Csv([OneHot(0)]));
        var labels = folder.Write("y.npy", NpyBytes.Of("<i8", "(1, 2)", NpyBytes.Longs(0, 1)));

        Error(DataSource.Of(path, labelsPath: labels), ConditionalVaeTrainer.Info).ShouldBe(
            $"{labels}: labels of shape (1, 2); a labels array has shape (N,) or (N, 1), one label per example");
    }

    [Fact]
    public void CsvLabelsFile_HasOneColumn()
    {
        var path = folder.Write("x.csv", Csv([OneHot(0)]));
        var labels = folder.Write("y.csv", "class\n1\n");
        var wide = folder.Write("z.csv", "1,2\n");

        DataLoader.ReadChecked(DataSource.Of(path, labelsPath: labels), ConditionalVaeTrainer.Info).Labels!.Values.ShouldBe([1L]);
        Error(DataSource.Of(path, labelsPath: wide), ConditionalVaeTrainer.Info).ShouldBe($"{wide}: 2 columns; a labels file has one, a whole number per line");
    }

    [Fact]
    public void EmptyNpy_HasNoExamples()
    {
        var path = folder.Write("x.npy", NpyBytes.Of("<f4", "(0, 16)", []));

        Error(DataSource.Of(path), TinyVaeTrainer.Info).ShouldBe($"{path}: no examples");
    }

    private static string Error(DataSource source, Vae.Dsl.Models.VaeModelInfo model) =>
        Should.Throw<DatasetException>(() => DataLoader.ReadChecked(source, model)).Message;

    private static float[] OneHot(int j)
    {
        var row = new float[16];
        row[j] = 1;
        return row;
    }

    private static string Csv(float[][] rows) =>
        string.Concat(rows.Select(r => string.Join(",", r.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n"));

    public void Dispose() => folder.Dispose();
}
