using static TorchSharp.torch;

namespace Vae.Dsl.Models;

/// <summary>
/// A posterior with a full covariance Σ = L Lᵀ: mean μ of [batch, LatentSize] and the lower-triangular Cholesky
/// factor L of [batch, LatentSize, LatentSize], its diagonal positive (the gaussian-full family: q(z|x) = N(μ, L Lᵀ)).
/// </summary>
public readonly record struct CholeskyPosterior(Tensor Mean, Tensor ScaleTril) : IPosterior
{
    /// <summary>The same parameters with gradients stopped, for the sticking-the-landing estimator.</summary>
    public CholeskyPosterior Detach() => new(Mean.detach(), ScaleTril.detach());

    /// <summary>Moves both tensors out of the current dispose scope, to return them from a method that has one.</summary>
    public CholeskyPosterior MoveToOuterDisposeScope()
    {
        Mean.MoveToOuterDisposeScope();
        ScaleTril.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        Mean.Dispose();
        ScaleTril.Dispose();
    }
}
