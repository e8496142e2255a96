namespace Vae.Dsl.Generator.Emit.Priors;

/// <summary>p(z) = N(0, I) (docs/math.md, "standard-normal").</summary>
internal sealed class StandardNormalPriorEmitter : IPriorEmitter
{
    public string Description => "N(0, I)";

    public void WriteFields(SourceWriter w)
    {
    }

    public void WriteConstruction(SourceWriter w)
    {
    }

    public void WriteMembers(SourceWriter w) => w.Line("""

        /// <summary>log p(z) per example, for any z of [..., LatentSize].</summary>
        public Tensor LogPrior(Tensor z)
        {
            using var scope = NewDisposeScope();
            // log p(z) = Σ_i [ -½ z_i² - ½ log 2π ]
            var logP = (-0.5 * z.square() - HalfLogTwoPi).sum(-1);
            return logP.MoveToOuterDisposeScope();
        }

        /// <summary>n draws z ~ p(z): [n, LatentSize].</summary>
        public override Tensor SamplePrior(int n) => randn(n, LatentSize, device: ParameterDevice);
        """);
}
