using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Emit.Posteriors;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Parsing;

namespace Vae.Dsl.Generator.Families;

/// <summary>The posterior families q(z|x). Both read 'scale' and 'min-scale' (see <see cref="PosteriorScale"/>).</summary>
internal static class PosteriorFamilies
{
    public static readonly FamilyRegistry<PosteriorSpec, IPosteriorEmitter> Registry = new(
        "posterior family",
        "family",
        Family<PosteriorSpec, IPosteriorEmitter>.Of("gaussian-diagonal", [], s => PosteriorScale.Read(s, (t, m) => new DiagonalGaussianPosteriorSpec(t, m)), (spec, c) => new DiagonalGaussianPosteriorEmitter(spec, c)),
        Family<PosteriorSpec, IPosteriorEmitter>.Of("gaussian-full", [], s => PosteriorScale.Read(s, (t, m) => new FullGaussianPosteriorSpec(t, m)), (spec, c) => new FullGaussianPosteriorEmitter(spec, c)));
}
