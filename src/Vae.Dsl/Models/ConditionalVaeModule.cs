using System;
using System.Linq;
using TorchSharp;
using Vae.Dsl.Objectives;
using static TorchSharp.torch;

namespace Vae.Dsl.Models;

/// <summary>
/// What every generated conditional model (<c>data.condition</c>) shares: sampling a class, reconstruction and the
/// <see cref="IVaeModel"/> surface, built on the members its families generate. Every method that sees data or
/// decodes takes the classes y of [batch] (int64) after its first argument.
/// </summary>
/// <typeparam name="TPosterior">The parameters of q(z|x,y) that <see cref="Encode"/> returns.</typeparam>
public abstract class ConditionalVaeModule<TPosterior> : nn.Module<Tensor, Tensor, ElboTerms>, IVaeModel
    where TPosterior : IPosterior
{
    protected ConditionalVaeModule(string name) : base(name)
    {
    }

    /// <summary>q(z|x,y): the posterior's parameters for a batch x of [batch, FeatureCount] with classes y of [batch].</summary>
    public abstract TPosterior Encode(Tensor x, Tensor y);

    /// <summary>The parameters of p(x|z,y) for z of [..., LatentSize] and classes y of [batch].</summary>
    public abstract Tensor Decode(Tensor z, Tensor y);

    /// <summary>E[x|z,y] for the decoder's output.</summary>
    public abstract Tensor ExpectedData(Tensor decoded);

    /// <summary>A draw x ~ p(x|z,y) for the decoder's output.</summary>
    public abstract Tensor SampleData(Tensor decoded);

    /// <inheritdoc/>
    public abstract Tensor SamplePrior(int n);

    /// <summary>The per-example ELBO of a batch x of [batch, FeatureCount] with classes y of [batch], with its reconstruction and KL terms.</summary>
    public abstract ElboTerms Elbo(Tensor x, Tensor y);

    /// <summary>
    /// The per-example importance-weighted bound IWAE_k of a batch x of [batch, FeatureCount] with classes y of
    /// [batch], with k draws from q(z|x,y), from <paramref name="generator"/> or the default generator where it is null.
    /// </summary>
    public abstract Tensor Iwae(Tensor x, Tensor y, int k, Generator? generator = null);

    /// <summary>The per-example ELBO of a batch x of [batch, FeatureCount] with classes y of [batch], with its reconstruction and KL terms.</summary>
    public override ElboTerms forward(Tensor x, Tensor y) => Elbo(x, y);

    /// <summary>n draws x ~ p(x|z, y), z ~ p(z), all of class y: [n, FeatureCount].</summary>
    public Tensor Sample(int n, long y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var classes = full(new long[] { n }, y, dtype: ScalarType.Int64, device: ParameterDevice);
        var x = SampleData(Decode(SamplePrior(n), classes));
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>What the model makes of x of class y: E[x|z,y] at the posterior mean z = E_q[z].</summary>
    public Tensor Reconstruct(Tensor x, Tensor y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var q = Encode(x, y);
        var mean = ExpectedData(Decode(q.Mean, y));
        return mean.MoveToOuterDisposeScope();
    }

    /// <summary>Where the model's parameters are, and so where its draws from nothing but a count are made.</summary>
    protected Device ParameterDevice => parameters().First().device;

    ElboTerms IVaeModel.Elbo(Tensor x, Tensor? y) => Elbo(x, Classes(y));

    Tensor IVaeModel.Iwae(Tensor x, Tensor? y, int k, Generator? generator) => Iwae(x, Classes(y), k, generator);

    Tensor IVaeModel.PosteriorMean(Tensor x, Tensor? y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var q = Encode(x, Classes(y));
        return q.Mean.MoveToOuterDisposeScope();
    }

    Tensor IVaeModel.ExpectedDataAt(Tensor z, Tensor? y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var mean = ExpectedData(Decode(z, Classes(y)));
        return mean.MoveToOuterDisposeScope();
    }

    /// <summary>The classes y, after checking they were given.</summary>
    private Tensor Classes(Tensor? y) =>
        y ?? throw new ArgumentNullException(nameof(y), $"{GetName()} is conditional: it needs the classes y of [batch].");
}
