using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Posteriors;

/// <summary>
/// q(z|x) = N(μ, diag σ²): two encoder heads, μ and a raw scale s. The formulas are those of docs/math.md,
/// section "gaussian-diagonal".
/// </summary>
internal sealed class DiagonalGaussianPosteriorEmitter(DiagonalGaussianPosteriorSpec spec, EmitContext context) : PosteriorEmitter
{
    public override string Description => $"diagonal Gaussian, {ScaleTransformCode.Describe(spec)}";

    public override string ParametersType => "DiagonalPosterior";

    public override void WriteFields(SourceWriter w)
    {
        ScaleTransformCode.WriteConstants(w, spec);
        w.Line("""

            private readonly Linear meanHead;
            private readonly Linear scaleHead;
            """);
    }

    public override void WriteConstruction(SourceWriter w) => w.Line($"""
        meanHead = nn.Linear({context.EncoderWidth}, LatentSize);
        scaleHead = nn.Linear({context.EncoderWidth}, LatentSize);
        """);

    public override void WriteMembers(SourceWriter w)
    {
        w.Line($$"""

            /// <summary>q(z|x) from the encoder's features h (in the caller's dispose scope), h of [batch, {{context.EncoderWidth}}].</summary>
            private DiagonalPosterior PosteriorFrom(Tensor h)
            {
                var mean = meanHead.call(h);
                {{Code.Indent(ScaleTransformCode.Statement(spec, "scaleHead.call(h)"), 1)}}
                return new DiagonalPosterior(mean, scale);
            }

            /// <summary>A draw from q(z|x) that gradients flow through, for ε ~ N(0, I) of [batch, LatentSize] or [k, batch, LatentSize].</summary>
            public Tensor Reparameterize(DiagonalPosterior q, Tensor eps)
            {
                using var scope = NewDisposeScope();
                // z = μ + σ ⊙ ε
                var z = q.Mean + q.Scale * eps;
                return z.MoveToOuterDisposeScope();
            }

            /// <summary>log q(z|x) per example, for any z of [..., batch, LatentSize].</summary>
            public Tensor LogPosterior(DiagonalPosterior q, Tensor z)
            {
                using var scope = NewDisposeScope();
                // ε = (z - μ) / σ, the draw that gives z
                var eps = (z - q.Mean) / q.Scale;
                return LogPosteriorOfDraw(q, eps).MoveToOuterDisposeScope();
            }

            /// <summary>log q(z|x) per example at z = Reparameterize(q, ε), from ε of [..., batch, LatentSize] itself.</summary>
            public Tensor LogPosteriorOfDraw(DiagonalPosterior q, Tensor eps)
            {
                using var scope = NewDisposeScope();
                // log q(z|x) = Σ_i [ -½ ε_i² - ½ log 2π - log σ_i ]
                var logQ = (-0.5 * eps.square() - HalfLogTwoPi - q.Scale.log()).sum(-1);
                return logQ.MoveToOuterDisposeScope();
            }
            """);
    }
}
