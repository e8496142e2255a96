using System;
using Shouldly;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    public class AutogradTests
    {
        [Fact]
        public void Backward_OfASmallGraph_GivesTheAnalyticGradients()
        {
            // f(x, y) = Σ (x² y + exp(x)) ⇒ ∂f/∂x = 2xy + exp(x), ∂f/∂y = x².
            using var x = tensor(new double[] { 1, -2, 0.5 }, requires_grad: true);
            using var y = tensor(new double[] { 3, 0.25, -1 }, requires_grad: true);
            var f = (x.square() * y + x.exp()).sum();
            f.backward();
            var gx = x.grad()!.data<double>().ToArray();
            var gy = y.grad()!.data<double>().ToArray();
            gx.ShouldBe(new[] { 2 * 1 * 3 + Math.Exp(1), 2 * -2 * 0.25 + Math.Exp(-2), 2 * 0.5 * -1 + Math.Exp(0.5) }, 1e-12);
            gy.ShouldBe(new[] { 1.0, 4, 0.25 }, 1e-12);
        }

        [Fact]
        public void Gradients_Accumulate_AndCanBeSeededForNonScalars()
        {
            using var x = tensor(new double[] { 1, 2 }, requires_grad: true);
            (x * 3).backward(new[] { tensor(new double[] { 1, 10 }) });
            (x * 3).backward(new[] { tensor(new double[] { 1, 1 }) });
            x.grad()!.data<double>().ToArray().ShouldBe(new double[] { 6, 33 });
        }

        [Fact]
        public void NoGrad_StopsRecording_AndRestoresTheMode()
        {
            using var x = ones(2, requires_grad: true);
            is_grad_enabled().ShouldBeTrue();
            using (no_grad()) {
                is_grad_enabled().ShouldBeFalse();
                (x * 2).requires_grad.ShouldBeFalse();
                using (enable_grad()) (x * 2).requires_grad.ShouldBeTrue();
                is_grad_enabled().ShouldBeFalse();
            }
            is_grad_enabled().ShouldBeTrue();
            (x * 2).requires_grad.ShouldBeTrue();
        }

        [Fact]
        public void RequiresGrad_And_Detach()
        {
            using var x = zeros(2);
            x.requires_grad.ShouldBeFalse();
            x.requires_grad_().requires_grad.ShouldBeTrue();
            x.requires_grad_(false).requires_grad.ShouldBeFalse();
            x.requires_grad = true;
            (x + 1).detach().requires_grad.ShouldBeFalse();
            x.grad().ShouldBeNull();
        }

        [Theory]
        [InlineData("logsumexp")]
        [InlineData("softplus")]
        [InlineData("log_softmax")]
        [InlineData("bce_with_logits")]
        [InlineData("cholesky_solve")]
        public void Gradients_MatchCentralFiniteDifferences_InFloat64(string function)
        {
            Func<Tensor, Tensor> f = function switch {
                "logsumexp" => x => x.reshape(2, 3).logsumexp(1).sum(),
                "softplus" => x => (nn.functional.softplus(x, beta: 1.5) * x).sum(),
                "log_softmax" => x => (x.log_softmax(0) * tensor(new double[] { 1, 2, 3, 4, 5, 6 })).sum(),
                "bce_with_logits" => x => nn.functional.binary_cross_entropy_with_logits(x, tensor(new double[] { 0, 1, 1, 0, 0.5, 1 }), reduction: nn.Reduction.Sum),
                _ => x => {
                    // A symmetric positive-definite matrix built from x, then a solve with its Cholesky factor.
                    var m = x.reshape(2, 3);
                    var spd = m.matmul(m.t()) + eye2() * 3;
                    var l = linalg.cholesky(spd);
                    return linalg.solve(l, tensor(new double[] { 1, 2 }, new long[] { 2, 1 })).square().sum();
                },
            };
            var x0 = new double[] { 0.3, -1.2, 0.8, 2.0, -0.4, 0.1 };
            using var x = tensor(x0, requires_grad: true);
            f(x).backward();
            var analytic = x.grad()!.data<double>().ToArray();
            const double h = 1e-6;
            for (var i = 0; i < x0.Length; i++) {
                var plus = (double[])x0.Clone();
                var minus = (double[])x0.Clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric;
                using (no_grad()) numeric = (f(tensor(plus)).item<double>() - f(tensor(minus)).item<double>()) / (2 * h);
                analytic[i].ShouldBe(numeric, 1e-6, $"{function}: component {i}");
            }
        }

        private static Tensor eye2() => tensor(new double[] { 1, 0, 0, 1 }, new long[] { 2, 2 });
    }
}
