using System.IO;
using System.Linq;
using Shouldly;
using Vae.Dsl.Data;
using Vae.Dsl.Tests.Models;
using Vae.Dsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Training;

/// <summary>The generated trainers train: the ELBO rises, runs repeat from the seed, and checkpoints restore the model.</summary>
public class TrainerTests
{
    [Fact]
    public void Training_RaisesTheElbo()
    {
        using var data = SyntheticData.Binary(640, seed: 1);
        using var trainer = TinyVaeTrainer.Create();

        var history = trainer.Train(new VaeData(data));

        history.Count.ShouldBe(TinyVaeTrainer.Settings.Epochs);
        history.Select(h => h.Epoch).ShouldBe(Enumerable.Range(1, TinyVaeTrainer.Settings.Epochs));
        var first = history[0];
        var last = history[^1];
        last.Elbo.ShouldBeGreaterThan(first.Elbo + 2, $"ELBO went from {first.Elbo:F2} to {last.Elbo:F2}");
        // 16 pixels at 0.05 flip noise around 4 prototypes: log p(x) ≈ -(log 4 + 16 · H(0.05)) ≈ -4.6 nats.
        last.Elbo.ShouldBeGreaterThan(-7.0);
        history.ShouldAllBe(h => System.Math.Abs(h.Elbo - (h.Reconstruction - h.Kl)) < 1e-4);
        history.ShouldAllBe(h => h.Kl > 0 && h.Seconds > 0);
    }

    [Fact]
    public void TrainingTwiceFromTheSeed_GivesTheSameFigures()
    {
        using var data = SyntheticData.Binary(256, seed: 2);

        EpochMetrics Once()
        {
            using var trainer = TinyVaeTrainer.Create();
            return trainer.TrainEpoch(new VaeData(data), 1);
        }

        var first = Once();
        var second = Once();
        second.Elbo.ShouldBe(first.Elbo);
        second.Kl.ShouldBe(first.Kl);
    }

    [Fact]
    public void Evaluation_ReportsLogMarginalAboveTheElbo()
    {
        using var data = SyntheticData.Binary(640, seed: 3);
        using var test = SyntheticData.Binary(200, seed: 4);
        using var trainer = TinyVaeTrainer.Create();
        trainer.Train(new VaeData(data));

        var metrics = trainer.Evaluate(new VaeData(test));

        metrics.K.ShouldBe(TinyVaeTrainer.Settings.ImportanceSamples);
        metrics.LogPx.ShouldBeGreaterThan(metrics.Elbo);
        metrics.LogPx.ShouldBeLessThan(0);
    }

    [Fact]
    public void SavedModel_LoadsIntoAFreshModelWithTheSameOutputs()
    {
        using var data = SyntheticData.Binary(128, seed: 5);
        using var trainer = TinyVaeTrainer.Create();
        trainer.TrainEpoch(new VaeData(data), 1);
        var path = Path.Combine(Path.GetTempPath(), $"tiny-{System.Guid.NewGuid():N}.bin");

        try
        {
            trainer.Model.save(path);
            manual_seed(999);
            using var restored = new TinyVae();
            restored.load(path);

            restored.Reconstruct(data).data<float>().ToArray().ShouldBe(trainer.Model.Reconstruct(data).data<float>().ToArray());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ExpScaleModelWithWarmupAndDynamicBinarization_Trains()
    {
        using var data = SyntheticData.Grey(640, seed: 6);
        using var trainer = TinyExpScaleVaeTrainer.Create();

        var first = trainer.TrainEpoch(new VaeData(data), 1);
        EpochMetrics last = first;
        for (var epoch = 2; epoch <= 8; epoch++)
        {
            last = trainer.TrainEpoch(new VaeData(data), epoch);
        }

        last.Elbo.ShouldBeGreaterThan(first.Elbo + 1, $"ELBO went from {first.Elbo:F2} to {last.Elbo:F2}");
        using var q = trainer.Model.Encode(data);
        q.Scale.min().item<float>().ShouldBeGreaterThan(0f);
    }
}
