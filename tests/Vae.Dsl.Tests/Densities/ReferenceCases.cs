using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using Vae.Dsl.Models;
using Vae.Dsl.Tests.Models;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// The committed cases of Reference/*.json (made by Reference/make_reference_values.py), and for each the generated
/// method that computes it: a method of a compiled test model of that family. Options fixed at compile time (a fixed
/// scale, a class count) have a test model each; learned parameters (a learned prior, a learned likelihood scale) are
/// set to the case's values, at the case's size, with <c>Parameter.set_</c> on a fresh float64 model.
/// </summary>
internal static class ReferenceCases
{
    /// <summary>Every reference file, by name without ".json": "prior.mixture".</summary>
    public static IEnumerable<string> Files() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Reference"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal);

    public static ReferenceCase Find(string file, string name) => Load(file).Single(c => c.Name == name);

    private static readonly Dictionary<string, List<ReferenceCase>> Cache = new();

    public static List<ReferenceCase> Load(string file)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var cases))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Reference", file + ".json");
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                cases = document.RootElement.GetProperty("cases").EnumerateArray().Select(ReferenceCase.From).ToList();
                Cache[file] = cases;
            }

            return cases;
        }
    }

    private static readonly TinyVae Tiny = new();
    private static readonly FullCovarianceVae Full = new();
    private static readonly ContinuousBernoulliVae ContinuousBernoulli = new();
    private static readonly CategoricalConvVae Categorical = new();

    /// <summary>
    /// A fresh float64 model whose named parameters hold the case's inputs (any size), e.g. ("priorMean", "mean"); the
    /// gradient of such an input is the parameter's.
    /// </summary>
    private static T WithParameters<T>(T model, ReferenceCase reference, params (string Parameter, string Input)[] parameters)
        where T : nn.Module
    {
        model.to(ScalarType.Float64);
        using var noGrad = no_grad();
        foreach (var (name, input) in parameters)
        {
            var parameter = model.get_parameter(name)!;
            parameter.set_(reference[input].detach());
            reference.Bind(input, parameter);
        }

        return model;
    }

    /// <summary>How to evaluate a case of each file, by "file" or, for options fixed at compile time, "file|options".</summary>
    public static readonly Dictionary<string, Func<ReferenceCase, Tensor>> Evaluators = new()
    {
        ["posterior.gaussian-diagonal"] = c => Tiny.LogPosterior(new DiagonalPosterior(c["mean"], c["scale"]), c["z"]),
        ["posterior.gaussian-full"] = c => Full.LogPosterior(new CholeskyPosterior(c["mean"], c["scale_tril"]), c["z"]),

        ["prior.standard-normal"] = c => Tiny.LogPrior(c["z"]),
        ["prior.gaussian"] = c => WithParameters(new ContinuousBernoulliVae(), c, ("priorMean", "mean"), ("priorLogScale", "log_scale")).LogPrior(c["z"]),
        ["prior.mixture"] = c => WithParameters(new GaussianMixtureVae(), c, ("priorMeans", "means"), ("priorLogScales", "log_scales"), ("priorLogits", "logits")).LogPrior(c["z"]),
        ["prior.vamp|gaussian-diagonal"] = c => new LaplaceVampVae().LogPrior(c["z"], new DiagonalPosterior(c["component_means"], c["component_scales"])),
        ["prior.vamp|gaussian-full"] = c => new GaussianVampFullVae().LogPrior(c["z"], new CholeskyPosterior(c["component_means"], c["component_scale_trils"])),

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

        ["kl.gaussian-diagonal.standard-normal"] = c => Tiny.KlToPrior(new DiagonalPosterior(c["mean"], c["scale"])),
        ["kl.gaussian-full.standard-normal"] = c => Full.KlToPrior(new CholeskyPosterior(c["mean"], c["scale_tril"])),
        ["kl.gaussian-diagonal.gaussian"] = c => WithParameters(new ContinuousBernoulliVae(), c, ("priorMean", "prior_mean"), ("priorLogScale", "prior_log_scale"))
            .KlToPrior(new DiagonalPosterior(c["mean"], c["scale"])),
        ["kl.gaussian-full.gaussian"] = c => WithParameters(new PredictedScaleVae(), c, ("priorMean", "prior_mean"), ("priorLogScale", "prior_log_scale"))
            .KlToPrior(new CholeskyPosterior(c["mean"], c["scale_tril"])),
    };

    private static string ScaleKey(string file, string kind, double value) => file + "|" + ReferenceCase.ScaleOptionKey(kind, value);

    /// <summary>The method for a case: by its file, or by its file and the options it was made with.</summary>
    public static Func<ReferenceCase, Tensor>? EvaluatorFor(string file, ReferenceCase reference) =>
        Evaluators.TryGetValue(file, out var plain) ? plain : Evaluators.GetValueOrDefault(file + "|" + reference.OptionKey);

    /// <summary>The per-dimension KLs, Σ_i of which is KlToPrior: free bits clamp each term.</summary>
    public static readonly Dictionary<string, Func<ReferenceCase, Tensor>> PerDimensionEvaluators = new()
    {
        ["kl.gaussian-diagonal.standard-normal"] = c => Tiny.KlToPriorPerDimension(new DiagonalPosterior(c["mean"], c["scale"])),
        ["kl.gaussian-diagonal.gaussian"] = c => WithParameters(new ContinuousBernoulliVae(), c, ("priorMean", "prior_mean"), ("priorLogScale", "prior_log_scale"))
            .KlToPriorPerDimension(new DiagonalPosterior(c["mean"], c["scale"])),
    };
}
