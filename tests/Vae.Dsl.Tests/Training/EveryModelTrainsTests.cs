using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Data;
using Vae.Dsl.Generated;
using Vae.Dsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Training;

/// <summary>
/// Every run-time test model (the matrix that covers each family, scale kind, estimator, gradient estimator and
/// optimizer at least once) trains on small data: each epoch's ELBO is finite, the last epoch's is above the first's,
/// and the trained model's IWAE evaluation is finite.
/// </summary>
public class EveryModelTrainsTests
{
    private const int Examples = 256;
    private const int Epochs = 6;

    public static TheoryData<string> ModelNames() => new(VaeModelCatalog.Models.Select(m => m.Name));

    [Fact]
    public void TheMatrix_HasEveryTestModel()
    {
        VaeModelCatalog.Models.Count.ShouldBeGreaterThanOrEqualTo(18);
        VaeModelCatalog.Models.ShouldAllBe(m => m.FeatureCount == SyntheticData.Features);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Model_TrainsWithAFiniteRisingElbo(string name)
    {
        var info = VaeModelCatalog.Models.Single(m => m.Name == name);
        using var examples = SyntheticData.Binary(Examples, seed: 21);
        using var labels = info.ConditionClasses is { } classes ? RandomClasses(classes, seed: 22) : null;
        var data = new VaeData(examples, labels);
        using var trainer = info.CreateTrainer();

        var history = Enumerable.Range(1, Epochs).Select(epoch => trainer.TrainEpoch(data, epoch)).ToList();

        history.ShouldAllBe(h => double.IsFinite(h.Elbo) && double.IsFinite(h.Reconstruction) && double.IsFinite(h.Kl));
        history[^1].Elbo.ShouldBeGreaterThan(history[0].Elbo, $"{name}: ELBO per epoch {string.Join(", ", history.Select(h => h.Elbo.ToString("G6")))}");
        var test = trainer.Evaluate(data.Narrow(0, 64), importanceSamples: 8);
        double.IsFinite(test.Elbo).ShouldBeTrue(name);
        double.IsFinite(test.LogPx).ShouldBeTrue(name);
    }

    private static Tensor RandomClasses(int classes, int seed)
    {
        var random = new Random(seed);
        return tensor(Enumerable.Range(0, Examples).Select(_ => (long)random.Next(classes)).ToArray());
    }
}
