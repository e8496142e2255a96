using System.Collections.Generic;
using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// Emits the trainer's <c>Objective</c>: the loss one batch minimises, as the model file's objective says (ELBO with S
/// draws, analytic or Monte Carlo KL, β, free bits; or IWAE_k), with the gradient estimator it names (standard, STL,
/// DReG), and the ELBO terms reported for the batch. The formulas are those of docs/math.md, "Objectives" and
/// "Gradient estimators". Where the objective is the module's own ELBO (one draw, the KL the module uses, the
/// standard gradient, no free bits), the runtime's <c>VaeTrainer.Objective</c> is that ELBO with β, and nothing is written,
/// but the native passes' loss and gradients where they compute it (<see cref="NativeMlpVaeEmitter"/>).
/// </summary>
internal static class ObjectiveEmitter
{
    /// <summary>Whether Objective takes β: the ELBO does, IWAE has no separate KL term to weigh.</summary>
    public static bool TakesBeta(ObjectiveSpec objective) => objective.Estimator == Estimator.Elbo;

    public static string Describe(ObjectiveSpec objective)
    {
        var gradient = objective.Gradient switch
        {
            GradientEstimator.StickingTheLanding => ", sticking-the-landing gradient",
            GradientEstimator.DoublyReparameterized => ", doubly reparameterized gradient",
            _ => string.Empty,
        };
        if (objective.Estimator == Estimator.Iwae)
        {
            return $"IWAE with k = {objective.Samples}{gradient}";
        }

        var parts = new List<string> { $"ELBO with {objective.Samples} draw(s)", objective.Kl == KlEstimator.Analytic ? "analytic KL" : "Monte Carlo KL" };
        if (objective.Beta != 1)
        {
            parts.Add($"β = {Literals.Double(objective.Beta)}");
        }

        if (objective.Warmup is { } warmup)
        {
            parts.Add($"KL warm-up over {warmup.Length} {(warmup.Unit == WarmupUnit.Epochs ? "epochs" : "steps")}");
        }

        if (objective.FreeBits > 0)
        {
            parts.Add($"free bits λ = {Literals.Double(objective.FreeBits)}");
        }

        return string.Join(", ", parts) + gradient;
    }

    public static void Write(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        var objective = model.Objective;
        if (IsModuleElbo(objective, parts))
        {
            if (NativeMlpVaeEmitter.TrainsNatively(model, parts))
            {
                NativeMlpVaeEmitter.WriteLossAndGradients(w);
            }

            return;
        }

        var body = objective.Estimator == Estimator.Elbo ? Elbo(model, parts) : Iwae(model, parts);
        var classes = model.IsConditional ? "// a conditional model needs the classes y of the batch\nArgumentNullException.ThrowIfNull(y);\n" : string.Empty;
        var beta = TakesBeta(objective) ? string.Empty : " IWAE has no KL term for β to weigh.";
        w.Line($$"""

            /// <summary>
            /// The training objective for a batch: {{Literals.Xml(Describe(objective))}}. Returns the loss to minimise and the
            /// per-example ELBO terms to report.{{beta}}
            /// </summary>
            public override (Tensor Loss, ElboTerms Terms) Objective(Tensor x, Tensor? y, double beta)
            {
                {{Code.Indent(classes, 1)}}var q = Model.Encode({{Conditioning.Arguments(model)}});
                {{Code.Indent(body, 1)}}
            }
            """);
    }

    /// <summary>Whether the objective is the module's Elbo (weighed by β), as the runtime's default Objective computes it.</summary>
    public static bool IsModuleElbo(ObjectiveSpec objective, ModelParts parts) =>
        objective.Estimator == Estimator.Elbo
        && objective.Samples == 1
        && objective.Kl == (parts.Kl is not null ? KlEstimator.Analytic : KlEstimator.MonteCarlo)
        && objective.Gradient == GradientEstimator.Standard
        && objective.FreeBits == 0;

    private static string Elbo(ModelSpec model, ModelParts parts)
    {
        var objective = model.Objective;
        var at = BoundSite.InTrainer(model, parts);
        var averageDraws = objective.Samples > 1;
        var lines = new List<string>
        {
            Bounds.Draws(at, objective.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Bounds.Reconstruction(at, averageDraws),
            Bounds.Kl(at, objective.Kl, objective.Gradient, averageDraws),
        };

        if (objective.FreeBits > 0)
        {
            lines.Add($"// free bits: Σ_i max(λ, KL_i averaged over the batch), λ = {Literals.Double(objective.FreeBits)}");
            lines.Add($"var klTerm = Model.KlToPriorPerDimension(q).mean([0]).clamp_min({Literals.Double(objective.FreeBits)}).sum();");
            lines.Add("// loss = -[ mean over the batch of log p(x|z) - β · Σ_i max(λ, KL_i) ]");
            lines.Add("var loss = -(reconstruction.mean() - beta * klTerm);");
        }
        else
        {
            lines.Add("// loss = mean over the batch of [ β · KL - log p(x|z) ], the negated ELBO");
            lines.Add("var loss = (beta * kl - reconstruction).mean();");
        }

        lines.Add("return (loss, new ElboTerms(reconstruction - kl, reconstruction, kl));");
        return string.Join("\n", lines);
    }

    private static string Iwae(ModelSpec model, ModelParts parts)
    {
        var objective = model.Objective;
        var k = objective.Samples;
        var at = BoundSite.InTrainer(model, parts);
        var lines = new List<string>
        {
            Bounds.Draws(at, k.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Bounds.Reconstruction(at),
            Bounds.LogWeights(at, objective.Gradient),
        };
        lines.Add("// reported: the ELBO terms of the first draw");
        lines.Add("var terms = new ElboTerms(logWeights.narrow(0, 0, 1).squeeze(0), reconstruction.narrow(0, 0, 1).squeeze(0), reconstruction.narrow(0, 0, 1).squeeze(0) - logWeights.narrow(0, 0, 1).squeeze(0));");
        if (objective.Gradient == GradientEstimator.DoublyReparameterized)
        {
            lines.Add("// w̃_j = softmax_j log w_j, gradients stopped");
            lines.Add("var weights = softmax(logWeights.detach(), 0);");
            lines.Add("// DReG: the decoder's gradient is Σ_j w̃_j ∇_θ log w_j, the encoder's Σ_j w̃_j² ∇_φ log w_j. Scaling z_j's path to φ");
            lines.Add("// by w̃_j (its value unchanged) makes the one surrogate Σ_j w̃_j log w_j give both.");
            lines.Add("var scaledZ = z.detach() + weights.unsqueeze(-1) * (z - z.detach());");
            lines.Add($"var scaledLogWeights = Model.LogLikelihood(x, {Conditioning.Decode(model, "scaledZ", "Model.")}) + Model.LogPrior(scaledZ) - Model.{at.Posterior.LogDensity("q.Detach()", "scaledZ")};");
            lines.Add("var loss = -(weights * scaledLogWeights).sum(dim: 0).mean();");
        }
        else
        {
            lines.Add("// IWAE_k = logsumexp_j log w_j - log k");
            lines.Add($"var loss = -(logWeights.logsumexp(0) - Math.Log({k})).mean();");
        }

        lines.Add("return (loss, terms);");
        return string.Join("\n", lines);
    }
}
