using System;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Likelihoods;

/// <summary>
/// The scale s of a Gaussian or Laplace likelihood: a constant, a learned parameter per feature, or predicted by the
/// decoder, with s = softplus(raw) + min_scale for the last two. The decoder's output then holds the mean m, or
/// [m | raw] (parameter-major) when the scale is predicted.
/// </summary>
internal sealed class LikelihoodScaleCode(LikelihoodScale scale)
{
    public int ParametersPerFeature => scale.Kind == LikelihoodScaleKind.Predicted ? 2 : 1;

    /// <summary>softplus(raw) at the start: s starts at 1, or at 1 + its floor where the floor is 1 or more.</summary>
    private double InitialSoftplus => scale.Value < 1 ? 1 - scale.Value : 1.0;

    private string InitialScaleText => scale.Value < 1 ? "1" : "1 + LikelihoodMinScale";

    /// <summary>softplus⁻¹(y) = log(e^y - 1), which is y itself to double precision once y > 40 (where e^y would overflow).</summary>
    private static double InverseSoftplus(double y) => y > 40 ? y : Math.Log(Math.Exp(y) - 1);

    public string Describe(string symbol) => scale.Kind switch
    {
        LikelihoodScaleKind.Fixed => $"fixed {symbol} = {Literals.Double(scale.Value)}",
        LikelihoodScaleKind.Learned => $"{symbol} = softplus(raw) + {Literals.Double(scale.Value)} learned per feature",
        _ => $"{symbol} = softplus(raw) + {Literals.Double(scale.Value)} predicted per feature",
    };

    public string DecodedDescription(string what) => scale.Kind == LikelihoodScaleKind.Predicted
        ? $"[{what} | raw scale], each FeatureCount wide: [..., 2 · FeatureCount]"
        : $"the {what}, [..., FeatureCount]";

    public void WriteFields(SourceWriter w)
    {
        switch (scale.Kind)
        {
            case LikelihoodScaleKind.Fixed:
                w.Line($$"""

                    // The likelihood's fixed scale s, and log s.
                    private const double LikelihoodScale = {{Literals.Double(scale.Value)}};
                    private static readonly double LogLikelihoodScale = Math.Log(LikelihoodScale);
                    """);
                break;
            case LikelihoodScaleKind.Learned:
                w.Line($$"""

                    // The floor of the likelihood's scale s = softplus(raw) + LikelihoodMinScale, and the raw value that makes s = {{InitialScaleText}}.
                    private const double LikelihoodMinScale = {{Literals.Double(scale.Value)}};
                    private const double InitialRawScale = {{Literals.Double(InverseSoftplus(InitialSoftplus))}};

                    // raw, one per feature.
                    private readonly Parameter rawLikelihoodScale;
                    """);
                break;
            default:
                w.Line($$"""

                    // The floor of the likelihood's scale s = softplus(raw) + LikelihoodMinScale.
                    private const double LikelihoodMinScale = {{Literals.Double(scale.Value)}};
                    """);
                break;
        }
    }

    public void WriteConstruction(SourceWriter w)
    {
        if (scale.Kind == LikelihoodScaleKind.Learned)
        {
            w.Line("rawLikelihoodScale = new Parameter(full(FeatureCount, InitialRawScale));");
        }
    }

    /// <summary>Statements that set <c>mean</c> and (unless fixed) <c>scale</c> from <c>decoded</c>.</summary>
    public string Statements => scale.Kind switch
    {
        LikelihoodScaleKind.Fixed => "var mean = decoded;",
        LikelihoodScaleKind.Learned => "var mean = decoded;\n// s = softplus(raw) + min_scale\nvar scale = softplus(rawLikelihoodScale) + LikelihoodMinScale;",
        _ => "// decoded = [m | raw], each half as wide\nvar features = decoded.shape[^1] / 2;\nvar mean = decoded.narrow(-1, 0, features);\n// s = softplus(raw) + min_scale\nvar scale = softplus(decoded.narrow(-1, features, features)) + LikelihoodMinScale;",
    };

    /// <summary>The expression for s.</summary>
    public string Scale => scale.Kind == LikelihoodScaleKind.Fixed ? "LikelihoodScale" : "scale";

    /// <summary>The expression for log s.</summary>
    public string LogScale => scale.Kind == LikelihoodScaleKind.Fixed ? "LogLikelihoodScale" : "scale.log()";

    /// <summary>The statement that sets <c>mean</c> alone.</summary>
    public string MeanStatement => scale.Kind == LikelihoodScaleKind.Predicted ? "var mean = decoded.narrow(-1, 0, decoded.shape[^1] / 2);" : "var mean = decoded;";
}
