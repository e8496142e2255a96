// models/fashion-mnist-full.vae.yaml
/// <summary>KL(q(z|x) || p(z)) per example, in closed form.</summary>
public Tensor KlToPrior(CholeskyPosterior q)
{
    using var scope = NewDisposeScope();
    // Σ_i log σ_i: the diagonal of L is σ
    var logDeterminant = q.ScaleTril.diagonal(0, -2, -1).log().sum(-1);
    var d = q.Mean.shape[^1];
    // KL = ½ ( ‖L‖_F² + ‖μ‖² - d - 2 Σ_i log σ_i )
    var kl = 0.5 * (q.ScaleTril.square().sum([-2, -1]) + q.Mean.square().sum(-1) - d - 2 * logDeterminant);
    return kl.MoveToOuterDisposeScope();
}
