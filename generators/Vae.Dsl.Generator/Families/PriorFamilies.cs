using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Emit.Priors;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Families;

/// <summary>The prior families p(z).</summary>
internal static class PriorFamilies
{
    public static readonly FamilyRegistry<PriorSpec, IPriorEmitter> Registry = new(
        "prior family",
        "family",
        Family<PriorSpec, IPriorEmitter>.Of("standard-normal", [], _ => new StandardNormalPriorSpec(), (_, _) => new StandardNormalPriorEmitter()),
        Family<PriorSpec, IPriorEmitter>.Of("gaussian", [], _ => new LearnedGaussianPriorSpec(), (_, _) => new LearnedGaussianPriorEmitter()),
        Family<PriorSpec, IPriorEmitter>.Of("mixture", ["components"], s => s.Integer("components", null, 1, "a positive integer") is { } k ? new MixturePriorSpec((int)k) : null, (spec, _) => new MixturePriorEmitter(spec)),
        Family<PriorSpec, IPriorEmitter>.Of("vamp", ["pseudo-inputs"], s => s.Integer("pseudo-inputs", null, 1, "a positive integer") is { } k ? new VampPriorSpec((int)k) : null, (spec, context) => new VampPriorEmitter(spec, context.Posterior ?? throw new System.InvalidOperationException("the prior is built after the posterior it calls"))));
}
