using TorchSharp;
using Vae.Dsl.Objectives;
using static TorchSharp.torch;

namespace Vae.Dsl.Models;

/// <summary>
/// What every generated module offers a program that trains, evaluates or looks at it, the same for every model: the
/// two bounds, draws from the prior, the posterior mean, and the decoder's expected data. The classes y are given to
/// a conditional model, [batch] of int64, and must be null for an unconditional one (an ArgumentException otherwise).
/// The caller disposes what the methods return.
/// </summary>
public interface IVaeModel
{
    /// <summary>The per-example ELBO of a batch x of [batch, FeatureCount], with its reconstruction and KL terms.</summary>
    ElboTerms Elbo(Tensor x, Tensor? y);

    /// <summary>The per-example IWAE_k of a batch x of [batch, FeatureCount], its k draws from <paramref name="generator"/> (the default one where null).</summary>
    Tensor Iwae(Tensor x, Tensor? y, int k, Generator? generator);

    /// <summary>n draws z ~ p(z): [n, LatentSize].</summary>
    Tensor SamplePrior(int n);

    /// <summary>E_q[z], the mean of q(z|x) (q(z|x,y) for a conditional model), for x of [batch, FeatureCount]: [batch, LatentSize]. No gradients.</summary>
    Tensor PosteriorMean(Tensor x, Tensor? y);

    /// <summary>E[x|z] (E[x|z,y] for a conditional model), the likelihood's mean at z of [batch, LatentSize]: [batch, FeatureCount]. No gradients.</summary>
    Tensor ExpectedDataAt(Tensor z, Tensor? y);
}
