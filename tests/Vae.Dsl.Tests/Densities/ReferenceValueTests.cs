using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Shouldly;
using Vae.Dsl.Tests.Models;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// The generated densities and KLs agree with PyTorch's torch.distributions (or an exact evaluation where torch itself
/// is inaccurate) to 1e-10 · max(1, |expected|) in float64, on the committed cases of Reference/*.json (made by
/// Reference/make_reference_values.py). Each case runs through the method of a compiled test model of that family.
/// Families whose densities read learned parameters (the learned Gaussian and mixture priors, a learned likelihood
/// scale, and the KLs to a learned prior) need a model of each case's size and are not covered here yet.
/// </summary>
public class ReferenceValueTests
{
    private const double Tolerance = 1e-10;

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Covered)
        {
            foreach (var name in Load(file).Where(c => EvaluatorFor(file, c) is not null).Select(c => c.Name))
            {
                data.Add(file, name);
            }
        }

        return data;
    }

    private static readonly TinyVae Tiny = new();
    private static readonly FullCovarianceVae Full = new();
    private static readonly ContinuousBernoulliVae ContinuousBernoulli = new();
    private static readonly LaplaceVampVae LaplaceFixed = new();
    private static readonly LaplacePredictedVae LaplacePredicted = new();
    private static readonly PredictedScaleVae GaussianPredicted = new();
    private static readonly CategoricalConvVae Categorical = new();

    /// <summary>The fixture files the methods below cover, each with how to evaluate a case.</summary>
    private static readonly Dictionary<string, Func<ReferenceCase, Tensor>> Evaluators = new()
    {
        ["posterior.gaussian-diagonal"] = c => Tiny.LogPosterior(new TinyVae.Posterior(c["mean"], c["scale"]), c["z"]),
        ["posterior.gaussian-full"] = c => Full.LogPosterior(new FullCovarianceVae.Posterior(c["mean"], c["scale_tril"]), c["z"]),
        ["prior.standard-normal"] = c => Tiny.LogPrior(c["z"]),
        ["likelihood.bernoulli"] = c => Tiny.LogLikelihood(c["x"], c["decoded"]),
        ["likelihood.continuous-bernoulli"] = c => ContinuousBernoulli.LogLikelihood(c["x"], c["decoded"]),
        ["kl.gaussian-diagonal.standard-normal"] = c => Tiny.KlToPrior(new TinyVae.Posterior(c["mean"], c["scale"])),
        ["kl.gaussian-full.standard-normal"] = c => Full.KlToPrior(new FullCovarianceVae.Posterior(c["mean"], c["scale_tril"])),
    };

    private static readonly Dictionary<string, Func<ReferenceCase, Tensor>> OptionEvaluators = new()
    {
        // Compiled with the options of these cases: laplace with s = 0.3 or a predicted scale over 1e-3, gaussian with a
        // predicted scale over 1e-3, categorical with 5 classes.
        ["likelihood.laplace|fixed|0.3"] = c => LaplaceFixed.LogLikelihood(c["x"], c["decoded"]),
        ["likelihood.laplace|predicted|0.001"] = c => LaplacePredicted.LogLikelihood(c["x"], c["decoded"]),
        ["likelihood.gaussian|predicted|0.001"] = c => GaussianPredicted.LogLikelihood(c["x"], c["decoded"]),
        ["likelihood.categorical|5"] = c => Categorical.LogLikelihood(c["x"], c["decoded"]),
        ["prior.vamp|gaussian-diagonal"] = c => LaplaceFixed.LogPrior(c["z"], new LaplaceVampVae.Posterior(c["component_means"], c["component_scales"])),
    };

    /// <summary>The method for a case, or null for options no compiled test model has (another fixed scale, another class count).</summary>
    private static Func<ReferenceCase, Tensor>? EvaluatorFor(string file, ReferenceCase reference) =>
        Evaluators.TryGetValue(file, out var plain) ? plain : OptionEvaluators.GetValueOrDefault(file + "|" + reference.OptionKey);

    private static IEnumerable<string> Covered => Evaluators.Keys.Concat(OptionEvaluators.Keys.Select(k => k.Split('|')[0]).Distinct());

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedMethod_MatchesReferenceValue(string file, string caseName)
    {
        var reference = Load(file).Single(c => c.Name == caseName);
        var evaluate = EvaluatorFor(file, reference).ShouldNotBeNull();

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var actual = evaluate(reference);

        actual.shape.ShouldBe(reference.ExpectedShape);
        actual.dtype.ShouldBe(ScalarType.Float64);
        var values = actual.data<double>().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var expected = reference.Expected[i];
            Math.Abs(values[i] - expected).ShouldBeLessThanOrEqualTo(
                Tolerance * Math.Max(1, Math.Abs(expected)), $"{file} '{caseName}' [{i}]: {values[i]:R} vs {expected:R}");
        }
    }

    [Fact]
    public void EveryCoveredOption_HasCasesThatRun()
    {
        foreach (var key in OptionEvaluators.Keys)
        {
            var file = key.Split('|')[0];
            Load(file).Count(c => file + "|" + c.OptionKey == key).ShouldBeGreaterThan(0, key);
        }
    }

    private static readonly Dictionary<string, List<ReferenceCase>> Files = new();

    private static List<ReferenceCase> Load(string file)
    {
        lock (Files)
        {
            if (!Files.TryGetValue(file, out var cases))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Reference", file + ".json");
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                cases = document.RootElement.GetProperty("cases").EnumerateArray().Select(ReferenceCase.From).ToList();
                Files[file] = cases;
            }

            return cases;
        }
    }

    /// <summary>One case: named float64 inputs, the options they were made with, and the expected values.</summary>
    private sealed record ReferenceCase(string Name, string OptionKey, Dictionary<string, (long[] Shape, double[] Data)> Inputs, long[] ExpectedShape, double[] Expected)
    {
        public Tensor this[string input] => tensor(Inputs[input].Data, Inputs[input].Shape, dtype: ScalarType.Float64);

        public static ReferenceCase From(JsonElement element)
        {
            static (long[], double[]) Array(JsonElement e) => (
                e.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray(),
                e.GetProperty("data").EnumerateArray().Select(d => d.GetDouble()).ToArray());

            var options = element.TryGetProperty("options", out var o) ? o : default;
            var key = options.ValueKind != JsonValueKind.Object
                ? string.Empty
                : options.TryGetProperty("scale", out var scale)
                    ? scale.GetString() + "|" + (scale.GetString() == "fixed" ? options.GetProperty("value").GetDouble() : options.GetProperty("min_scale").GetDouble()).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                    : options.TryGetProperty("classes", out var classes)
                        ? classes.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : options.TryGetProperty("posterior", out var posterior) ? posterior.GetString()! : string.Empty;
            var inputs = element.GetProperty("inputs").EnumerateObject().ToDictionary(p => p.Name, p => Array(p.Value));
            var (shape, data) = Array(element.GetProperty("expected"));
            return new ReferenceCase(element.GetProperty("name").GetString()!, key, inputs, shape, data);
        }
    }
}
