using System;
using System.Linq;
using TorchSharp;
using Vae.Dsl.Objectives;
using static TorchSharp.torch;

namespace Vae.Dsl.Models;

/// <summary>
/// What every generated unconditional model shares: sampling, reconstruction and the <see cref="IVaeModel"/> surface,
/// built on the members its families generate (encoder and posterior, decoder and likelihood, prior, the bounds).
/// </summary>
/// <typeparam name="TPosterior">The parameters of q(z|x) that <see cref="Encode"/> returns.</typeparam>
public abstract class VaeModule<TPosterior> : nn.Module<Tensor, ElboTerms>, IVaeModel
    where TPosterior : IPosterior
{
    protected VaeModule(string name) : base(name)
    {
    }

    /// <summary>q(z|x): the posterior's parameters for a batch x of [batch, FeatureCount].</summary>
    public abstract TPosterior Encode(Tensor x);

    /// <summary>The parameters of p(x|z) for z of [..., LatentSize].</summary>
    public abstract Tensor Decode(Tensor z);

    /// <summary>E[x|z] for the decoder's output.</summary>
    public abstract Tensor ExpectedData(Tensor decoded);

    /// <summary>A draw x ~ p(x|z) for the decoder's output.</summary>
    public abstract Tensor SampleData(Tensor decoded);

    /// <inheritdoc/>
    public abstract Tensor SamplePrior(int n);

    /// <summary>The per-example ELBO of a batch x of [batch, FeatureCount], with its reconstruction and KL terms.</summary>
    public abstract ElboTerms Elbo(Tensor x);

    /// <summary>
    /// The per-example importance-weighted bound IWAE_k of a batch x of [batch, FeatureCount], with k draws from
    /// q(z|x), from <paramref name="generator"/> or the default generator where it is null.
    /// </summary>
    public abstract Tensor Iwae(Tensor x, int k, Generator? generator = null);

    /// <summary>The per-example ELBO of a batch x of [batch, FeatureCount], with its reconstruction and KL terms.</summary>
    public override ElboTerms forward(Tensor x) => Elbo(x);

    /// <summary>n draws x ~ p(x|z), z ~ p(z): [n, FeatureCount].</summary>
    public Tensor Sample(int n)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = SampleData(Decode(SamplePrior(n)));
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>What the model makes of x: E[x|z] at the posterior mean z = E_q[z].</summary>
    public Tensor Reconstruct(Tensor x)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var q = Encode(x);
        var mean = ExpectedData(Decode(q.Mean));
        return mean.MoveToOuterDisposeScope();
    }

    /// <summary>Where the model's parameters are, and so where its draws from nothing but a count are made.</summary>
    protected Device ParameterDevice => parameters().First().device;

    ElboTerms IVaeModel.Elbo(Tensor x, Tensor? y) => Elbo(WithoutClasses(x, y));

    Tensor IVaeModel.Iwae(Tensor x, Tensor? y, int k, Generator? generator) => Iwae(WithoutClasses(x, y), k, generator);

    Tensor IVaeModel.PosteriorMean(Tensor x, Tensor? y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var q = Encode(WithoutClasses(x, y));
        return q.Mean.MoveToOuterDisposeScope();
    }

    Tensor IVaeModel.ExpectedDataAt(Tensor z, Tensor? y)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var mean = ExpectedData(Decode(WithoutClasses(z, y)));
        return mean.MoveToOuterDisposeScope();
    }

    /// <summary>The data, after checking no classes came with them.</summary>
    private Tensor WithoutClasses(Tensor data, Tensor? y) => y is null
        ? data
        : throw new ArgumentException($"{GetName()} is not conditional: it takes no classes y.", nameof(y));
}
