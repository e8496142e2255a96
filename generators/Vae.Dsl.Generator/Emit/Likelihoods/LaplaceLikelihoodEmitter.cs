using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Likelihoods;

/// <summary>p(x|z) = Π_j Laplace(x_j; m_j, b_j), the decoder giving the location m (docs/math.md, "laplace").</summary>
internal sealed class LaplaceLikelihoodEmitter(LaplaceLikelihoodSpec spec) : ILikelihoodEmitter
{
    private readonly LikelihoodScaleCode scale = new(spec.Scale);

    public string Description => $"Laplace with location m, {scale.Describe("b")}";

    public string? LogLikelihoodOfLinear(string h, string layer) => null;

    public int ParametersPerFeature => scale.ParametersPerFeature;

    public string DecodedDescription => scale.DecodedDescription("location m");

    public void WriteFields(SourceWriter w)
    {
        scale.WriteFields(w);
        w.Line("""

            // log 2
            private static readonly double LogTwo = Math.Log(2);
            """);
    }

    public void WriteConstruction(SourceWriter w) => scale.WriteConstruction(w);

    public void WriteMembers(SourceWriter w) => w.Line($$"""

        /// <summary>log p(x|z) per example, for x of [batch, FeatureCount] and the decoder's output of [..., batch, {{ParametersPerFeature}} · FeatureCount].</summary>
        public Tensor LogLikelihood(Tensor x, Tensor decoded)
        {
            using var scope = NewDisposeScope();
            {{Code.Indent(scale.Statements, 1)}}
            // log p(x|z) = Σ_j [ -|x_j - m_j| / b_j - log 2b_j ]
            var logP = (-(x - mean).abs() / {{scale.Scale}} - {{scale.LogScale}} - LogTwo).sum(-1);
            return logP.MoveToOuterDisposeScope();
        }

        /// <summary>E[x|z] = m for the decoder's output.</summary>
        public override Tensor ExpectedData(Tensor decoded)
        {
            using var scope = NewDisposeScope();
            {{scale.MeanStatement}}
            return mean.clone().MoveToOuterDisposeScope();
        }

        /// <summary>A draw x ~ p(x|z) for the decoder's output, by inverting the CDF at u ~ U(-½, ½).</summary>
        public override Tensor SampleData(Tensor decoded)
        {
            using var scope = NewDisposeScope();
            {{Code.Indent(scale.Statements, 1)}}
            var u = rand_like(mean) - 0.5;
            // x = m - b sign(u) log(1 - 2|u|)
            var x = mean - {{scale.Scale}} * u.sign() * (-2 * u.abs()).log1p();
            return x.MoveToOuterDisposeScope();
        }
        """);
}
