using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Vae.Dsl.Models;

namespace Vae.Dsl.Generator.Tests.Infrastructure;

/// <summary>Runs the generator the way the compiler does, over model files given as (path, text).</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        // The framework the tests run on, plus the assemblies generated code compiles against.
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var project = new[] { typeof(TorchSharp.torch).Assembly.Location, typeof(VaeModelInfo).Assembly.Location };
        return framework.Concat(project).Distinct().Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();
    });

    public static CSharpCompilation EmptyCompilation() => CSharpCompilation.Create(
        "GeneratedModels",
        syntaxTrees: [],
        references: References.Value,
        options: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions(SdkSuppressedWarnings));

    // The .NET SDK passes /nowarn:1701,1702 to every compilation: an assembly built for an older framework (TorchSharp
    // 0.107.0 targets net8.0) unified with this one's. Everything else stays a warning, which the tests treat as an error.
    private static readonly Dictionary<string, ReportDiagnostic> SdkSuppressedWarnings = new()
    {
        ["CS1701"] = ReportDiagnostic.Suppress,
        ["CS1702"] = ReportDiagnostic.Suppress,
    };

    public static GeneratorDriver CreateDriver(IEnumerable<(string Path, string Text)> files) =>
        CSharpGeneratorDriver.Create(
            generators: [new VaeModelGenerator().AsSourceGenerator()],
            additionalTexts: files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its result and the compilation with the generated sources added.</summary>
    public static (GeneratorDriverRunResult Result, Compilation Output) Run(params (string Path, string Text)[] files)
    {
        var driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(EmptyCompilation(), out var output, out _);
        return (driver.GetRunResult(), output);
    }

    /// <summary>A model file from the test corpus (or the repository's models/), as the compiler would see it.</summary>
    public static (string Path, string Text) CorpusFile(string relativePath)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", relativePath);
        return (path, File.ReadAllText(path));
    }

    public static IEnumerable<string> CorpusFiles(string folder) =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", folder), "*.vae.yaml")
            .Select(Path.GetFileName)
            .OrderBy(name => name, StringComparer.Ordinal)!;

    /// <summary>A diagnostic as the expected-output files write it: "(line,column): error ID: message".</summary>
    public static string Format(Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        var severity = diagnostic.Severity.ToString().ToLowerInvariant();
        return $"({start.Line + 1},{start.Character + 1}): {severity} {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
