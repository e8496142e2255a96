using System.IO;
using System.Linq;
using System.Threading;
using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Specs;
using YamlDotNet.RepresentationModel;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// Reads one *.vae.yaml file into a <see cref="ModelSpec"/>, reporting every mistake it finds (not just the
/// first) at the line and column of the offending node. Each section is read on its own here; the rules that
/// relate sections to each other are in <see cref="CombinationRules"/>. docs/dsl.md is the reference.
/// </summary>
internal static class ModelParser
{
    /// <summary>Used when the model sets no namespace and the project's RootNamespace is not visible.</summary>
    public const string FallbackNamespace = "Vae.Models";

    private static readonly string[] RootKeys =
        ["model", "namespace", "description", "data", "latent", "encoder", "posterior", "decoder", "likelihood", "prior", "objective", "training", "evaluation"];

    public static ParseResult Parse(ModelFile file, string? rootNamespace, CancellationToken cancellationToken)
    {
        var context = new ReadContext(file.Path, file.Text);
        var root = YamlLoader.LoadRoot(file.Text, context);
        cancellationToken.ThrowIfCancellationRequested();
        var model = root is null ? null : ReadModel(new SectionReader(context, string.Empty, root, root, RootKeys), file, rootNamespace);
        if (model is not null && root is not null)
        {
            CombinationRules.Check(model, new NodeLocator(context, root));
        }

        return new ParseResult(file.Path, context.HasErrors ? null : model, context.Diagnostics);
    }

    private static ModelSpec? ReadModel(SectionReader root, ModelFile file, string? rootNamespace)
    {
        var name = Names.ReadModelName(root);
        var ns = Names.ReadNamespace(root, rootNamespace);
        var description = ReadDescription(root);
        var data = ReadData(root);
        var latentSize = root.Section("latent", required: true, "a mapping with 'size'", "size")?
            .Integer("size", null, 1, "a positive integer", 4096);
        var encoder = ReadNetwork(root, "encoder");
        var posterior = root.Section("posterior", required: true, "a mapping with 'family'", ["family", .. PosteriorScale.Keys, .. PosteriorFamilies.Registry.FamilyKeys])?
            .Family(PosteriorFamilies.Registry);
        var decoder = ReadNetwork(root, "decoder");
        var likelihood = root.Section("likelihood", required: true, "a mapping with 'family'", ["family", .. LikelihoodFamilies.Registry.FamilyKeys])?
            .Family(LikelihoodFamilies.Registry);
        var prior = root.Has("prior")
            ? root.Section("prior", required: false, "a mapping with 'family'", ["family", .. PriorFamilies.Registry.FamilyKeys])?.Family(PriorFamilies.Registry)
            : new StandardNormalPriorSpec();
        var objective = ObjectiveReader.Read(root, posterior, prior);
        var training = TrainingReader.Read(root, likelihood, data);
        var evaluation = ReadEvaluation(root);

        if (name is null || ns is null || data is null || latentSize is null || encoder is null || posterior is null ||
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
            root.Context.Locate(root.Node("namespace") ?? root.Node("model")!),
            data,
            (int)latentSize,
            encoder,
            posterior,
            decoder,
            likelihood,
            prior,
            objective,
            training,
            evaluation,
            Fingerprint(file.Text),
            file.Text);
    }

    /// <summary>"sha256:&lt;first 16 bytes of SHA-256 of the file's UTF-8 text, hex&gt; generator &lt;version&gt;".</summary>
    private static string Fingerprint(string text)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        var hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(text));
        var hex = new System.Text.StringBuilder("sha256:");
        for (var i = 0; i < 16; i++)
        {
            hex.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.Append(" generator ").Append(Emit.Emitter.Version).ToString();
    }

    private static string? ReadDescription(SectionReader root)
    {
        var description = root.Text("description", required: false, "a sentence");
        if (description is not null && description.Trim().IndexOfAny(Emit.Literals.LineTerminators) >= 0)
        {
            root.Context.Report(MultiLineText, root.Node("description")!, "'description'");
            return null;
        }

        return description?.Trim();
    }

    private static DataSpec? ReadData(SectionReader root)
    {
        var data = root.Section("data", required: true, "a mapping with 'shape' or 'features'", "shape", "features", "values", "condition");
        if (data is null)
        {
            return null;
        }

        var values = data.Choice("values", Vocabulary.Values, DataValues.UnitInterval);
        var classes = data.Has("condition")
            ? data.Section("condition", required: false, "a mapping with 'classes'", "classes")?.Integer("classes", null, 2, "an integer ≥ 2", 100_000)
            : 0;
        var shape = ReadShape(data);
        return shape is null || values is null || classes is null
            ? null
            : new DataSpec(shape.Value, values.Value, classes == 0 ? null : (int)classes);
    }

    private static EquatableArray<long>? ReadShape(SectionReader data)
    {
        if (data.Has("shape") && data.Has("features"))
        {
            data.Context.Report(IncompatibleSettings, data.KeyNode("features"), "'data' takes either 'shape' (the event shape) or 'features' (its size), not both");
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
            data.Context.Report(OutOfRange, data.Node("shape")!, "data.shape", "a non-empty list of positive integers", "an empty list");
            return null;
        }

        if (shape is not null && shape.Aggregate(1.0, (product, size) => product * size) > MaxFeatures)
        {
            data.Context.Report(ModelTooLarge, data.Node("shape")!, $"'data.shape' has {string.Join(" × ", shape)} features per example; at most {MaxFeatures} are supported");
            return null;
        }

        return shape?.ToEquatableArray();
    }

    /// <summary>The most features per example: the decoder's output P · features must fit a tensor dimension comfortably.</summary>
    private const long MaxFeatures = 1L << 26;

    private static NetworkSpec? ReadNetwork(SectionReader root, string key)
    {
        var section = root.Section(key, required: true, "a mapping with 'network', 'hidden' and 'activation'", [.. NetworkFamilies.CommonKeys, .. NetworkFamilies.Registry.FamilyKeys]);
        return section?.Family(NetworkFamilies.Registry, fallback: "mlp");
    }

    private static EvaluationSpec? ReadEvaluation(SectionReader root)
    {
        var section = root.Section("evaluation", required: false, "a mapping", "importance-samples");
        if (section is null)
        {
            return root.Has("evaluation") ? null : new EvaluationSpec(1000);
        }

        var k = section.Integer("importance-samples", 1000, 1, "a positive integer", 1_000_000);
        return k is null ? null : new EvaluationSpec((int)k);
    }
}
