using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// The model's type name and namespace: every name the language accepts must compile. A name is rejected when it
/// is not an identifier, is a keyword (contextual ones too), starts with a lower-case letter (the model name), or
/// would shadow a name the generated code uses unqualified.
/// </summary>
internal static class Names
{
    /// <summary>
    /// Names the generated code uses without qualification, or declares inside the model's class: a model or
    /// namespace segment of the same name would change what they mean.
    /// </summary>
    public static readonly HashSet<string> Reserved =
    [
        // System, System.Collections.Generic, System.Diagnostics
        "Math", "Span", "ReadOnlySpan", "IDisposable", "IProgress", "List", "IReadOnlyList", "Stopwatch", "ArgumentOutOfRangeException", "ArgumentException",
        "Func",
        // TorchSharp
        "torch", "nn", "optim", "linalg", "Tensor", "Linear", "Parameter", "Module", "Generator", "ScalarType", "Adam", "AdamW", "SGD", "Modules",
        // Vae.Dsl's runtime
        "ElboTerms", "TrainingSettings", "VaeModelInfo", "IVaeTrainer", "IVaeModel", "Evaluator", "EpochTotals", "EpochMetrics", "BatchProgress", "TestMetrics",
        "EvaluationProgress", "VaeData", "NumericalGuard", "NonFiniteAction", "Rollback",
        // Members and nested types of the generated module
        "Posterior", "Encode", "Decode", "Reparameterize", "LogPosterior", "LogPosteriorOfDraw", "LogPrior", "LogLikelihood", "KlToPrior",
        "KlToPriorPerDimension", "Elbo", "Iwae", "Sample", "SamplePrior", "SampleData", "ExpectedData", "Reconstruct", "DataShape", "FeatureCount",
        "LatentSize", "ClassCount", "Classes", "PriorComponents", "PseudoInputCount", "Settings", "Info", "Create", "Objective", "Train", "TrainEpoch",
        "Evaluate", "Model", "StepsTaken", "Optimizer", "OptimizerHelper",
    ];

    public static string? ReadModelName(SectionReader root)
    {
        var name = root.Text("model", required: true, "the C# type name of the generated module");
        if (name is null)
        {
            return null;
        }

        var node = root.Node("model")!;
        if (!IsIdentifier(name))
        {
            root.Context.Report(InvalidIdentifier, node, "model name", name, "type name");
            return null;
        }

        var problem = !char.IsUpper(name[0])
            ? "must start with an upper-case letter (a C# type name, like 'FashionVae')"
            : Reserved.Contains(name) || Reserved.Contains(name + "Trainer")
                ? "is a name the generated code uses itself; choose another, like 'My" + name + "'"
                : null;
        if (problem is not null)
        {
            root.Context.Report(ReservedName, node, "model name", name, problem);
            return null;
        }

        return name;
    }

    public static string? ReadNamespace(SectionReader root, string? rootNamespace)
    {
        if (!root.Has("namespace"))
        {
            return string.IsNullOrWhiteSpace(rootNamespace) ? ModelParser.FallbackNamespace : rootNamespace;
        }

        var ns = root.Text("namespace", required: false, "a C# namespace");
        if (ns is null)
        {
            return null;
        }

        var segments = ns.Split('.');
        if (!segments.All(IsIdentifier))
        {
            root.Context.Report(InvalidIdentifier, root.Node("namespace")!, "namespace", ns, "namespace");
            return null;
        }

        var reserved = segments.FirstOrDefault(Reserved.Contains);
        if (reserved is not null)
        {
            root.Context.Report(ReservedName, root.Node("namespace")!, "namespace", ns, $"has the segment '{reserved}', a name the generated code uses itself");
            return null;
        }

        return ns;
    }

    /// <summary>A C# identifier that is no keyword, reserved or contextual ('record', 'var', 'async' ...).</summary>
    private static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) &&
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None &&
        SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;
}
