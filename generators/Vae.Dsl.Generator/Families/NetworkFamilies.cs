using System;
using System.Linq;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Emit.Networks;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Parsing;

namespace Vae.Dsl.Generator.Families;

/// <summary>The network families, each able to build an encoder or a decoder.</summary>
internal static class NetworkFamilies
{
    public static readonly FamilyRegistry<NetworkSpec, Func<NetworkRole, INetworkEmitter>> Registry = new(
        "network",
        "network",
        Family<NetworkSpec, Func<NetworkRole, INetworkEmitter>>.Of("mlp", [], ReadMlp, (spec, c) => role => new MlpNetworkEmitter(spec, c, role)),
        Family<NetworkSpec, Func<NetworkRole, INetworkEmitter>>.Of("conv", ["channels", "kernel", "stride", "padding"], ReadConv, (spec, c) => role => new ConvNetworkEmitter(spec, c, role)));

    /// <summary>The keys every network accepts.</summary>
    public static readonly string[] CommonKeys = ["network", "hidden", "activation"];

    private static MlpNetworkSpec? ReadMlp(SectionReader section)
    {
        var hidden = section.IntegerList("hidden", required: true, 1, "a positive layer width", "a list of positive layer widths");
        var activation = section.Choice("activation", Vocabulary.Activation, Activation.Relu);
        return hidden is null || activation is null ? null : new MlpNetworkSpec(hidden.Select(h => (int)h).ToEquatableArray(), activation.Value);
    }

    private static ConvNetworkSpec? ReadConv(SectionReader section)
    {
        var hidden = section.Has("hidden")
            ? section.IntegerList("hidden", required: true, 1, "a positive layer width", "a list of positive layer widths")
            : [];
        var activation = section.Choice("activation", Vocabulary.Activation, Activation.Relu);
        var channels = section.IntegerList("channels", required: true, 1, "a positive channel count", "a non-empty list of channel counts");
        var kernel = section.Integer("kernel", 4, 1, "a positive integer");
        var stride = section.Integer("stride", 2, 1, "a positive integer");
        var padding = section.Integer("padding", 1, 0, "an integer ≥ 0");
        if (channels is { Count: 0 })
        {
            section.Context.Report(Diagnostics.DiagnosticDescriptors.OutOfRange, section.Node("channels")!, section.PathOf("channels"), "a non-empty list of channel counts", "an empty list");
            return null;
        }

        return hidden is null || activation is null || channels is null || kernel is null || stride is null || padding is null
            ? null
            : new ConvNetworkSpec(
                hidden.Select(h => (int)h).ToEquatableArray(),
                activation.Value,
                channels.Select(c => (int)c).ToEquatableArray(),
                (int)kernel,
                (int)stride,
                (int)padding);
    }
}
