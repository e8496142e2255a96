using System.Collections.Generic;
using System.Linq;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Networks;

/// <summary>
/// A convolutional network for data of shape [C, H, W]. As the encoder: strided Conv2d layers with the given output
/// channels, flattened, then dense hidden layers (with the one-hot class of a conditional model) to the features h.
/// As the decoder, the mirror image: dense hidden layers from z (with the class), a Linear to the smallest feature
/// map, then ConvTranspose2d layers back to [C · P, H, W], P the likelihood's parameters per feature, so that the
/// flattened output is parameter-major. ConvGeometry chooses each output padding to give back H and W exactly.
/// </summary>
internal sealed class ConvNetworkEmitter(ConvNetworkSpec spec, EmitContext context, NetworkRole role) : INetworkEmitter
{
    private long Channels => context.Model.Data.Shape[0];

    private long Height => context.Model.Data.Shape[1];

    private long Width => context.Model.Data.Shape[2];

    private int ConditionWidth => context.Model.Data.ConditionClasses ?? 0;

    private long[] Heights => ConvGeometry.Sizes(Height, spec.Channels.Count, spec.Kernel, spec.Stride, spec.Padding);

    private long[] Widths => ConvGeometry.Sizes(Width, spec.Channels.Count, spec.Kernel, spec.Stride, spec.Padding);

    /// <summary>The smallest feature map: [channels of the deepest convolution, h, w].</summary>
    private (long Channels, long Height, long Width) Smallest =>
        (role == NetworkRole.Encoder ? spec.Channels[spec.Channels.Count - 1] : spec.Channels[0], Heights[spec.Channels.Count], Widths[spec.Channels.Count]);

    private long FlatWidth => Smallest.Channels * Smallest.Height * Smallest.Width;

    public long OutputWidth => role == NetworkRole.Encoder
        ? (spec.Hidden.Count == 0 ? FlatWidth + ConditionWidth : spec.Hidden[spec.Hidden.Count - 1])
        : context.FeatureCount * context.DecodedParameters;

    /// <summary>A conv decoder ends in a transposed convolution: no Linear head.</summary>
    public (string Features, string Layer)? LinearHead(string z) => null;

    public string Description => role == NetworkRole.Encoder
        ? $"convolutions {Channels}→{string.Join("→", spec.Channels)} (kernel {spec.Kernel}, stride {spec.Stride}, padding {spec.Padding}){Dense()}"
        : $"transposed convolutions {string.Join("→", spec.Channels)}→{Channels * context.DecodedParameters} (kernel {spec.Kernel}, stride {spec.Stride}, padding {spec.Padding}){Dense()}";

    private string Dense() => spec.Hidden.Count == 0 ? string.Empty : $", dense {string.Join("-", spec.Hidden)}";

    public void WriteFields(SourceWriter w) => w.Line(role == NetworkRole.Encoder
        ? """
          private readonly nn.Module<Tensor, Tensor> encoderConvolutions;
          private readonly nn.Module<Tensor, Tensor> encoder;
          """
        : """
          private readonly nn.Module<Tensor, Tensor> decoder;
          private readonly nn.Module<Tensor, Tensor> decoderConvolutions;
          """);

    public void WriteConstruction(SourceWriter w)
    {
        if (role == NetworkRole.Encoder)
        {
            var convolutions = new List<string>();
            var channels = Channels;
            foreach (var output in spec.Channels)
            {
                convolutions.Add($"nn.Conv2d({channels}, {output}, {spec.Kernel}, stride: {spec.Stride}, padding: {spec.Padding})");
                convolutions.Add(Layers.ActivationModule(spec.Activation));
                channels = output;
            }

            var dense = new List<string>();
            Layers.AddDense(dense, FlatWidth + ConditionWidth, spec.Hidden, spec.Activation);
            w.Line($"encoderConvolutions = {Layers.Sequential(convolutions)};");
            w.Line($"encoder = {Layers.Sequential(dense)};");
        }
        else
        {
            var dense = new List<string>();
            var width = Layers.AddDense(dense, context.LatentSize + ConditionWidth, spec.Hidden, spec.Activation);
            dense.Add($"nn.Linear({width}, {FlatWidth})");
            dense.Add(Layers.ActivationModule(spec.Activation));

            var convolutions = new List<string>();
            var layers = spec.Channels.Count;
            for (var l = layers - 1; l >= 0; l--)
            {
                var input = spec.Channels[layers - 1 - l];
                var last = l == 0;
                var output = last ? Channels * context.DecodedParameters : spec.Channels[layers - l];
                var heightPadding = ConvGeometry.OutputPadding(Heights, l, spec.Kernel, spec.Stride, spec.Padding);
                var widthPadding = ConvGeometry.OutputPadding(Widths, l, spec.Kernel, spec.Stride, spec.Padding);
                convolutions.Add(heightPadding == widthPadding
                    ? $"nn.ConvTranspose2d({input}, {output}, {spec.Kernel}, stride: {spec.Stride}, padding: {spec.Padding}, output_padding: {heightPadding})"
                    : throw new System.NotSupportedException("ConvGeometry gives one output padding per layer for square images only"));
                if (!last)
                {
                    convolutions.Add(Layers.ActivationModule(spec.Activation));
                }
            }

            w.Line($"decoder = {Layers.Sequential(dense)};");
            w.Line($"decoderConvolutions = {Layers.Sequential(convolutions)};");
        }
    }

    public void WriteMembers(SourceWriter w)
    {
        var conditional = context.Model.IsConditional;
        if (role == NetworkRole.Encoder)
        {
            var dense = conditional ? "cat([features, OneHot(y, features)], -1)" : "features";
            w.Line($$"""

                /// <summary>q(z|x{{(conditional ? ",y" : string.Empty)}}): the posterior's parameters for a batch x of [batch, FeatureCount]{{(conditional ? " with classes y of [batch]" : string.Empty)}}.</summary>
                public override {{context.Posterior!.ParametersType}} Encode({{(conditional ? "Tensor x, Tensor y" : "Tensor x")}})
                {
                    using var scope = NewDisposeScope();
                    // x as images [batch, {{Channels}}, {{Height}}, {{Width}}], through the convolutions, flattened
                    var features = encoderConvolutions.call(x.view(-1, {{Channels}}, {{Height}}, {{Width}})).flatten(1);
                    var h = encoder.call({{dense}});
                    return PosteriorFrom(h).MoveToOuterDisposeScope();
                }
                """);
        }
        else
        {
            var input = conditional ? "cat([z, OneHot(y, z)], -1)" : "z";
            var (c, h, wd) = Smallest;
            w.Line($$"""

                /// <summary>The parameters of p(x|z{{(conditional ? ",y" : string.Empty)}}) for z of [..., LatentSize]{{(conditional ? " and classes y of [batch]" : string.Empty)}}: {{Literals.Xml(context.DecodedDescription)}}.</summary>
                public override Tensor Decode({{(conditional ? "Tensor z, Tensor y" : "Tensor z")}})
                {
                    using var scope = NewDisposeScope();
                    var input = {{input}};
                    // Leading dimensions flattened into one batch of feature maps [n, {{c}}, {{h}}, {{wd}}], and restored at the end.
                    var map = decoder.call(input.reshape(-1, input.shape[^1])).view(-1, {{c}}, {{h}}, {{wd}});
                    var images = decoderConvolutions.call(map);
                    var decoded = images.reshape([.. z.shape[..^1], {{context.DecodedParameters}} * FeatureCount]);
                    return decoded.MoveToOuterDisposeScope();
                }
                """);
        }
    }
}
