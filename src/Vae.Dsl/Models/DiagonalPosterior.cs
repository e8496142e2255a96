using static TorchSharp.torch;

namespace Vae.Dsl.Models;

/// <summary>
/// A posterior whose latent dimensions are independent given x: mean μ and scale σ, each [batch, LatentSize]
/// (the gaussian-diagonal family: q(z|x) = N(μ, diag σ²)).
/// </summary>
public readonly record struct DiagonalPosterior(Tensor Mean, Tensor Scale) : IPosterior
{
    /// <summary>The same parameters with gradients stopped, for the sticking-the-landing estimator.</summary>
    public DiagonalPosterior Detach() => new(Mean.detach(), Scale.detach());

    /// <summary>Moves both tensors out of the current dispose scope, to return them from a method that has one.</summary>
    public DiagonalPosterior MoveToOuterDisposeScope()
    {
        Mean.MoveToOuterDisposeScope();
        Scale.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        Mean.Dispose();
        Scale.Dispose();
    }
}
