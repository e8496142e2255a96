using System.Collections.Generic;
using System.Linq;
using Vae.Dsl.Generator.Model;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// The words one setting accepts: those this version implements, and those the language names but this
/// version does not implement yet (choosing one is a "not supported yet" diagnostic, not an unknown word).
/// </summary>
internal sealed class Vocabulary<T>
{
    private readonly (string Word, T Value)[] supported;
    private readonly string[] planned;

    public Vocabulary(string what, (string Word, T Value)[] supported, params string[] planned)
    {
        What = what;
        this.supported = supported;
        this.planned = planned;
    }

    /// <summary>What the word names, for messages: "posterior family".</summary>
    public string What { get; }

    public IEnumerable<string> AllWords => supported.Select(s => s.Word).Concat(planned);

    public IEnumerable<string> SupportedWords => supported.Select(s => s.Word);

    public bool TryGet(string word, out T value)
    {
        foreach (var (candidate, candidateValue) in supported)
        {
            if (candidate == word)
            {
                value = candidateValue;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>The word the model file uses for a value.</summary>
    public string WordFor(T value) => supported.First(s => EqualityComparer<T>.Default.Equals(s.Value, value)).Word;

    public bool IsPlanned(string word) => planned.Contains(word);

    public string Supported => string.Join(", ", SupportedWords);
}

/// <summary>The vocabularies of the model language.</summary>
internal static class Vocabulary
{
    public static readonly Vocabulary<NetworkKind> Network = new(
        "network", [("mlp", NetworkKind.Mlp)], "conv");

    public static readonly Vocabulary<Activation> Activation = new(
        "activation",
        [
            ("relu", Model.Activation.Relu),
            ("tanh", Model.Activation.Tanh),
            ("sigmoid", Model.Activation.Sigmoid),
            ("elu", Model.Activation.Elu),
            ("leaky-relu", Model.Activation.LeakyRelu),
            ("gelu", Model.Activation.Gelu),
            ("silu", Model.Activation.Silu),
            ("softplus", Model.Activation.Softplus),
        ]);

    public static readonly Vocabulary<PosteriorFamily> PosteriorFamily = new(
        "posterior family", [("gaussian-diagonal", Model.PosteriorFamily.GaussianDiagonal)], "gaussian-full");

    public static readonly Vocabulary<ScaleTransform> Scale = new(
        "posterior scale", [("softplus", ScaleTransform.Softplus), ("exp", ScaleTransform.Exp)]);

    public static readonly Vocabulary<LikelihoodFamily> LikelihoodFamily = new(
        "likelihood family",
        [("bernoulli", Model.LikelihoodFamily.Bernoulli)],
        "continuous-bernoulli", "gaussian", "laplace", "categorical");

    public static readonly Vocabulary<PriorFamily> PriorFamily = new(
        "prior family", [("standard-normal", Model.PriorFamily.StandardNormal)], "gaussian", "mixture", "vamp");

    public static readonly Vocabulary<Estimator> Estimator = new(
        "objective estimator", [("elbo", Model.Estimator.Elbo)], "iwae");

    public static readonly Vocabulary<KlEstimator> Kl = new(
        "KL estimator", [("analytic", KlEstimator.Analytic)], "monte-carlo");

    public static readonly Vocabulary<OptimizerKind> Optimizer = new(
        "optimizer", [("adam", OptimizerKind.Adam), ("adamw", OptimizerKind.AdamW), ("sgd", OptimizerKind.Sgd)]);

    public static readonly Vocabulary<Binarization> Binarize = new(
        "binarization", [("dynamic", Binarization.Dynamic), ("static", Binarization.Static), ("none", Binarization.None)]);
}
