using System;
using System.Collections.Generic;
using System.Linq;
using Shouldly;
using TorchSharp;
using Vae.Dsl.Data;
using Vae.Dsl.Tests.Models;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Exact;

/// <summary>
/// Probabilistic PCA (Models/ppca-*.vae.yaml: a linear encoder and decoder, a Gaussian likelihood with a learned scale)
/// has log p(x) and p(z|x) in closed form, so the ELBO the generated code computes can be held to exact answers.
/// Data are 2,000 draws of a pPCA whose posterior has correlation about -0.7. E[ELBO] and E[IWAE_k] are averages over
/// repeated draws, with their standard errors; every tolerance is 4 standard errors plus what the test names.
/// </summary>
public class PpcaTests(ITestOutputHelper output)
{
    private const double MinScale = 0.001;
    private const int Examples = 2000;

    private static readonly Ppca Truth = Ppca.Correlated(features: 16, seed: 41);

    [Fact]
    public void FullPosterior_WithTheTrueDecoder_ElboReachesTheExactLogPx()
    {
        using var scope = NewDisposeScope();
        var x = Truth.Sample(Examples, seed: 42);
        manual_seed(43);
        using var model = new PpcaFullVae().to(ScalarType.Float64);
        Truth.CopyInto(model, MinScale);
        TrainEncoder(model, x, model.Elbo);

        var exact = Truth.LogPx(x).mean().item<double>();
        var (elbo, standardError) = Average(() => model.Elbo(x).Elbo.mean());
        var gap = exact - elbo;
        output.WriteLine($"exact log p(x) {exact:F4}, E[ELBO] {elbo:F4} ± {standardError:F4}: gap {gap:F4} nats per example");

        gap.ShouldBeLessThan(0.05 + (4 * standardError));
        gap.ShouldBeGreaterThan(-4 * standardError);
    }

    [Fact]
    public void FullPosterior_TrainedByItsGeneratedTrainer_ElboReachesTheExactLogPxOfWhatItLearned()
    {
        using var scope = NewDisposeScope();
        var x = Truth.Sample(Examples, seed: 44);
        using var trainer = PpcaFullVaeTrainer.Create();
        trainer.Train(new VaeData(x.to(ScalarType.Float32)));

        var learned = Ppca.Of(trainer.Model, MinScale);
        var exact = learned.LogPx(x).mean().item<double>();
        var truth = Truth.LogPx(x).mean().item<double>();
        var (elbo, standardError) = Average(() => trainer.Model.Elbo(x.to(ScalarType.Float32)).Elbo.to(ScalarType.Float64).mean());
        var gap = exact - elbo;
        output.WriteLine($"learned model's exact log p(x) {exact:F4} (the truth's {truth:F4}), E[ELBO] {elbo:F4} ± {standardError:F4}: gap {gap:F4}");

        gap.ShouldBeLessThan(0.05 + (4 * standardError));
        gap.ShouldBeGreaterThan(-4 * standardError - 1e-3);
        // maximum likelihood on these data fits them at least about as well as the model that made them
        exact.ShouldBeGreaterThan(truth - 0.05);
    }

    [Fact]
    public void DiagonalPosterior_WithTheTrueDecoder_GapIsTheKlOfTheBestDiagonalGaussian()
    {
        using var scope = NewDisposeScope();
        var x = Truth.Sample(Examples, seed: 45);
        manual_seed(46);
        using var model = new PpcaDiagonalVae().to(ScalarType.Float64);
        Truth.CopyInto(model, MinScale);
        TrainEncoder(model, x, model.Elbo);

        var exact = Truth.LogPx(x).mean().item<double>();
        var (elbo, standardError) = Average(() => model.Elbo(x).Elbo.mean());
        var gap = exact - elbo;
        var bestDiagonal = Truth.BestDiagonalKl();
        output.WriteLine($"exact log p(x) {exact:F4}, E[ELBO] {elbo:F4} ± {standardError:F4}: gap {gap:F4}; KL of the best diagonal {bestDiagonal:F4}");

        bestDiagonal.ShouldBeGreaterThan(0.25, "the true posterior is meant to be strongly correlated");
        // the gap is E_x KL(q(z|x) || p(z|x)) ≥ the best diagonal's KL; an encoder a little off its optimum adds a little
        gap.ShouldBeGreaterThan(bestDiagonal - (4 * standardError));
        gap.ShouldBeLessThan(bestDiagonal + 0.02 + (4 * standardError));
    }

    [Fact]
    public void Iwae_RisesWithK_FromTheElbo_ToTheExactLogPx()
    {
        using var scope = NewDisposeScope();
        var x = Truth.Sample(Examples, seed: 47);
        manual_seed(48);
        using var model = new PpcaDiagonalVae().to(ScalarType.Float64);
        Truth.CopyInto(model, MinScale);
        TrainEncoder(model, x, model.Elbo);
        var exact = Truth.LogPx(x).mean().item<double>();

        var (elbo, elboError) = Average(() => model.Elbo(x).Elbo.mean());
        var bounds = new[] { 1, 4, 32, 1000 }.Select(k => (K: k, Bound: Average(() => model.Iwae(x, k).mean(), repeats: k >= 1000 ? 4 : 40))).ToList();
        output.WriteLine($"exact {exact:F4}; ELBO {elbo:F4} ± {elboError:F4}; " + string.Join("; ", bounds.Select(b => $"IWAE_{b.K} {b.Bound.Mean:F4} ± {b.Bound.StandardError:F4}")));

        // IWAE_1 is the ELBO
        Math.Abs(bounds[0].Bound.Mean - elbo).ShouldBeLessThan(4 * Math.Sqrt((elboError * elboError) + (bounds[0].Bound.StandardError * bounds[0].Bound.StandardError)));
        for (var i = 1; i < bounds.Count; i++)
        {
            var (lower, higher) = (bounds[i - 1].Bound, bounds[i].Bound);
            higher.Mean.ShouldBeGreaterThan(lower.Mean, $"IWAE_{bounds[i].K} above IWAE_{bounds[i - 1].K}");
        }

        // every bound stays below log p(x), and IWAE_1000 has closed most of the ELBO's gap. A diagonal q narrower than
        // the correlated posterior gives heavy-tailed weights, so the last part closes slowly in k.
        var last = bounds[^1].Bound;
        last.Mean.ShouldBeLessThan(exact + (4 * last.StandardError));
        (exact - last.Mean).ShouldBeLessThan((exact - elbo) / 5, "IWAE_1000 has closed four fifths of the ELBO's gap");
    }

    [Fact]
    public void Iwae_WithTheExactPosterior_IsTheExactLogPxForEveryK()
    {
        using var scope = NewDisposeScope();
        var x = Truth.Sample(Examples, seed: 49);
        manual_seed(50);
        using var model = new PpcaFullVae().to(ScalarType.Float64);
        Truth.CopyInto(model, MinScale);
        TrainEncoder(model, x, model.Elbo);
        var exact = Truth.LogPx(x).mean().item<double>();

        foreach (var k in new[] { 1, 10, 100 })
        {
            var (iwae, standardError) = Average(() => model.Iwae(x, k).mean(), repeats: 20);
            output.WriteLine($"exact {exact:F4}, IWAE_{k} {iwae:F4} ± {standardError:F4}");
            // q(z|x) = p(z|x) makes every weight p(x): IWAE_k = log p(x), up to how far the trained encoder is from it
            Math.Abs(exact - iwae).ShouldBeLessThan(0.01 + (4 * standardError), $"IWAE_{k}");
        }
    }

    /// <summary>Fits the encoder alone (the decoder and scale stay the truth's) by maximizing the ELBO with Adam.</summary>
    private static void TrainEncoder(nn.Module model, Tensor x, Func<Tensor, Vae.Dsl.Objectives.ElboTerms> elbo)
    {
        var encoderParameters = model.named_parameters()
            .Where(p => !p.name.StartsWith("decoder.", StringComparison.Ordinal) && p.name != "rawLikelihoodScale")
            .Select(p => p.parameter)
            .ToList();
        foreach (var (learningRate, steps) in new[] { (0.01, 1500), (0.001, 500) })
        {
            using var optimizer = optim.Adam(encoderParameters, lr: learningRate);
            for (var step = 0; step < steps; step++)
            {
                using var scope = NewDisposeScope();
                var batch = x.narrow(0, step * 100 % Examples, 100);
                var loss = -elbo(batch).Elbo.mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }
    }

    /// <summary>The mean of a random scalar over repeated draws, and its standard error.</summary>
    private static (double Mean, double StandardError) Average(Func<Tensor> draw, int repeats = 100)
    {
        var values = new List<double>();
        using var noGrad = no_grad();
        for (var r = 0; r < repeats; r++)
        {
            using var scope = NewDisposeScope();
            values.Add(draw().item<double>());
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / (repeats - 1);
        return (mean, Math.Sqrt(variance / repeats));
    }
}
