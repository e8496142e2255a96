namespace Vae.Dsl.Generator.Emit.Likelihoods;

/// <summary>p(x|z) = Π_j Bernoulli(x_j; sigmoid(η_j)), the decoder giving the logits η (docs/math.md).</summary>
internal static class BernoulliLikelihood
{
    public const string Description = "Bernoulli with logits η";

    public const string DecoderOutput = "Bernoulli logits η";

    public static void WriteLogLikelihood(SourceWriter w) => w.Line("""

        /// <summary>
        /// log p(x|z) per example, for x in {0, 1} of [batch, FeatureCount] and logits η of [..., batch, FeatureCount].
        /// </summary>
        public Tensor LogLikelihood(Tensor x, Tensor logits)
        {
            using var scope = NewDisposeScope();
            // log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) ]   (stable for any η)
            var logP = (x * logits - softplus(logits)).sum(-1);
            return logP.MoveToOuterDisposeScope();
        }
        """);

    /// <summary>Comment and expression for E[x|z] given the logits.</summary>
    public const string MeanComment = "// E[x|z] = sigmoid(η)";

    public static string Mean(string logits) => $"sigmoid({logits})";

    /// <summary>Comment and expression for a draw x ~ p(x|z) given the logits.</summary>
    public const string SampleComment = "// x ~ Bernoulli(sigmoid(η))";

    public static string Sample(string logits) => $"bernoulli(sigmoid({logits}))";
}
