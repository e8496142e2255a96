using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Shouldly;
using Vae.Dsl.Data;
using Vae.Dsl.Tests.Models;
using Vae.Dsl.Tests.Training;
using Xunit;

namespace Vae.Dsl.Tests.Data;

/// <summary>End to end: a compiled model trains for an epoch, and is evaluated, on data read from a CSV file with a header.</summary>
public sealed class CsvTrainingTests : IDisposable
{
    private readonly TempFolder folder = new();

    [Fact]
    public void TinyVae_TrainsAnEpochOnACsvFile_AndIsEvaluatedOnItsHeldOutTenth()
    {
        using var examples = SyntheticData.Binary(320, seed: 11);
        var values = examples.data<float>().ToArray();
        var text = new StringBuilder(string.Join(",", Enumerable.Range(1, SyntheticData.Features).Select(j => $"pixel{j}")) + "\n");
        for (var n = 0; n < 320; n++)
        {
            text.AppendLine(string.Join(",", values.Skip(n * SyntheticData.Features).Take(SyntheticData.Features).Select(v => v.ToString(CultureInfo.InvariantCulture))));
        }

        var path = folder.Write("binary.csv", text.ToString());

        var (train, test) = DataLoader.Load(DataSourceResolver.Resolve(new DataSourceOptions(path)), TinyVaeTrainer.Info);
        using var trainExamples = train.Examples;
        using var testExamples = test.Examples;
        using var trainer = TinyVaeTrainer.Create();
        var epoch = trainer.TrainEpoch(train, 1);
        var metrics = trainer.Evaluate(test, importanceSamples: 10);

        train.Count.ShouldBe(288);
        test.Count.ShouldBe(32);
        epoch.Epoch.ShouldBe(1);
        double.IsFinite(epoch.Elbo).ShouldBeTrue();
        epoch.Elbo.ShouldBeLessThan(0);
        // 16 binary pixels: an untrained model is near 16 · log 2 ≈ 11 nats, a trained one near 4.6
        epoch.Elbo.ShouldBeGreaterThan(-20);
        double.IsFinite(metrics.LogPx).ShouldBeTrue();
        metrics.LogPx.ShouldBeGreaterThanOrEqualTo(metrics.Elbo - 1);
    }

    public void Dispose() => folder.Dispose();
}
