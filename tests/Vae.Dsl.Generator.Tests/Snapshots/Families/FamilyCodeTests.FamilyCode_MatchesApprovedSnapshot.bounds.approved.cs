// models/fashion-mnist-conditional.vae.yaml
/// <summary>
/// The per-example ELBO of a batch x of [batch, FeatureCount] with classes y of [batch], one draw z from q(z|x), the closed-form KL.
/// </summary>
public override ElboTerms Elbo(Tensor x, Tensor y)
{
    using var scope = NewDisposeScope();
    var q = Encode(x, y);
    // ε ~ N(0, I): [batch, LatentSize]
    var eps = randn_like(q.Mean);
    var z = Reparameterize(q, eps);
    var reconstruction = LogLikelihood(x, Decode(z, y));
    var kl = KlToPrior(q);
    // ELBO = log p(x|z) - KL(q(z|x) || p(z))
    return new ElboTerms(reconstruction - kl, reconstruction, kl).MoveToOuterDisposeScope();
}

/// <summary>
/// The per-example IWAE_k of a batch x of [batch, FeatureCount] with classes y of [batch], with k draws from q(z|x) (from
/// <paramref name="generator"/>, or the default one where null); IWAE_k rises towards log p(x) as k grows.
/// </summary>
public override Tensor Iwae(Tensor x, Tensor y, int k, Generator? generator = null)
{
    ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
    using var scope = NewDisposeScope();
    var q = Encode(x, y);
    // ε_j ~ N(0, I), j = 1..k: [k, batch, LatentSize]
    var eps = randn(k, x.shape[0], LatentSize, dtype: q.Mean.dtype, device: q.Mean.device, generator: generator);
    var z = Reparameterize(q, eps);
    // h: the decoder's hidden features, which its last Linear reads
    var h = decoderLayers.Hidden.call(cat([z, OneHot(y, z)], -1));
    // log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ], η = h Wᵀ + b from the decoder's last Linear (with no graph
    // to record, as in the evaluation, the runtime's fused pass, which never stores η)
    var reconstruction = LinearBernoulliLogLikelihood.Of(h, decoderLayers.Output, x);
    var logQ = LogPosteriorOfDraw(q, eps);
    // log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x)
    var logWeights = reconstruction + LogPrior(z) - logQ;
    // IWAE_k = logsumexp_j log w_j - log k
    var iwae = logWeights.logsumexp(0) - Math.Log(k);
    return iwae.MoveToOuterDisposeScope();
}

// models/fashion-mnist-conv.vae.yaml
/// <summary>
/// The per-example ELBO of a batch x of [batch, FeatureCount], one draw z from q(z|x), the closed-form KL.
/// </summary>
public override ElboTerms Elbo(Tensor x)
{
    using var scope = NewDisposeScope();
    var q = Encode(x);
    // ε ~ N(0, I): [batch, LatentSize]
    var eps = randn_like(q.Mean);
    var z = Reparameterize(q, eps);
    var reconstruction = LogLikelihood(x, Decode(z));
    var kl = KlToPrior(q);
    // ELBO = log p(x|z) - KL(q(z|x) || p(z))
    return new ElboTerms(reconstruction - kl, reconstruction, kl).MoveToOuterDisposeScope();
}

/// <summary>
/// The per-example IWAE_k of a batch x of [batch, FeatureCount], with k draws from q(z|x) (from
/// <paramref name="generator"/>, or the default one where null); IWAE_k rises towards log p(x) as k grows.
/// </summary>
public override Tensor Iwae(Tensor x, int k, Generator? generator = null)
{
    ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
    using var scope = NewDisposeScope();
    var q = Encode(x);
    // ε_j ~ N(0, I), j = 1..k: [k, batch, LatentSize]
    var eps = randn(k, x.shape[0], LatentSize, dtype: q.Mean.dtype, device: q.Mean.device, generator: generator);
    var z = Reparameterize(q, eps);
    var reconstruction = LogLikelihood(x, Decode(z));
    var logQ = LogPosteriorOfDraw(q, eps);
    // log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x)
    var logWeights = reconstruction + LogPrior(z) - logQ;
    // IWAE_k = logsumexp_j log w_j - log k
    var iwae = logWeights.logsumexp(0) - Math.Log(k);
    return iwae.MoveToOuterDisposeScope();
}

// models/fashion-mnist-full.vae.yaml
/// <summary>
/// The per-example IWAE_k of a batch x of [batch, FeatureCount], with k draws from q(z|x) (from
/// <paramref name="generator"/>, or the default one where null); IWAE_k rises towards log p(x) as k grows.
/// </summary>
public override Tensor Iwae(Tensor x, int k, Generator? generator = null)
{
    ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
    // the whole IWAE in one native call where it takes the batch (the same draws from the same generator, the
    // same result within float32 rounding); else the operations below
    if (Native.TryIwae(x, k, generator) is { } native)
    {
        return native;
    }

    using var scope = NewDisposeScope();
    var q = Encode(x);
    // ε_j ~ N(0, I), j = 1..k: [k, batch, LatentSize]
    var eps = randn(k, x.shape[0], LatentSize, dtype: q.Mean.dtype, device: q.Mean.device, generator: generator);
    var z = Reparameterize(q, eps);
    // h: the decoder's hidden features, which its last Linear reads
    var h = decoderLayers.Hidden.call(z);
    // log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ], η = h Wᵀ + b from the decoder's last Linear (with no graph
    // to record, as in the evaluation, the runtime's fused pass, which never stores η)
    var reconstruction = LinearBernoulliLogLikelihood.Of(h, decoderLayers.Output, x);
    var logQ = LogPosteriorOfDraw(q, eps);
    // log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x)
    var logWeights = reconstruction + LogPrior(z) - logQ;
    // IWAE_k = logsumexp_j log w_j - log k
    var iwae = logWeights.logsumexp(0) - Math.Log(k);
    return iwae.MoveToOuterDisposeScope();
}

// models/fashion-mnist-mixture.vae.yaml
/// <summary>
/// The per-example ELBO of a batch x of [batch, FeatureCount], one draw z from q(z|x), a Monte Carlo KL at the same draw.
/// </summary>
public override ElboTerms Elbo(Tensor x)
{
    using var scope = NewDisposeScope();
    var q = Encode(x);
    // ε ~ N(0, I): [batch, LatentSize]
    var eps = randn_like(q.Mean);
    var z = Reparameterize(q, eps);
    var reconstruction = LogLikelihood(x, Decode(z));
    // KL ≈ log q(z|x) - log p(z) at the draws (Monte Carlo)
    var kl = LogPosteriorOfDraw(q, eps) - LogPrior(z);
    // ELBO = log p(x|z) - KL(q(z|x) || p(z))
    return new ElboTerms(reconstruction - kl, reconstruction, kl).MoveToOuterDisposeScope();
}

/// <summary>
/// The per-example IWAE_k of a batch x of [batch, FeatureCount], with k draws from q(z|x) (from
/// <paramref name="generator"/>, or the default one where null); IWAE_k rises towards log p(x) as k grows.
/// </summary>
public override Tensor Iwae(Tensor x, int k, Generator? generator = null)
{
    ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
    using var scope = NewDisposeScope();
    var q = Encode(x);
    // ε_j ~ N(0, I), j = 1..k: [k, batch, LatentSize]
    var eps = randn(k, x.shape[0], LatentSize, dtype: q.Mean.dtype, device: q.Mean.device, generator: generator);
    var z = Reparameterize(q, eps);
    // h: the decoder's hidden features, which its last Linear reads
    var h = decoderLayers.Hidden.call(z);
    // log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ], η = h Wᵀ + b from the decoder's last Linear (with no graph
    // to record, as in the evaluation, the runtime's fused pass, which never stores η)
    var reconstruction = LinearBernoulliLogLikelihood.Of(h, decoderLayers.Output, x);
    var logQ = LogPosteriorOfDraw(q, eps);
    // log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x)
    var logWeights = reconstruction + LogPrior(z) - logQ;
    // IWAE_k = logsumexp_j log w_j - log k
    var iwae = logWeights.logsumexp(0) - Math.Log(k);
    return iwae.MoveToOuterDisposeScope();
}
