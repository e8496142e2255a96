using Vae.Dsl.Generator.Model;

namespace Vae.Dsl.Generator.Emit.Priors;

/// <summary>p(z) = N(0, I), and its closed-form KL from a diagonal Gaussian posterior (docs/math.md).</summary>
internal static class StandardNormalPrior
{
    public const string Description = "N(0, I)";

    public static void WriteLogPrior(SourceWriter w) => w.Line("""

        /// <summary>log p(z) per example, for any z of [..., LatentSize].</summary>
        public Tensor LogPrior(Tensor z)
        {
            using var scope = NewDisposeScope();
            // log p(z) = Σ_i [ -½ z_i² - ½ log 2π ]
            var logP = (-0.5 * z.square() - HalfLogTwoPi).sum(-1);
            return logP.MoveToOuterDisposeScope();
        }
        """);

    /// <summary>KL(q || p) in closed form, where the posterior family has one against this prior.</summary>
    public static bool HasClosedFormKl(PosteriorFamily family) => family == PosteriorFamily.GaussianDiagonal;

    public static void WriteKlToPrior(SourceWriter w) => w.Line("""

        /// <summary>KL(q(z|x) || p(z)) per example, in closed form.</summary>
        public Tensor KlToPrior(Posterior q)
        {
            using var scope = NewDisposeScope();
            // KL(q || N(0, I)) = ½ Σ_i ( σ_i² + μ_i² - 1 - 2 log σ_i )
            var kl = (0.5 * (q.Scale.square() + q.Mean.square() - 1 - 2 * q.Scale.log())).sum(-1);
            return kl.MoveToOuterDisposeScope();
        }
        """);

    /// <summary>n draws z ~ p(z).</summary>
    public static string Sample(string n) => $"randn({n}, LatentSize)";
}
