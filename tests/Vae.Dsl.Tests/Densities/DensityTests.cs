using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Models;
using Vae.Dsl.Tests.Models;
using Xunit;
using static TorchSharp.torch;
using static Vae.Dsl.Tests.TensorTestData;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// The generated log-densities and KL of a diagonal-Gaussian / Bernoulli / standard-normal model against the
/// float64 reference formulas, evaluated on float64 tensors so only the formulas can differ.
/// </summary>
public class DensityTests
{
    private const int Batch = 6;
    private const int Latent = (int)TinyVae.LatentSize;
    private const int Features = (int)TinyVae.FeatureCount;

    private readonly Random random = new(20261121);

    [Fact]
    public void LogPosterior_MatchesFloat64Reference()
    {
        using var model = new TinyVae();
        var mean = Uniform(random, Batch * Latent, -2, 2);
        var scale = Uniform(random, Batch * Latent, 0.05, 4);
        var z = Uniform(random, Batch * Latent, -3, 3);
        using var q = new DiagonalPosterior(Float64(mean, Batch, Latent), Float64(scale, Batch, Latent));

        using var logQ = model.LogPosterior(q, Float64(z, Batch, Latent));

        logQ.shape.ShouldBe([(long)Batch]);
        var actual = logQ.ToDoubles();
        for (var b = 0; b < Batch; b++)
        {
            actual[b].ShouldBe(Reference.LogDiagonalGaussian(z.Row(b, Latent), mean.Row(b, Latent), scale.Row(b, Latent)), 1e-12);
        }
    }

    [Fact]
    public void LogPosterior_CountsTheWholeLogDeterminant()
    {
        // Scales far from 1, where writing -½ log σ for -log σ (the slip math.md warns of) moves log q by ≥ 0.69 nats.
        using var model = new TinyVae();
        double[] mean = [0.5, -1.0];
        double[] scale = [4.0, 2.5];
        double[] z = [1.5, -0.5];
        using var q = new DiagonalPosterior(Float64(mean, 1, Latent), Float64(scale, 1, Latent));

        var actual = model.LogPosterior(q, Float64(z, 1, Latent)).ToDoubles()[0];

        var halfLogDeterminant = Enumerable.Range(0, Latent).Sum(i => -0.5 * Math.Log(scale[i]));
        var fullLogDeterminant = Enumerable.Range(0, Latent).Sum(i => -Math.Log(scale[i]));
        var withoutLogDeterminant = Reference.LogDiagonalGaussian(z, mean, scale) - fullLogDeterminant;
        actual.ShouldBe(withoutLogDeterminant + fullLogDeterminant, 1e-12);
        Math.Abs(actual - (withoutLogDeterminant + halfLogDeterminant)).ShouldBeGreaterThan(0.5);
    }

    [Fact]
    public void LogPosterior_OfItsOwnDraw_UsesTheNoiseThatMadeIt()
    {
        // For z = μ + σ ⊙ ε, log q(z|x) = Σ_i [ -½ ε_i² - ½ log 2π - log σ_i ].
        using var model = new TinyVae();
        var mean = Uniform(random, Batch * Latent, -2, 2);
        var scale = Uniform(random, Batch * Latent, 0.1, 3);
        var eps = Uniform(random, Batch * Latent, -2, 2);
        using var q = new DiagonalPosterior(Float64(mean, Batch, Latent), Float64(scale, Batch, Latent));

        var z = model.Reparameterize(q, Float64(eps, Batch, Latent));
        var logQ = model.LogPosterior(q, z).ToDoubles();

        var zValues = z.ToDoubles();
        for (var i = 0; i < zValues.Length; i++)
        {
            zValues[i].ShouldBe(mean[i] + (scale[i] * eps[i]), 1e-12);
        }

        for (var b = 0; b < Batch; b++)
        {
            var expected = Enumerable.Range(0, Latent).Sum(i =>
                (-0.5 * eps[(b * Latent) + i] * eps[(b * Latent) + i]) - (0.5 * Math.Log(2 * Math.PI)) - Math.Log(scale[(b * Latent) + i]));
            logQ[b].ShouldBe(expected, 1e-12);
        }
    }

    [Fact]
    public void LogPrior_MatchesFloat64Reference()
    {
        using var model = new TinyVae();
        var z = Uniform(random, Batch * Latent, -4, 4);

        var actual = model.LogPrior(Float64(z, Batch, Latent)).ToDoubles();

        for (var b = 0; b < Batch; b++)
        {
            actual[b].ShouldBe(Reference.LogStandardNormal(z.Row(b, Latent)), 1e-12);
        }
    }

    [Fact]
    public void LogLikelihood_MatchesFloat64Reference_ForLogitsOfAnySize()
    {
        using var model = new TinyVae();
        double[] extremes = [-90, -40, -15, -1e-3, 0, 1e-3, 2.5, 15, 40, 90];
        var logits = Enumerable.Range(0, Batch * Features).Select(i => i < extremes.Length ? extremes[i] : (random.NextDouble() * 12) - 6).ToArray();
        var x = Enumerable.Range(0, Batch * Features).Select(i => (double)((i / 3) % 2)).ToArray();

        var actual = model.LogLikelihood(Float64(x, Batch, Features), Float64(logits, Batch, Features)).ToDoubles();

        for (var b = 0; b < Batch; b++)
        {
            // softplus in libtorch returns η itself above η = 20, an error below e^-20 per feature.
            actual[b].ShouldBe(Reference.LogBernoulli(x.Row(b, Features), logits.Row(b, Features)), 1e-7);
        }
    }

    [Fact]
    public void LogLikelihood_InFloat32_StaysFiniteAndAccurateForExtremeLogits()
    {
        using var model = new TinyVae();
        var logits = Enumerable.Range(0, Features).Select(i => i % 2 == 0 ? 95.0 : -95.0).ToArray();
        var x = Enumerable.Range(0, Features).Select(i => (double)((i / 2) % 2)).ToArray();

        var actual = model.LogLikelihood(tensor(x.Select(v => (float)v).ToArray(), [1, Features]), tensor(logits.Select(v => (float)v).ToArray(), [1, Features]));

        var value = actual.ToDoubles()[0];
        double.IsFinite(value).ShouldBeTrue();
        value.ShouldBe(Reference.LogBernoulli(x, logits), 1e-3 * Math.Abs(value));
    }

    [Fact]
    public void KlToPrior_MatchesFloat64Reference()
    {
        using var model = new TinyVae();
        var mean = Uniform(random, Batch * Latent, -3, 3);
        var scale = Uniform(random, Batch * Latent, 0.05, 5);
        using var q = new DiagonalPosterior(Float64(mean, Batch, Latent), Float64(scale, Batch, Latent));

        var actual = model.KlToPrior(q).ToDoubles();

        for (var b = 0; b < Batch; b++)
        {
            actual[b].ShouldBe(Reference.KlDiagonalGaussianToStandardNormal(mean.Row(b, Latent), scale.Row(b, Latent)), 1e-12);
        }
    }

    [Fact]
    public void KlToPrior_IsTheMeanOfLogPosteriorMinusLogPrior()
    {
        // Monte Carlo: KL = E_q[ log q(z|x) - log p(z) ], checked to within four standard errors.
        using var model = new TinyVae();
        using var scope = NewDisposeScope();
        manual_seed(17);
        const int Samples = 200_000;
        double[] mean = [0.8, -1.3];
        double[] scale = [0.4, 1.7];
        var q = new DiagonalPosterior(Float64(mean, 1, Latent), Float64(scale, 1, Latent));

        var z = model.Reparameterize(q, randn(new long[] { Samples, 1, Latent }, dtype: ScalarType.Float64));
        var difference = (model.LogPosterior(q, z) - model.LogPrior(z)).ToDoubles();

        var average = difference.Average();
        var standardError = Math.Sqrt(difference.Sum(d => (d - average) * (d - average)) / (Samples - 1) / Samples);
        var analytic = model.KlToPrior(q).ToDoubles()[0];
        Math.Abs(average - analytic).ShouldBeLessThan(4 * standardError);
        standardError.ShouldBeLessThan(0.01);
    }
}
