using System;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Parsing;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Families;

/// <summary>The keys every posterior family shares: σ = softplus(s) + min-scale, or σ = exp(s).</summary>
internal static class PosteriorScale
{
    public static readonly string[] Keys = ["scale", "min-scale"];

    public static T? Read<T>(SectionReader section, Func<ScaleTransform, double, T> create)
        where T : class
    {
        var scale = section.Choice("scale", Vocabulary.Scale, ScaleTransform.Softplus);
        var minScale = section.Number("min-scale", 1e-4, 0, minimumIncluded: true, "a number ≥ 0");
        if (scale == ScaleTransform.Exp && section.Has("min-scale"))
        {
            section.Context.Report(
                KeyNotForChoice,
                section.KeyNode("min-scale"),
                "'posterior.min-scale' applies to 'scale: softplus' only (σ = softplus(s) + min-scale); with 'scale: exp', σ = exp(s)");
            return null;
        }

        return scale is null || minScale is null ? null : create(scale.Value, scale == ScaleTransform.Softplus ? minScale.Value : 0);
    }
}
