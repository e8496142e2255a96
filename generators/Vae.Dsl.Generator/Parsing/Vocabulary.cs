using System.Collections.Generic;
using System.Linq;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>The words one setting accepts, and the value each stands for.</summary>
internal sealed class Vocabulary<T>
{
    private readonly (string Word, T Value)[] supported;
    public Vocabulary(string what, (string Word, T Value)[] supported)
    {
        What = what;
        this.supported = supported;
    }

    /// <summary>What the word names, for messages: "posterior family".</summary>
    public string What { get; }

    public IEnumerable<string> AllWords => supported.Select(s => s.Word);

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

}

/// <summary>
/// The vocabularies of the model language other than the families, whose words come from their registries in
/// Families/.
/// </summary>
internal static class Vocabulary
{
    public static readonly Vocabulary<Activation> Activation = new(
        "activation",
        [
            ("relu", Specs.Activation.Relu),
            ("tanh", Specs.Activation.Tanh),
            ("sigmoid", Specs.Activation.Sigmoid),
            ("elu", Specs.Activation.Elu),
            ("leaky-relu", Specs.Activation.LeakyRelu),
            ("gelu", Specs.Activation.Gelu),
            ("silu", Specs.Activation.Silu),
            ("softplus", Specs.Activation.Softplus),
        ]);

    public static readonly Vocabulary<DataValues> Values = new(
        "data values", [("binary", DataValues.Binary), ("unit-interval", DataValues.UnitInterval), ("real", DataValues.Real)]);

    public static readonly Vocabulary<ScaleTransform> Scale = new(
        "posterior scale", [("softplus", ScaleTransform.Softplus), ("exp", ScaleTransform.Exp)]);

    public static readonly Vocabulary<Estimator> Estimator = new(
        "objective estimator", [("elbo", Specs.Estimator.Elbo), ("iwae", Specs.Estimator.Iwae)]);

    public static readonly Vocabulary<GradientEstimator> Gradient = new(
        "gradient estimator",
        [("standard", GradientEstimator.Standard), ("stl", GradientEstimator.StickingTheLanding), ("dreg", GradientEstimator.DoublyReparameterized)]);

    public static readonly Vocabulary<KlEstimator> Kl = new(
        "KL estimator", [("analytic", KlEstimator.Analytic), ("monte-carlo", KlEstimator.MonteCarlo)]);

    public static readonly Vocabulary<OptimizerKind> Optimizer = new(
        "optimizer", [("adam", OptimizerKind.Adam), ("adamw", OptimizerKind.AdamW), ("sgd", OptimizerKind.Sgd)]);

    public static readonly Vocabulary<Binarization> Binarize = new(
        "binarization", [("dynamic", Binarization.Dynamic), ("static", Binarization.Static), ("none", Binarization.None)]);

    public static readonly Vocabulary<NonFiniteAction> OnNonFinite = new(
        "action on a non-finite loss", [("stop", NonFiniteAction.Stop), ("skip", NonFiniteAction.Skip), ("rollback", NonFiniteAction.Rollback)]);
}
