using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Kernels;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Kernels;

/// <summary>
/// The fused Linear + Bernoulli log-likelihood equals TorchSharp's linear followed by the log-likelihood within float32
/// rounding, both measured against float64, in units u = 2⁻²⁴. A logit η_j = Σ_k h_k W_jk + b_j summed in float32
/// (in any order, one rounding per step) is within (inputs + 1) u of Σ_k |h_k W_jk| + |b_j|, and a row's log p moves by
/// at most |x_j − sigmoid(η_j)| ≤ 1 times each logit's error; on top of that, the terms and their sum as in
/// <see cref="BernoulliLogLikelihoodTests"/>: F u of Σ_j (|η_j| + softplus(η_j)), and 2⁻¹²⁶ per feature.
/// </summary>
public class LinearBernoulliLogLikelihoodTests
{
    private const double Unit = 1.0 / (1 << 24);
    private static readonly double SmallestNormal = Math.ScaleB(1, -126);

    /// <summary>
    /// Rows of h (leading shape), inputs, features: tiles of 6 rows and 16 features (AVX2) and of 12 rows and 32
    /// features (AVX-512), full and partial, and blocks of 96 rows.
    /// </summary>
    public static TheoryData<long[], int, int, bool> Shapes => new()
    {
        { [66, 10], 400, 784, true },
        { [3, 7], 5, 37, true },
        { [13], 9, 16, false },
        { [2, 1], 1, 1, true },
        { [4, 5], 33, 130, false },
        { [5, 3], 7, 50, true },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void UnderNoGrad_IsNative_AndBothAreTheFloat64ValueWithinRounding(long[] leading, int inputs, int features, bool withBias)
    {
        var (h, weight, bias, x) = Inputs(leading, inputs, features, withBias);
        using (h)
        using (weight)
        using (bias)
        using (x)
        {
            Tensor fused;
            using (no_grad())
            {
                fused = LinearBernoulliLogLikelihood.Of(h, weight, bias, x);
                LinearBernoulliLogLikelihood.LastCallNative.ShouldBeTrue(NativeKernels.Status);
            }

            using (fused)
            using (var plain = LinearBernoulliLogLikelihood.Plain(h, weight, bias, x))
            using (var exact = LinearBernoulliLogLikelihood.Plain(h.to(ScalarType.Float64), weight.to(ScalarType.Float64),
                       bias?.to(ScalarType.Float64), x.to(ScalarType.Float64)))
            using (var allowed = Allowed(h, weight, bias, features))
            {
                fused.shape.ShouldBe(leading);
                fused.requires_grad.ShouldBeFalse();
                WorstExcess(fused, exact, allowed).ShouldBeLessThanOrEqualTo(0, "native");
                WorstExcess(plain, exact, allowed).ShouldBeLessThanOrEqualTo(0, "TorchSharp, the same bound");
                using var twice = allowed * 2;
                WorstExcess(fused, plain, twice).ShouldBeLessThanOrEqualTo(0, "native against TorchSharp");
            }
        }
    }

    /// <summary>
    /// The AVX-512 path (12 x 32 tiles) gives the AVX2 path's result (6 x 16 tiles) to the bit, on every shape of
    /// <see cref="Shapes"/>: both sum k in order with one fused multiply-add per step, and add the terms into eight
    /// lanes per row in the same order. Where the processor lacks AVX-512, that path declines and writes nothing.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public unsafe void TheAvx512Path_GivesTheAvx2PathsResultToTheBit(long[] leading, int inputs, int features, bool withBias)
    {
        NativeKernels.IsLoaded.ShouldBeTrue(NativeKernels.Status);
        var (h, weight, bias, x) = Inputs(leading, inputs, features, withBias);
        using (h)
        using (weight)
        using (bias)
        using (x)
        {
            var rows = h.numel() / inputs;
            var workspace = new float[NativeKernels.LinearBernoulliLogLikelihoodWorkspace(rows, inputs, features)];
            var avx2 = new float[rows];
            var avx512 = new float[rows];
            Array.Fill(avx512, float.NaN);
            int ranAvx2, ranAvx512;
            fixed (float* space = workspace, avx2LogP = avx2, avx512LogP = avx512)
            {
                var biasAddress = bias is null ? null : NativeKernels.Address(bias);
                ranAvx2 = NativeKernels.LinearBernoulliLogLikelihoodOn(NativeKernels.LinearBernoulliAvx2, NativeKernels.Address(h),
                    NativeKernels.Address(weight), biasAddress, NativeKernels.Address(x), avx2LogP, space, rows, inputs, features, x.shape[0], 1);
                ranAvx512 = NativeKernels.LinearBernoulliLogLikelihoodOn(NativeKernels.LinearBernoulliAvx512, NativeKernels.Address(h),
                    NativeKernels.Address(weight), biasAddress, NativeKernels.Address(x), avx512LogP, space, rows, inputs, features, x.shape[0], 1);
            }

            ranAvx2.ShouldBe(1);
            LinearBernoulliLogLikelihood.NativeInstructions.ShouldBe(ranAvx512 == 1 ? "AVX-512" : "AVX2 and FMA", "the path calls take");
            if (ranAvx512 == 1)
            {
                avx512.Select(BitConverter.SingleToInt32Bits).ShouldBe(avx2.Select(BitConverter.SingleToInt32Bits));
            }
            else
            {
                ranAvx512.ShouldBe(0);
                avx512.ShouldAllBe(value => float.IsNaN(value), "a declined call writes nothing");
            }
        }
    }

    /// <summary>
    /// Rows in groups, as the IWAE of an MLP VAE lays out one example's samples (row r reads data row r / repeats):
    /// each group's rows share most of their zeros, so the tiles skip the inputs at which all their rows are 0, and the
    /// result is still the float64 value within the bound, and the same to the bit on both paths.
    /// </summary>
    [Theory]
    [InlineData(3, 50, 400, 784)]
    [InlineData(4, 13, 33, 70)]
    public unsafe void RowsInGroups_SkippingSharedZeros_AreTheFloat64ValueOnBothPaths(int groups, int repeats, int inputs, int features)
    {
        NativeKernels.IsLoaded.ShouldBeTrue(NativeKernels.Status);
        using var scope = NewDisposeScope();
        manual_seed(23);
        // each group's rows: 0 at the inputs its group switches off (about 40%), half zeros elsewhere
        var off = (rand(groups, 1, inputs) < 0.4f).expand(groups, repeats, inputs).reshape(groups * repeats, inputs);
        var h = where(off.logical_or(rand(groups * repeats, inputs) < 0.5f), zeros(groups * repeats, inputs), rand(groups * repeats, inputs) * 3);
        var weight = randn(features, inputs) * (2.0 / Math.Sqrt(inputs));
        var bias = randn(features) * 2;
        var x = bernoulli(full(groups, features, 0.4f));
        var rows = (long)groups * repeats;
        var workspace = new float[NativeKernels.LinearBernoulliLogLikelihoodWorkspace(rows, inputs, features)];
        var avx2 = new float[rows];
        var avx512 = new float[rows];
        int ranAvx2, ranAvx512;
        fixed (float* space = workspace, avx2LogP = avx2, avx512LogP = avx512)
        {
            ranAvx2 = NativeKernels.LinearBernoulliLogLikelihoodOn(NativeKernels.LinearBernoulliAvx2, NativeKernels.Address(h),
                NativeKernels.Address(weight), NativeKernels.Address(bias), NativeKernels.Address(x), avx2LogP, space, rows, inputs, features, groups, repeats);
            ranAvx512 = NativeKernels.LinearBernoulliLogLikelihoodOn(NativeKernels.LinearBernoulliAvx512, NativeKernels.Address(h),
                NativeKernels.Address(weight), NativeKernels.Address(bias), NativeKernels.Address(x), avx512LogP, space, rows, inputs, features, groups, repeats);
        }

        ranAvx2.ShouldBe(1);
        // x row g for every row of group g
        var data = x.repeat_interleave(repeats, 0);
        var exact = LinearBernoulliLogLikelihood.Plain(h.to(ScalarType.Float64), weight.to(ScalarType.Float64), bias.to(ScalarType.Float64),
            data.to(ScalarType.Float64));
        var allowed = Allowed(h, weight, bias, features);
        WorstExcess(tensor(avx2), exact, allowed).ShouldBeLessThanOrEqualTo(0, "AVX2");
        if (ranAvx512 == 1)
        {
            avx512.Select(BitConverter.SingleToInt32Bits).ShouldBe(avx2.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void DataOfTheLogitsShape_IsReadRowByRow()
    {
        var (h, weight, bias, _) = Inputs([3, 4], 20, 50, withBias: true);
        using (h)
        using (weight)
        using (bias)
        using (var x = bernoulli(full(3, 4, 50, 0.3f)))
        {
            using var noGrad = no_grad();
            using var fused = LinearBernoulliLogLikelihood.Of(h, weight, bias, x);
            LinearBernoulliLogLikelihood.LastCallNative.ShouldBeTrue();
            using var exact = LinearBernoulliLogLikelihood.Plain(h.to(ScalarType.Float64), weight.to(ScalarType.Float64),
                bias!.to(ScalarType.Float64), x.to(ScalarType.Float64));
            using var allowed = Allowed(h, weight, bias, 50);
            WorstExcess(fused, exact, allowed).ShouldBeLessThanOrEqualTo(0);
        }
    }

    [Fact]
    public void WithAGraphToRecord_IsTorchSharps_AndGradientsFlow()
    {
        manual_seed(21);
        using var layer = nn.Linear(12, 30);
        using var h = rand(2, 5, 12).requires_grad_();
        using var x = bernoulli(full(5, 30, 0.5f));

        using var logP = LinearBernoulliLogLikelihood.Of(h, layer, x);
        LinearBernoulliLogLikelihood.LastCallNative.ShouldBeFalse("a gradient is recorded: TorchSharp's operations");
        logP.requires_grad.ShouldBeTrue();
        logP.sum().backward();

        // ∂ Σ log p / ∂h = Σ_j (x_j − sigmoid(η_j)) W_j., x broadcast over the two samples
        using var eta = nn.functional.linear(h.detach(), layer.weight!.detach(), layer.bias!.detach());
        using var expected = (x - eta.sigmoid()).matmul(layer.weight!.detach());
        h.grad!.allclose(expected, rtol: 1e-5, atol: 1e-6).ShouldBeTrue();
        using var expectedBias = (x - eta.sigmoid()).sum([0, 1]);
        layer.bias!.grad!.allclose(expectedBias, rtol: 1e-5, atol: 1e-5).ShouldBeTrue();
    }

    [Fact]
    public void WhereTheNativePassDoesNotApply_ItIsThePlainExpression()
    {
        var (h, weight, bias, x) = Inputs([6, 4], 10, 20, withBias: true);
        using (h)
        using (weight)
        using (bias)
        using (x)
        using (var noGrad = no_grad())
        using (var strided = h.transpose(0, 1).contiguous().transpose(0, 1))
        using (var doubles = h.to(ScalarType.Float64))
        using (var weight64 = weight.to(ScalarType.Float64))
        using (var bias64 = bias!.to(ScalarType.Float64))
        using (var x64 = x.to(ScalarType.Float64))
        {
            using var transposed = LinearBernoulliLogLikelihood.Of(strided, weight, bias, x);
            LinearBernoulliLogLikelihood.LastCallNative.ShouldBeFalse("a non-contiguous h takes TorchSharp's operations");
            using var plainTransposed = LinearBernoulliLogLikelihood.Plain(strided, weight, bias, x);
            transposed.SameValues(plainTransposed).ShouldBeTrue();

            using var inDoubles = LinearBernoulliLogLikelihood.Of(doubles, weight64, bias64, x64);
            LinearBernoulliLogLikelihood.LastCallNative.ShouldBeFalse("float64 takes TorchSharp's operations");
            inDoubles.dtype.ShouldBe(ScalarType.Float64);
        }
    }

    /// <summary>h like a ReLU layer's output (half zeros), W and b like a trained decoder's (logits of a few units), x in {0, 1}.</summary>
    private static (Tensor H, Tensor Weight, Tensor? Bias, Tensor X) Inputs(long[] leading, int inputs, int features, bool withBias)
    {
        manual_seed(17);
        using var uniform = rand([.. leading, inputs]);
        using var keep = rand([.. leading, inputs]) < 0.5f;
        var h = where(keep, uniform * 3, zeros_like(uniform));
        var weight = randn(features, inputs) * (2.0 / Math.Sqrt(inputs));
        var bias = withBias ? randn(features) * 2 : null;
        var x = bernoulli(full(leading[^1], features, 0.4f));
        return (h, weight, bias, x);
    }

    /// <summary>The bound of the class summary, per row, in float64.</summary>
    private static Tensor Allowed(Tensor h, Tensor weight, Tensor? bias, int features)
    {
        using var scope = NewDisposeScope();
        var h64 = h.to(ScalarType.Float64);
        var weight64 = weight.to(ScalarType.Float64);
        var inputs = weight.shape[1];
        // Σ_k |h_k W_jk| + |b_j| per logit, and η in float64
        var size = h64.abs().matmul(weight64.abs().t());
        var eta = h64.matmul(weight64.t());
        if (bias is not null)
        {
            size += bias.to(ScalarType.Float64).abs();
            eta += bias.to(ScalarType.Float64);
        }

        var logits = (size * (inputs + 1) * Unit).sum(-1);
        var terms = (eta.abs() + nn.functional.softplus(eta)).sum(-1) * features * Unit;
        return (logits + terms + (features * SmallestNormal)).MoveToOuterDisposeScope();
    }

    private static double WorstExcess(Tensor actual, Tensor expected, Tensor allowed)
    {
        using var difference = (actual.detach().to(ScalarType.Float64) - expected.detach().to(ScalarType.Float64)).abs();
        using var excess = difference - allowed;
        return excess.max().item<double>();
    }
}
