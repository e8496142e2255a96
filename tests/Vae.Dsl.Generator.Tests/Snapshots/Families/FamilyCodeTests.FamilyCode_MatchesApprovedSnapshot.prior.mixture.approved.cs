// models/fashion-mnist-mixture.vae.yaml
/// <summary>K, the components of the prior.</summary>
public const int PriorComponents = 10;

// The components' means m_k and log scales log τ_k, [K, LatentSize], and the logits of their weights π, [K].
private readonly Parameter priorMeans;
private readonly Parameter priorLogScales;
private readonly Parameter priorLogits;

// in the constructor:
priorMeans = new Parameter(randn(PriorComponents, LatentSize));
priorLogScales = new Parameter(zeros(PriorComponents, LatentSize));
priorLogits = new Parameter(zeros(PriorComponents));

/// <summary>log p(z) per example, for any z of [..., LatentSize].</summary>
public Tensor LogPrior(Tensor z)
{
    using var scope = NewDisposeScope();
    // log N(z; m_k, τ_k) = Σ_i [ -½ ((z_i - m_ki) / τ_ki)² - log τ_ki - ½ log 2π ]: [..., K]
    var eps = (z.unsqueeze(-2) - priorMeans) / priorLogScales.exp();
    var logComponents = (-0.5 * eps.square() - priorLogScales - HalfLogTwoPi).sum(-1);
    // log p(z) = logsumexp_k [ log π_k + log N(z; m_k, τ_k) ]
    var logP = (log_softmax(priorLogits, 0) + logComponents).logsumexp(-1);
    return logP.MoveToOuterDisposeScope();
}

/// <summary>n draws z ~ p(z): [n, LatentSize].</summary>
public override Tensor SamplePrior(int n)
{
    using var scope = NewDisposeScope();
    // k = argmax_k (log π_k + g_k), g_k ~ Gumbel(0, 1): a component drawn with probability π_k
    var gumbel = -(-rand(new long[] { n, PriorComponents }, device: priorMeans.device).log()).log();
    var k = (log_softmax(priorLogits, 0) + gumbel).max(-1).indexes;
    // z = m_k + τ_k ε, ε ~ N(0, I)
    var z = priorMeans.index_select(0, k) + priorLogScales.index_select(0, k).exp() * randn(n, LatentSize, device: priorMeans.device);
    return z.MoveToOuterDisposeScope();
}
