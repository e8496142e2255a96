// models/fashion-mnist-grey.vae.yaml
// The prior's mean m and log scale log τ, each [LatentSize].
private readonly Parameter priorMean;
private readonly Parameter priorLogScale;

// in the constructor:
priorMean = new Parameter(zeros(LatentSize));
priorLogScale = new Parameter(zeros(LatentSize));

/// <summary>log p(z) per example, for any z of [..., LatentSize].</summary>
public Tensor LogPrior(Tensor z)
{
    using var scope = NewDisposeScope();
    // log p(z) = Σ_i [ -½ ((z_i - m_i) / τ_i)² - log τ_i - ½ log 2π ]
    var logP = (-0.5 * ((z - priorMean) / priorLogScale.exp()).square() - priorLogScale - HalfLogTwoPi).sum(-1);
    return logP.MoveToOuterDisposeScope();
}

/// <summary>n draws z ~ p(z): [n, LatentSize].</summary>
public override Tensor SamplePrior(int n)
{
    using var scope = NewDisposeScope();
    // z = m + τ ε, ε ~ N(0, I)
    var z = priorMean + priorLogScale.exp() * randn(n, LatentSize, device: priorMean.device);
    return z.MoveToOuterDisposeScope();
}
