using Vae.Dsl.Generator.Emit.Likelihoods;
using Vae.Dsl.Generator.Emit.Posteriors;
using Vae.Dsl.Generator.Emit.Priors;
using Vae.Dsl.Generator.Model;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// Emits the model's torch.nn.Module: the networks, the posterior, prior and likelihood densities, the
/// closed-form KL where one exists, the ELBO and IWAE bounds, sampling and reconstruction.
/// </summary>
internal static class ModuleEmitter
{
    public static void Write(SourceWriter w, ModelSpec model)
    {
        var features = model.FeatureCount;
        var hasClosedFormKl = StandardNormalPrior.HasClosedFormKl(model.Posterior.Family);

        WriteSummary(w, model);
        using (w.Block($"public sealed partial class {model.Name} : nn.Module<Tensor, ElboTerms>"))
        {
            w.Line($$"""
                /// <summary>The event shape of one example, as the model file declares it.</summary>
                public static ReadOnlySpan<long> DataShape => {{Literals.LongArray(model.DataShape)}};

                /// <summary>Features per example: inputs are batches of flattened examples, [batch, FeatureCount].</summary>
                public const long FeatureCount = {{features}};

                /// <summary>The dimension of the latent z.</summary>
                public const long LatentSize = {{model.LatentSize}};

                // ½ log 2π
                private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);
                """);
            DiagonalGaussianPosterior.WriteConstants(w, model.Posterior);

            w.Line();
            w.Line("private readonly nn.Module<Tensor, Tensor> encoder;");
            DiagonalGaussianPosterior.WriteFields(w);
            w.Line("private readonly nn.Module<Tensor, Tensor> decoder;");

            w.Line();
            using (w.Block($"public {model.Name}() : base(nameof({model.Name}))"))
            {
                w.Line($"encoder = {NetworkExpressions.Mlp(features, model.Encoder, outputWidth: null)};");
                DiagonalGaussianPosterior.WriteConstruction(w, NetworkExpressions.OutputWidth(features, model.Encoder), model.LatentSize);
                w.Line($"decoder = {NetworkExpressions.Mlp(model.LatentSize, model.Decoder, outputWidth: features)};");
                w.Line("RegisterComponents();");
            }

            DiagonalGaussianPosterior.WriteRecord(w);

            w.Line("""

                /// <summary>The per-example ELBO of a batch x of [batch, FeatureCount], with its reconstruction and KL terms.</summary>
                public override ElboTerms forward(Tensor x) => Elbo(x);
                """);

            DiagonalGaussianPosterior.WriteEncode(w, model.Posterior);
            w.Line($$"""

                /// <summary>The natural parameters of p(x|z), {{BernoulliLikelihood.DecoderOutput}}, [..., FeatureCount], for z of [..., LatentSize].</summary>
                public Tensor Decode(Tensor z) => decoder.call(z);
                """);
            DiagonalGaussianPosterior.WriteReparameterize(w);
            DiagonalGaussianPosterior.WriteLogPosterior(w);
            StandardNormalPrior.WriteLogPrior(w);
            BernoulliLikelihood.WriteLogLikelihood(w);
            if (hasClosedFormKl)
            {
                StandardNormalPrior.WriteKlToPrior(w);
            }

            WriteElbo(w);
            WriteIwae(w);
            WriteSample(w);
            WriteReconstruct(w);
        }
    }

    private static void WriteSummary(SourceWriter w, ModelSpec model)
    {
        w.Line("/// <summary>");
        w.Line($"/// {Literals.Xml(model.Description ?? $"The variational autoencoder declared in {model.SourceFileName}.")}");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line($"/// q(z|x): {Literals.Xml(DiagonalGaussianPosterior.Describe(model.Posterior))}; p(x|z): {BernoulliLikelihood.Description}; p(z): {StandardNormalPrior.Description}.");
        w.Line($"/// Generated from {Literals.Xml(model.SourceFileName)}.");
        w.Line("/// </remarks>");
        w.Line(Emitter.GeneratedCodeAttribute);
    }

    private static void WriteElbo(SourceWriter w) => w.Line($$"""

        /// <summary>
        /// The per-example ELBO of a batch x of [batch, FeatureCount], with one reparameterized draw z from q(z|x)
        /// and the closed-form KL.
        /// </summary>
        public ElboTerms Elbo(Tensor x)
        {
            using var scope = NewDisposeScope();
            var q = Encode(x);
            var z = Reparameterize(q, {{DiagonalGaussianPosterior.SingleNoise}});
            var reconstruction = LogLikelihood(x, Decode(z));
            var kl = KlToPrior(q);
            // ELBO = log p(x|z) - KL(q(z|x) || p(z))
            var elbo = reconstruction - kl;
            return new ElboTerms(elbo.MoveToOuterDisposeScope(), reconstruction.MoveToOuterDisposeScope(), kl.MoveToOuterDisposeScope());
        }
        """);

    private static void WriteIwae(SourceWriter w) => w.Line($$"""

        /// <summary>
        /// The per-example importance-weighted bound IWAE_k of a batch x of [batch, FeatureCount], with k draws from q(z|x);
        /// IWAE_1 is the Monte Carlo ELBO, and IWAE_k rises towards log p(x) as k grows.
        /// </summary>
        public Tensor Iwae(Tensor x, int k)
        {
            using var scope = NewDisposeScope();
            var q = Encode(x);
            // z_j = μ + σ ⊙ ε_j, ε_j ~ N(0, I), j = 1..k: [k, batch, LatentSize]
            var z = Reparameterize(q, {{DiagonalGaussianPosterior.Noise("k")}});
            // log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x)
            var logWeights = LogLikelihood(x, Decode(z)) + LogPrior(z) - LogPosterior(q, z);
            // IWAE_k = logsumexp_j log w_j - log k
            var iwae = logWeights.logsumexp(0) - Math.Log(k);
            return iwae.MoveToOuterDisposeScope();
        }
        """);

    private static void WriteSample(SourceWriter w) => w.Line($$"""

        /// <summary>n draws x ~ p(x|z), z ~ p(z): [n, FeatureCount].</summary>
        public Tensor Sample(int n)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var logits = Decode({{StandardNormalPrior.Sample("n")}});
            {{BernoulliLikelihood.SampleComment}}
            var x = {{BernoulliLikelihood.Sample("logits")}};
            return x.MoveToOuterDisposeScope();
        }
        """);

    private static void WriteReconstruct(SourceWriter w) => w.Line($$"""

        /// <summary>What the model makes of x: the mean of p(x|z) at the posterior mean z = E_q[z].</summary>
        public Tensor Reconstruct(Tensor x)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var q = Encode(x);
            var logits = Decode({{DiagonalGaussianPosterior.Mean}});
            {{BernoulliLikelihood.MeanComment}}
            var mean = {{BernoulliLikelihood.Mean("logits")}};
            return mean.MoveToOuterDisposeScope();
        }
        """);
}
