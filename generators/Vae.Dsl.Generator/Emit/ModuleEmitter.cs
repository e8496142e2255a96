using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// Emits the model's torch.nn.Module. The families write their own parts (fields, construction, methods) through
/// <see cref="ModelParts"/>; this class lays them out and adds the ELBO and IWAE bounds. What every model shares
/// (forward, sampling, reconstruction, the <c>IVaeModel</c> surface) is the runtime's base class.
/// </summary>
internal static class ModuleEmitter
{
    public static void Write(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        var conditional = model.IsConditional;
        WriteSummary(w, model, parts);
        var baseType = (conditional ? BaseClasses.ConditionalModule : BaseClasses.Module).WrittenFor(parts.Posterior.ParametersType);
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
            var native = NativeMlpVaeEmitter.Applies(model);
            if (native)
            {
                NativeMlpVaeEmitter.WriteMember(w);
            }

            w.Line();
            using (w.Block($"public {model.Name}() : base(nameof({model.Name}))"))
            {
                parts.Encoder.WriteConstruction(w);
                parts.Posterior.WriteConstruction(w);
                parts.Decoder.WriteConstruction(w);
                parts.Likelihood.WriteConstruction(w);
                parts.Prior.WriteConstruction(w);
                w.Line("RegisterComponents();");
                if (native)
                {
                    NativeMlpVaeEmitter.WriteConstruction(w, model);
                }
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

    /// <summary>The module's Elbo: one draw, the closed-form KL where the pair has one.</summary>
    public static void WriteElbo(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        var at = BoundSite.InModule(model, parts);
        var kl = parts.Kl is not null ? KlEstimator.Analytic : KlEstimator.MonteCarlo;
        var how = parts.Kl is not null ? "the closed-form KL" : "a Monte Carlo KL at the same draw";
        w.Line($$"""

            /// <summary>
            /// The per-example ELBO of a batch x of [batch, FeatureCount]{{Conditioning.ClassText(model)}}, one draw z from q(z|x), {{how}}.
            /// </summary>
            public override ElboTerms Elbo({{Conditioning.Parameters(model)}})
            {
                using var scope = NewDisposeScope();
                var q = Encode({{Conditioning.Arguments(model)}});
                {{Code.Indent(Bounds.Draws(at, "1"), 1)}}
                {{Code.Indent(Bounds.Reconstruction(at), 1)}}
                {{Code.Indent(Bounds.Kl(at, kl, GradientEstimator.Standard), 1)}}
                // ELBO = log p(x|z) - KL(q(z|x) || p(z))
                return new ElboTerms(reconstruction - kl, reconstruction, kl).MoveToOuterDisposeScope();
            }
            """);
    }

    /// <summary>The module's Iwae: k draws from q(z|x), from a generator if given.</summary>
    public static void WriteIwae(SourceWriter w, ModelSpec model, ModelParts parts)
    {
        var at = BoundSite.InModule(model, parts);
        var reconstruction = Bounds.Reconstruction(at);
        if (parts.Decoder.LinearHead("z") is { } head && parts.Likelihood.LogLikelihoodOfLinear("h", head.Layer) is { } fromLinear)
        {
            // the decoder's hidden layers, then log p(x|z) straight from its last Linear (docs/kernels.md)
            reconstruction = $"// h: the decoder's hidden features, which its last Linear reads\nvar h = {head.Features};\n{fromLinear}";
        }

        var native = NativeMlpVaeEmitter.Applies(model) ? NativeMlpVaeEmitter.IwaeLines : "";
        w.Line($$"""

            /// <summary>
            /// The per-example IWAE_k of a batch x of [batch, FeatureCount]{{Conditioning.ClassText(model)}}, with k draws from q(z|x) (from
            /// <paramref name="generator"/>, or the default one where null); IWAE_k rises towards log p(x) as k grows.
            /// </summary>
            public override Tensor Iwae({{Conditioning.Parameters(model)}}, int k, Generator? generator = null)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
                {{Code.Indent(native, 1)}}using var scope = NewDisposeScope();
                var q = Encode({{Conditioning.Arguments(model)}});
                {{Code.Indent(Bounds.Draws(at, "k", "generator"), 1)}}
                {{Code.Indent(reconstruction, 1)}}
                {{Code.Indent(Bounds.LogWeights(at, GradientEstimator.Standard), 1)}}
                // IWAE_k = logsumexp_j log w_j - log k
                var iwae = logWeights.logsumexp(0) - Math.Log(k);
                return iwae.MoveToOuterDisposeScope();
            }
            """);
    }
}
