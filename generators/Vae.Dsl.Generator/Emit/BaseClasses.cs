using System.Collections.Generic;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// A class the generated code derives from: as the code writes it (with <c>{model}</c> for the model's type), and as
/// the compiler's metadata names it.
/// </summary>
internal sealed record BaseClass(string Syntax, string MetadataName)
{
    public string WrittenFor(string model) => Syntax.Replace("{model}", model);
}

/// <summary>
/// Every class a generated type derives from (besides object and ValueType). The names these inherit are names the
/// model cannot take, so Naming/ reads their members from the compilation; the emitters write a base class only from
/// here.
/// </summary>
internal static class BaseClasses
{
    public static readonly BaseClass Module = new("nn.Module<Tensor, ElboTerms>", "TorchSharp.torch+nn+Module`2");

    public static readonly BaseClass ConditionalModule = new("nn.Module<Tensor, Tensor, ElboTerms>", "TorchSharp.torch+nn+Module`3");

    public static readonly BaseClass Trainer = new("VaeTrainer<{model}>", "Vae.Dsl.Training.VaeTrainer`1");

    public static IReadOnlyList<BaseClass> All { get; } = [Module, ConditionalModule, Trainer];
}
