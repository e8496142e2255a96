using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Vae.Dsl.Generator.Model;
using YamlDotNet.RepresentationModel;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// Reads one *.vae.yaml file into a <see cref="ModelSpec"/>, reporting every mistake it finds (not just the
/// first) at the line and column of the offending node. docs/dsl.md is the reference for the language.
/// </summary>
internal static class ModelParser
{
    /// <summary>Used when the model sets no namespace and the project's RootNamespace is not visible.</summary>
    public const string FallbackNamespace = "Vae.Models";

    private static readonly string[] RootKeys =
        ["model", "namespace", "description", "data", "latent", "encoder", "posterior", "decoder", "likelihood", "prior", "objective", "training", "evaluation"];

    private static readonly string[] NetworkKeys = ["network", "hidden", "activation"];

    public static ParseResult Parse(ModelFile file, string? rootNamespace, CancellationToken cancellationToken)
    {
        var context = new ReadContext(file.Path);
        var root = YamlLoader.LoadRoot(file.Text, context);
        cancellationToken.ThrowIfCancellationRequested();
        var model = root is null ? null : ReadModel(new SectionReader(context, string.Empty, root, root, RootKeys), file, rootNamespace);
        return new ParseResult(file.Path, context.HasErrors ? null : model, context.Diagnostics);
    }

    private static ModelSpec? ReadModel(SectionReader root, ModelFile file, string? rootNamespace)
    {
        var name = ReadName(root);
        var ns = ReadNamespace(root, rootNamespace);
        var description = root.Text("description", required: false, "a sentence");
        var shape = ReadData(root);
        var latentSize = root.Section("latent", required: true, "a mapping with 'size'", "size")?
            .Integer("size", null, 1, "a positive integer");
        var encoder = ReadNetwork(root, "encoder");
        var posterior = ReadPosterior(root);
        var decoder = ReadNetwork(root, "decoder");
        var likelihood = ReadLikelihood(root);
        var prior = ReadPrior(root);
        var objective = ReadObjective(root);
        var training = ReadTraining(root, likelihood);
        var evaluation = ReadEvaluation(root);

        if (name is null || ns is null || shape is null || latentSize is null || encoder is null || posterior is null ||
            decoder is null || likelihood is null || prior is null || objective is null || training is null || evaluation is null)
        {
            return null;
        }

        return new ModelSpec(
            name,
            ns,
            description,
            Path.GetFileName(file.Path),
            root.Context.Locate(root.Node("model")!),
            shape.Value,
            (int)latentSize,
            encoder,
            posterior,
            decoder,
            likelihood,
            prior,
            objective,
            training,
            evaluation);
    }

    private static string? ReadName(SectionReader root)
    {
        var name = root.Text("model", required: true, "the C# type name of the generated module");
        if (name is not null && !IsIdentifier(name))
        {
            root.Context.Report(InvalidIdentifier, root.Node("model")!, "model name", name, "type name");
            return null;
        }

        return name;
    }

    private static string? ReadNamespace(SectionReader root, string? rootNamespace)
    {
        if (!root.Has("namespace"))
        {
            return string.IsNullOrWhiteSpace(rootNamespace) ? FallbackNamespace : rootNamespace;
        }

        var ns = root.Text("namespace", required: false, "a C# namespace");
        if (ns is not null && !ns.Split('.').All(IsIdentifier))
        {
            root.Context.Report(InvalidIdentifier, root.Node("namespace")!, "namespace", ns, "namespace");
            return null;
        }

        return ns;
    }

    private static EquatableArray<long>? ReadData(SectionReader root)
    {
        var data = root.Section("data", required: true, "a mapping with 'shape' or 'features'", "shape", "features");
        if (data is null)
        {
            return null;
        }

        if (data.Has("shape") && data.Has("features"))
        {
            root.Context.Report(IncompatibleSettings, data.KeyNode("features"), "'data' takes either 'shape' (the event shape) or 'features' (its size), not both");
            return null;
        }

        if (data.Has("features"))
        {
            var features = data.Integer("features", null, 1, "a positive integer");
            return features is null ? null : new[] { features.Value }.ToEquatableArray();
        }

        if (!data.Has("shape"))
        {
            data.ReportMissing("shape", "the event shape of one example, e.g. [1, 28, 28], or 'features: 784'");
            return null;
        }

        var shape = data.IntegerList("shape", required: true, 1, "a positive integer", "a list of positive integers");
        if (shape is { Count: 0 })
        {
            root.Context.Report(OutOfRange, data.Node("shape")!, "data.shape", "a non-empty list of positive integers", "an empty list");
            return null;
        }

        return shape?.ToEquatableArray();
    }

    private static NetworkSpec? ReadNetwork(SectionReader root, string key)
    {
        var section = root.Section(key, required: true, "a mapping with 'network', 'hidden' and 'activation'", NetworkKeys);
        if (section is null)
        {
            return null;
        }

        var kind = section.Choice("network", Vocabulary.Network, NetworkKind.Mlp);
        var hidden = section.IntegerList("hidden", required: true, 1, "a positive layer width", "a list of positive layer widths");
        var activation = section.Choice("activation", Vocabulary.Activation, Activation.Relu);
        return kind is null || hidden is null || activation is null
            ? null
            : new NetworkSpec(kind.Value, hidden.Select(h => (int)h).ToEquatableArray(), activation.Value);
    }

    private static PosteriorSpec? ReadPosterior(SectionReader root)
    {
        var section = root.Section("posterior", required: true, "a mapping with 'family'", "family", "scale", "min-scale");
        if (section is null)
        {
            return null;
        }

        var family = section.Choice<PosteriorFamily>("family", Vocabulary.PosteriorFamily, null);
        var scale = section.Choice("scale", Vocabulary.Scale, ScaleTransform.Softplus);
        var minScale = section.Number("min-scale", 1e-4, 0, minimumIncluded: true, "a number ≥ 0");
        if (scale == ScaleTransform.Exp && section.Has("min-scale"))
        {
            root.Context.Report(
                IncompatibleSettings,
                section.KeyNode("min-scale"),
                "'posterior.min-scale' applies to 'scale: softplus' only (σ = softplus(s) + min-scale); with 'scale: exp', σ = exp(s)");
            return null;
        }

        return family is null || scale is null || minScale is null
            ? null
            : new PosteriorSpec(family.Value, scale.Value, scale == ScaleTransform.Softplus ? minScale.Value : 0);
    }

    private static LikelihoodSpec? ReadLikelihood(SectionReader root)
    {
        var family = root.Section("likelihood", required: true, "a mapping with 'family'", "family")?
            .Choice<LikelihoodFamily>("family", Vocabulary.LikelihoodFamily, null);
        return family is null ? null : new LikelihoodSpec(family.Value);
    }

    private static PriorSpec? ReadPrior(SectionReader root)
    {
        var section = root.Section("prior", required: false, "a mapping with 'family'", "family");
        var family = section is null && !root.Has("prior")
            ? PriorFamily.StandardNormal
            : section?.Choice<PriorFamily>("family", Vocabulary.PriorFamily, null);
        return family is null ? null : new PriorSpec(family.Value);
    }

    private static ObjectiveSpec? ReadObjective(SectionReader root)
    {
        if (!root.Has("objective"))
        {
            return new ObjectiveSpec(Estimator.Elbo, KlEstimator.Analytic, 1, null);
        }

        var section = root.Section("objective", required: false, "a mapping", "estimator", "samples", "kl", "beta", "warmup", "free-bits");
        if (section is null)
        {
            return null;
        }

        var estimator = section.Choice("estimator", Vocabulary.Estimator, Estimator.Elbo);
        var kl = section.Choice("kl", Vocabulary.Kl, KlEstimator.Analytic);
        var beta = section.Number("beta", 1, 0, minimumIncluded: true, "a number ≥ 0");
        var samples = section.Integer("samples", 1, 1, "a positive integer");
        var freeBits = section.Number("free-bits", 0, 0, minimumIncluded: true, "a number ≥ 0");
        var supported = RequireDefault(section, "samples", samples, 1, "1")
            & RequireDefault(section, "free-bits", freeBits, 0, "0");
        var warmup = ReadWarmup(section, out var warmupValid);

        return estimator is null || kl is null || beta is null || !supported || !warmupValid
            ? null
            : new ObjectiveSpec(estimator.Value, kl.Value, beta.Value, warmup);
    }

    private static WarmupSpec? ReadWarmup(SectionReader objective, out bool valid)
    {
        valid = true;
        if (!objective.Has("warmup"))
        {
            return null;
        }

        var section = objective.Section("warmup", required: false, "a mapping", "epochs", "steps");
        if (section is null)
        {
            valid = false;
            return null;
        }

        if (section.Has("epochs") == section.Has("steps"))
        {
            objective.Context.Report(
                IncompatibleSettings,
                objective.KeyNode("warmup"),
                "'objective.warmup' takes exactly one of 'epochs' or 'steps': the length of the KL warm-up, β_t = β · min(1, t / length)");
            valid = false;
            return null;
        }

        var unit = section.Has("epochs") ? WarmupUnit.Epochs : WarmupUnit.Steps;
        var length = section.Integer(unit == WarmupUnit.Epochs ? "epochs" : "steps", null, 1, "a positive integer");
        valid = length is not null;
        return length is null ? null : new WarmupSpec(unit, (int)length);
    }

    private static TrainingSpec? ReadTraining(SectionReader root, LikelihoodSpec? likelihood)
    {
        var section = root.Section(
            "training", required: false, "a mapping", "optimizer", "learning-rate", "batch-size", "epochs", "seed", "gradient-clip", "binarize");
        if (section is null)
        {
            return root.Has("training") ? null : Defaults(likelihood);
        }

        var optimizer = section.Choice("optimizer", Vocabulary.Optimizer, OptimizerKind.Adam);
        var learningRate = section.Number("learning-rate", 1e-3, 0, minimumIncluded: false, "a number > 0");
        var batchSize = section.Integer("batch-size", 128, 1, "a positive integer");
        var epochs = section.Integer("epochs", 10, 1, "a positive integer");
        var seed = section.Integer("seed", 0, 0, "an integer ≥ 0", long.MaxValue);
        var clip = section.Number("gradient-clip", 0, 0, minimumIncluded: true, "a number ≥ 0");
        var clipSupported = RequireDefault(section, "gradient-clip", clip, 0, "0 (off)");
        var binarize = section.Choice("binarize", Vocabulary.Binarize, DefaultBinarization(likelihood));

        if (binarize is Binarization.Dynamic or Binarization.Static && likelihood is { Family: not LikelihoodFamily.Bernoulli })
        {
            root.Context.Report(IncompatibleSettings, section.Node("binarize")!, "'training.binarize' draws binary data for a bernoulli likelihood; use 'binarize: none'");
            return null;
        }

        return optimizer is null || learningRate is null || batchSize is null || epochs is null || seed is null || binarize is null || !clipSupported
            ? null
            : new TrainingSpec(optimizer.Value, learningRate.Value, (int)batchSize, (int)epochs, seed.Value, binarize.Value);
    }

    private static TrainingSpec Defaults(LikelihoodSpec? likelihood) =>
        new(OptimizerKind.Adam, 1e-3, 128, 10, 0, DefaultBinarization(likelihood));

    /// <summary>Grey data under a Bernoulli likelihood is binarized afresh each time it is seen unless the model says otherwise.</summary>
    private static Binarization DefaultBinarization(LikelihoodSpec? likelihood) =>
        likelihood is { Family: LikelihoodFamily.Bernoulli } ? Binarization.Dynamic : Binarization.None;

    private static EvaluationSpec? ReadEvaluation(SectionReader root)
    {
        var section = root.Section("evaluation", required: false, "a mapping", "importance-samples");
        if (section is null)
        {
            return root.Has("evaluation") ? null : new EvaluationSpec(1000);
        }

        var k = section.Integer("importance-samples", 1000, 1, "a positive integer");
        return k is null ? null : new EvaluationSpec((int)k);
    }

    /// <summary>A key the language has whose non-default values this version does not implement yet.</summary>
    private static bool RequireDefault(SectionReader section, string key, double? value, double defaultValue, string supported)
    {
        if (value is null)
        {
            return false;
        }

        if (value.Value == defaultValue)
        {
            return true;
        }

        section.Context.Report(NotSupportedYet, section.Node(key)!, section.PathOf(key), ((YamlScalarNode)section.Node(key)!).Value!, supported);
        return false;
    }

    private static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
}
