using Microsoft.CodeAnalysis;

namespace Vae.Dsl.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator can report. Ids: VAE00xx the file as YAML, VAE01xx a key or value,
/// VAE02xx the model as a whole (one id per rule), VAE03xx models across files. Catalogued in AnalyzerReleases.*.md
/// and docs/dsl.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Vae.Dsl";

    public static readonly DiagnosticDescriptor InvalidYaml = Error(
        "VAE0001", "Malformed YAML", "the file is not valid YAML: {0}");

    public static readonly DiagnosticDescriptor NotAMapping = Error(
        "VAE0002", "A model file holds one mapping", "a model file must hold one YAML mapping of sections (model, data, latent, ...); {0}");

    public static readonly DiagnosticDescriptor FileTooLarge = Error(
        "VAE0003", "Model file too large", "the file has {0} characters; a model file may have at most {1}");

    public static readonly DiagnosticDescriptor NestedTooDeep = Error(
        "VAE0004", "Nested too deep", "this node is nested {0} levels deep; a model file may nest at most {1}");

    public static readonly DiagnosticDescriptor AliasBeyondLimits = Error(
        "VAE0005", "Alias beyond limits", "{0}");

    public static readonly DiagnosticDescriptor ListTooLong = Error(
        "VAE0006", "List too long", "this list has more than {0} items");

    public static readonly DiagnosticDescriptor TooManyProblems = Error(
        "VAE0007", "Too many problems", "{0} more problems in this file are not reported");

    public static readonly DiagnosticDescriptor UnknownKey = Error(
        "VAE0101", "Unknown key", "unknown key '{0}' in {1}; expected one of: {2}{3}");

    public static readonly DiagnosticDescriptor MissingKey = Error(
        "VAE0102", "Missing key", "{0} needs '{1}': {2}");

    public static readonly DiagnosticDescriptor WrongType = Error(
        "VAE0103", "Wrong type", "{0} must be {1}, not {2}");

    public static readonly DiagnosticDescriptor UnknownChoice = Error(
        "VAE0104", "Unknown choice", "unknown {0} '{1}'; expected one of: {2}{3}");

    public static readonly DiagnosticDescriptor OutOfRange = Error(
        "VAE0105", "Value out of range", "{0} must be {1}, not {2}");

    public static readonly DiagnosticDescriptor InvalidIdentifier = Error(
        "VAE0106", "Not a C# name", "{0} '{1}' is not a valid C# {2}");

    public static readonly DiagnosticDescriptor KeyNotForChoice = Error(
        "VAE0107", "Key does not apply", "{0}");

    public static readonly DiagnosticDescriptor ReservedName = Error(
        "VAE0108", "Name the generated code cannot use", "{0} '{1}' {2}");

    public static readonly DiagnosticDescriptor MultiLineText = Error(
        "VAE0109", "Text must be one line", "{0} must be a single line: it becomes a one-line C# comment and string");

    public static readonly DiagnosticDescriptor IncompatibleSettings = Error(
        "VAE0202", "Incompatible settings", "{0}");

    public static readonly DiagnosticDescriptor NoClosedFormKl = Error(
        "VAE0203", "No closed-form KL", "'objective.kl: analytic' needs a closed-form KL, and the {0} posterior has none against the {1} prior; use 'kl: monte-carlo' (or leave 'kl' out)");

    public static readonly DiagnosticDescriptor FreeBitsNeedPerDimensionKl = Error(
        "VAE0204", "Free bits need a per-dimension KL", "free bits apply to a KL that is a sum over latent dimensions in closed form; {0}");

    public static readonly DiagnosticDescriptor LikelihoodDoesNotFitData = Error(
        "VAE0205", "Likelihood does not fit the data", "{0}");

    public static readonly DiagnosticDescriptor BinarizationDoesNotFit = Error(
        "VAE0206", "Binarization does not fit", "{0}");

    public static readonly DiagnosticDescriptor ObjectiveOptionDoesNotFit = Error(
        "VAE0207", "Objective option does not fit the estimator", "{0}");

    public static readonly DiagnosticDescriptor ConvolutionDoesNotFit = Error(
        "VAE0208", "Convolutions do not fit the data", "{0}");

    public static readonly DiagnosticDescriptor VampPriorWithCondition = Error(
        "VAE0209", "VampPrior of a conditional model", "a vamp prior pushes unlabelled pseudo-inputs through the encoder, which a conditional model ('data.condition') gives a class too; use another prior");

    public static readonly DiagnosticDescriptor OptimizerOptionDoesNotFit = Error(
        "VAE0210", "Optimizer option does not fit", "{0}");

    public static readonly DiagnosticDescriptor ModelTooLarge = Error(
        "VAE0211", "Model too large", "{0}");

    public static readonly DiagnosticDescriptor DuplicateType = Error(
        "VAE0301", "Two files generate one type", "this file generates the type '{0}', and so does {1}; choose another model name or namespace");

    public static readonly DiagnosticDescriptor ModelNamesDifferOnlyInCase = Error(
        "VAE0302", "Model names differ only in case", "model '{0}' differs only in case from {1}; generated file names would clash");

    public static readonly DiagnosticDescriptor NamespaceIsAType = Error(
        "VAE0303", "Namespace is a generated type", "namespace '{0}' would make '{1}' a namespace, but {2} generates a type of that name; choose another namespace");

    public static readonly DiagnosticDescriptor TypeIsANamespace = Error(
        "VAE0304", "Generated type is a namespace", "this file generates the type '{0}', which the namespace '{1}' of {2} makes a namespace too; rename one of the models or change a namespace");

    public static readonly DiagnosticDescriptor TypeCapturesAName = Error(
        "VAE0305", "Generated type captures a name", "this file generates the type '{0}', and the code generated from {1} in the same namespace looks up the name '{2}' for something else; choose another model name or namespace");

    public static readonly DiagnosticDescriptor NameCapturedByAType = Error(
        "VAE0306", "Name captured by another model's type", "this file's generated code looks up the name '{0}', which the type '{1}' generated from {2} in the same namespace would capture; give one of the models another namespace");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
