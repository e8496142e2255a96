using System;
using System.Linq;
using Shouldly;
using Xunit;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    /// <summary>
    /// binary_cross_entropy_with_logits of float32 without weights runs a fused kernel with its own backward: its
    /// values and gradients match the float64 formulas over the whole range of logits, for a target of the input's
    /// shape and one expanded over leading dimensions (the IWAE layout), for every reduction, and with create_graph.
    /// </summary>
    public class BinaryCrossEntropyWithLogitsTests
    {
        // From deep in one tail to deep in the other, through 0 and the region where exp(−|η|) underflows
        private static readonly float[] Logits = [-200f, -90f, -30f, -17f, -5f, -1.5f, -0.25f, 0f, 1e-6f, 0.25f, 1.5f, 5f, 17f, 30f, 90f, 200f];
        private static readonly float[] Targets = [0f, 1f, 0.3f, 1f, 0f, 1f, 0f, 0.5f, 1f, 0f, 1f, 0f, 1f, 0f, 1f, 0f];

        // ℓ = max(η, 0) − y η + log(1 + exp(−|η|)), in float64
        private static double Loss(double eta, double y) => Math.Max(eta, 0) - y * eta + Math.Log(1 + Math.Exp(-Math.Abs(eta)));

        // ∂ℓ/∂η = σ(η) − y
        private static double Gradient(double eta, double y) => 1 / (1 + Math.Exp(-eta)) - y;

        private static void ShouldBeClose(float actual, double expected, string what) =>
            Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(2e-6 * Math.Max(1, Math.Abs(expected)), what);

        [Fact]
        public void Values_AndGradient_MatchTheFormulas_WithTheTargetOfTheSameShape()
        {
            using var input = tensor(Logits).requires_grad_();
            using var target = tensor(Targets);

            using var loss = nn.functional.binary_cross_entropy_with_logits(input, target, reduction: nn.Reduction.None);
            using var total = loss.sum();
            total.backward();

            var values = loss.data<float>().ToArray();
            var gradient = input.grad()!.data<float>().ToArray();
            for (var i = 0; i < Logits.Length; i++)
            {
                ShouldBeClose(values[i], Loss(Logits[i], Targets[i]), $"ℓ at η = {Logits[i]}, y = {Targets[i]}");
                ShouldBeClose(gradient[i], Gradient(Logits[i], Targets[i]), $"∂ℓ/∂η at η = {Logits[i]}, y = {Targets[i]}");
            }
        }

        [Fact]
        public void TargetExpandedOverSamples_AndAGradientPerRow_GiveEveryElementItsOwnValues()
        {
            // η of [k = 3, batch = 2, features = 45] against x of [2, 45] expanded to [3, 2, 45]; the loss summed over the
            // features and weighted per row, so the gradient reaches the kernel as one value per row (stride 0). A row of
            // 45 = 16 + 16 + 8 + 5 meets the 16-wide loop (AVX-512), the 8-wide one and the scalar remainder.
            const int k = 3, batch = 2, features = 45;
            var random = new Random(5);
            var logits = Enumerable.Range(0, k * batch * features).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
            var data = Enumerable.Range(0, batch * features).Select(_ => random.Next(2) == 1 ? 1f : 0f).ToArray();
            var rowWeights = Enumerable.Range(0, k * batch).Select(i => 0.5f + i).ToArray();
            using var input = tensor(logits).reshape(k, batch, features).requires_grad_();
            using var x = tensor(data).reshape(batch, features);
            using var weights = tensor(rowWeights).reshape(k, batch);

            using var loss = nn.functional.binary_cross_entropy_with_logits(input, x.expand_as(input), reduction: nn.Reduction.None);
            using var rows = loss.sum(-1);
            using var total = (rows * weights).sum();
            total.backward();

            var values = loss.data<float>().ToArray();
            var gradient = input.grad()!.data<float>().ToArray();
            for (var i = 0; i < logits.Length; i++)
            {
                var y = data[i % (batch * features)];
                var w = rowWeights[i / features];
                ShouldBeClose(values[i], Loss(logits[i], y), $"ℓ of element {i}");
                ShouldBeClose(gradient[i], w * Gradient(logits[i], y), $"∂/∂η of element {i}");
            }
        }

        [Theory]
        [InlineData(nn.Reduction.Mean)]
        [InlineData(nn.Reduction.Sum)]
        public void Reductions_AreTheMeanAndSumOfTheElementwiseLoss(nn.Reduction reduction)
        {
            using var input = tensor(Logits);
            using var target = tensor(Targets);
            var expected = Logits.Select((eta, i) => Loss(eta, Targets[i])).Sum();
            if (reduction == nn.Reduction.Mean)
            {
                expected /= Logits.Length;
            }

            using var reduced = nn.functional.binary_cross_entropy_with_logits(input, target, reduction: reduction);

            ShouldBeClose(reduced.item<float>(), expected, reduction.ToString());
        }

        [Fact]
        public void TargetGradient_IsMinusTheLogit()
        {
            using var input = tensor(Logits);
            using var target = tensor(Targets).requires_grad_();

            using var total = nn.functional.binary_cross_entropy_with_logits(input, target, reduction: nn.Reduction.Sum);
            total.backward();

            var gradient = target.grad()!.data<float>().ToArray();
            for (var i = 0; i < Logits.Length; i++)
            {
                // ∂ℓ/∂y = −η
                ShouldBeClose(gradient[i], -Logits[i], $"∂ℓ/∂y at η = {Logits[i]}");
            }
        }

        [Fact]
        public void CreateGraph_GivesADifferentiableGradient_WhoseDerivativeIsSigmaTimesOneMinusSigma()
        {
            using var input = tensor(new[] { -3f, -0.5f, 0f, 0.5f, 3f }).requires_grad_();
            using var target = tensor(new[] { 1f, 0f, 1f, 0f, 1f });

            using var total = nn.functional.binary_cross_entropy_with_logits(input, target, reduction: nn.Reduction.Sum);
            total.backward(create_graph: true);
            using var first = input.grad()!;
            var firstValues = first.data<float>().ToArray();
            using var firstSum = first.sum();
            // the second backward adds ∂/∂η Σ ∂ℓ/∂η to the gradient already there
            firstSum.backward();

            var accumulated = input.grad()!.data<float>().ToArray();
            var values = accumulated.Select((v, i) => v - firstValues[i]).ToArray();
            var logits = input.data<float>().ToArray();
            for (var i = 0; i < logits.Length; i++)
            {
                // ∂²ℓ/∂η² = σ(η) (1 − σ(η))
                var sigma = 1 / (1 + Math.Exp(-logits[i]));
                ShouldBeClose(values[i], sigma * (1 - sigma), $"∂²ℓ/∂η² at η = {logits[i]}");
            }
        }

        [Fact]
        public void NonFiniteLogits_GiveWhatATensComposedVersionGives()
        {
            // float64 goes to ATen's own composition of the formula: the fused float32 kernel must agree on every
            // non-finite case (NaN where it has NaN, the same infinity where it has one); five rounds of the six
            // cases, 30 elements, so that the 16-wide loop (AVX-512: elements 0–15), the 8-wide one (16–23, or 0–23
            // without AVX-512) and the scalar remainder (24–29) each meet all six
            float[] cases = [float.NaN, float.NaN, float.PositiveInfinity, float.PositiveInfinity, float.NegativeInfinity, float.NegativeInfinity];
            var logits = Enumerable.Repeat(cases, 5).SelectMany(round => round).ToArray();
            var targets = Enumerable.Repeat(new[] { 0f, 1f }, 15).SelectMany(pair => pair).ToArray();
            using var input = tensor(logits);
            using var target = tensor(targets);
            using var input64 = tensor(logits.Select(v => (double)v).ToArray());
            using var target64 = tensor(targets.Select(v => (double)v).ToArray());

            using var fused = nn.functional.binary_cross_entropy_with_logits(input, target, reduction: nn.Reduction.None);
            using var composed = nn.functional.binary_cross_entropy_with_logits(input64, target64, reduction: nn.Reduction.None);

            var actual = fused.data<float>().ToArray();
            var expected = composed.data<double>().ToArray();
            for (var i = 0; i < logits.Length; i++)
            {
                ((double)actual[i]).ShouldBe(expected[i], $"η = {logits[i]}, y = {targets[i]}");
            }

            expected.ShouldContain(double.PositiveInfinity, "the cases include an infinite loss");
            expected.ShouldContain(double.NaN, "the cases include an undefined one");
        }

        [Fact]
        public void Float64_AndWeights_GiveTheSameFormula()
        {
            using var input = tensor(Logits.Select(v => (double)v).ToArray());
            using var target = tensor(Targets.Select(v => (double)v).ToArray());
            using var weight = full(Logits.Length, 2.0, dtype: ScalarType.Float64);

            using var plain = nn.functional.binary_cross_entropy_with_logits(input, target, reduction: nn.Reduction.None);
            using var weighted = nn.functional.binary_cross_entropy_with_logits(input, target, weight, reduction: nn.Reduction.None);

            var values = plain.data<double>().ToArray();
            var twice = weighted.data<double>().ToArray();
            for (var i = 0; i < Logits.Length; i++)
            {
                values[i].ShouldBe(Loss(Logits[i], Targets[i]), 1e-12);
                twice[i].ShouldBe(2 * values[i], 1e-12);
            }
        }
    }
}
