using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Data;
using Vae.Dsl.Pictures;
using Vae.Dsl.Tests.Models;
using Vae.Dsl.Tests.Training;
using Vae.Dsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Pictures;

/// <summary>
/// The pictures of generated models through IVaeModel: which pictures, their sizes for strips ([16]) and images
/// ([1, 4, 4]), that they show what they say (inputs, E[x|z] at the posterior mean, a traversal through it), one row
/// per class for a conditional model, and that drawing them is repeatable and leaves the random state as it was.
/// </summary>
public class ModelPicturesTests
{
    private static readonly string[] AllPictures = ["samples.png", "reconstructions.png", "traversal.png", "traversal-2d.png"];

    [Fact]
    public void StripData_GetsFourPictures_OneStripPerLine()
    {
        using var data = SyntheticData.Binary(200, seed: 1);
        using var trainer = TinyVaeTrainer.Create();

        var set = ModelPictures.Draw(trainer, new VaeData(data));

        set.Skipped.ShouldBeEmpty();
        set.Pictures.Select(p => p.FileName).ShouldBe(AllPictures);
        // Strips of 16 pixels with a 1-pixel separator: n strips are 2n - 1 lines high.
        Size(set, "samples.png").ShouldBe((16, 2 * 80 - 1));
        Size(set, "reconstructions.png").ShouldBe((16, 2 * 80 - 1));
        Size(set, "traversal.png").ShouldBe((16, 2 * (2 * 11) - 1), "both latent dimensions, 11 steps each");
        Size(set, "traversal-2d.png").ShouldBe((16, 2 * 121 - 1));
        set.Pictures.ShouldAllBe(p => p.Caption.Contains("strip"));
    }

    [Fact]
    public void ImageData_GetsGridsOfTiles()
    {
        using var data = rand(50, 16);
        using var trainer = CategoricalConvVaeTrainer.Create();

        var set = ModelPictures.Draw(trainer, new VaeData(data));

        // 4 × 4 tiles, 2-pixel separators: c columns are 6c - 2 wide, r rows 6r - 2 high.
        Size(set, "samples.png").ShouldBe((58, 46), "8 rows of 10");
        Size(set, "reconstructions.png").ShouldBe((58, 46), "4 rows of inputs, each with its row of reconstructions");
        Size(set, "traversal.png").ShouldBe((64, 10), "2 dimensions, 11 steps");
        Size(set, "traversal-2d.png").ShouldBe((64, 64));
        set.Pictures.ShouldAllBe(p => !p.Caption.Contains("strip"));
    }

    [Fact]
    public void Reconstructions_ShowTheInputs_AndTheModelsReconstructionBelowThem()
    {
        using var data = SyntheticData.Binary(200, seed: 2);
        using var trainer = TinyVaeTrainer.Create();
        trainer.TrainEpoch(new VaeData(data), 1);

        var png = Read(ModelPictures.Draw(trainer, new VaeData(data)), "reconstructions.png");

        // Lines 0, 2, ..., 18 are inputs 0 to 9; lines 20, ..., 38 their reconstructions; then inputs 10 to 19.
        using var x = data.narrow(0, 0, 20);
        using var reconstructed = trainer.Model.Reconstruct(x);
        for (var i = 0; i < 20; i++)
        {
            var block = i / 10 * 20;
            var line = 2 * (block + i % 10);
            Strip(png, line).ShouldBe(Levels(x, i), $"input {i}");
            Strip(png, line + 20).Zip(Levels(reconstructed, i)).ShouldAllBe(p => Math.Abs(p.First - p.Second) <= 1, $"reconstruction {i}");
        }
    }

    [Fact]
    public void Traversal_PassesThroughThePosteriorMean_AndVariesAlongItsRows()
    {
        using var data = SyntheticData.Binary(640, seed: 3);
        using var trainer = TinyVaeTrainer.Create();
        for (var epoch = 1; epoch <= 5; epoch++)
        {
            trainer.TrainEpoch(new VaeData(data), epoch);
        }

        var set = ModelPictures.Draw(trainer, new VaeData(data));
        var png = Read(set, "traversal.png");

        // Row d holds strips d · 11 to d · 11 + 10; the middle one (t = 0) is E[x|z] at the first example's posterior mean.
        using var first = data.narrow(0, 0, 1);
        using var reconstructed = trainer.Model.Reconstruct(first);
        for (var row = 0; row < 2; row++)
        {
            Strip(png, 2 * (row * 11 + 5)).Zip(Levels(reconstructed, 0)).ShouldAllBe(p => Math.Abs(p.First - p.Second) <= 1, $"row {row}");
        }

        Strip(png, 0).ShouldNotBe(Strip(png, 2 * 10), "the first row's ends differ: the most active dimension changes the output");
        set.Pictures.Single(p => p.FileName == "traversal.png").Caption.ShouldContain("dimensions are active");
    }

    [Fact]
    public void ConditionalModel_GetsOneRowOfSamplesPerClass_AndNeedsLabels()
    {
        using var data = SyntheticData.Binary(100, seed: 4);
        using var labels = tensor(Enumerable.Range(0, 100).Select(i => (long)(i % ConditionalVae.ClassCount)).ToArray());
        using var trainer = ConditionalVaeTrainer.Create();

        var set = ModelPictures.Draw(trainer, new VaeData(data, labels));

        set.Pictures.Select(p => p.FileName).ShouldBe(AllPictures);
        Size(set, "samples.png").ShouldBe((16, 2 * (ConditionalVae.ClassCount * 10) - 1));
        set.Pictures[0].Title.ShouldContain("by class");
        Should.Throw<ArgumentException>(() => ModelPictures.Draw(trainer, new VaeData(data))).Message.ShouldContain("labels");
    }

    [Fact]
    public void Drawing_IsRepeatable_AndLeavesTheRandomStateAndTrainingModeAsTheyWere()
    {
        using var data = SyntheticData.Binary(100, seed: 5);
        using var trainer = TinyVaeTrainer.Create();
        manual_seed(42);
        using var expected = randn(8);

        manual_seed(42);
        trainer.Model.train();
        var first = ModelPictures.Draw(trainer, new VaeData(data));
        using var after = randn(8);
        var second = ModelPictures.Draw(trainer, new VaeData(data));

        after.data<float>().ToArray().ShouldBe(expected.data<float>().ToArray());
        trainer.Model.training.ShouldBeTrue();
        second.Pictures.Select(p => p.Png).ShouldBe(first.Pictures.Select(p => p.Png));
    }

    [Fact]
    public void NoExamples_GivesSamplesOnly_AndSaysWhy()
    {
        using var data = zeros(0, 16);
        using var trainer = TinyVaeTrainer.Create();

        var set = ModelPictures.Draw(trainer, new VaeData(data));

        set.Pictures.Select(p => p.FileName).ShouldBe(["samples.png"]);
        set.Skipped.ShouldHaveSingleItem().ShouldContain("no examples");
    }

    [Fact]
    public void IVaeModel_RefusesClassesOnAnUnconditionalModel_AndNeedsThemOnAConditionalOne()
    {
        using var x = zeros(2, 16);
        using var y = zeros(new long[] { 2 }, dtype: ScalarType.Int64);
        using var tiny = TinyVaeTrainer.Create();
        using var conditional = ConditionalVaeTrainer.Create();

        Should.Throw<ArgumentException>(() => ((IVaeTrainer)tiny).Model.PosteriorMean(x, y)).Message.ShouldContain("not conditional");
        Should.Throw<ArgumentException>(() => ((IVaeTrainer)conditional).Model.ExpectedDataAt(zeros(2, 2), null)).Message.ShouldContain("needs the classes");
        using var mean = ((IVaeTrainer)conditional).Model.PosteriorMean(x, y);
        mean.shape.ShouldBe([2L, ConditionalVae.LatentSize]);
    }

    private static PngFile Read(PictureSet set, string name) => PngFile.Read(set.Pictures.Single(p => p.FileName == name).Png);

    /// <summary>The picture's size as its PNG header says, checked against the size the picture reports.</summary>
    private static (int Width, int Height) Size(PictureSet set, string name)
    {
        var png = Read(set, name);
        var picture = set.Pictures.Single(p => p.FileName == name);
        (picture.Width, picture.Height).ShouldBe((png.Width, png.Height));
        return (png.Width, png.Height);
    }

    /// <summary>The pixels of line y of a picture of strips.</summary>
    private static byte[] Strip(PngFile png, int y) => png.Pixels.AsSpan(y * png.Width, png.Width).ToArray();

    /// <summary>The grey levels of row i of x, [N, F].</summary>
    private static byte[] Levels(Tensor x, int i)
    {
        using var row = x.narrow(0, i, 1);
        return row.data<float>().ToArray().Select(GreyImage.Level).ToArray();
    }
}
