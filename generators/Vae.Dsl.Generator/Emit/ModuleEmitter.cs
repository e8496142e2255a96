using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// Emits the model's torch.nn.Module. The families write their own parts (fields, construction, methods) through
/// <see cref="ModelParts"/>; this class lays them out and adds what every model has: the ELBO and IWAE bounds,
/// sampling and reconstruction, and the <c>IVaeModel</c> surface every model shares.
/// </summary>
internal static class ModuleEmitter
{
    public static void Write(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        var conditional = model.IsConditional;
        WriteSummary(w, model, parts);
        var baseType = (conditional ? BaseClasses.ConditionalModule : BaseClasses.Module).Syntax + ", IVaeModel";
        using (w.Block($"public sealed partial class {model.Name} : {baseType}"))
        {
            w.Line($$"""
                /// <summary>The event shape of one example, as the model file declares it.</summary>
                public static ReadOnlySpan<long> DataShape => {{Literals.LongArray(model.Data.Shape)}};

                /// <summary>Features per example: inputs are batches of flattened examples, [batch, FeatureCount].</summary>
                public const long FeatureCount = {{model.FeatureCount}};

                /// <summary>The dimension of the latent z.</summary>
                public const long LatentSize = {{model.LatentSize}};
                """);
            if (conditional)
            {
                w.Line($$"""

                    /// <summary>The classes y a conditional model is given: 0 to ClassCount - 1.</summary>
                    public const int ClassCount = {{model.Data.ConditionClasses}};
                    """);
            }

            w.Line("""

                // ½ log 2π
                private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

                """);
            parts.Encoder.WriteFields(w);
            parts.Posterior.WriteFields(w);
            w.Line();
            parts.Decoder.WriteFields(w);
            parts.Likelihood.WriteFields(w);
            parts.Prior.WriteFields(w);

            w.Line();
            using (w.Block($"public {model.Name}() : base(nameof({model.Name}))"))
            {
                parts.Encoder.WriteConstruction(w);
                parts.Posterior.WriteConstruction(w);
                parts.Decoder.WriteConstruction(w);
                parts.Likelihood.WriteConstruction(w);
                parts.Prior.WriteConstruction(w);
                w.Line("RegisterComponents();");
            }

            var args = conditional ? "x, y" : "x";
            w.Line($$"""

                /// <summary>The per-example ELBO of a batch x of [batch, FeatureCount]{{Conditioning.ClassText(model)}}, with its reconstruction and KL terms.</summary>
                public override ElboTerms forward({{Conditioning.Parameters(model)}}) => Elbo({{args}});
                """);

            if (conditional || model.Prior is StandardNormalPriorSpec)
            {
                // draws made from nothing but a count (the prior's, the classes of Sample) are made where the model is
                w.Line("""

                    /// <summary>Where the model's parameters are, and so where its draws from nothing but a count are made.</summary>
                    private Device ParameterDevice => global::System.Linq.Enumerable.First(parameters()).device;
                    """);
            }

            parts.Encoder.WriteMembers(w);
            parts.Posterior.WriteMembers(w);
            parts.Decoder.WriteMembers(w);
            parts.Likelihood.WriteMembers(w);
            parts.Prior.WriteMembers(w);
            parts.Kl?.WriteMembers(w);
            if (conditional)
            {
                WriteOneHot(w);
            }

            WriteElbo(w, model, parts);
            WriteIwae(w, model, parts);
            WriteSample(w, model);
            WriteReconstruct(w, model);
            WriteSharedSurface(w, model);
        }
    }

    private static void WriteSummary(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        w.Line("/// <summary>");
        w.Line($"/// {Literals.Xml(model.Description ?? $"The variational autoencoder declared in {model.SourceFileName}.")}");
        w.Line("/// </summary>");
        w.Line("/// <remarks>");
        w.Line($"/// {Literals.Xml(parts.Summary)}.");
        w.Line($"/// Generated from {Literals.Xml(model.SourceFileName)}.");
        w.Line("/// </remarks>");
        w.Line(Emitter.GeneratedCodeAttribute);
    }

    private static void WriteOneHot(SourceWriter w) => w.Line("""

        /// <summary>The classes y of [batch] as one-hot rows, broadcast over the leading dimensions of like: [..., batch, ClassCount].</summary>
        private static Tensor OneHot(Tensor y, Tensor like) =>
            nn.functional.one_hot(y, ClassCount).to_type(like.dtype).expand([.. like.shape[..^1], ClassCount]);
        """);

    private static void WriteElbo(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        var at = BoundSite.InModule(model, parts);
        var kl = parts.Kl is not null ? KlEstimator.Analytic : KlEstimator.MonteCarlo;
        var how = parts.Kl is not null ? "the closed-form KL" : "a Monte Carlo KL at the same draw";
        w.Line($$"""

            /// <summary>
            /// The per-example ELBO of a batch x of [batch, FeatureCount]{{Conditioning.ClassText(model)}}, with one reparameterized draw z
            /// from q(z|x) and {{how}}.
            /// </summary>
            public ElboTerms Elbo({{Conditioning.Parameters(model)}})
            {
                using var scope = NewDisposeScope();
                var q = Encode({{Conditioning.Arguments(model)}});
                {{Code.Indent(Bounds.Draws(at, "1"), 1)}}
                {{Code.Indent(Bounds.Reconstruction(at), 1)}}
                {{Code.Indent(Bounds.Kl(at, kl, GradientEstimator.Standard), 1)}}
                // ELBO = log p(x|z) - KL(q(z|x) || p(z))
                var elbo = reconstruction - kl;
                return new ElboTerms(elbo.MoveToOuterDisposeScope(), reconstruction.MoveToOuterDisposeScope(), kl.MoveToOuterDisposeScope());
            }
            """);
    }

    private static void WriteIwae(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        var at = BoundSite.InModule(model, parts);
        w.Line($$"""

            /// <summary>
            /// The per-example importance-weighted bound IWAE_k of a batch x of [batch, FeatureCount]{{Conditioning.ClassText(model)}}, with k draws
            /// from q(z|x); IWAE_1 is the Monte Carlo ELBO, and IWAE_k rises towards log p(x) as k grows. The draws come
            /// from <paramref name="generator"/>, or from the default generator where it is null.
            /// </summary>
            public Tensor Iwae({{Conditioning.Parameters(model)}}, int k, Generator? generator = null)
            {
                if (k < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(k), k, "IWAE needs at least one sample.");
                }

                using var scope = NewDisposeScope();
                var q = Encode({{Conditioning.Arguments(model)}});
                {{Code.Indent(Bounds.Draws(at, "k", "generator"), 1)}}
                {{Code.Indent(Bounds.Reconstruction(at), 1)}}
                {{Code.Indent(Bounds.LogWeights(at, GradientEstimator.Standard), 1)}}
                // IWAE_k = logsumexp_j log w_j - log k
                var iwae = logWeights.logsumexp(0) - Math.Log(k);
                return iwae.MoveToOuterDisposeScope();
            }
            """);
    }

    private static void WriteSample(SourceWriter w, ModelSpec model)
    {
        if (model.IsConditional)
        {
            w.Line("""

                /// <summary>n draws x ~ p(x|z, y), z ~ p(z), all of class y: [n, FeatureCount].</summary>
                public Tensor Sample(int n, long y)
                {
                    using var noGrad = no_grad();
                    using var scope = NewDisposeScope();
                    var classes = full(new long[] { n }, y, dtype: ScalarType.Int64, device: ParameterDevice);
                    var x = SampleData(Decode(SamplePrior(n), classes));
                    return x.MoveToOuterDisposeScope();
                }
                """);
        }
        else
        {
            w.Line("""

                /// <summary>n draws x ~ p(x|z), z ~ p(z): [n, FeatureCount].</summary>
                public Tensor Sample(int n)
                {
                    using var noGrad = no_grad();
                    using var scope = NewDisposeScope();
                    var x = SampleData(Decode(SamplePrior(n)));
                    return x.MoveToOuterDisposeScope();
                }
                """);
        }
    }

    private static void WriteReconstruct(SourceWriter w, ModelSpec model)
    {
        var args = Conditioning.Arguments(model);
        var decode = Conditioning.Decode(model, "q.Mean");
        w.Line($$"""

            /// <summary>What the model makes of x: E[x|z] at the posterior mean z = E_q[z].</summary>
            public Tensor Reconstruct({{Conditioning.Parameters(model)}})
            {
                using var noGrad = no_grad();
                using var scope = NewDisposeScope();
                var q = Encode({{args}});
                var mean = ExpectedData({{decode}});
                return mean.MoveToOuterDisposeScope();
            }
            """);
    }

    /// <summary>
    /// IVaeModel's members beyond SamplePrior (which every prior emitter writes with that signature): one signature
    /// for every model, with classes y that only a conditional model takes. Explicit implementations, so the model's
    /// own surface stays what its families give it.
    /// </summary>
    private static void WriteSharedSurface(SourceWriter w, ModelSpec model)
    {
        var check = model.IsConditional
            ? $$"""
              if (y is null)
              {
                  throw new ArgumentException("{{model.Name}} is conditional: it needs the classes y of [batch].", nameof(y));
              }
              """
            : $$"""
              if (y is not null)
              {
                  throw new ArgumentException("{{model.Name}} is not conditional: it takes no classes y.", nameof(y));
              }
              """;
        var args = model.IsConditional ? "x, y" : "x";
        var decode = Conditioning.Decode(model, "z");
        w.Line($$"""

            /// <summary>IVaeModel: E_q[z], the posterior mean, [batch, LatentSize].</summary>
            Tensor IVaeModel.PosteriorMean(Tensor x, Tensor? y)
            {
                {{Code.Indent(check, 1)}}

                using var noGrad = no_grad();
                using var scope = NewDisposeScope();
                var q = Encode({{args}});
                return q.Mean.MoveToOuterDisposeScope();
            }

            /// <summary>IVaeModel: E[x|z], the likelihood's mean at z of [batch, LatentSize], [batch, FeatureCount].</summary>
            Tensor IVaeModel.ExpectedDataAt(Tensor z, Tensor? y)
            {
                {{Code.Indent(check, 1)}}

                using var noGrad = no_grad();
                using var scope = NewDisposeScope();
                var mean = ExpectedData({{decode}});
                return mean.MoveToOuterDisposeScope();
            }
            """);
    }
}
