using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit;

/// <summary>
/// How the class y of a conditional model (<c>data.condition</c>) joins the generated signatures and calls: every
/// method that sees data or decodes takes y after its first argument; an unconditional model has no y at all.
/// </summary>
internal static class Conditioning
{
    /// <summary>"Tensor x" or "Tensor x, Tensor y".</summary>
    public static string Parameters(ModelSpec model, string data = "x") => model.IsConditional ? $"Tensor {data}, Tensor y" : $"Tensor {data}";

    /// <summary>"x" or "x, y".</summary>
    public static string Arguments(ModelSpec model, string data = "x") => model.IsConditional ? $"{data}, y" : data;

    /// <summary>"Decode(z)" or "Decode(z, y)", on <paramref name="receiver"/> ("model.") if given.</summary>
    public static string Decode(ModelSpec model, string z, string receiver = "") => $"{receiver}Decode({Arguments(model, z)})";

    /// <summary>" with classes y of [batch]" for the XML docs of a conditional model's methods.</summary>
    public static string ClassText(ModelSpec model) => model.IsConditional ? " with classes y of [batch]" : string.Empty;
}
