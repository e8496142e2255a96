using System.Collections.Generic;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Networks;

/// <summary>
/// A dense network. As the encoder: x (with the one-hot class of a conditional model) through the hidden layers to
/// the features h the posterior's heads read. As the decoder: z (with the class) through the hidden layers and a
/// last Linear to the likelihood's P parameters per feature.
/// </summary>
internal sealed class MlpNetworkEmitter(MlpNetworkSpec spec, EmitContext context, NetworkRole role) : INetworkEmitter
{
    private int ConditionWidth => context.Model.Data.ConditionClasses ?? 0;

    private long InputWidth => (role == NetworkRole.Encoder ? context.FeatureCount : context.LatentSize) + ConditionWidth;

    private string Field => role == NetworkRole.Encoder ? "encoder" : "decoder";

    /// <summary>The encoder's feature width, or the decoder's P · FeatureCount.</summary>
    public long OutputWidth => role == NetworkRole.Encoder
        ? (spec.Hidden.Count == 0 ? InputWidth : spec.Hidden[spec.Hidden.Count - 1])
        : context.FeatureCount * context.DecodedParameters;

    /// <summary>
    /// A decoder with hidden layers whose last Linear's logits the likelihood reads directly keeps that Linear apart as
    /// well: in a tuple beside the Sequential, which RegisterComponents skips, so the parameters keep their names.
    /// </summary>
    private bool KeepsLinearHead => role == NetworkRole.Decoder && context.LikelihoodReadsLinear && spec.Hidden.Count > 0;

    public string Description => $"MLP {InputWidth}-{string.Join("-", spec.Hidden)}{(role == NetworkRole.Decoder ? "-" + OutputWidth : string.Empty)}".Replace("--", "-");

    public void WriteFields(SourceWriter w)
    {
        if (!KeepsLinearHead)
        {
            w.Line($"private readonly nn.Module<Tensor, Tensor> {Field};");
            return;
        }

        w.Line("""
            private readonly Sequential decoder;

            // The decoder's hidden layers and its last Linear, which gives η: the same modules as decoder's, so their
            // parameters are decoder's (a tuple is no component: nothing is registered twice).
            private readonly (Sequential Hidden, Linear Output) decoderLayers;
            """);
    }

    public (string Features, string Layer)? LinearHead(string z) =>
        KeepsLinearHead ? ($"decoderLayers.Hidden.call({(context.Model.IsConditional ? $"cat([{z}, OneHot(y, {z})], -1)" : z)})", "decoderLayers.Output") : null;

    public void WriteConstruction(SourceWriter w)
    {
        var layers = new List<string>();
        var width = Layers.AddDense(layers, InputWidth, spec.Hidden, spec.Activation);
        if (role == NetworkRole.Decoder)
        {
            layers.Add($"nn.Linear({width}, {OutputWidth})");
        }

        w.Line($"{Field} = {Layers.Sequential(layers)};");
        if (KeepsLinearHead)
        {
            w.Line("decoderLayers = (decoder[..^1], (Linear)decoder[^1]);");
        }
    }

    public void WriteMembers(SourceWriter w)
    {
        var conditional = context.Model.IsConditional;
        if (role == NetworkRole.Encoder)
        {
            var input = conditional ? "cat([x, OneHot(y, x)], -1)" : "x";
            w.Line($$"""

                /// <summary>q(z|x{{(conditional ? ",y" : string.Empty)}}): the posterior's parameters for a batch x of [batch, FeatureCount]{{(conditional ? " with classes y of [batch]" : string.Empty)}}.</summary>
                public override {{context.Posterior!.ParametersType}} Encode({{(conditional ? "Tensor x, Tensor y" : "Tensor x")}})
                {
                    using var scope = NewDisposeScope();
                    var h = encoder.call({{input}});
                    return PosteriorFrom(h).MoveToOuterDisposeScope();
                }
                """);
        }
        else
        {
            w.Line($$"""

                /// <summary>The parameters of p(x|z{{(conditional ? ",y" : string.Empty)}}) for z of [..., LatentSize]{{(conditional ? " and classes y of [batch]" : string.Empty)}}: {{Literals.Xml(context.DecodedDescription)}}.</summary>
                """);
            // Sequential disposes what its layers make on the way; the one-hot classes joined to z need a scope
            w.Line(conditional
                ? """
                  public override Tensor Decode(Tensor z, Tensor y)
                  {
                      using var scope = NewDisposeScope();
                      var decoded = decoder.call(cat([z, OneHot(y, z)], -1));
                      return decoded.MoveToOuterDisposeScope();
                  }
                  """
                : "public override Tensor Decode(Tensor z) => decoder.call(z);");
        }
    }
}
