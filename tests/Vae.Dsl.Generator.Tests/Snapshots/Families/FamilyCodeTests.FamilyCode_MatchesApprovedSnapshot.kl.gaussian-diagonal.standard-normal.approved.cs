// models/fashion-mnist-conditional.vae.yaml
/// <summary>KL(q(z|x) || p(z)) of each latent dimension, in closed form: [batch, LatentSize].</summary>
public Tensor KlToPriorPerDimension(DiagonalPosterior q)
{
    using var scope = NewDisposeScope();
    // KL_i = ½ ( σ_i² + μ_i² - 1 - 2 log σ_i )
    var kl = 0.5 * (q.Scale.square() + q.Mean.square() - 1 - 2 * q.Scale.log());
    return kl.MoveToOuterDisposeScope();
}

/// <summary>KL(q(z|x) || p(z)) per example, in closed form: Σ_i KL_i.</summary>
public Tensor KlToPrior(DiagonalPosterior q)
{
    using var perDimension = KlToPriorPerDimension(q);
    return perDimension.sum(-1);
}
