using System;
using System.Linq;
using Shouldly;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// The generated densities and KLs agree with PyTorch's torch.distributions (or an exact evaluation where torch itself
/// is inaccurate) to 1e-10 · max(1, |expected|) in float64, on the committed cases of Reference/*.json (made by
/// Reference/make_reference_values.py). Each case runs through the method of a compiled test model of that family:
/// options fixed at compile time (a fixed scale, a class count) have a test model each, and learned parameters (a
/// learned prior, a learned likelihood scale) are set to the case's values, at the case's size, with
/// <c>Parameter.set_</c> on a fresh float64 model. Every case of every file runs.
/// </summary>
public class ReferenceValueTests
{
    private const double Tolerance = 1e-10;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in ReferenceCases.Files())
        {
            foreach (var reference in ReferenceCases.Load(file))
            {
                data.Add(file, reference.Name);
            }
        }

        return data;
    }

    public static TheoryData<string, string> PerDimensionCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in ReferenceCases.PerDimensionEvaluators.Keys)
        {
            foreach (var reference in ReferenceCases.Load(file))
            {
                data.Add(file, reference.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedMethod_MatchesReferenceValue(string file, string caseName)
    {
        var reference = ReferenceCases.Load(file).Single(c => c.Name == caseName);
        var evaluate = ReferenceCases.EvaluatorFor(file, reference).ShouldNotBeNull();

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        ShouldMatch(evaluate(reference), reference.Expected, $"{file} '{caseName}'");
    }

    [Theory]
    [MemberData(nameof(PerDimensionCases))]
    public void GeneratedKlPerDimension_MatchesReferenceValue(string file, string caseName)
    {
        var reference = ReferenceCases.Load(file).Single(c => c.Name == caseName);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        ShouldMatch(ReferenceCases.PerDimensionEvaluators[file](reference), reference.ExpectedPerDimension.ShouldNotBeNull(), $"{file} '{caseName}' per dimension");
    }

    private static void ShouldMatch(Tensor actual, (long[] Shape, double[] Data) expected, string what)
    {
        actual.shape.ShouldBe(expected.Shape, what);
        actual.dtype.ShouldBe(ScalarType.Float64, what);
        var values = actual.data<double>().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            Math.Abs(values[i] - expected.Data[i]).ShouldBeLessThanOrEqualTo(
                Tolerance * Math.Max(1, Math.Abs(expected.Data[i])), $"{what} [{i}]: {values[i]:R} vs {expected.Data[i]:R}");
        }
    }

    [Fact]
    public void EveryCase_HasAGeneratedMethodToRunIt()
    {
        var files = ReferenceCases.Files().ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(15);
        var missing = files.SelectMany(file => ReferenceCases.Load(file).Where(c => ReferenceCases.EvaluatorFor(file, c) is null).Select(c => $"{file} '{c.Name}' ({c.OptionKey})")).ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void EveryEvaluator_HasCases()
    {
        var used = ReferenceCases.Files().SelectMany(file => ReferenceCases.Load(file).Select(c => ReferenceCases.Evaluators.ContainsKey(file) ? file : file + "|" + c.OptionKey)).ToHashSet();
        ReferenceCases.Evaluators.Keys.Where(key => !used.Contains(key)).ShouldBeEmpty();
    }
}
