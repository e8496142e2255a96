using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Specs;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// The 'objective' section: the estimator and its samples, the gradient estimator, and the ELBO's KL options, with
/// the rules that tie them to each other and to the (posterior, prior) pair's closed-form KL.
/// </summary>
internal static class ObjectiveReader
{
    public static ObjectiveSpec? Read(SectionReader root, PosteriorSpec? posterior, PriorSpec? prior)
    {
        var closedForm = posterior is null || prior is null || KlTable.HasClosedForm(posterior, prior);
        if (!root.Has("objective"))
        {
            return new ObjectiveSpec(Estimator.Elbo, 1, GradientEstimator.Standard, closedForm ? KlEstimator.Analytic : KlEstimator.MonteCarlo, 1, null, 0);
        }

        var section = root.Section("objective", required: false, "a mapping", "estimator", "samples", "gradient", "kl", "beta", "warmup", "free-bits");
        if (section is null)
        {
            return null;
        }

        var estimator = section.Choice("estimator", Vocabulary.Estimator, Estimator.Elbo);
        var samples = section.Integer("samples", 1, 1, "a positive integer", 100_000);
        var gradient = section.Choice("gradient", Vocabulary.Gradient, GradientEstimator.Standard);
        var stl = gradient == GradientEstimator.StickingTheLanding;
        var kl = section.Choice("kl", Vocabulary.Kl, closedForm && !stl ? KlEstimator.Analytic : KlEstimator.MonteCarlo);
        var beta = section.Number("beta", 1, 0, minimumIncluded: true, "a number ≥ 0");
        var freeBits = section.Number("free-bits", 0, 0, minimumIncluded: true, "a number ≥ 0");
        var warmup = ReadWarmup(section, out var valid);

        if (estimator == Estimator.Iwae)
        {
            foreach (var key in new[] { "kl", "beta", "warmup", "free-bits" })
            {
                if (section.Has(key))
                {
                    section.Context.Report(ObjectiveOptionDoesNotFit, section.KeyNode(key), $"'objective.{key}' shapes the ELBO's KL term; 'estimator: iwae' has none");
                    valid = false;
                }
            }
        }
        else if (gradient == GradientEstimator.DoublyReparameterized)
        {
            section.Context.Report(ObjectiveOptionDoesNotFit, section.Node("gradient")!, "'gradient: dreg' (doubly reparameterized) is an estimator for 'estimator: iwae'; for the ELBO use 'standard' or 'stl'");
            valid = false;
        }

        if (estimator == Estimator.Elbo && stl && kl == KlEstimator.Analytic)
        {
            section.Context.Report(ObjectiveOptionDoesNotFit, section.Node("kl")!, "'gradient: stl' stops the gradient of log q(z|x) at the drawn z, so the KL must be 'monte-carlo'");
            valid = false;
        }

        if (estimator == Estimator.Elbo && kl == KlEstimator.Analytic && !closedForm)
        {
            section.Context.Report(NoClosedFormKl, section.Node("kl")!, PosteriorFamilies.Registry.WordFor(posterior!), PriorFamilies.Registry.WordFor(prior!));
            valid = false;
        }

        if (freeBits > 0 && posterior is not null && prior is not null &&
            (kl != KlEstimator.Analytic || !KlTable.DecomposesPerDimension(posterior, prior)))
        {
            var why = kl != KlEstimator.Analytic
                ? "this objective's KL is Monte Carlo"
                : $"the KL of a {PosteriorFamilies.Registry.WordFor(posterior)} posterior to a {PriorFamilies.Registry.WordFor(prior)} prior does not split by dimension";
            section.Context.Report(FreeBitsNeedPerDimensionKl, section.Node("free-bits")!, why);
            valid = false;
        }

        return estimator is null || samples is null || gradient is null || kl is null || beta is null || freeBits is null || !valid
            ? null
            : new ObjectiveSpec(estimator.Value, (int)samples, gradient.Value, kl.Value, beta.Value, warmup, freeBits.Value);
    }

    private static WarmupSpec? ReadWarmup(SectionReader objective, out bool valid)
    {
        valid = true;
        if (!objective.Has("warmup"))
        {
            return null;
        }

        var section = objective.Section("warmup", required: false, "a mapping", "epochs", "steps");
        if (section is null)
        {
            valid = false;
            return null;
        }

        if (section.Has("epochs") == section.Has("steps"))
        {
            objective.Context.Report(
                IncompatibleSettings,
                objective.KeyNode("warmup"),
                "'objective.warmup' takes exactly one of 'epochs' or 'steps': the length of the KL warm-up, β_t = β · min(1, t / length)");
            valid = false;
            return null;
        }

        var unit = section.Has("epochs") ? WarmupUnit.Epochs : WarmupUnit.Steps;
        var length = section.Integer(unit == WarmupUnit.Epochs ? "epochs" : "steps", null, 1, "a positive integer");
        valid = length is not null;
        return length is null ? null : new WarmupSpec(unit, (int)length);
    }
}
