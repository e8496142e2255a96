using System;
using Shouldly;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    /// <summary>Compares autograd's gradient of a scalar function with central finite differences, in float64.</summary>
    internal static class GradCheck
    {
        internal static void MatchesFiniteDifferences(Func<Tensor, Tensor> f, double[] x0, long[] shape, string what, double tolerance = 1e-6)
        {
            using var scope = NewDisposeScope();
            var x = tensor(x0, shape, requires_grad: true);
            f(x).backward();
            var analytic = x.grad()!.data<double>().ToArray();
            const double h = 1e-6;
            for (var i = 0; i < x0.Length; i++) {
                var plus = (double[])x0.Clone();
                var minus = (double[])x0.Clone();
                plus[i] += h;
                minus[i] -= h;
                double numeric;
                using (no_grad()) numeric = (f(tensor(plus, shape)).item<double>() - f(tensor(minus, shape)).item<double>()) / (2 * h);
                analytic[i].ShouldBe(numeric, tolerance, $"{what}: component {i}");
            }
        }

        /// <summary>Deterministic, irregular values in [-1, 1] (no ties, no zeros).</summary>
        internal static double[] Values(int count, double phase = 0.3)
        {
            var result = new double[count];
            for (var i = 0; i < count; i++) result[i] = Math.Sin(1.7 * i + phase) * 0.9 + 0.05;
            return result;
        }
    }
}
