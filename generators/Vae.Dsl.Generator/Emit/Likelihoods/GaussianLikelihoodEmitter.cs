using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Likelihoods;

/// <summary>p(x|z) = Π_j N(x_j; m_j, s_j²), the decoder giving the mean m (docs/math.md, "gaussian").</summary>
internal sealed class GaussianLikelihoodEmitter(GaussianLikelihoodSpec spec) : ILikelihoodEmitter
{
    private readonly LikelihoodScaleCode scale = new(spec.Scale);

    public string Description => $"Gaussian with mean m, {scale.Describe("s")}";

    public string? LogLikelihoodOfLinear(string h, string layer) => null;

    public int ParametersPerFeature => scale.ParametersPerFeature;

    public string DecodedDescription => scale.DecodedDescription("mean m");

    public void WriteFields(SourceWriter w) => scale.WriteFields(w);

    public void WriteConstruction(SourceWriter w) => scale.WriteConstruction(w);

    public void WriteMembers(SourceWriter w) => w.Line($$"""

        /// <summary>log p(x|z) per example, for x of [batch, FeatureCount] and the decoder's output of [..., batch, {{ParametersPerFeature}} · FeatureCount].</summary>
        public Tensor LogLikelihood(Tensor x, Tensor decoded)
        {
            using var scope = NewDisposeScope();
            {{Code.Indent(scale.Statements, 1)}}
            // log p(x|z) = Σ_j [ -½ ((x_j - m_j) / s_j)² - log s_j - ½ log 2π ]
            var logP = (-0.5 * ((x - mean) / {{scale.Scale}}).square() - {{scale.LogScale}} - HalfLogTwoPi).sum(-1);
            return logP.MoveToOuterDisposeScope();
        }

        /// <summary>E[x|z] = m for the decoder's output.</summary>
        public override Tensor ExpectedData(Tensor decoded)
        {
            using var scope = NewDisposeScope();
            {{scale.MeanStatement}}
            return mean.clone().MoveToOuterDisposeScope();
        }

        /// <summary>A draw x ~ p(x|z) for the decoder's output.</summary>
        public override Tensor SampleData(Tensor decoded)
        {
            using var scope = NewDisposeScope();
            {{Code.Indent(scale.Statements, 1)}}
            // x = m + s ε, ε ~ N(0, I)
            var x = mean + {{scale.Scale}} * randn_like(mean);
            return x.MoveToOuterDisposeScope();
        }
        """);
}
