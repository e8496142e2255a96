using System;
using System.Collections.Generic;
using System.Linq;
using Shouldly;
using TorchSharp;
using Vae.Dsl.Models;
using Vae.Dsl.Tests.Models;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Exact;

/// <summary>
/// The Monte Carlo estimators agree with what they estimate: for every (posterior, prior) pair with a closed-form KL,
/// the average of log q(z|x) - log p(z) over reparameterized draws is the analytic KL, and the draws themselves have
/// the posterior's mean and covariance (σ² on the diagonal, LLᵀ for the full family). Tolerances are 4 standard
/// errors of the N = 20,000 draws.
/// </summary>
public class EstimatorTests(ITestOutputHelper output)
{
    private const int Draws = 20_000;
    private const int Batch = 3;

    /// <summary>One posterior of a compiled test model, with its KL to that model's prior both ways.</summary>
    private sealed record Pair(
        Func<Tensor, Tensor> Draw,
        Func<Tensor, Tensor> MonteCarloKlTerm,
        Func<Tensor> AnalyticKl,
        Tensor Mean,
        Tensor Covariance);

    public static TheoryData<string> Pairs() => new(PairNames);

    private static readonly string[] PairNames =
    [
        "gaussian-diagonal, standard-normal",
        "gaussian-diagonal, gaussian",
        "gaussian-full, standard-normal",
        "gaussian-full, gaussian",
    ];

    [Theory]
    [MemberData(nameof(Pairs))]
    public void MonteCarloKl_AveragesToTheAnalyticKl(string pair)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = Build(pair);
        var eps = randn([Draws, Batch, p.Mean.shape[^1]], dtype: ScalarType.Float64);

        // KL ≈ (1/N) Σ_n [ log q(z_n|x) - log p(z_n) ], z_n = μ + L ε_n
        var terms = p.MonteCarloKlTerm(p.Draw(eps));
        var mean = terms.mean([0L]);
        var estimate = mean.data<double>().ToArray();
        // standard error √(s² / N), s² = Σ_n (t_n - t̄)² / (N - 1)
        var standardError = ((terms - mean).square().sum([0L]) / (Draws - 1) / Draws).sqrt().data<double>().ToArray();
        var analytic = p.AnalyticKl().data<double>().ToArray();

        for (var b = 0; b < Batch; b++)
        {
            output.WriteLine($"{pair} [{b}]: analytic {analytic[b]:F5}, Monte Carlo {estimate[b]:F5} ± {standardError[b]:F5}");
            Math.Abs(estimate[b] - analytic[b]).ShouldBeLessThan(4 * standardError[b], $"{pair} [{b}]");
        }
    }

    [Theory]
    [InlineData("gaussian-diagonal, standard-normal")]
    [InlineData("gaussian-full, standard-normal")]
    public void ReparameterizedDraws_HaveThePosteriorsMeanAndCovariance(string pair)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var p = Build(pair);
        var d = p.Mean.shape[^1];
        var z = p.Draw(randn([Draws, Batch, d], dtype: ScalarType.Float64));

        var sampleMean = z.mean([0L]);
        var centred = z - sampleMean;
        // the sample covariance (1/(N-1)) Σ_n (z_n - z̄)(z_n - z̄)ᵀ, [Batch, d, d]
        var sampleCovariance = centred.unsqueeze(-1).mul(centred.unsqueeze(-2)).sum([0L]) / (Draws - 1);
        var variance = p.Covariance.diagonal(0, -2, -1);
        // standard errors: √(Σ_ii / N) for a mean, √((Σ_ii Σ_jj + Σ_ij²) / N) for a covariance
        var meanError = (variance / Draws).sqrt();
        var covarianceError = ((variance.unsqueeze(-1) * variance.unsqueeze(-2) + p.Covariance.square()) / Draws).sqrt();

        var meanMisfit = ((sampleMean - p.Mean).abs() / meanError).max().item<double>();
        var covarianceMisfit = ((sampleCovariance - p.Covariance).abs() / covarianceError).max().item<double>();
        output.WriteLine($"{pair}: largest misfit {meanMisfit:F2} standard errors (mean), {covarianceMisfit:F2} (covariance)");
        meanMisfit.ShouldBeLessThan(4);
        covarianceMisfit.ShouldBeLessThan(4);
    }

    private static Pair Build(string pair)
    {
        manual_seed(PairNames.ToList().IndexOf(pair) + 60);
        switch (pair)
        {
            case "gaussian-diagonal, standard-normal":
            {
                var model = new TinyVae().to(ScalarType.Float64);
                var q = DiagonalPosterior((int)TinyVae.LatentSize, (m, s) => new DiagonalPosterior(m, s));
                return new Pair(eps => model.Reparameterize(q, eps), z => model.LogPosterior(q, z) - model.LogPrior(z), () => model.KlToPrior(q), q.Mean, q.Scale.square().diag_embed());
            }

            case "gaussian-diagonal, gaussian":
            {
                var model = WithLearnedPrior(new ContinuousBernoulliVae().to(ScalarType.Float64), (int)ContinuousBernoulliVae.LatentSize);
                var q = DiagonalPosterior((int)ContinuousBernoulliVae.LatentSize, (m, s) => new DiagonalPosterior(m, s));
                return new Pair(eps => model.Reparameterize(q, eps), z => model.LogPosterior(q, z) - model.LogPrior(z), () => model.KlToPrior(q), q.Mean, q.Scale.square().diag_embed());
            }

            case "gaussian-full, standard-normal":
            {
                var model = new FullCovarianceVae().to(ScalarType.Float64);
                var q = FullPosterior((int)FullCovarianceVae.LatentSize, (m, l) => new CholeskyPosterior(m, l));
                return new Pair(eps => model.Reparameterize(q, eps), z => model.LogPosterior(q, z) - model.LogPrior(z), () => model.KlToPrior(q), q.Mean, q.ScaleTril.matmul(q.ScaleTril.transpose(-2, -1)));
            }

            case "gaussian-full, gaussian":
            {
                var model = WithLearnedPrior(new PredictedScaleVae().to(ScalarType.Float64), (int)PredictedScaleVae.LatentSize);
                var q = FullPosterior((int)PredictedScaleVae.LatentSize, (m, l) => new CholeskyPosterior(m, l));
                return new Pair(eps => model.Reparameterize(q, eps), z => model.LogPosterior(q, z) - model.LogPrior(z), () => model.KlToPrior(q), q.Mean, q.ScaleTril.matmul(q.ScaleTril.transpose(-2, -1)));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(pair), pair, null);
        }
    }

    /// <summary>Mean in [-1, 1], scale in [0.3, 1.5].</summary>
    private static T DiagonalPosterior<T>(int latent, Func<Tensor, Tensor, T> make) =>
        make(rand([Batch, latent], dtype: ScalarType.Float64) * 2 - 1, rand([Batch, latent], dtype: ScalarType.Float64) * 1.2 + 0.3);

    /// <summary>Mean in [-1, 1]; L with diagonal in [0.3, 1.5] and entries below it in [-1, 1], so strongly correlated.</summary>
    private static T FullPosterior<T>(int latent, Func<Tensor, Tensor, T> make)
    {
        var below = (rand([Batch, latent, latent], dtype: ScalarType.Float64) * 2 - 1).tril(-1);
        var diagonal = (rand([Batch, latent], dtype: ScalarType.Float64) * 1.2 + 0.3).diag_embed();
        return make(rand([Batch, latent], dtype: ScalarType.Float64) * 2 - 1, below + diagonal);
    }

    /// <summary>Sets the learned prior N(m, diag τ²) to m in [-1, 1] and log τ in [-0.5, 0.5].</summary>
    private static T WithLearnedPrior<T>(T model, int latent)
        where T : nn.Module
    {
        using var noGrad = no_grad();
        model.get_parameter("priorMean")!.copy_(rand(latent, dtype: ScalarType.Float64) * 2 - 1);
        model.get_parameter("priorLogScale")!.copy_(rand(latent, dtype: ScalarType.Float64) - 0.5);
        return model;
    }
}
