using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Shouldly;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Naming;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// The name rules (Naming/) hold for the compiler itself: what the rules assume about C# identifiers is how Roslyn
/// compares them, the base classes they read are all the generated code derives from, and every name the generated
/// code declares, looks up or inherits, given to a model, is refused or compiles.
/// </summary>
public class NamingTests
{
    private const string Rest = """
        data: { features: 4, values: binary }
        latent: { size: 2 }
        encoder: { hidden: [3] }
        decoder: { hidden: [3] }
        posterior: { family: gaussian-diagonal }
        likelihood: { family: bernoulli }
        """;

    [Fact]
    public void FormattingCharacters_AreNotPartOfAnIdentifier_ForTheCompiler()
    {
        var errors = CompileErrors("class FashionMnistVae { } class Fashion\u00ADMnist\u200DVae { }");

        errors.ShouldContain(id => id == "CS0101", "the compiler sees one name twice");
        Identifiers.Comparable("Fashion\u00ADMnist\u200DVae").ShouldBe("FashionMnistVae");
    }

    [Fact]
    public void ComposedAndDecomposedAccents_AreTwoNames_ForTheCompilerAndTheRules()
    {
        // Roslyn does not apply Unicode normalisation to identifiers, so two such models are two types that compile
        CompileErrors("class \u00C1 { } class A\u0301 { }").ShouldBeEmpty();
        Identifiers.Comparable("A\u0301").ShouldNotBe(Identifiers.Comparable("\u00C1"));
    }

    [Fact]
    public void BaseClasses_ListEveryClassTheGeneratedTypesDeriveFrom()
    {
        var files = new[] { "models", "good", "runtime" }
            .SelectMany(folder => GeneratorHarness.CorpusFiles(folder).Select(f => GeneratorHarness.CorpusFile(folder + "/" + f)))
            .ToArray();
        var (_, output) = GeneratorHarness.Run(files);
        var registered = BaseClasses.All.Select(b => b.MetadataName).ToHashSet();

        var baseClasses = GeneratedTypes(output)
            .Select(type => type.BaseType!)
            .Where(b => b.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType))
            .Select(b => MetadataName(b.OriginalDefinition))
            .Distinct()
            .ToArray();

        baseClasses.ShouldNotBeEmpty();
        baseClasses.ShouldAllBe(name => registered.Contains(name), "add the class to Emit/BaseClasses.cs and write it from there");
        BaseClasses.All.ShouldAllBe(b => output.GetTypeByMetadataName(b.MetadataName) != null, "every registered base class exists");
    }

    [Fact]
    public void EveryNameTheGeneratedCodeHas_AsTheModelName_IsRefusedOrCompiles()
    {
        // every identifier of the code generated for models/, and every member its types declare or inherit
        var codeNames = Fuzzing.GeneratedCodeNames.FromShippedModels();
        var names = codeNames.Used.Concat(codeNames.Inherited)
            .Where(name => Identifiers.IsIdentifier(name) && char.IsUpper(name[0]))
            .Distinct()
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToArray();
        names.Length.ShouldBeGreaterThan(50);

        var failures = new List<string>();
        var refused = 0;
        foreach (var name in names)
        {
            var (result, compiled) = GeneratorHarness.Run(("/models/named.vae.yaml", $"model: {name}\n" + Rest));
            if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                refused++;
                continue;
            }

            var errors = compiled.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).Take(2);
            failures.AddRange(errors.Select(error => $"{name}: {error}"));
        }

        failures.ShouldBeEmpty();
        refused.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void ANamespaceInsideTheModelsNamespace_NamedLikeANameTheCodeLooksUp_IsVae0108()
    {
        // inside namespace Company.Models, its member Company.Models.Tensor comes before the code's own usings
        var userCode = CSharpSyntaxTree.ParseText("namespace Company.Models.Tensor { internal class Helper { } }");
        var driver = GeneratorHarness.CreateDriver([("/models/company.vae.yaml", "model: CompanyVae\nnamespace: Company.Models\n" + Rest)]);

        var result = driver.RunGenerators(GeneratorHarness.EmptyCompilation().AddSyntaxTrees(userCode)).GetRunResult();

        result.Diagnostics.Select(GeneratorHarness.Format).ShouldBe(
        [
            "(2,12): error VAE0108: namespace 'Company.Models' holds the namespace 'Company.Models.Tensor', and inside 'Company.Models' that would capture the name 'Tensor', which the generated code looks up; choose another namespace",
        ]);
    }

    private static string[] CompileErrors(string source) => GeneratorHarness.EmptyCompilation()
        .AddSyntaxTrees(CSharpSyntaxTree.ParseText(source))
        .GetDiagnostics()
        .Where(d => d.Severity == DiagnosticSeverity.Error)
        .Select(d => d.Id)
        .ToArray();

    private static IEnumerable<INamedTypeSymbol> GeneratedTypes(Compilation output) =>
        output.SyntaxTrees.SelectMany(tree =>
        {
            var model = output.GetSemanticModel(tree);
            return tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Select(node => (INamedTypeSymbol)model.GetDeclaredSymbol(node)!);
        });

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? MetadataName(outer) + "+" + type.MetadataName : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;
}
