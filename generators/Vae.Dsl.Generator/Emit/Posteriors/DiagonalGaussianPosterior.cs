using Vae.Dsl.Generator.Model;

namespace Vae.Dsl.Generator.Emit.Posteriors;

/// <summary>
/// q(z|x) = N(μ, diag σ²): two encoder heads, μ and a raw scale s, with σ = softplus(s) + min_scale or
/// σ = exp(s). The formulas are those of docs/math.md, section "gaussian-diagonal".
/// </summary>
internal static class DiagonalGaussianPosterior
{
    public static string Describe(PosteriorSpec posterior) => posterior.Scale == ScaleTransform.Softplus
        ? $"diagonal Gaussian, σ = softplus(s) + {Literals.Double(posterior.MinScale)}"
        : "diagonal Gaussian, σ = exp(s)";

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

    public static void WriteFields(SourceWriter w) => w.Line("""
        private readonly Linear meanHead;
        private readonly Linear scaleHead;
        """);

    public static void WriteConstruction(SourceWriter w, long inputWidth, int latentSize) => w.Line($"""
        meanHead = nn.Linear({inputWidth}, {latentSize});
        scaleHead = nn.Linear({inputWidth}, {latentSize});
        """);

    public static void WriteRecord(SourceWriter w) => w.Line("""

        /// <summary>The parameters of q(z|x) for a batch: mean μ and scale σ, each [batch, LatentSize].</summary>
        public readonly record struct Posterior(Tensor Mean, Tensor Scale) : IDisposable
        {
            public void Dispose()
            {
                Mean.Dispose();
                Scale.Dispose();
            }
        }
        """);

    public static void WriteEncode(SourceWriter w, PosteriorSpec posterior)
    {
        var scale = posterior.Scale == ScaleTransform.Softplus
            ? """
              // σ = softplus(s) + min_scale
              var scale = softplus(scaleHead.call(h)) + MinScale;
              """
            : """
              // σ = exp(s)
              var scale = scaleHead.call(h).exp();
              """;
        w.Line($$"""

            /// <summary>q(z|x): the encoder's mean μ and scale σ for a batch x of [batch, FeatureCount].</summary>
            public Posterior Encode(Tensor x)
            {
                using var scope = NewDisposeScope();
                var h = encoder.call(x);
                var mean = meanHead.call(h);
            {{Indent(scale)}}
                return new Posterior(mean.MoveToOuterDisposeScope(), scale.MoveToOuterDisposeScope());
            }
            """);
    }

    public static void WriteReparameterize(SourceWriter w) => w.Line("""

        /// <summary>
        /// A draw from q(z|x) that gradients flow through. ε ~ N(0, I) is [batch, LatentSize] or carries leading
        /// sample dimensions, [k, batch, LatentSize].
        /// </summary>
        public Tensor Reparameterize(Posterior q, Tensor eps)
        {
            using var scope = NewDisposeScope();
            // z = μ + σ ⊙ ε
            var z = q.Mean + q.Scale * eps;
            return z.MoveToOuterDisposeScope();
        }
        """);

    public static void WriteLogPosterior(SourceWriter w) => w.Line("""

        /// <summary>log q(z|x) per example, for any z of [..., batch, LatentSize].</summary>
        public Tensor LogPosterior(Posterior q, Tensor z)
        {
            using var scope = NewDisposeScope();
            // ε = (z - μ) / σ
            var eps = (z - q.Mean) / q.Scale;
            // log q(z|x) = Σ_i [ -½ ε_i² - ½ log 2π - log σ_i ]
            var logQ = (-0.5 * eps.square() - HalfLogTwoPi - q.Scale.log()).sum(-1);
            return logQ.MoveToOuterDisposeScope();
        }
        """);

    /// <summary>ε for <paramref name="samples"/> draws per example of a batch x.</summary>
    public static string Noise(string samples) => $"randn({samples}, x.shape[0], LatentSize)";

    /// <summary>ε for one draw per example.</summary>
    public const string SingleNoise = "randn_like(q.Mean)";

    /// <summary>The posterior's mean, E_q[z].</summary>
    public const string Mean = "q.Mean";

    private static string Indent(string lines) => "    " + lines.Replace("\n", "\n    ");
}
