using System.Globalization;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Emit.Likelihoods;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Parsing;
using YamlDotNet.RepresentationModel;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Families;

/// <summary>The likelihood families p(x|z).</summary>
internal static class LikelihoodFamilies
{
    public static readonly FamilyRegistry<LikelihoodSpec, ILikelihoodEmitter> Registry = new(
        "likelihood family",
        "family",
        Family<LikelihoodSpec, ILikelihoodEmitter>.Of("bernoulli", [], _ => new BernoulliLikelihoodSpec(), (_, _) => new BernoulliLikelihoodEmitter()),
        Family<LikelihoodSpec, ILikelihoodEmitter>.Of("continuous-bernoulli", [], _ => new ContinuousBernoulliLikelihoodSpec(), (_, _) => new ContinuousBernoulliLikelihoodEmitter()),
        Family<LikelihoodSpec, ILikelihoodEmitter>.Of("gaussian", ScaleKeys, s => ReadScale(s) is { } scale ? new GaussianLikelihoodSpec(scale) : null, (spec, _) => new GaussianLikelihoodEmitter(spec)),
        Family<LikelihoodSpec, ILikelihoodEmitter>.Of("laplace", ScaleKeys, s => ReadScale(s) is { } scale ? new LaplaceLikelihoodSpec(scale) : null, (spec, _) => new LaplaceLikelihoodEmitter(spec)),
        Family<LikelihoodSpec, ILikelihoodEmitter>.Of("categorical", ["classes"], s => s.Integer("classes", null, 2, "an integer ≥ 2") is { } k ? new CategoricalLikelihoodSpec((int)k) : null, (spec, _) => new CategoricalLikelihoodEmitter(spec)));

    private static string[] ScaleKeys => ["scale", "min-scale"];

    /// <summary>'scale': a positive number (fixed), 'learned' (one per feature) or 'predicted' (by the decoder); default learned.</summary>
    private static LikelihoodScale? ReadScale(SectionReader section)
    {
        var node = section.Node("scale");
        var kind = LikelihoodScaleKind.Learned;
        var value = 0.0;
        if (node is not null)
        {
            var text = (node as YamlScalarNode)?.Value;
            if (text == "learned" || text == "predicted")
            {
                kind = text == "learned" ? LikelihoodScaleKind.Learned : LikelihoodScaleKind.Predicted;
            }
            else if (node is YamlScalarNode && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                var fixedScale = section.Number("scale", null, 0, minimumIncluded: false, "a number > 0, 'learned' or 'predicted'");
                if (fixedScale is null)
                {
                    return null;
                }

                kind = LikelihoodScaleKind.Fixed;
                value = fixedScale.Value;
            }
            else
            {
                section.Context.Report(WrongType, node, section.PathOf("scale"), "a number > 0, 'learned' or 'predicted'", ReadContext.Describe(node));
                return null;
            }
        }

        var minScale = section.Number("min-scale", 1e-3, 0, minimumIncluded: true, "a number ≥ 0");
        if (kind == LikelihoodScaleKind.Fixed && section.Has("min-scale"))
        {
            section.Context.Report(KeyNotForChoice, section.KeyNode("min-scale"), "'likelihood.min-scale' is the floor of a learned or predicted scale, s = softplus(raw) + min-scale; a fixed scale has none");
            return null;
        }

        return minScale is null ? null : new LikelihoodScale(kind, kind == LikelihoodScaleKind.Fixed ? value : minScale.Value);
    }
}
