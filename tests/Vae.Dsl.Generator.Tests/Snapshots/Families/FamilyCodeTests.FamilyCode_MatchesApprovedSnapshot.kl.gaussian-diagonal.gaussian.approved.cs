// models/fashion-mnist-grey.vae.yaml
/// <summary>KL(q(z|x) || p(z)) of each latent dimension, in closed form: [batch, LatentSize].</summary>
public Tensor KlToPriorPerDimension(DiagonalPosterior q)
{
    using var scope = NewDisposeScope();
    // KL_i = log τ_i - log σ_i + (σ_i² + (μ_i - m_i)²) / (2 τ_i²) - ½
    var priorVariance = (2 * priorLogScale).exp();
    var kl = priorLogScale - q.Scale.log() + (q.Scale.square() + (q.Mean - priorMean).square()) / (2 * priorVariance) - 0.5;
    return kl.MoveToOuterDisposeScope();
}

/// <summary>KL(q(z|x) || p(z)) per example, in closed form: Σ_i KL_i.</summary>
public Tensor KlToPrior(DiagonalPosterior q)
{
    using var perDimension = KlToPriorPerDimension(q);
    return perDimension.sum(-1);
}
