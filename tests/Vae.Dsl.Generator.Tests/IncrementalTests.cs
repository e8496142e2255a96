using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Shouldly;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// The pipeline caches: a second run over the same inputs recomputes nothing, an edit to the user's code checks no
/// name again, an edit to one model re-parses only that model, and no step's output holds a Roslyn symbol, syntax
/// node or compilation.
/// </summary>
public class IncrementalTests
{
    private static readonly string[] TrackedSteps = [TrackingNames.ModelFiles, TrackingNames.Parsed, TrackingNames.CompilationNames, TrackingNames.Named, TrackingNames.Models];

    private static (string Path, string Text)[] Files() =>
    [
        GeneratorHarness.CorpusFile("good/minimal.vae.yaml"),
        GeneratorHarness.CorpusFile("good/every-option.vae.yaml"),
    ];

    [Fact]
    public void SecondRunOverSameInputs_ReusesEveryStep()
    {
        var compilation = GeneratorHarness.EmptyCompilation();
        var driver = GeneratorHarness.CreateDriver(Files()).RunGenerators(compilation);

        var second = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            var reasons = second.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
            reasons.ShouldNotBeEmpty(step);
            reasons.ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged, step);
        }
    }

    [Fact]
    public void EditingTheUsersCode_ChecksNoNameAgain()
    {
        var before = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace User { class Edited { } }");
        var after = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("namespace User { class Edited { int count; } class Added { } }");
        var compilation = GeneratorHarness.EmptyCompilation().AddSyntaxTrees(before);
        var driver = GeneratorHarness.CreateDriver(Files()).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(before, after);
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var names = result.TrackedSteps[TrackingNames.CompilationNames].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        names.ShouldAllBe(r => r == IncrementalStepRunReason.Unchanged, "the compilation's names are read again, and compare equal");
        var named = result.TrackedSteps[TrackingNames.Named].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        named.ShouldNotBeEmpty();
        named.ShouldAllBe(r => r == IncrementalStepRunReason.Cached || r == IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EditingOneModel_ReparsesOnlyThatModel()
    {
        var files = Files();
        var texts = files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text)).ToArray();
        var compilation = GeneratorHarness.EmptyCompilation();
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
                [new VaeModelGenerator().AsSourceGenerator()],
                texts,
                driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true))
            .RunGenerators(compilation);

        var edited = new InMemoryAdditionalText(files[0].Path, files[0].Text.Replace("size: 2", "size: 3"));
        var result = driver.ReplaceAdditionalText(texts[0], edited).RunGenerators(compilation).GetRunResult().Results.Single();

        var reasons = result.TrackedSteps[TrackingNames.Parsed].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        reasons.Count(r => r == IncrementalStepRunReason.Modified).ShouldBe(1);
        reasons.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged).ShouldBe(1);
    }

    [Fact]
    public void StepOutputs_HoldNoRoslynObjects()
    {
        var result = GeneratorHarness.CreateDriver(Files())
            .RunGenerators(GeneratorHarness.EmptyCompilation())
            .GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                ForbiddenObjects(output.Value, new HashSet<object>(ReferenceEqualityComparer.Instance)).ShouldBeEmpty(step);
            }
        }
    }

    /// <summary>Walks an object graph by its fields and names every Compilation, ISymbol or SyntaxNode in it.</summary>
    private static IEnumerable<string> ForbiddenObjects(object? value, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            yield break;
        }

        if (value is Compilation or ISymbol or SyntaxNode or SemanticModel)
        {
            yield return value.GetType().FullName!;
            yield break;
        }

        // A diagnostic descriptor is immutable Roslyn data that compares by value: allowed.
        if (value is DiagnosticDescriptor)
        {
            yield break;
        }

        var children = value is IEnumerable items
            ? items.Cast<object?>()
            : value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Select(f => f.GetValue(value));
        foreach (var child in children)
        {
            foreach (var found in ForbiddenObjects(child, seen))
            {
                yield return found;
            }
        }
    }
}
