using System;
using Shouldly;
using Vae.Dsl.Models;
using Vae.Dsl.Tests.Models;
using Xunit;
using static TorchSharp.torch;
using static Vae.Dsl.Tests.TensorTestData;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// The full-covariance draw z = μ + L ε against the matrix-vector product written out in float64, for one draw per
/// example and for IWAE's k draws, and log q of that draw against the noise that made it.
/// </summary>
public class FullCovarianceDrawTests
{
    private const int Batch = 4;
    private const int Draws = 3;
    private const int Latent = (int)FullCovarianceVae.LatentSize;

    private readonly Random random = new(20261122);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reparameterize_IsTheMeanPlusTheFactorTimesTheNoise(bool withDraws)
    {
        using var model = new FullCovarianceVae();
        var mean = Uniform(random, Batch * Latent, -2, 2);
        var factor = LowerTriangularFactors();
        var drawCount = withDraws ? Draws : 1;
        var eps = Uniform(random, drawCount * Batch * Latent, -2, 2);
        using var q = new CholeskyPosterior(Float64(mean, Batch, Latent), Float64(factor, Batch, Latent, Latent));
        long[] epsShape = withDraws ? [Draws, Batch, Latent] : [Batch, Latent];

        using var z = model.Reparameterize(q, Float64(eps, epsShape));

        z.shape.ShouldBe(epsShape);
        var actual = z.ToDoubles();
        for (var k = 0; k < drawCount; k++)
        {
            for (var b = 0; b < Batch; b++)
            {
                for (var i = 0; i < Latent; i++)
                {
                    // z_i = μ_i + Σ_j L_ij ε_j
                    var expected = mean[(b * Latent) + i];
                    for (var j = 0; j < Latent; j++)
                    {
                        expected += factor[(((b * Latent) + i) * Latent) + j] * eps[(((k * Batch) + b) * Latent) + j];
                    }

                    actual[(((k * Batch) + b) * Latent) + i].ShouldBe(expected, 1e-12, $"draw {k}, example {b}, z_{i}");
                }
            }
        }
    }

    [Fact]
    public void LogPosterior_OfItsOwnDraws_IsTheLogDensityOfTheNoise()
    {
        // LogPosterior solves L ε = z − μ, so for z = Reparameterize(q, ε) it must give back log q of ε itself
        using var model = new FullCovarianceVae();
        using var q = new CholeskyPosterior(
            Float64(Uniform(random, Batch * Latent, -2, 2), Batch, Latent),
            Float64(LowerTriangularFactors(), Batch, Latent, Latent));
        using var eps = Float64(Uniform(random, Draws * Batch * Latent, -2, 2), Draws, Batch, Latent);

        using var z = model.Reparameterize(q, eps);
        var fromDraw = model.LogPosterior(q, z).ToDoubles();
        var fromNoise = model.LogPosteriorOfDraw(q, eps).ToDoubles();

        fromDraw.Length.ShouldBe(Draws * Batch);
        for (var i = 0; i < fromDraw.Length; i++)
        {
            fromDraw[i].ShouldBe(fromNoise[i], 1e-9, $"draw {i / Batch}, example {i % Batch}");
        }
    }

    // One Cholesky factor per example, row-major: entries below the diagonal in [-1, 1], the diagonal σ in [0.2, 2],
    // zeros above it
    private double[] LowerTriangularFactors()
    {
        var factor = new double[Batch * Latent * Latent];
        for (var b = 0; b < Batch; b++)
        {
            for (var i = 0; i < Latent; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    factor[(((b * Latent) + i) * Latent) + j] = i == j ? 0.2 + (1.8 * random.NextDouble()) : (2 * random.NextDouble()) - 1;
                }
            }
        }

        return factor;
    }
}
