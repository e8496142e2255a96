// runtime/predicted-scale.vae.yaml
/// <summary>KL(q(z|x) || p(z)) per example, in closed form.</summary>
public Tensor KlToPrior(CholeskyPosterior q)
{
    using var scope = NewDisposeScope();
    // Σ_i log σ_i: the diagonal of L is σ
    var logDeterminant = q.ScaleTril.diagonal(0, -2, -1).log().sum(-1);
    // (LLᵀ)_ii = Σ_j L_ij²
    var variance = q.ScaleTril.square().sum(-1);
    var priorVariance = (2 * priorLogScale).exp();
    // KL = ½ Σ_i [ ((LLᵀ)_ii + (μ_i - m_i)²) / τ_i² - 1 + 2 log τ_i ] - Σ_i log σ_i
    var kl = 0.5 * ((variance + (q.Mean - priorMean).square()) / priorVariance - 1 + 2 * priorLogScale).sum(-1) - logDeterminant;
    return kl.MoveToOuterDisposeScope();
}
