using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Likelihoods;

/// <summary>
/// p(x|z) = Π_j Categorical(c_j; softmax(η_·j)) over K classes per feature, where x in [0, 1] stands for the class
/// c = round(x · (K - 1)); the decoder gives the logits laid out class-major, [..., K, FeatureCount]
/// (docs/math.md, "categorical").
/// </summary>
internal sealed class CategoricalLikelihoodEmitter(CategoricalLikelihoodSpec spec) : ILikelihoodEmitter
{
    public string Description => $"categorical over {spec.Classes} classes per feature, x = c / {spec.Classes - 1}";

    public string? LogLikelihoodOfLinear(string h, string layer) => null;

    public int ParametersPerFeature => spec.Classes;

    public string DecodedDescription => "the logits η, class-major: [..., Classes · FeatureCount], viewed as [..., Classes, FeatureCount]";

    public void WriteFields(SourceWriter w) => w.Line($$"""

        /// <summary>K, the classes of each feature: x in [0, 1] stands for the class round(x · (K - 1)).</summary>
        public const int Classes = {{spec.Classes}};
        """);

    public void WriteConstruction(SourceWriter w)
    {
    }

    public void WriteMembers(SourceWriter w) => w.Line("""

        /// <summary>log p(x|z) per example, for x in [0, 1] of [batch, FeatureCount] and logits of [..., batch, Classes · FeatureCount].</summary>
        public Tensor LogLikelihood(Tensor x, Tensor decoded)
        {
            using var scope = NewDisposeScope();
            // c_j = round(x_j · (K - 1))
            var classes = (x * (Classes - 1)).round().to_type(ScalarType.Int64);
            var logits = decoded.view([.. decoded.shape[..^1], Classes, decoded.shape[^1] / Classes]);
            var index = classes.unsqueeze(-2).expand([.. logits.shape[..^2], 1, logits.shape[^1]]);
            // log p(x|z) = Σ_j log softmax(η_·j)[c_j]
            var logP = log_softmax(logits, -2).gather(-2, index).squeeze(-2).sum(-1);
            return logP.MoveToOuterDisposeScope();
        }

        /// <summary>E[x|z] = Σ_c softmax(η)_c · c / (K - 1) for the decoder's output.</summary>
        public override Tensor ExpectedData(Tensor decoded)
        {
            using var scope = NewDisposeScope();
            var logits = decoded.view([.. decoded.shape[..^1], Classes, decoded.shape[^1] / Classes]);
            var values = arange(Classes, dtype: logits.dtype, device: logits.device).unsqueeze(-1) / (Classes - 1);
            var mean = (softmax(logits, -2) * values).sum(-2);
            return mean.MoveToOuterDisposeScope();
        }

        /// <summary>A draw x ~ p(x|z) for the decoder's output: the class c by the Gumbel-max trick, x = c / (K - 1).</summary>
        public override Tensor SampleData(Tensor decoded)
        {
            using var scope = NewDisposeScope();
            var logits = decoded.view([.. decoded.shape[..^1], Classes, decoded.shape[^1] / Classes]);
            // c = argmax_c (η_c + g_c), g_c = -log(-log U_c) ~ Gumbel(0, 1)
            var classes = (logits - (-rand_like(logits).log()).log()).max(-2).indexes;
            var x = classes.to_type(logits.dtype) / (Classes - 1);
            return x.MoveToOuterDisposeScope();
        }
        """);
}
