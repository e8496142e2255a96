using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Exact;

/// <summary>
/// A probabilistic PCA model in float64, z ~ N(0, I), x | z ~ N(Wz + b, diag s²), with everything the tests need in
/// closed form: log p(x) = log N(x; b, WWᵀ + diag s²), the posterior p(z|x) = N(m(x), Λ⁻¹) with Λ = I + Wᵀ diag(s⁻²) W,
/// and the KL from the best diagonal Gaussian to that posterior.
/// </summary>
internal sealed class Ppca(double[,] weight, double[] bias, double[] scale)
{
    public int Features => bias.Length;

    public int Latent => weight.GetLength(1);

    /// <summary>W, [Features, Latent], as a tensor.</summary>
    public Tensor Weight => tensor(weight.Cast<double>().ToArray(), [Features, Latent], dtype: ScalarType.Float64);

    public Tensor Bias => tensor(bias, dtype: ScalarType.Float64);

    public Tensor Scale => tensor(scale, dtype: ScalarType.Float64);

    /// <summary>
    /// A pPCA whose two latent directions point nearly the same way (the second column of W is 0.8 of the first plus
    /// 0.6 of an independent one), so that its posterior is strongly correlated.
    /// </summary>
    public static Ppca Correlated(int features, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var weight = new double[features, 2];
        var bias = new double[features];
        var scale = new double[features];
        for (var j = 0; j < features; j++)
        {
            var first = 0.5 * Normal();
            weight[j, 0] = first;
            weight[j, 1] = (0.8 * first) + (0.6 * 0.5 * Normal());
            bias[j] = 0.3 * Normal();
            scale[j] = 0.5 + (0.5 * random.NextDouble());
        }

        return new Ppca(weight, bias, scale);
    }

    /// <summary>The pPCA a module with a linear decoder and a learned scale holds: W and b from the decoder, s from the scale.</summary>
    public static Ppca Of(nn.Module model, double minScale)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var w = model.get_parameter("decoder.0.weight")!.to(ScalarType.Float64);
        var b = model.get_parameter("decoder.0.bias")!.to(ScalarType.Float64).data<double>().ToArray();
        // s = softplus(raw) + min_scale
        var s = (nn.functional.softplus(model.get_parameter("rawLikelihoodScale")!.to(ScalarType.Float64)) + minScale).data<double>().ToArray();
        var values = w.data<double>().ToArray();
        var latent = (int)w.shape[1];
        var weight = new double[b.Length, latent];
        for (var j = 0; j < b.Length; j++)
        {
            for (var i = 0; i < latent; i++)
            {
                weight[j, i] = values[(j * latent) + i];
            }
        }

        return new Ppca(weight, b, s);
    }

    /// <summary>Makes a module's decoder and likelihood scale this pPCA's (its decoder linear, its scale learned).</summary>
    public void CopyInto(nn.Module model, double minScale)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var dtype = model.get_parameter("decoder.0.weight")!.dtype;
        model.get_parameter("decoder.0.weight")!.copy_(Weight.to(dtype));
        model.get_parameter("decoder.0.bias")!.copy_(Bias.to(dtype));
        // raw = softplus⁻¹(s - min_scale) = log(exp(s - min_scale) - 1)
        model.get_parameter("rawLikelihoodScale")!.copy_((Scale - minScale).exp().sub(1).log().to(dtype));
    }

    /// <summary>n draws x = Wz + b + s ⊙ ε, z, ε standard normal, from the given seed: [n, Features].</summary>
    public Tensor Sample(int n, ulong seed)
    {
        using var scope = NewDisposeScope();
        using var generator = new Generator(seed);
        var z = randn([n, Latent], dtype: ScalarType.Float64, generator: generator);
        var noise = randn([n, Features], dtype: ScalarType.Float64, generator: generator);
        var x = z.matmul(Weight.t()) + Bias + (Scale * noise);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>log p(x) = -½ [ d log 2π + log |C| + (x - b)ᵀ C⁻¹ (x - b) ], C = WWᵀ + diag s², per example.</summary>
    public Tensor LogPx(Tensor x)
    {
        using var scope = NewDisposeScope();
        var covariance = Weight.matmul(Weight.t()) + Scale.square().diag_embed();
        var cholesky = linalg.cholesky(covariance);
        // log |C| = 2 Σ_j log L_jj
        var logDeterminant = 2 * cholesky.diagonal(0, 0, 1).log().sum();
        // y = L⁻¹ (x - b), so (x - b)ᵀ C⁻¹ (x - b) = |y|²
        var y = linalg.solve(cholesky, (x.to(ScalarType.Float64) - Bias).t()).t();
        var logP = -0.5 * ((Features * Math.Log(2 * Math.PI)) + logDeterminant + y.square().sum(-1));
        return logP.MoveToOuterDisposeScope();
    }

    /// <summary>Λ = I + Wᵀ diag(s⁻²) W, the precision of p(z|x) (the same for every x).</summary>
    public Tensor PosteriorPrecision()
    {
        using var scope = NewDisposeScope();
        var precision = ones(Latent, dtype: ScalarType.Float64).diag_embed() + Weight.t().matmul(Weight / Scale.square().unsqueeze(-1));
        return precision.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// min over diagonal q of KL(q || p(z|x)) = ½ [ Σ_i log Λ_ii - log |Λ| ]: the best diagonal Gaussian has the
    /// posterior's mean and variances 1/Λ_ii, whatever x is.
    /// </summary>
    public double BestDiagonalKl()
    {
        using var scope = NewDisposeScope();
        var precision = PosteriorPrecision();
        var logDeterminant = 2 * linalg.cholesky(precision).diagonal(0, 0, 1).log().sum();
        return (0.5 * (precision.diagonal(0, 0, 1).log().sum() - logDeterminant)).item<double>();
    }
}
