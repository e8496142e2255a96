using System;
using System.Linq;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Emit.Kl;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Families;

/// <summary>
/// The closed-form KL(q || p) of each (posterior, prior) pair that has one. Where a pair has no entry, the ELBO's
/// KL term is Monte Carlo, log q(z|x) - log p(z) at the drawn z, and the module has no KlToPrior.
/// </summary>
internal static class KlTable
{
    private static readonly (Type Posterior, Type Prior, bool PerDimension, Func<EmitContext, IKlEmitter>? Emitter)[] Entries =
    [
        (typeof(DiagonalGaussianPosteriorSpec), typeof(StandardNormalPriorSpec), true, _ => new DiagonalGaussianStandardNormalKl()),
        (typeof(DiagonalGaussianPosteriorSpec), typeof(LearnedGaussianPriorSpec), true, _ => new DiagonalGaussianLearnedGaussianKl()),
        (typeof(FullGaussianPosteriorSpec), typeof(StandardNormalPriorSpec), false, _ => new FullGaussianStandardNormalKl()),
        (typeof(FullGaussianPosteriorSpec), typeof(LearnedGaussianPriorSpec), false, _ => new FullGaussianLearnedGaussianKl()),
    ];

    /// <summary>Every pair with a closed form, for tests that each has reference values.</summary>
    public static (Type Posterior, Type Prior)[] Pairs => Entries.Select(e => (e.Posterior, e.Prior)).ToArray();

    public static bool HasClosedForm(PosteriorSpec posterior, PriorSpec prior) => Find(posterior, prior).Emitter is not null;

    /// <summary>Whether the closed form is a sum of one KL per latent dimension, so that free bits apply.</summary>
    public static bool DecomposesPerDimension(PosteriorSpec posterior, PriorSpec prior) => Find(posterior, prior).PerDimension;

    /// <summary>The closed form for the model's pair, or null where the KL is Monte Carlo.</summary>
    public static IKlEmitter? ClosedForm(EmitContext context) => Find(context.Model.Posterior, context.Model.Prior).Emitter?.Invoke(context);

    private static (Type Posterior, Type Prior, bool PerDimension, Func<EmitContext, IKlEmitter>? Emitter) Find(PosteriorSpec posterior, PriorSpec prior) =>
        Entries.FirstOrDefault(e => e.Posterior == posterior.GetType() && e.Prior == prior.GetType());
}
