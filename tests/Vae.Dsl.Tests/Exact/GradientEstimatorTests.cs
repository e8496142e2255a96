using System;
using System.Collections.Generic;
using System.Linq;
using Shouldly;
using TorchSharp;
using Vae.Dsl.Objectives;
using Vae.Dsl.Tests.Models;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Exact;

/// <summary>
/// The gradient estimators, compared on one set of parameters (the diagonal pPCA model with its true decoder and an
/// encoder fitted by the ELBO): the encoder's gradient of each generated training objective is drawn 400 times on
/// the same batch, and the means and variances compared. For the ELBO, sticking the landing keeps the expected
/// gradient and lowers its variance. For IWAE (k = 8), DReG keeps the expected gradient of the standard estimator and
/// lowers its variance; STL does not keep it: dropping the score term from IWAE's weighted sum leaves a bias
/// (Tucker et al., 2018), measured here.
/// </summary>
public class GradientEstimatorTests(ITestOutputHelper output)
{
    private const double MinScale = 0.001;
    private const int Repeats = 400;
    private const int BatchSize = 100;

    private static readonly Ppca Truth = Ppca.Correlated(features: 16, seed: 41);

    [Fact]
    public void ElboStl_KeepsTheExpectedGradient_WithLessVariance()
    {
        var (x, state) = FittedParameters();
        using var standard = new PpcaDiagonalVaeTrainer(Load(new PpcaDiagonalVae(), state));
        using var stl = new PpcaElboStlVaeTrainer(Load(new PpcaElboStlVae(), state));

        var a = Draw(standard.Model, () => standard.Objective(x, y: null, beta: 1.0).Loss);
        var b = Draw(stl.Model, () => stl.Objective(x, y: null, beta: 1.0).Loss);

        Report("ELBO: stl vs standard", a, b);
        a.LargestMeanDifference(b).ShouldBeLessThan(4.5, "stl keeps the ELBO's expected encoder gradient");
        (b.TotalVariance / a.TotalVariance).ShouldBeLessThan(1);
    }

    [Fact]
    public void IwaeDreg_KeepsTheExpectedGradient_WithLessVariance_AndIwaeStlIsBiased()
    {
        var (x, state) = FittedParameters();
        using var standard = new PpcaIwaeStandardVaeTrainer(Load(new PpcaIwaeStandardVae(), state));
        using var stl = new PpcaIwaeStlVaeTrainer(Load(new PpcaIwaeStlVae(), state));
        using var dreg = new PpcaIwaeDregVaeTrainer(Load(new PpcaIwaeDregVae(), state));

        var a = Draw(standard.Model, () => standard.Objective(x, y: null, beta: 1.0).Loss);
        var s = Draw(stl.Model, () => stl.Objective(x, y: null, beta: 1.0).Loss);
        var d = Draw(dreg.Model, () => dreg.Objective(x, y: null, beta: 1.0).Loss);

        Report("IWAE_8: dreg vs standard", a, d);
        Report("IWAE_8: stl vs standard", a, s);
        a.LargestMeanDifference(d).ShouldBeLessThan(4.5, "dreg keeps IWAE's expected encoder gradient");
        (d.TotalVariance / a.TotalVariance).ShouldBeLessThan(1);
        a.LargestMeanDifference(s).ShouldBeGreaterThan(6, "stl is biased for IWAE with k > 1");
    }

    /// <summary>A batch of the pPCA's data and a state: the true decoder and scale, an encoder fitted by the ELBO.</summary>
    private static (Tensor X, Dictionary<string, Tensor> State) FittedParameters()
    {
        var x = Truth.Sample(2000, seed: 51);
        manual_seed(52);
        var model = new PpcaDiagonalVae().to(ScalarType.Float64);
        Truth.CopyInto(model, MinScale);
        var encoder = model.named_parameters().Where(p => p.name.EndsWith("Head.weight", StringComparison.Ordinal) || p.name.EndsWith("Head.bias", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
        using (var optimizer = optim.Adam(encoder, lr: 0.01))
        {
            for (var step = 0; step < 1000; step++)
            {
                using var scope = NewDisposeScope();
                var loss = -model.Elbo(x.narrow(0, step * BatchSize % 2000, BatchSize)).Elbo.mean();
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
        }

        return (x.narrow(0, 0, BatchSize), model.state_dict());
    }

    private static T Load<T>(T model, Dictionary<string, Tensor> state)
        where T : nn.Module
    {
        model.to(ScalarType.Float64);
        model.load_state_dict(state);
        return model;
    }

    /// <summary>The encoder's gradient of the loss, drawn <see cref="Repeats"/> times from the same seed.</summary>
    private static GradientDraws Draw(nn.Module model, Func<Tensor> loss)
    {
        manual_seed(53);
        var encoder = model.named_parameters().Where(p => p.name.Contains("Head.", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
        var draws = new List<double[]>();
        for (var r = 0; r < Repeats; r++)
        {
            using var scope = NewDisposeScope();
            model.zero_grad();
            loss().backward();
            draws.Add(encoder.SelectMany(p => p.grad!.data<double>().ToArray()).ToArray());
        }

        return new GradientDraws(draws);
    }

    private void Report(string what, GradientDraws a, GradientDraws b) =>
        output.WriteLine($"{what}: variance ratio {b.TotalVariance / a.TotalVariance:F3} (total {b.TotalVariance:G4} vs {a.TotalVariance:G4}); " +
            $"largest difference of the means {a.LargestMeanDifference(b):F2} standard errors over {a.Mean.Length} coordinates");

    /// <summary>Repeated draws of one gradient vector: per-coordinate means and variances.</summary>
    private sealed class GradientDraws
    {
        public GradientDraws(IReadOnlyList<double[]> draws)
        {
            var n = draws.Count;
            Mean = Enumerable.Range(0, draws[0].Length).Select(i => draws.Average(d => d[i])).ToArray();
            Variance = Enumerable.Range(0, Mean.Length).Select(i => draws.Sum(d => (d[i] - Mean[i]) * (d[i] - Mean[i])) / (n - 1)).ToArray();
            Count = n;
        }

        public double[] Mean { get; }

        public double[] Variance { get; }

        public int Count { get; }

        /// <summary>Σ_i Var(g_i), the trace of the gradient's covariance.</summary>
        public double TotalVariance => Variance.Sum();

        /// <summary>max_i |ḡ_i - ḡ'_i| / √(Var_i / n + Var'_i / n'): the largest difference of the means in standard errors.</summary>
        public double LargestMeanDifference(GradientDraws other) =>
            Enumerable.Range(0, Mean.Length)
                .Where(i => Variance[i] + other.Variance[i] > 0)
                .Max(i => Math.Abs(Mean[i] - other.Mean[i]) / Math.Sqrt((Variance[i] / Count) + (other.Variance[i] / other.Count)));
    }
}
