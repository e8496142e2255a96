using System;
using System.Collections.Generic;
using System.Linq;
using Shouldly;
using Vae.Dsl.Evaluation;
using Vae.Dsl.Tests.Models;
using Xunit;
using static TorchSharp.torch;
using static Vae.Dsl.Tests.TensorTestData;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// The ELBO and IWAE bounds of a model with a 2-D latent, whose log p(x) = log ∫ p(x|z) p(z) dz can be computed
/// exactly enough by quadrature on a grid: ELBO ≤ IWAE_k ≤ IWAE_k' ≤ log p(x), and IWAE_K → log p(x).
/// </summary>
public class BoundTests : IDisposable
{
    private const int Examples = 4;
    private readonly TinyVae model;
    private readonly Tensor x;

    public BoundTests()
    {
        manual_seed(123);
        model = new TinyVae();
        var pixels = Enumerable.Range(0, Examples * (int)TinyVae.FeatureCount).Select(i => (float)((i * 7 / 5) % 2)).ToArray();
        x = tensor(pixels, [Examples, TinyVae.FeatureCount]);
    }

    [Fact]
    public void Elbo_IsReconstructionMinusKl_WithTheDrawItMakes()
    {
        manual_seed(9);
        using var terms = model.Elbo(x);
        manual_seed(9);
        using var q = model.Encode(x);
        var reconstruction = model.LogLikelihood(x, model.Decode(model.Reparameterize(q, randn_like(q.Mean))));

        terms.Elbo.shape.ShouldBe([(long)Examples]);
        terms.Reconstruction.ToDoubles().ShouldBe(reconstruction.ToDoubles());
        terms.Kl.ToDoubles().ShouldBe(model.KlToPrior(q).ToDoubles());
        var elbo = terms.Elbo.ToDoubles();
        var expected = terms.Reconstruction.ToDoubles().Zip(terms.Kl.ToDoubles(), (r, k) => r - k).ToArray();
        elbo.ShouldBe(expected, 1e-5);
    }

    [Fact]
    public void Bounds_RiseWithSamples_AndIwaeReachesTheExactLogMarginal()
    {
        using var noGrad = no_grad();
        manual_seed(5);
        var exact = ExactLogMarginal();

        var elbo = Average(() => model.Elbo(x).Elbo, 2000);
        var iwae1 = Average(() => model.Iwae(x, 1), 2000);
        var iwae10 = Average(() => model.Iwae(x, 10), 100);
        var iwae100 = Average(() => model.Iwae(x, 100), 20);
        var iwae20000 = Average(() => model.Iwae(x, 20_000), 1);

        for (var n = 0; n < Examples; n++)
        {
            // E[IWAE_1] = ELBO (Monte Carlo KL vs analytic KL: equal in expectation).
            iwae1[n].ShouldBe(elbo[n], 0.15, $"example {n}");
            iwae10[n].ShouldBeGreaterThan(iwae1[n]);
            iwae100[n].ShouldBeGreaterThan(iwae10[n]);
            iwae100[n].ShouldBeLessThan(exact[n] + 0.02);
            iwae20000[n].ShouldBe(exact[n], 0.02, $"example {n}");
        }
    }

    /// <summary>
    /// The evaluator draws K samples in chunks and combines them with logsumexp: the result is IWAE_K over all K
    /// samples, exactly. A stand-in for the model's IWAE draws each chunk's log-weights from the batch's generator and
    /// keeps them, so that the estimate can be recomputed from every sample at once.
    /// </summary>
    [Fact]
    public void Evaluator_CombinesChunksIntoOneIwaeOverAllSamples()
    {
        const int features = 784;
        const int samples = 1000;
        Evaluator.SamplesPerChunk(samples, features).ShouldBeLessThan(samples / 2, "several chunks per batch");
        // 13 examples: a batch of 10 and one of 3
        using var data = zeros(13, features);
        var drawn = new List<Tensor>();
        Tensor ChunkIwae(Vae.Dsl.Data.VaeData batch, int k, Generator generator)
        {
            // log w of k samples per example, kept; IWAE_k = logsumexp_j log w_j - log k
            var logWeights = randn(k, batch.Count, dtype: ScalarType.Float64, generator: generator) * 3;
            drawn.Add(logWeights.MoveToOuterDisposeScope());
            return logWeights.logsumexp(0) - Math.Log(k);
        }

        var estimate = Evaluator.LogMarginalLikelihood(ChunkIwae, new Vae.Dsl.Data.VaeData(data), samples, seed: 3, workers: 1);

        // every sample of a batch at once: one worker ran the batches in order, each one's chunks in order
        var chunksPerBatch = (samples + Evaluator.SamplesPerChunk(samples, features) - 1) / Evaluator.SamplesPerChunk(samples, features);
        drawn.Count.ShouldBe(2 * chunksPerBatch);
        var total = 0.0;
        foreach (var (batch, examples) in new[] { (0, 10), (1, 3) })
        {
            using var all = cat(drawn.Skip(batch * chunksPerBatch).Take(chunksPerBatch).ToList(), 0);
            all.shape.ShouldBe([samples, examples]);
            total += (all.logsumexp(0) - Math.Log(samples)).sum().item<double>();
        }

        estimate.ShouldBe(total / 13, 1e-9);
        foreach (var chunk in drawn)
        {
            chunk.Dispose();
        }
    }

    /// <summary>log p(x) per example by the midpoint rule on a 401x401 grid over [-8, 8]².</summary>
    private double[] ExactLogMarginal()
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        const int Points = 401;
        const double Half = 8.0;
        const double Step = 2 * Half / Points;
        var axis = Enumerable.Range(0, Points).Select(i => -Half + ((i + 0.5) * Step)).ToArray();
        var grid = axis.SelectMany(a => axis.SelectMany(b => new[] { (float)a, (float)b })).ToArray();
        var z = tensor(grid, [Points * Points, 1, TinyVae.LatentSize]);
        // log p(x) = log Σ_grid p(x|z) p(z) Δ²
        var logJoint = model.LogLikelihood(x, model.Decode(z)) + model.LogPrior(z);
        return (logJoint.to(ScalarType.Float64).logsumexp(0) + (2 * Math.Log(Step))).ToDoubles();
    }

    private static double[] Average(Func<Tensor> draw, int repeats)
    {
        var totals = new double[Examples];
        for (var r = 0; r < repeats; r++)
        {
            using var scope = NewDisposeScope();
            var values = draw().ToDoubles();
            for (var n = 0; n < Examples; n++)
            {
                totals[n] += values[n] / repeats;
            }
        }

        return totals;
    }

    public void Dispose()
    {
        x.Dispose();
        model.Dispose();
    }
}
