using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Priors;

/// <summary>
/// The VampPrior p(z) = (1/K) Σ_k q(z|u_k): the posterior at K learned pseudo-inputs u_k, which start as uniform draws
/// in [0, 1] (docs/math.md, "vamp"). It has no closed-form KL: the ELBO's KL is Monte Carlo. Its code calls the
/// posterior's members through <paramref name="posterior"/>.
/// </summary>
internal sealed class VampPriorEmitter(VampPriorSpec spec, IPosteriorEmitter posterior) : IPriorEmitter
{
    public string Description => $"VampPrior (1/K) Σ_k q(z|u_k) with {spec.PseudoInputs} learned pseudo-inputs u_k";

    public void WriteFields(SourceWriter w) => w.Line($$"""

        /// <summary>K, the pseudo-inputs of the VampPrior.</summary>
        public const int PseudoInputCount = {{spec.PseudoInputs}};

        // The pseudo-inputs u_k, [K, FeatureCount].
        private readonly Parameter pseudoInputs;
        """);

    public void WriteConstruction(SourceWriter w) =>
        w.Line("pseudoInputs = new Parameter(rand(PseudoInputCount, FeatureCount));");

    public void WriteMembers(SourceWriter w) => w.Line($$"""

        /// <summary>log p(z) per example, for any z of [..., LatentSize].</summary>
        public Tensor LogPrior(Tensor z)
        {
            using var scope = NewDisposeScope();
            var logP = LogPrior(z, Encode(pseudoInputs));
            return logP.MoveToOuterDisposeScope();
        }

        /// <summary>log p(z) per example given the posteriors q(z|u_k) of the K pseudo-inputs (each of [K, ...]).</summary>
        public Tensor LogPrior(Tensor z, {{posterior.ParametersType}} pseudoInputPosterior)
        {
            using var scope = NewDisposeScope();
            // log p(z) = logsumexp_k log q(z|u_k) - log K, K = the posteriors given
            var k = pseudoInputPosterior.Mean.shape[^2];
            var logP = {{posterior.LogDensity("pseudoInputPosterior", "z.unsqueeze(-2)")}}.logsumexp(-1) - Math.Log(k);
            return logP.MoveToOuterDisposeScope();
        }

        /// <summary>n draws z ~ p(z): [n, LatentSize].</summary>
        public override Tensor SamplePrior(int n)
        {
            using var scope = NewDisposeScope();
            // k = ⌊K · U⌋ uniform in {0, ..., K - 1} (the cast truncates), then z ~ q(z|u_k)
            var k = (rand(n, device: pseudoInputs.device) * PseudoInputCount).to_type(ScalarType.Int64);
            var q = Encode(pseudoInputs.index_select(0, k));
            var z = {{posterior.Reparameterize("q", "randn_like(q.Mean)")}};
            return z.MoveToOuterDisposeScope();
        }
        """);
}
