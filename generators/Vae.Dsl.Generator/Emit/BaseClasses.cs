using System.Collections.Generic;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// A class the generated code derives from: as the code writes it (with <c>{0}</c> for its type argument: the model's
/// type, or its posterior's parameters), and as the compiler's metadata names it.
/// </summary>
internal sealed record BaseClass(string Syntax, string MetadataName)
{
    public string WrittenFor(string typeArgument) => string.Format(Syntax, typeArgument);
}

/// <summary>
/// Every class a generated type derives from (besides object and ValueType). The names these inherit are names the
/// model cannot take, so Naming/ reads their members from the compilation; the emitters write a base class only from
/// here.
/// </summary>
internal static class BaseClasses
{
    public static readonly BaseClass Module = new("VaeModule<{0}>", "Vae.Dsl.Models.VaeModule`1");

    public static readonly BaseClass ConditionalModule = new("ConditionalVaeModule<{0}>", "Vae.Dsl.Models.ConditionalVaeModule`1");

    public static readonly BaseClass Trainer = new("VaeTrainer<{0}>", "Vae.Dsl.Training.VaeTrainer`1");

    public static IReadOnlyList<BaseClass> All { get; } = [Module, ConditionalModule, Trainer];
}
