using System.Collections.Generic;
using System.Linq;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit;

/// <summary>TorchSharp expressions that build the encoder and decoder networks.</summary>
internal static class NetworkExpressions
{
    /// <summary>An MLP body: Linear and activation per hidden layer, then an optional output Linear.</summary>
    public static string Mlp(long inputWidth, NetworkSpec network, long? outputWidth)
    {
        var layers = new List<string>();
        var width = inputWidth;
        foreach (var hidden in network.Hidden)
        {
            layers.Add($"nn.Linear({width}, {hidden})");
            layers.Add(Activation(network.Activation));
            width = hidden;
        }

        if (outputWidth is { } output)
        {
            layers.Add($"nn.Linear({width}, {output})");
        }

        return layers.Count == 0 ? "nn.Identity()" : $"nn.Sequential({string.Join(", ", layers)})";
    }

    /// <summary>The width of the MLP's last hidden layer, or its input when it has none.</summary>
    public static long OutputWidth(long inputWidth, NetworkSpec network) =>
        network.Hidden.Count == 0 ? inputWidth : network.Hidden.Last();

    private static string Activation(Activation activation) => activation switch
    {
        Specs.Activation.Relu => "nn.ReLU()",
        Specs.Activation.Tanh => "nn.Tanh()",
        Specs.Activation.Sigmoid => "nn.Sigmoid()",
        Specs.Activation.Elu => "nn.ELU()",
        Specs.Activation.LeakyRelu => "nn.LeakyReLU()",
        Specs.Activation.Gelu => "nn.GELU()",
        Specs.Activation.Silu => "nn.SiLU()",
        Specs.Activation.Softplus => "nn.Softplus()",
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
