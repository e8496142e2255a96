using System.IO;
using Shouldly;
using Vae.Dsl.Cli.Output;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Training;
using Xunit;

namespace Vae.Dsl.Cli.Tests;

/// <summary>metrics.json keeps the names other tools read, and reads back what was written.</summary>
public sealed class MetricsFileTests
{
    [Fact]
    public void WrittenFile_UsesTheFixedNames_AndRoundTrips()
    {
        var directory = Directory.CreateTempSubdirectory("metrics-").FullName;
        var metrics = new RunMetrics("M", "m.vae.yaml", [], null)
            .With(new EpochMetrics(1, -250.5, -240.25, 10.25, 2.5));
        metrics = metrics with { Test = TestRecord.From(new TestMetrics(-245.0, -240.0, 1000, 80.0, 79.0)) };

        MetricsFile.Write(directory, metrics);

        var text = File.ReadAllText(Path.Combine(directory, MetricsFile.FileName));
        text.ShouldContain("\"train\": [");
        text.ShouldContain("\"reconstruction\": -240.25");
        text.ShouldContain("\"log_px\": -240");
        text.ShouldContain("\"k\": 1000");
        var read = MetricsFile.Read(Path.Combine(directory, MetricsFile.FileName));
        read.Train.ShouldHaveSingleItem().ShouldBe(new EpochRecord(1, -250.5, -240.25, 10.25, 2.5, 0));
        read.Test.ShouldBe(new TestRecord(-245.0, -240.0, 1000, 80.0));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void DivergedEpoch_IsWrittenAsNulls_AndTheFileStaysValidJson()
    {
        var directory = Directory.CreateTempSubdirectory("metrics-").FullName;
        var metrics = new RunMetrics("M", "m.vae.yaml", [], null)
            .With(new EpochMetrics(1, -250.5, -240.25, 10.25, 2.5))
            .With(new EpochMetrics(2, double.NaN, double.NegativeInfinity, double.PositiveInfinity, 2.5, SkippedSteps: 7));

        MetricsFile.Write(directory, metrics);

        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, MetricsFile.FileName)));
        var diverged = json.RootElement.GetProperty("train")[1];
        diverged.GetProperty("elbo").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        diverged.GetProperty("kl").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        diverged.GetProperty("skipped_steps").GetInt32().ShouldBe(7);
        json.RootElement.GetProperty("train")[0].GetProperty("elbo").GetDouble().ShouldBe(-250.5);
        double.IsNaN(MetricsFile.Read(Path.Combine(directory, MetricsFile.FileName)).Train[1].Elbo).ShouldBeTrue();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void FileBeforeEvaluation_HasNoTestEntry()
    {
        var directory = Directory.CreateTempSubdirectory("metrics-").FullName;

        MetricsFile.Write(directory, new RunMetrics("M", "m.vae.yaml", [], null));

        File.ReadAllText(Path.Combine(directory, MetricsFile.FileName)).ShouldNotContain("test");
        Directory.Delete(directory, recursive: true);
    }
}
