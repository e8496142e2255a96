using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// One reference case: named float64 inputs, the options they were made with, and the expected values. A gradient
/// test gives it leaf tensors to hand out instead of fresh ones (<see cref="WithLeaves"/>) and reads each input's
/// gradient back, from the leaf or from the model parameter the input was copied into (<see cref="Bind"/>).
/// </summary>
internal sealed class ReferenceCase(
    string name,
    string optionKey,
    IReadOnlyDictionary<string, (long[] Shape, double[] Data)> inputs,
    (long[] Shape, double[] Data) expected,
    (long[] Shape, double[] Data)? expectedPerDimension)
{
    private readonly Dictionary<string, Tensor> leaves = new();
    private readonly Dictionary<string, Parameter> boundParameters = new();

    public string Name => name;

    /// <summary>The options of the case as a key: "fixed|0.3", "learned|0.001", "5" (classes), "gaussian-full" or "".</summary>
    public string OptionKey => optionKey;

    public IReadOnlyDictionary<string, (long[] Shape, double[] Data)> Inputs => inputs;

    public (long[] Shape, double[] Data) Expected => expected;

    public (long[] Shape, double[] Data)? ExpectedPerDimension => expectedPerDimension;

    /// <summary>The input as a float64 tensor: the leaf given for it, or a fresh tensor.</summary>
    public Tensor this[string input] => leaves.TryGetValue(input, out var leaf)
        ? leaf
        : tensor(inputs[input].Data, inputs[input].Shape, dtype: ScalarType.Float64);

    /// <summary>The same case handing out leaves that record gradients for the named inputs.</summary>
    public ReferenceCase WithLeaves(IEnumerable<string> names)
    {
        var copy = new ReferenceCase(name, optionKey, inputs, expected, expectedPerDimension);
        foreach (var input in names)
        {
            copy.leaves[input] = tensor(inputs[input].Data, inputs[input].Shape, dtype: ScalarType.Float64).requires_grad_();
        }

        return copy;
    }

    /// <summary>The same case with one element of one input moved by <paramref name="shift"/>.</summary>
    public ReferenceCase Shifted(string input, int element, double shift)
    {
        var moved = inputs.ToDictionary(p => p.Key, p => p.Value);
        var data = (double[])inputs[input].Data.Clone();
        data[element] += shift;
        moved[input] = (inputs[input].Shape, data);
        return new ReferenceCase(name, optionKey, moved, expected, expectedPerDimension);
    }

    /// <summary>Records that the input's values now live in a model parameter, where its gradient will be.</summary>
    public void Bind(string input, Parameter parameter) => boundParameters[input] = parameter;

    /// <summary>d(output)/d(input) after backward: the parameter's gradient if the input was bound to one, else the leaf's.</summary>
    public Tensor? GradientOf(string input) =>
        boundParameters.TryGetValue(input, out var parameter) ? parameter.grad : leaves[input].grad;

    /// <summary>A likelihood scale's options as a key: "fixed|0.3" (the scale) or "learned|0.001" (the minimum scale).</summary>
    public static string ScaleOptionKey(string kind, double value) =>
        kind + "|" + value.ToString("R", CultureInfo.InvariantCulture);

    public static ReferenceCase From(JsonElement element)
    {
        static (long[], double[]) Array(JsonElement e) => (
            e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
            e.GetProperty("data").EnumerateArray().Select(d => d.GetDouble()).ToArray());

        var options = element.TryGetProperty("options", out var o) ? o : default;
        var key = options.ValueKind != JsonValueKind.Object
            ? string.Empty
            : options.TryGetProperty("scale", out var scale)
                ? ScaleOptionKey(scale.GetString()!, scale.GetString() == "fixed" ? options.GetProperty("value").GetDouble() : options.GetProperty("min_scale").GetDouble())
                : options.TryGetProperty("classes", out var classes)
                    ? classes.GetInt32().ToString(CultureInfo.InvariantCulture)
                    : options.TryGetProperty("posterior", out var posterior) ? posterior.GetString()! : string.Empty;
        var inputs = element.GetProperty("inputs").EnumerateObject().ToDictionary(p => p.Name, p => Array(p.Value));
        var perDimension = element.TryGetProperty("expected_per_dim", out var d) ? Array(d) : ((long[], double[])?)null;
        return new ReferenceCase(element.GetProperty("name").GetString()!, key, inputs, Array(element.GetProperty("expected")), perDimension);
    }
}
