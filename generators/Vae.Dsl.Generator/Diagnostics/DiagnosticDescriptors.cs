using Microsoft.CodeAnalysis;

namespace Vae.Dsl.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator can report. Ids: VAE00xx the file as YAML, VAE01xx a key or value,
/// VAE02xx the model as a whole, VAE03xx models across files. Catalogued in AnalyzerReleases.*.md.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Vae.Dsl";

    public static readonly DiagnosticDescriptor InvalidYaml = Error(
        "VAE0001", "Malformed YAML", "the file is not valid YAML: {0}");

    public static readonly DiagnosticDescriptor NotAMapping = Error(
        "VAE0002", "A model file holds one mapping", "a model file must hold one YAML mapping of sections (model, data, latent, ...); {0}");

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

    public static readonly DiagnosticDescriptor NotSupportedYet = Error(
        "VAE0201", "Not supported yet", "{0} '{1}' is part of the language but not supported by this version of Vae.Dsl; supported: {2}");

    public static readonly DiagnosticDescriptor IncompatibleSettings = Error(
        "VAE0202", "Incompatible settings", "{0}");

    public static readonly DiagnosticDescriptor DuplicateModelName = Error(
        "VAE0301", "Duplicate model name", "model name '{0}' in namespace '{1}' is already declared in {2}");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
