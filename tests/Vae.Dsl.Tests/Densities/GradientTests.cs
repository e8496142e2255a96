using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Models;
using Vae.Dsl.Tests.Models;
using Xunit;
using static TorchSharp.torch;
using static Vae.Dsl.Tests.TensorTestData;

namespace Vae.Dsl.Tests.Densities;

/// <summary>Autograd gradients of every generated log-density and the KL match central finite differences in float64.</summary>
public class GradientTests
{
    private const int Batch = 3;
    private const int Latent = (int)TinyVae.LatentSize;
    private const int Features = (int)TinyVae.FeatureCount;
    private const double Step = 1e-6;

    private readonly Random random = new(7);
    private readonly TinyVae model = new();

    [Fact]
    public void LogPosterior_GradientsInMeanScaleAndZ_MatchFiniteDifferences() =>
        AssertGradientsMatchFiniteDifferences(
            t => model.LogPosterior(new DiagonalPosterior(t[0], t[1]), t[2]),
            Uniform(random, Batch * Latent, -1, 1),
            Uniform(random, Batch * Latent, 0.3, 2),
            Uniform(random, Batch * Latent, -2, 2));

    [Fact]
    public void LogPrior_GradientInZ_MatchesFiniteDifferences() =>
        AssertGradientsMatchFiniteDifferences(t => model.LogPrior(t[0]), Uniform(random, Batch * Latent, -2, 2));

    [Fact]
    public void LogLikelihood_GradientInLogits_MatchesFiniteDifferences()
    {
        var x = Float64(Enumerable.Range(0, Batch * Features).Select(i => (double)(i % 3 == 0 ? 1 : 0)).ToArray(), Batch, Features);
        AssertGradientsMatchFiniteDifferences(t => model.LogLikelihood(x, t[0]), Uniform(random, Batch * Features, -8, 8));
    }

    [Fact]
    public void KlToPrior_GradientsInMeanAndScale_MatchFiniteDifferences() =>
        AssertGradientsMatchFiniteDifferences(
            t => model.KlToPrior(new DiagonalPosterior(t[0], t[1])),
            Uniform(random, Batch * Latent, -1, 1),
            Uniform(random, Batch * Latent, 0.3, 2));

    [Fact]
    public void Reparameterize_GradientsInMeanAndScale_MatchFiniteDifferences()
    {
        var eps = Float64(Uniform(random, Batch * Latent, -2, 2), Batch, Latent);
        AssertGradientsMatchFiniteDifferences(
            t => model.Reparameterize(new DiagonalPosterior(t[0], t[1]), eps).square(),
            Uniform(random, Batch * Latent, -1, 1),
            Uniform(random, Batch * Latent, 0.3, 2));
    }

    /// <summary>
    /// Compares d/dθ Σ f(θ) from autograd with (F(θ + h) - F(θ - h)) / 2h for every element of every input,
    /// each input a [Batch, n] float64 tensor.
    /// </summary>
    private static void AssertGradientsMatchFiniteDifferences(Func<Tensor[], Tensor> f, params double[][] inputs)
    {
        using var scope = NewDisposeScope();
        var leaves = inputs.Select(values => Float64(values, Batch, values.Length / Batch).requires_grad_()).ToArray();
        f(leaves).sum().backward();

        for (var j = 0; j < inputs.Length; j++)
        {
            var gradient = leaves[j].grad.ShouldNotBeNull().ToDoubles();
            for (var e = 0; e < inputs[j].Length; e++)
            {
                var numeric = (Evaluate(f, inputs, j, e, Step) - Evaluate(f, inputs, j, e, -Step)) / (2 * Step);
                gradient[e].ShouldBe(numeric, 1e-6 * Math.Max(1, Math.Abs(numeric)), $"input {j}, element {e}");
            }
        }
    }

    private static double Evaluate(Func<Tensor[], Tensor> f, double[][] inputs, int input, int element, double shift)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var tensors = inputs.Select((values, j) =>
        {
            var copy = (double[])values.Clone();
            if (j == input)
            {
                copy[element] += shift;
            }

            return Float64(copy, Batch, copy.Length / Batch);
        }).ToArray();
        return f(tensors).sum().ToDoubles()[0];
    }
}
