using System;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// The formulas of docs/math.md written out independently, in float64, one example at a time: what the
/// generated code is checked against.
/// </summary>
internal static class Reference
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    /// <summary>log N(z; μ, diag σ²) = Σ_i [ -½ ((z_i - μ_i)/σ_i)² - ½ log 2π - log σ_i ].</summary>
    public static double LogDiagonalGaussian(ReadOnlySpan<double> z, ReadOnlySpan<double> mean, ReadOnlySpan<double> scale)
    {
        var total = 0.0;
        for (var i = 0; i < z.Length; i++)
        {
            var eps = (z[i] - mean[i]) / scale[i];
            total += (-0.5 * eps * eps) - HalfLogTwoPi - Math.Log(scale[i]);
        }

        return total;
    }

    /// <summary>log N(z; 0, I).</summary>
    public static double LogStandardNormal(ReadOnlySpan<double> z)
    {
        var total = 0.0;
        foreach (var value in z)
        {
            total += (-0.5 * value * value) - HalfLogTwoPi;
        }

        return total;
    }

    /// <summary>Σ_j log Bernoulli(x_j; sigmoid(η_j)), by cases, with no cancellation for any η.</summary>
    public static double LogBernoulli(ReadOnlySpan<double> x, ReadOnlySpan<double> logits)
    {
        var total = 0.0;
        for (var j = 0; j < x.Length; j++)
        {
            // log sigmoid(η) = -log(1 + e^-η), log(1 - sigmoid(η)) = -log(1 + e^η)
            total += x[j] == 1 ? -LogOnePlusExp(-logits[j]) : -LogOnePlusExp(logits[j]);
        }

        return total;
    }

    /// <summary>KL(N(μ, diag σ²) || N(0, I)) = Σ_i [ log(1/σ_i) + (σ_i² + μ_i²)/2 - ½ ].</summary>
    public static double KlDiagonalGaussianToStandardNormal(ReadOnlySpan<double> mean, ReadOnlySpan<double> scale)
    {
        var total = 0.0;
        for (var i = 0; i < mean.Length; i++)
        {
            total += -Math.Log(scale[i]) + (((scale[i] * scale[i]) + (mean[i] * mean[i])) / 2) - 0.5;
        }

        return total;
    }

    private static double LogOnePlusExp(double a) => a > 0 ? a + Math.Log(1 + Math.Exp(-a)) : Math.Log(1 + Math.Exp(a));
}
