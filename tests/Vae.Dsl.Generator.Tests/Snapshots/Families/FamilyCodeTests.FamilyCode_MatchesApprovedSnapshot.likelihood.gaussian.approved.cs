// models/fashion-mnist-gaussian.vae.yaml
// The floor of the likelihood's scale s = softplus(raw) + LikelihoodMinScale.
private const double LikelihoodMinScale = 0.01;

// in the constructor:

/// <summary>log p(x|z) per example, for x of [batch, FeatureCount] and the decoder's output of [..., batch, 2 · FeatureCount].</summary>
public Tensor LogLikelihood(Tensor x, Tensor decoded)
{
    using var scope = NewDisposeScope();
    // decoded = [m | raw], each half as wide
    var features = decoded.shape[^1] / 2;
    var mean = decoded.narrow(-1, 0, features);
    // s = softplus(raw) + min_scale
    var scale = softplus(decoded.narrow(-1, features, features)) + LikelihoodMinScale;
    // log p(x|z) = Σ_j [ -½ ((x_j - m_j) / s_j)² - log s_j - ½ log 2π ]
    var logP = (-0.5 * ((x - mean) / scale).square() - scale.log() - HalfLogTwoPi).sum(-1);
    return logP.MoveToOuterDisposeScope();
}

/// <summary>E[x|z] = m for the decoder's output.</summary>
public override Tensor ExpectedData(Tensor decoded)
{
    using var scope = NewDisposeScope();
    var mean = decoded.narrow(-1, 0, decoded.shape[^1] / 2);
    return mean.clone().MoveToOuterDisposeScope();
}

/// <summary>A draw x ~ p(x|z) for the decoder's output.</summary>
public override Tensor SampleData(Tensor decoded)
{
    using var scope = NewDisposeScope();
    // decoded = [m | raw], each half as wide
    var features = decoded.shape[^1] / 2;
    var mean = decoded.narrow(-1, 0, features);
    // s = softplus(raw) + min_scale
    var scale = softplus(decoded.narrow(-1, features, features)) + LikelihoodMinScale;
    // x = m + s ε, ε ~ N(0, I)
    var x = mean + scale * randn_like(mean);
    return x.MoveToOuterDisposeScope();
}

// runtime/gaussian-huge-scale.vae.yaml
// The likelihood's fixed scale s, and log s.
private const double LikelihoodScale = 1000000.0;
private static readonly double LogLikelihoodScale = Math.Log(LikelihoodScale);

/// <summary>log p(x|z) per example, for x of [batch, FeatureCount] and the decoder's output of [..., batch, 1 · FeatureCount].</summary>
public Tensor LogLikelihood(Tensor x, Tensor decoded)
{
    using var scope = NewDisposeScope();
    var mean = decoded;
    // log p(x|z) = Σ_j [ -½ ((x_j - m_j) / s_j)² - log s_j - ½ log 2π ]
    var logP = (-0.5 * ((x - mean) / LikelihoodScale).square() - LogLikelihoodScale - HalfLogTwoPi).sum(-1);
    return logP.MoveToOuterDisposeScope();
}

/// <summary>E[x|z] = m for the decoder's output.</summary>
public override Tensor ExpectedData(Tensor decoded)
{
    using var scope = NewDisposeScope();
    var mean = decoded;
    return mean.clone().MoveToOuterDisposeScope();
}

/// <summary>A draw x ~ p(x|z) for the decoder's output.</summary>
public override Tensor SampleData(Tensor decoded)
{
    using var scope = NewDisposeScope();
    var mean = decoded;
    // x = m + s ε, ε ~ N(0, I)
    var x = mean + LikelihoodScale * randn_like(mean);
    return x.MoveToOuterDisposeScope();
}

// runtime/gaussian-mixture.vae.yaml
// The floor of the likelihood's scale s = softplus(raw) + LikelihoodMinScale, and the raw value that makes s = 1.
private const double LikelihoodMinScale = 0.001;
private const double InitialRawScale = 0.5397424172369522;

// raw, one per feature.
private readonly Parameter rawLikelihoodScale;

// in the constructor:
rawLikelihoodScale = new Parameter(full(FeatureCount, InitialRawScale));

/// <summary>log p(x|z) per example, for x of [batch, FeatureCount] and the decoder's output of [..., batch, 1 · FeatureCount].</summary>
public Tensor LogLikelihood(Tensor x, Tensor decoded)
{
    using var scope = NewDisposeScope();
    var mean = decoded;
    // s = softplus(raw) + min_scale
    var scale = softplus(rawLikelihoodScale) + LikelihoodMinScale;
    // log p(x|z) = Σ_j [ -½ ((x_j - m_j) / s_j)² - log s_j - ½ log 2π ]
    var logP = (-0.5 * ((x - mean) / scale).square() - scale.log() - HalfLogTwoPi).sum(-1);
    return logP.MoveToOuterDisposeScope();
}

/// <summary>A draw x ~ p(x|z) for the decoder's output.</summary>
public override Tensor SampleData(Tensor decoded)
{
    using var scope = NewDisposeScope();
    var mean = decoded;
    // s = softplus(raw) + min_scale
    var scale = softplus(rawLikelihoodScale) + LikelihoodMinScale;
    // x = m + s ε, ε ~ N(0, I)
    var x = mean + scale * randn_like(mean);
    return x.MoveToOuterDisposeScope();
}
