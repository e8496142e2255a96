using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// The generated code compiles, warning-free, against TorchSharp 0.107.0's own assembly and the Vae.Dsl runtime: every
/// TorchSharp member the emitters use exists there with the signature they call it by.
/// </summary>
public class CompileTests
{
    [Fact]
    public void TheTorchSharpCompiledAgainst_IsTheNuGetPackage0107()
    {
        var torchSharp = typeof(TorchSharp.torch).Assembly;

        torchSharp.GetName().Name.ShouldBe("TorchSharp");
        torchSharp.GetName().Version.ShouldBe(new System.Version(0, 107, 0, 0));
        torchSharp.Location.Replace('\\', '/').ShouldEndWith("/TorchSharp.dll");
    }

    [Fact]
    public void AllModelsTogether_CompileWithoutErrorsOrWarnings()
    {
        // the shipped models, the generator's corpus of good files and the runtime tests' models
        var files = GeneratorHarness.CorpusFiles("models").Select(f => "models/" + f)
            .Concat(GeneratorHarness.CorpusFiles("good").Select(f => "good/" + f))
            .Concat(GeneratorHarness.CorpusFiles("runtime").Select(f => "runtime/" + f))
            .Select(GeneratorHarness.CorpusFile)
            .ToArray();

        var (result, output) = GeneratorHarness.Run(files);

        result.Diagnostics.ShouldBeEmpty();
        output.SyntaxTrees.Count().ShouldBe(files.Length + 1, "one file per model and the catalog");
        var problems = output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void GeneratedCode_CompilesBesideNamespacesNamedLikeTheTypesItUses()
    {
        // namespaces in Vae, which encloses the models' namespaces (Vae.Models, Vae.Tests.Models), named like what
        // the generated code uses: once the usings sat outside the namespace and 'Generator' bound to Vae.Generator
        var names = new[] { "Generator", "Math", "Tensor", "TorchSharp", "Module", "Linear", "Parameter", "Sequential", "Stopwatch", "ElboTerms", "VaeData", "nn", "torch", "optim", "IDisposable", "ReadOnlySpan", "List" };
        var shadows = "namespace Vae\n{\n" + string.Concat(names.Select(n => $"    namespace {n} {{ internal class Placeholder {{ }} }}\n")) + "}\n";
        var files = GeneratorHarness.CorpusFiles("models").Select(f => "models/" + f)
            .Concat(GeneratorHarness.CorpusFiles("good").Select(f => "good/" + f))
            .Select(GeneratorHarness.CorpusFile)
            .ToArray();

        var compilation = GeneratorHarness.EmptyCompilation().AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(shadows));
        GeneratorHarness.CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        diagnostics.ShouldBeEmpty();
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ShouldBeEmpty();
    }

    [Fact]
    public void Catalog_ListsEveryModelInPathOrder()
    {
        var (result, _) = GeneratorHarness.Run(
            ("/m/b.vae.yaml", GeneratorHarness.CorpusFile("good/minimal.vae.yaml").Text),
            ("/m/a.vae.yaml", GeneratorHarness.CorpusFile("good/no-hidden-layers.vae.yaml").Text));

        var catalog = result.Results.Single().GeneratedSources.Single(s => s.HintName == Emit.CatalogEmitter.HintName).SourceText.ToString();

        catalog.IndexOf("global::Vae.Tests.Models.LinearVaeTrainer.Info", System.StringComparison.Ordinal)
            .ShouldBeLessThan(catalog.IndexOf("global::Vae.Models.MinimalVaeTrainer.Info", System.StringComparison.Ordinal));
        catalog.ShouldContain("global::Vae.Models.MinimalVaeTrainer.Info");
    }
}
