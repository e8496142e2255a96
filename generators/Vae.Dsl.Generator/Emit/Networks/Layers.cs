using System.Collections.Generic;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit.Networks;

/// <summary>TorchSharp expressions for layers and stacks of them.</summary>
internal static class Layers
{
    /// <summary>Linear and activation per hidden width, from <paramref name="width"/>; returns the last width.</summary>
    public static long AddDense(List<string> layers, long width, IEnumerable<int> hidden, Activation activation)
    {
        foreach (var size in hidden)
        {
            layers.Add($"nn.Linear({width}, {size})");
            layers.Add(ActivationModule(activation));
            width = size;
        }

        return width;
    }

    public static string Sequential(List<string> layers) =>
        layers.Count == 0 ? "nn.Identity()" : $"nn.Sequential({string.Join(", ", layers)})";

    public static string ActivationModule(Activation activation) => activation switch
    {
        Activation.Relu => "nn.ReLU(inplace: true)",
        Activation.Tanh => "nn.Tanh()",
        Activation.Sigmoid => "nn.Sigmoid()",
        Activation.Elu => "nn.ELU()",
        Activation.LeakyRelu => "nn.LeakyReLU()",
        Activation.Gelu => "nn.GELU()",
        Activation.Silu => "nn.SiLU()",
        Activation.Softplus => "nn.Softplus()",
        _ => throw new System.ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
