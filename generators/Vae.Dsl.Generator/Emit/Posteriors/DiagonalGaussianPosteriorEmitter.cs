using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Posteriors;

/// <summary>
/// q(z|x) = N(μ, diag σ²): two encoder heads, μ and a raw scale s. The formulas are those of docs/math.md,
/// section "gaussian-diagonal".
/// </summary>
internal sealed class DiagonalGaussianPosteriorEmitter(DiagonalGaussianPosteriorSpec spec, EmitContext context) : PosteriorEmitter
{
    public override string Description => $"diagonal Gaussian, {ScaleTransformCode.Describe(spec)}";

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
        w.Line("""

            /// <summary>The parameters of q(z|x) for a batch: mean μ and scale σ, each [batch, LatentSize].</summary>
            public readonly record struct Posterior(Tensor Mean, Tensor Scale) : IDisposable
            {
                /// <summary>The same parameters with gradients stopped, for the sticking-the-landing estimator.</summary>
                public Posterior Detach() => new(Mean.detach(), Scale.detach());

                /// <summary>Moves both tensors out of the current dispose scope, to return them from a method that has one.</summary>
                public Posterior MoveToOuterDisposeScope()
                {
                    Mean.MoveToOuterDisposeScope();
                    Scale.MoveToOuterDisposeScope();
                    return this;
                }

                public void Dispose()
                {
                    Mean.Dispose();
                    Scale.Dispose();
                }
            }
            """);
        w.Line($$"""

            /// <summary>q(z|x) from the encoder's features h (in the caller's dispose scope), h of [batch, {{context.EncoderWidth}}].</summary>
            private Posterior PosteriorFrom(Tensor h)
            {
                var mean = meanHead.call(h);
                {{Code.Indent(ScaleTransformCode.Statement(spec, "scaleHead.call(h)"), 1)}}
                return new Posterior(mean, scale);
            }

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

            /// <summary>log q(z|x) per example, for any z of [..., batch, LatentSize].</summary>
            public Tensor LogPosterior(Posterior q, Tensor z)
            {
                using var scope = NewDisposeScope();
                // ε = (z - μ) / σ, the draw that gives z
                var eps = (z - q.Mean) / q.Scale;
                return LogPosteriorOfDraw(q, eps).MoveToOuterDisposeScope();
            }

            /// <summary>log q(z|x) per example at z = Reparameterize(q, ε), from ε of [..., batch, LatentSize] itself.</summary>
            public Tensor LogPosteriorOfDraw(Posterior q, Tensor eps)
            {
                using var scope = NewDisposeScope();
                // log q(z|x) = Σ_i [ -½ ε_i² - ½ log 2π - log σ_i ]
                var logQ = (-0.5 * eps.square() - HalfLogTwoPi - q.Scale.log()).sum(-1);
                return logQ.MoveToOuterDisposeScope();
            }
            """);
    }
}
