using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// Where a bound is written: in the module (its own members, unqualified) or in the trainer (the members of
/// <c>Model</c>, and the module's constants by its type name).
/// </summary>
internal sealed record BoundSite(ModelSpec Model, IPosteriorEmitter Posterior, string Receiver, string LatentSize)
{
    public static BoundSite InModule(ModelSpec model, ModelParts parts) => new(model, parts.Posterior, string.Empty, "LatentSize");

    public static BoundSite InTrainer(ModelSpec model, ModelParts parts) => new(model, parts.Posterior, "Model.", model.Name + ".LatentSize");
}

/// <summary>
/// The terms of the ELBO and of IWAE_k, written once (docs/math.md, "Objectives"): the module's <c>Elbo</c> and
/// <c>Iwae</c> and the trainer's <c>Objective</c> (<see cref="ObjectiveEmitter"/>) all build on these statements, which
/// expect the posterior <c>q</c> of a batch <c>x</c> (and <c>y</c>, for a conditional model) in scope.
/// </summary>
internal static class Bounds
{
    /// <summary>
    /// The draws: ε of [batch, LatentSize] for one, or of [<paramref name="samples"/>, batch, LatentSize] (from
    /// <paramref name="generator"/> when given), and z = Reparameterize(q, ε).
    /// </summary>
    public static string Draws(BoundSite at, string samples, string? generator = null)
    {
        var eps = samples == "1" && generator is null
            ? "// ε ~ N(0, I): [batch, LatentSize]\nvar eps = randn_like(q.Mean);"
            : $"// ε_j ~ N(0, I), j = 1..{samples}: [{samples}, batch, LatentSize]\n" +
              $"var eps = randn({samples}, x.shape[0], {at.LatentSize}, dtype: q.Mean.dtype, device: q.Mean.device{(generator is null ? string.Empty : $", generator: {generator}")});";
        return eps + $"\nvar z = {at.Receiver}{at.Posterior.Reparameterize("q", "eps")};";
    }

    /// <summary>log p(x|z) at the draws, averaged over them when <paramref name="averageDraws"/>.</summary>
    public static string Reconstruction(BoundSite at, bool averageDraws = false) =>
        $"var reconstruction = {at.Receiver}LogLikelihood(x, {Conditioning.Decode(at.Model, "z", at.Receiver)}){(averageDraws ? ".mean([0])" : string.Empty)};";

    /// <summary>KL(q(z|x) ‖ p(z)): in closed form, or at the draws (with STL, log q's parameters stopped).</summary>
    public static string Kl(BoundSite at, KlEstimator estimator, GradientEstimator gradient, bool averageDraws = false)
    {
        var r = at.Receiver;
        if (estimator == KlEstimator.Analytic)
        {
            return $"var kl = {r}KlToPrior(q);";
        }

        var (logQ, comment) = gradient == GradientEstimator.StickingTheLanding
            ? (r + at.Posterior.LogDensity("q.Detach()", "z"), "; sticking the landing: log q's parameters stopped, z keeps its path")
            : (r + at.Posterior.LogDensityOfDraw("q", "eps"), string.Empty);
        var difference = $"{logQ} - {r}LogPrior(z)";
        return $"// KL ≈ log q(z|x) - log p(z) at the draws (Monte Carlo){comment}\n" +
               $"var kl = {(averageDraws ? $"({difference}).mean([0])" : difference)};";
    }

    /// <summary>The log importance weights log w_j of the draws, from the reconstruction and log q.</summary>
    public static string LogWeights(BoundSite at, GradientEstimator gradient)
    {
        var r = at.Receiver;
        var logQ = gradient == GradientEstimator.Standard
            ? $"var logQ = {r}{at.Posterior.LogDensityOfDraw("q", "eps")};"
            : $"// log q's parameters stopped, z keeps its path (sticking the landing)\nvar logQ = {r}{at.Posterior.LogDensity("q.Detach()", "z")};";
        return logQ + $"\n// log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x)\nvar logWeights = reconstruction + {r}LogPrior(z) - logQ;";
    }
}
