using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Shouldly;
using Vae.Dsl.Tests.Models;
using Xunit;
using TorchSharp;
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
        foreach (var file in ReferenceFiles())
        {
            foreach (var reference in Load(file))
            {
                data.Add(file, reference.Name);
            }
        }

        return data;
    }

    private static readonly TinyVae Tiny = new();
    private static readonly FullCovarianceVae Full = new();
    private static readonly ContinuousBernoulliVae ContinuousBernoulli = new();
    private static readonly CategoricalConvVae Categorical = new();

    /// <summary>A fresh float64 model whose named parameters hold the case's inputs (any size), e.g. ("priorMean", "mean").</summary>
    private static T WithParameters<T>(T model, ReferenceCase reference, params (string Parameter, string Input)[] parameters)
        where T : nn.Module
    {
        model.to(ScalarType.Float64);
        using var noGrad = no_grad();
        foreach (var (parameter, input) in parameters)
        {
            model.get_parameter(parameter)!.set_(reference[input]);
        }

        return model;
    }

    /// <summary>How to evaluate a case of each file, by "file" or, for options fixed at compile time, "file|options".</summary>
    private static readonly Dictionary<string, Func<ReferenceCase, Tensor>> Evaluators = new()
    {
        ["posterior.gaussian-diagonal"] = c => Tiny.LogPosterior(new TinyVae.Posterior(c["mean"], c["scale"]), c["z"]),
        ["posterior.gaussian-full"] = c => Full.LogPosterior(new FullCovarianceVae.Posterior(c["mean"], c["scale_tril"]), c["z"]),

        ["prior.standard-normal"] = c => Tiny.LogPrior(c["z"]),
        ["prior.gaussian"] = c => WithParameters(new ContinuousBernoulliVae(), c, ("priorMean", "mean"), ("priorLogScale", "log_scale")).LogPrior(c["z"]),
        ["prior.mixture"] = c => WithParameters(new GaussianMixtureVae(), c, ("priorMeans", "means"), ("priorLogScales", "log_scales"), ("priorLogits", "logits")).LogPrior(c["z"]),
        ["prior.vamp|gaussian-diagonal"] = c => new LaplaceVampVae().LogPrior(c["z"], new LaplaceVampVae.Posterior(c["component_means"], c["component_scales"])),
        ["prior.vamp|gaussian-full"] = c => new GaussianVampFullVae().LogPrior(c["z"], new GaussianVampFullVae.Posterior(c["component_means"], c["component_scale_trils"])),

        ["likelihood.bernoulli"] = c => Tiny.LogLikelihood(c["x"], c["decoded"]),
        ["likelihood.continuous-bernoulli"] = c => ContinuousBernoulli.LogLikelihood(c["x"], c["decoded"]),
        ["likelihood.categorical|5"] = c => Categorical.LogLikelihood(c["x"], c["decoded"]),
        ["likelihood.categorical|2"] = c => new CategoricalTwoVae().LogLikelihood(c["x"], c["decoded"]),
        ["likelihood.categorical|256"] = c => new CategoricalLevelsVae().LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.gaussian", "fixed", 0.3)] = c => new GaussianVampFullVae().LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.gaussian", "fixed", 1e-6)] = c => new GaussianTinyScaleVae().LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.gaussian", "fixed", 1e6)] = c => new GaussianHugeScaleVae().LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.gaussian", "learned", 1e-3)] = c => WithParameters(new GaussianMixtureVae(), c, ("rawLikelihoodScale", "raw_scale")).LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.gaussian", "predicted", 1e-3)] = c => new PredictedScaleVae().LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.laplace", "fixed", 0.3)] = c => new LaplaceVampVae().LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.laplace", "fixed", 1e-6)] = c => new LaplaceTinyScaleVae().LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.laplace", "fixed", 1e6)] = c => new LaplaceHugeScaleVae().LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.laplace", "learned", 1e-3)] = c => WithParameters(new LaplaceLearnedVae(), c, ("rawLikelihoodScale", "raw_scale")).LogLikelihood(c["x"], c["decoded"]),
        [ScaleKey("likelihood.laplace", "predicted", 1e-3)] = c => new LaplacePredictedVae().LogLikelihood(c["x"], c["decoded"]),

        ["kl.gaussian-diagonal.standard-normal"] = c => Tiny.KlToPrior(new TinyVae.Posterior(c["mean"], c["scale"])),
        ["kl.gaussian-full.standard-normal"] = c => Full.KlToPrior(new FullCovarianceVae.Posterior(c["mean"], c["scale_tril"])),
        ["kl.gaussian-diagonal.gaussian"] = c => WithParameters(new ContinuousBernoulliVae(), c, ("priorMean", "prior_mean"), ("priorLogScale", "prior_log_scale"))
            .KlToPrior(new ContinuousBernoulliVae.Posterior(c["mean"], c["scale"])),
        ["kl.gaussian-full.gaussian"] = c => WithParameters(new PredictedScaleVae(), c, ("priorMean", "prior_mean"), ("priorLogScale", "prior_log_scale"))
            .KlToPrior(new PredictedScaleVae.Posterior(c["mean"], c["scale_tril"])),
    };

    private static string ScaleKey(string file, string kind, double value) => file + "|" + ReferenceCase.ScaleOptionKey(kind, value);

    /// <summary>The method for a case: by its file, or by its file and the options it was made with.</summary>
    private static Func<ReferenceCase, Tensor>? EvaluatorFor(string file, ReferenceCase reference) =>
        Evaluators.TryGetValue(file, out var plain) ? plain : Evaluators.GetValueOrDefault(file + "|" + reference.OptionKey);

    private static IEnumerable<string> ReferenceFiles() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Reference"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    /// <summary>The per-dimension KLs, Σ_i of which is KlToPrior: free bits clamp each term.</summary>
    private static readonly Dictionary<string, Func<ReferenceCase, Tensor>> PerDimensionEvaluators = new()
    {
        ["kl.gaussian-diagonal.standard-normal"] = c => Tiny.KlToPriorPerDimension(new TinyVae.Posterior(c["mean"], c["scale"])),
        ["kl.gaussian-diagonal.gaussian"] = c => WithParameters(new ContinuousBernoulliVae(), c, ("priorMean", "prior_mean"), ("priorLogScale", "prior_log_scale"))
            .KlToPriorPerDimension(new ContinuousBernoulliVae.Posterior(c["mean"], c["scale"])),
    };

    public static TheoryData<string, string> PerDimensionCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in PerDimensionEvaluators.Keys)
        {
            foreach (var reference in Load(file))
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
        var reference = Load(file).Single(c => c.Name == caseName);
        var evaluate = EvaluatorFor(file, reference).ShouldNotBeNull();

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        ShouldMatch(evaluate(reference), reference.Expected, $"{file} '{caseName}'");
    }

    [Theory]
    [MemberData(nameof(PerDimensionCases))]
    public void GeneratedKlPerDimension_MatchesReferenceValue(string file, string caseName)
    {
        var reference = Load(file).Single(c => c.Name == caseName);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        ShouldMatch(PerDimensionEvaluators[file](reference), reference.ExpectedPerDimension.ShouldNotBeNull(), $"{file} '{caseName}' per dimension");
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
        var files = ReferenceFiles().ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(15);
        var missing = files.SelectMany(file => Load(file).Where(c => EvaluatorFor(file, c) is null).Select(c => $"{file} '{c.Name}' ({c.OptionKey})")).ToList();
        missing.ShouldBeEmpty();
    }

    [Fact]
    public void EveryEvaluator_HasCases()
    {
        var used = ReferenceFiles().SelectMany(file => Load(file).Select(c => Evaluators.ContainsKey(file) ? file : file + "|" + c.OptionKey)).ToHashSet();
        Evaluators.Keys.Where(key => !used.Contains(key)).ShouldBeEmpty();
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
    private sealed record ReferenceCase(
        string Name,
        string OptionKey,
        Dictionary<string, (long[] Shape, double[] Data)> Inputs,
        (long[] Shape, double[] Data) Expected,
        (long[] Shape, double[] Data)? ExpectedPerDimension)
    {
        public Tensor this[string input] => tensor(Inputs[input].Data, Inputs[input].Shape, dtype: ScalarType.Float64);

        /// <summary>A likelihood scale's options as a key: "fixed|0.3" (the scale) or "learned|0.001" (the minimum scale).</summary>
        public static string ScaleOptionKey(string kind, double value) =>
            kind + "|" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

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
                        ? classes.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)
                        : options.TryGetProperty("posterior", out var posterior) ? posterior.GetString()! : string.Empty;
            var inputs = element.GetProperty("inputs").EnumerateObject().ToDictionary(p => p.Name, p => Array(p.Value));
            var perDimension = element.TryGetProperty("expected_per_dim", out var d) ? Array(d) : ((long[], double[])?)null;
            return new ReferenceCase(element.GetProperty("name").GetString()!, key, inputs, Array(element.GetProperty("expected")), perDimension);
        }
    }
}
