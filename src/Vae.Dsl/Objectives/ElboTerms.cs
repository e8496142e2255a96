using System;
using static TorchSharp.torch;

namespace Vae.Dsl.Objectives;

/// <summary>
/// The per-example ELBO of a batch and its two terms, each a tensor of [batch], in nats:
/// ELBO = Reconstruction - Kl, with Reconstruction = log p(x|z) and Kl = KL(q(z|x) || p(z)).
/// </summary>
public readonly record struct ElboTerms(Tensor Elbo, Tensor Reconstruction, Tensor Kl) : IDisposable
{
    /// <summary>Moves the three tensors out of the current dispose scope, to return them from a method that has one.</summary>
    public ElboTerms MoveToOuterDisposeScope()
    {
        Elbo.MoveToOuterDisposeScope();
        Reconstruction.MoveToOuterDisposeScope();
        Kl.MoveToOuterDisposeScope();
        return this;
    }

    public void Dispose()
    {
        Elbo.Dispose();
        Reconstruction.Dispose();
        Kl.Dispose();
    }
}
