using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Posteriors;

/// <summary>σ from the encoder's raw scale head s, as the posterior's 'scale' and 'min-scale' say.</summary>
internal static class ScaleTransformCode
{
    public static string Describe(PosteriorSpec posterior) => posterior.Scale == ScaleTransform.Softplus
        ? $"σ = softplus(s) + {Literals.Double(posterior.MinScale)}"
        : "σ = exp(s)";

    public static void WriteConstants(SourceWriter w, PosteriorSpec posterior)
    {
        if (posterior.Scale == ScaleTransform.Softplus)
        {
            w.Line($$"""

                // The floor of σ = softplus(s) + MinScale.
                private const double MinScale = {{Literals.Double(posterior.MinScale)}};
                """);
        }
    }

    /// <summary>Two lines: the formula, and <c>var scale = …</c> from the head's output <paramref name="raw"/>.</summary>
    public static string Statement(PosteriorSpec posterior, string raw) => posterior.Scale == ScaleTransform.Softplus
        ? $"// σ = softplus(s) + min_scale\nvar scale = softplus({raw}) + MinScale;"
        : $"// σ = exp(s)\nvar scale = {raw}.exp();";
}
