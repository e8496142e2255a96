using static TorchSharp.torch;

namespace Vae.Dsl.Models;

/// <summary>
/// What every generated module offers a program that looks at it rather than trains it (pictures, reports), the same
/// for every model: draws from the prior, the posterior mean, and the decoder's expected data. The classes y are
/// given to a conditional model, [batch] of int64, and must be null for an unconditional one (an ArgumentException
/// otherwise). The methods run without gradients; the caller disposes what they return.
/// </summary>
public interface IVaeModel
{
    /// <summary>n draws z ~ p(z): [n, LatentSize].</summary>
    Tensor SamplePrior(int n);

    /// <summary>E_q[z], the mean of q(z|x) (q(z|x,y) for a conditional model), for x of [batch, FeatureCount]: [batch, LatentSize].</summary>
    Tensor PosteriorMean(Tensor x, Tensor? y);

    /// <summary>E[x|z] (E[x|z,y] for a conditional model), the likelihood's mean at z of [batch, LatentSize]: [batch, FeatureCount].</summary>
    Tensor ExpectedDataAt(Tensor z, Tensor? y);
}
