using System;
using System.Collections.Generic;
using System.Linq;
using Shouldly;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// The gradient of every generated log-density and closed-form KL with respect to each of its inputs (z, the
/// posterior's parameters, the decoder's output, the prior's and the likelihood's learned parameters) matches central
/// finite differences in float64: autograd through the generated code is the derivative of the formula. It runs the
/// "ordinary" cases of each reference file and option, or else its first case with no extreme input: at scales of 1e-6
/// or logits of ±30 a finite difference says nothing (the extreme inputs are for the values).
/// </summary>
public class ReferenceGradientTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in ReferenceCases.Files())
        {
            foreach (var group in ReferenceCases.Load(file).GroupBy(c => c.OptionKey))
            {
                var moderate = group.Where(c => !ExtremeMarkers.Any(marker => c.Name.Contains(marker, StringComparison.Ordinal))).ToList();
                var ordinary = moderate.Where(c => c.Name.StartsWith("ordinary", StringComparison.Ordinal)).ToList();
                foreach (var reference in ordinary.Count > 0 ? ordinary : moderate.Take(1))
                {
                    data.Add(file, reference.Name);
                }
            }
        }

        return data;
    }

    /// <summary>What the reference script calls its extreme inputs, in case names.</summary>
    private static readonly string[] ExtremeMarkers = ["1e-6", "1e6", "extreme", "+-", "far", "huge", "tiny", "large", "1000x"];

    [Fact]
    public void EveryReferenceFile_HasCasesHere()
    {
        var files = Cases().Select(row => (string)row[0]).ToHashSet();
        files.ShouldBe(ReferenceCases.Files(), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_MatchesCentralFiniteDifferences(string file, string caseName)
    {
        var reference = ReferenceCases.Find(file, caseName);
        var evaluate = ReferenceCases.EvaluatorFor(file, reference).ShouldNotBeNull();
        var inputs = DifferentiableInputs(file, reference).ToList();
        inputs.ShouldNotBeEmpty();

        using var scope = NewDisposeScope();
        var withLeaves = reference.WithLeaves(inputs);
        var total = evaluate(withLeaves).sum();
        total.backward();
        var scale = Math.Max(1, Math.Abs(total.item<double>()));

        foreach (var input in inputs)
        {
            var gradient = withLeaves.GradientOf(input).ShouldNotBeNull($"{input} got no gradient").data<double>().ToArray();
            var values = reference.Inputs[input].Data;
            gradient.Length.ShouldBe(values.Length);
            for (var e = 0; e < values.Length; e++)
            {
                // ∂F/∂v ≈ (F(v + h) - F(v - h)) / 2h, h relative to v
                var h = 1e-6 * Math.Max(1, Math.Abs(values[e]));
                var numeric = (Total(evaluate, reference.Shifted(input, e, h)) - Total(evaluate, reference.Shifted(input, e, -h))) / (2 * h);
                // truncation O(h²) plus rounding of F, about 1e-16 |F| / h
                var tolerance = (1e-6 * Math.Max(1, Math.Abs(numeric))) + (1e-9 * scale / h * 1e-6);
                Math.Abs(gradient[e] - numeric).ShouldBeLessThanOrEqualTo(tolerance, $"∂/∂{input}[{e}]: autograd {gradient[e]:R}, finite differences {numeric:R}");
            }
        }
    }

    /// <summary>Every input but the data of a categorical likelihood, whose values are class indices.</summary>
    private static IEnumerable<string> DifferentiableInputs(string file, ReferenceCase reference) =>
        reference.Inputs.Keys.Where(input => !(file == "likelihood.categorical" && input == "x"));

    private static double Total(Func<ReferenceCase, Tensor> evaluate, ReferenceCase reference)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return evaluate(reference).sum().item<double>();
    }
}
