// models/fashion-mnist-vamp.vae.yaml
/// <summary>K, the pseudo-inputs of the VampPrior.</summary>
public const int PseudoInputCount = 500;

// The pseudo-inputs u_k, [K, FeatureCount].
private readonly Parameter pseudoInputs;

// in the constructor:
pseudoInputs = new Parameter(rand(PseudoInputCount, FeatureCount));

/// <summary>log p(z) per example, for any z of [..., LatentSize].</summary>
public Tensor LogPrior(Tensor z)
{
    using var scope = NewDisposeScope();
    var logP = LogPrior(z, Encode(pseudoInputs));
    return logP.MoveToOuterDisposeScope();
}

/// <summary>log p(z) per example given the posteriors q(z|u_k) of the K pseudo-inputs (each of [K, ...]).</summary>
public Tensor LogPrior(Tensor z, DiagonalPosterior pseudoInputPosterior)
{
    using var scope = NewDisposeScope();
    // log p(z) = logsumexp_k log q(z|u_k) - log K, K = the posteriors given
    var k = pseudoInputPosterior.Mean.shape[^2];
    var logP = LogPosterior(pseudoInputPosterior, z.unsqueeze(-2)).logsumexp(-1) - Math.Log(k);
    return logP.MoveToOuterDisposeScope();
}

/// <summary>n draws z ~ p(z): [n, LatentSize].</summary>
public override Tensor SamplePrior(int n)
{
    using var scope = NewDisposeScope();
    // k = ⌊K · U⌋ uniform in {0, ..., K - 1} (the cast truncates), then z ~ q(z|u_k)
    var k = (rand(n, device: pseudoInputs.device) * PseudoInputCount).to_type(ScalarType.Int64);
    var q = Encode(pseudoInputs.index_select(0, k));
    var z = Reparameterize(q, randn_like(q.Mean));
    return z.MoveToOuterDisposeScope();
}

// runtime/gaussian-vamp-full.vae.yaml
/// <summary>log p(z) per example given the posteriors q(z|u_k) of the K pseudo-inputs (each of [K, ...]).</summary>
public Tensor LogPrior(Tensor z, CholeskyPosterior pseudoInputPosterior)
{
    using var scope = NewDisposeScope();
    // log p(z) = logsumexp_k log q(z|u_k) - log K, K = the posteriors given
    var k = pseudoInputPosterior.Mean.shape[^2];
    var logP = LogPosterior(pseudoInputPosterior, z.unsqueeze(-2)).logsumexp(-1) - Math.Log(k);
    return logP.MoveToOuterDisposeScope();
}
