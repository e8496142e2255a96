using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Kernels;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Kernels;

/// <summary>
/// The native Bernoulli log-likelihood equals TorchSharp's within float32 rounding, forward and gradient, for logits
/// of [batch, F] and of [k, batch, F] with data of [batch, F], extreme logits among them, binary and grey data.
/// "Within float32 rounding" is measured against float64, in units u = 2⁻²⁴ (half an ulp) of what the computation is
/// made of: one term x η − softplus(η) within 8 u of |x η| + softplus(η) (exp, log1p and the few operations between
/// them, each within an ulp or two); a row's sum of F terms within F u of Σ_j (|η_j| + softplus(η_j)), the worst case of
/// adding F floats one after another, for either formulation (TorchSharp's, (1 − x) η + softplus(−η), subtracts
/// terms of that size too); the gradient (x − sigmoid(η)) g within 8 u of (|x| + sigmoid(η)) |g|. Below 2⁻¹²⁶ floats
/// have no relative precision (and training flushes them to zero, docs/threads.md), so each bound also allows 2⁻¹²⁶
/// (times |g| for the gradient): there TorchSharp's sigmoid gives 0 and the native pass the denormal.
/// </summary>
public class BernoulliLogLikelihoodTests
{
    private const double Unit = 1.0 / (1 << 24);
    private static readonly double SmallestNormal = Math.ScaleB(1, -126);
    private const int Features = 784;

    public static TheoryData<string, string> Cases => new()
    {
        { "[batch, F]", "binary" },
        { "[batch, F]", "grey" },
        { "[k, batch, F]", "binary" },
        { "[k, batch, F]", "grey" },
    };

    [Fact]
    public void Terms_OneFeatureAtATime_AreWithinAFewUnitsOfTheFloat64Value()
    {
        NativeKernels.IsLoaded.ShouldBeTrue(NativeKernels.Status);
        // logits from -120 to 120 densely, both data values and one in between for each
        var grid = Enumerable.Range(-60_000, 120_001).Select(i => i * 0.002f).ToArray();
        using var logits = tensor(grid.SelectMany(v => new[] { v, v, v }).ToArray(), [grid.Length * 3, 1]);
        using var x = tensor(grid.SelectMany(_ => new[] { 0f, 1f, 0.3f }).ToArray(), [grid.Length * 3, 1]);

        using var native = BernoulliLogLikelihood.Of(logits, x);

        // x η − softplus(η), softplus(η) = max(η, 0) + log(1 + exp(−|η|)), in float64: no cancellation in it
        using var eta = logits.to(ScalarType.Float64);
        using var data = x.to(ScalarType.Float64);
        using var softplus = eta.clamp_min(0) + (-eta.abs()).exp().log1p();
        using var exact = ((data * eta) - softplus).sum(-1);
        using var scale = ((data * eta).abs() + softplus).sum(-1);
        using var allowed = (scale * 8 * Unit) + SmallestNormal;
        WorstExcess(native, exact, allowed).ShouldBeLessThanOrEqualTo(0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forward_IsTheFloat64ValueWithinRounding_AsTorchSharpsIs(string shape, string data)
    {
        var (logits, x) = Inputs(shape, data, requiresGrad: false);
        using (logits)
        using (x)
        {
            using var native = BernoulliLogLikelihood.Of(logits, x);
            using var plain = BernoulliLogLikelihood.Plain(logits, x);

            native.shape.ShouldBe(logits.shape[..^1]);
            using var exact = BernoulliLogLikelihood.Plain(logits.to(ScalarType.Float64), x.to(ScalarType.Float64));
            using var allowed = (Magnitudes(logits).sum(-1) * Features * Unit) + SmallestNormal;
            WorstExcess(native, exact, allowed).ShouldBeLessThanOrEqualTo(0, "native");
            WorstExcess(plain, exact, allowed).ShouldBeLessThanOrEqualTo(0, "TorchSharp, the same bound");
            using var twice = allowed * 2;
            WorstExcess(native, plain, twice).ShouldBeLessThanOrEqualTo(0, "native against TorchSharp");
        }
    }

    /// <summary>
    /// Feature counts the passes take in different pieces (steps of 64, single vectors of 8, a masked last vector):
    /// the value within float32 rounding of float64, and the same with or without a graph (the gradient checked too).
    /// </summary>
    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(67)]
    [InlineData(130)]
    public void AnyFeatureCount_ForwardAndGradientAreWithinRounding(int features)
    {
        manual_seed(13);
        using var logits = (randn(2, 5, features) * 6).requires_grad_();
        using var x = bernoulli(full(5, features, 0.5f));
        manual_seed(14);
        using var upstream = randn(2, 5);

        using var recorded = BernoulliLogLikelihood.Of(logits, x);
        Tensor unrecorded;
        using (no_grad())
        {
            unrecorded = BernoulliLogLikelihood.Of(logits, x);
        }

        using (unrecorded)
        {
            unrecorded.SameValues(recorded).ShouldBeTrue("the same terms in the same order, node or not");
            using var exact = BernoulliLogLikelihood.Plain(logits.detach().to(ScalarType.Float64), x.to(ScalarType.Float64));
            using var allowed = (Magnitudes(logits).sum(-1) * features * Unit) + SmallestNormal;
            WorstExcess(recorded, exact, allowed).ShouldBeLessThanOrEqualTo(0);
        }

        var native = GradientOf(logits, l => BernoulliLogLikelihood.Of(l, x), upstream);
        using var logits64 = logits.detach().to(ScalarType.Float64).requires_grad_();
        var gradient64 = GradientOf(logits64, l => BernoulliLogLikelihood.Plain(l, x.to(ScalarType.Float64)), upstream.to(ScalarType.Float64));
        using var sigmoid = logits.detach().to(ScalarType.Float64).sigmoid();
        using var size = upstream.abs().unsqueeze(-1).to(ScalarType.Float64);
        using var allowedGradient = (((x.abs() + sigmoid) * 8 * Unit) + SmallestNormal) * size;
        WorstExcess(native, gradient64, allowedGradient).ShouldBeLessThanOrEqualTo(0);
        native.Dispose();
        gradient64.Dispose();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_IsAutogradsOfThePlainExpressionWithinRounding(string shape, string data)
    {
        var (logits, x) = Inputs(shape, data, requiresGrad: true);
        using (logits)
        using (x)
        {
            manual_seed(3);
            using var upstream = randn(logits.shape[..^1]);

            var native = GradientOf(logits, l => BernoulliLogLikelihood.Of(l, x), upstream);
            var plain = GradientOf(logits, l => BernoulliLogLikelihood.Plain(l, x), upstream);
            using var logits64 = logits.detach().to(ScalarType.Float64).requires_grad_();
            var exact = GradientOf(logits64, l => BernoulliLogLikelihood.Plain(l, x.to(ScalarType.Float64)), upstream.to(ScalarType.Float64));

            // ∂/∂η = (x − sigmoid(η)) g: within 8 units of (|x| + sigmoid(η)) |g|, and 2⁻¹²⁶ |g|
            using var sigmoid = logits.detach().to(ScalarType.Float64).sigmoid();
            using var size = upstream.abs().unsqueeze(-1).to(ScalarType.Float64);
            using var allowed = (((x.abs() + sigmoid) * 8 * Unit) + SmallestNormal) * size;
            WorstExcess(native, exact, allowed).ShouldBeLessThanOrEqualTo(0, "native");
            WorstExcess(plain, exact, allowed).ShouldBeLessThanOrEqualTo(0, "TorchSharp, the same bound");
            using var twice = allowed * 2;
            WorstExcess(native, plain, twice).ShouldBeLessThanOrEqualTo(0, "native against TorchSharp's autograd");
            native.Dispose();
            plain.Dispose();
            exact.Dispose();
        }
    }

    [Fact]
    public void Gradient_MatchesCentralDifferencesOfTheFloat64LogLikelihood()
    {
        manual_seed(5);
        using var logits = (randn(3, 4, 6) * 4).requires_grad_();
        using var x = rand(4, 6);

        using var logP = BernoulliLogLikelihood.Of(logits, x);
        logP.sum().backward();
        var gradient = logits.grad!.data<float>().ToArray();

        var values = logits.detach().to(ScalarType.Float64).data<double>().ToArray();
        using var x64 = x.to(ScalarType.Float64);
        const double h = 1e-6;
        for (var i = 0; i < values.Length; i++)
        {
            // ∂ Σ log p / ∂η_i ≈ (f(η + h e_i) − f(η − h e_i)) / 2h, in float64 (its error about 1e-10 here)
            var difference = (SumAt(values, i, h, x64) - SumAt(values, i, -h, x64)) / (2 * h);
            // the float32 gradient (x − sigmoid(η)) is within 8 units of |x| + sigmoid(η) ≤ 2
            ((double)gradient[i]).ShouldBe(difference, (16 * Unit) + 1e-8, $"element {i}");
        }
    }

    [Fact]
    public void UnderNoGrad_GivesTheValueWithoutAGraph()
    {
        var (logits, x) = Inputs("[k, batch, F]", "binary", requiresGrad: true);
        using (logits)
        using (x)
        {
            using var recorded = BernoulliLogLikelihood.Of(logits, x);
            Tensor unrecorded;
            using (no_grad())
            {
                unrecorded = BernoulliLogLikelihood.Of(logits, x);
            }

            using (unrecorded)
            {
                unrecorded.requires_grad.ShouldBeFalse();
                recorded.requires_grad.ShouldBeTrue();
                unrecorded.SameValues(recorded).ShouldBeTrue("the same native pass, node or not");
            }
        }
    }

    [Fact]
    public void DataThatRequiresAGradient_GetsAutogradsGradient()
    {
        manual_seed(7);
        using var logits = randn(2, 5, 8).requires_grad_();
        using var x = rand(5, 8).requires_grad_();

        using var logP = BernoulliLogLikelihood.Of(logits, x);
        logP.sum().backward();

        // ∂ Σ log p / ∂x_j = Σ_k η_kj, x broadcast over k
        using var expected = logits.detach().sum(0L);
        x.grad!.allclose(expected, rtol: 1e-6, atol: 1e-6).ShouldBeTrue();
    }

    [Fact]
    public void InADisposeScope_TheResultMovesOut_AndTheSavedTensorsOutliveTheirWrappers()
    {
        manual_seed(9);
        using var weight = randn(4, 10).requires_grad_();
        using var x = bernoulli(full(4, 10, 0.5f));
        using var outer = NewDisposeScope();

        Tensor logP;
        using (var inner = NewDisposeScope())
        {
            // η is made and its wrapper disposed in this scope: the node must keep its own reference
            var logits = weight * 3;
            logP = BernoulliLogLikelihood.Of(logits, x);
            inner.Contains(logP).ShouldBeTrue("the result is the caller's, in the caller's scope");
            logP.MoveToOuterDisposeScope();
        }

        outer.Contains(logP).ShouldBeTrue();
        logP.sum().backward();

        using var expected = (x - (weight.detach() * 3).sigmoid()) * 3;
        weight.grad!.allclose(expected, rtol: 1e-5, atol: 1e-6).ShouldBeTrue();
    }

    [Fact]
    public void WhereTheNativePassDoesNotApply_ItIsThePlainExpression()
    {
        manual_seed(11);
        using var logits = randn(3, 4, 6, dtype: ScalarType.Float64);
        using var x = rand(4, 6, dtype: ScalarType.Float64);
        using var strided = randn(6, 4).t();
        using var x32 = rand(4, 6);

        using var doubles = BernoulliLogLikelihood.Of(logits, x);
        using var plainDoubles = BernoulliLogLikelihood.Plain(logits, x);
        using var transposed = BernoulliLogLikelihood.Of(strided, x32);
        using var plainTransposed = BernoulliLogLikelihood.Plain(strided, x32);

        doubles.dtype.ShouldBe(ScalarType.Float64);
        doubles.SameValues(plainDoubles).ShouldBeTrue();
        transposed.SameValues(plainTransposed).ShouldBeTrue("a non-contiguous η takes TorchSharp's operations");
    }

    /// <summary>
    /// Logits of the case's shape (batch 16, k 3, F = 784): normal with scale 5, and every 50th one ±100; data in
    /// {0, 1}, or uniform in [0, 1].
    /// </summary>
    private static (Tensor Logits, Tensor X) Inputs(string shape, string data, bool requiresGrad)
    {
        manual_seed(1);
        long[] dimensions = shape == "[batch, F]" ? [16, Features] : [3, 16, Features];
        using var normal = randn(dimensions) * 5;
        using var extreme = (rand(dimensions) < 0.5f).to(ScalarType.Float32) * 200 - 100;
        using var every50th = (arange(normal.numel()) % 50 == 0).reshape(dimensions);
        var logits = where(every50th, extreme, normal).requires_grad_(requiresGrad);
        var x = data == "binary" ? bernoulli(full(16, Features, 0.4f)) : rand(16, Features);
        return (logits, x);
    }

    /// <summary>|η| + softplus(η) per element, in float64: the size of what each term of the sum is made of.</summary>
    private static Tensor Magnitudes(Tensor logits)
    {
        using var eta = logits.detach().to(ScalarType.Float64);
        return eta.abs() + nn.functional.softplus(eta);
    }

    /// <summary>The largest |actual − expected| − allowed, in float64: at most 0 when every element is within what it is allowed.</summary>
    private static double WorstExcess(Tensor actual, Tensor expected, Tensor allowed)
    {
        using var difference = (actual.detach().to(ScalarType.Float64) - expected.detach().to(ScalarType.Float64)).abs();
        using var excess = difference - allowed;
        return excess.max().item<double>();
    }

    /// <summary>The gradient of Σ upstream · f(logits) with respect to the logits (a copy; the logits' gradient is cleared).</summary>
    private static Tensor GradientOf(Tensor logits, Func<Tensor, Tensor> f, Tensor upstream)
    {
        using var value = f(logits);
        using var weighted = (value * upstream).sum();
        weighted.backward();
        var gradient = logits.grad!.clone();
        logits.grad!.zero_();
        return gradient;
    }

    private static double SumAt(double[] values, int i, double step, Tensor x64)
    {
        var moved = (double[])values.Clone();
        moved[i] += step;
        using var logits = tensor(moved, [3, 4, 6], dtype: ScalarType.Float64);
        using var logP = BernoulliLogLikelihood.Plain(logits, x64);
        return logP.sum().item<double>();
    }
}
