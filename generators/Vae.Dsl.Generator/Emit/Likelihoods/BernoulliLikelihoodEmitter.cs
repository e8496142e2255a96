namespace Vae.Dsl.Generator.Emit.Likelihoods;

/// <summary>p(x|z) = Π_j Bernoulli(x_j; sigmoid(η_j)), the decoder giving the logits η (docs/math.md, "bernoulli").</summary>
internal sealed class BernoulliLikelihoodEmitter : ILikelihoodEmitter
{
    public string Description => "Bernoulli with logits η";

    public int ParametersPerFeature => 1;

    public string DecodedDescription => "the Bernoulli logits η, [..., FeatureCount]";

    public string? LogLikelihoodOfLinear(string h, string layer) => $"""
        // log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ], η = h Wᵀ + b from the decoder's last Linear (with no graph
        // to record, as in the evaluation, the runtime's fused pass, which never stores η)
        var reconstruction = LinearBernoulliLogLikelihood.Of({h}, {layer}, x);
        """;

    public void WriteFields(SourceWriter w)
    {
    }

    public void WriteConstruction(SourceWriter w)
    {
    }

    public void WriteMembers(SourceWriter w) => w.Line("""

        /// <summary>log p(x|z) per example, for x in {0, 1} of [batch, FeatureCount] and logits η of [..., batch, FeatureCount].</summary>
        public Tensor LogLikelihood(Tensor x, Tensor decoded) =>
            // log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ] = -Σ_j BCE(η_j, x_j), x broadcast over the leading sample
            // dimensions of η (the runtime's fused pass forward and backward, stable for any η)
            BernoulliLogLikelihood.Of(decoded, x);

        /// <summary>E[x|z] = sigmoid(η) for the decoder's output.</summary>
        public override Tensor ExpectedData(Tensor decoded) => torch.sigmoid(decoded);

        /// <summary>A draw x ~ p(x|z) for the decoder's output.</summary>
        public override Tensor SampleData(Tensor decoded)
        {
            using var probabilities = torch.sigmoid(decoded);
            // x ~ Bernoulli(sigmoid(η))
            return bernoulli(probabilities);
        }
        """);
}
