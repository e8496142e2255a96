namespace Vae.Dsl.Generator.Emit.Likelihoods;

/// <summary>
/// p(x|z) = Π_j CB(x_j; λ_j), λ = sigmoid(η), for x in [0, 1], with its normaliser C(λ) (docs/math.md,
/// "continuous-bernoulli"). Near λ = ½ the normaliser and the mean switch to their Taylor forms, as
/// torch.distributions does; the other branch is fed a harmless value there so that its gradient stays finite.
/// </summary>
internal sealed class ContinuousBernoulliLikelihoodEmitter : ILikelihoodEmitter
{
    public string Description => "continuous Bernoulli with logits η";

    public string? LogLikelihoodOfLinear(string h, string layer) => null;

    public int ParametersPerFeature => 1;

    public string DecodedDescription => "the continuous-Bernoulli logits η, [..., FeatureCount]";

    public void WriteFields(SourceWriter w) => w.Line("""

        // |λ - ½| below which log C(λ) and E[x|z] use their Taylor forms.
        private const double TaylorRegion = 1e-3;

        // log 2
        private static readonly double LogTwo = Math.Log(2);
        """);

    public void WriteConstruction(SourceWriter w)
    {
    }

    public void WriteMembers(SourceWriter w) => w.Line("""

        /// <summary>log p(x|z) per example, for x in [0, 1] of [batch, FeatureCount] and logits η of [..., batch, FeatureCount].</summary>
        public Tensor LogLikelihood(Tensor x, Tensor decoded)
        {
            using var scope = NewDisposeScope();
            // u = λ - ½, λ = sigmoid(η)
            var u = torch.sigmoid(decoded) - 0.5;
            var nearHalf = u.abs().lt(TaylorRegion);
            var safeLogits = where(nearHalf, ones_like(decoded), decoded);
            // log C(λ) = log[2 atanh(1 - 2λ) / (1 - 2λ)] = log |η| - log |tanh(η / 2)|
            var exact = safeLogits.abs().log() - (0.5 * safeLogits).tanh().abs().log();
            // log C(λ) ≈ log 2 + (4/3 + 104/45 u²) u²   near λ = ½
            var taylor = LogTwo + ((4.0 / 3.0) + ((104.0 / 45.0) * u.square())) * u.square();
            var logNormaliser = where(nearHalf, taylor, exact);
            // log p(x|z) = Σ_j [ x_j η_j - softplus(η_j) + log C(λ_j) ] = Σ_j [ log C(λ_j) - BCE(η_j, x_j) ],
            // BCE(η, x) = softplus(η) - x η the binary cross-entropy with logits (one fused pass)
            var logitsAndData = broadcast_tensors(decoded, x);
            var logP = (logNormaliser - binary_cross_entropy_with_logits(logitsAndData[0], logitsAndData[1], reduction: nn.Reduction.None)).sum(-1);
            return logP.MoveToOuterDisposeScope();
        }

        /// <summary>E[x|z] for the decoder's output.</summary>
        public override Tensor ExpectedData(Tensor decoded)
        {
            using var scope = NewDisposeScope();
            var nearHalf = (torch.sigmoid(decoded) - 0.5).abs().lt(TaylorRegion);
            var safeLogits = where(nearHalf, ones_like(decoded), decoded);
            // E[x|z] = λ / (2λ - 1) + 1 / (2 atanh(1 - 2λ)) = sigmoid(η) / tanh(η / 2) - 1 / η
            var exact = torch.sigmoid(safeLogits) / (0.5 * safeLogits).tanh() - ones_like(safeLogits) / safeLogits;
            // E[x|z] ≈ ½ + η / 12   near λ = ½
            var taylor = 0.5 + decoded / 12.0;
            var mean = where(nearHalf, taylor, exact);
            return mean.MoveToOuterDisposeScope();
        }

        /// <summary>A draw x ~ p(x|z) for the decoder's output, by inverting the CDF at v ~ U(0, 1).</summary>
        public override Tensor SampleData(Tensor decoded)
        {
            using var scope = NewDisposeScope();
            var v = rand_like(decoded);
            var nearHalf = (torch.sigmoid(decoded) - 0.5).abs().lt(TaylorRegion);
            // With a = -|η| ≤ 0 the inverse CDF is stable: x = log(1 + v (e^a - 1)) / a for η < 0, and x(η, v) = 1 - x(-η, 1 - v).
            var a = where(nearHalf, -ones_like(decoded), -decoded.abs());
            var flipped = decoded.gt(0);
            var w = where(flipped, 1 - v, v);
            var lowerHalf = (w * a.expm1()).log1p() / a;
            var exact = where(flipped, 1 - lowerHalf, lowerHalf);
            // x ≈ v near λ = ½, where p(x|z) is almost uniform
            var x = where(nearHalf, v, exact);
            return x.MoveToOuterDisposeScope();
        }
        """);
}
