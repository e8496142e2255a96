using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Shouldly;
using Vae.Dsl.Generator.Parsing;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// Inputs that once took the whole compiler down (a stack overflow in YamlDotNet, an alias bomb, a huge file) or slipped
/// through (a shape whose product overflows, a location past the end of the file): each is now a diagnostic of its own
/// inside the file, and the generator never throws.
/// </summary>
public class HostileInputTests
{
    private const string Head = "model: HostileVae\n";

    private const string Rest = """
        latent: { size: 2 }
        encoder: { hidden: [8] }
        posterior: { family: gaussian-diagonal }
        decoder: { hidden: [8] }
        likelihood: { family: bernoulli }
        """;

    [Fact]
    public void DeepFlowNesting_IsVae0004()
    {
        var text = Head + "data: " + new string('[', 100_000) + new string(']', 100_000) + "\n" + Rest;
        Single(text).Id.ShouldBe("VAE0004");
    }

    [Fact]
    public void DeepBlockNesting_IsVae0004()
    {
        var text = new StringBuilder(Head);
        for (var depth = 0; depth < 200; depth++)
        {
            text.Append(new string(' ', depth * 2)).Append("a:\n");
        }

        Single(text.ToString()).Id.ShouldBe("VAE0004");
    }

    [Fact]
    public void AliasInsideTheNodeItNames_IsVae0005()
    {
        var diagnostic = Single(Head + "data: &loop { shape: [*loop] }\n" + Rest);
        diagnostic.Id.ShouldBe("VAE0005");
        diagnostic.GetMessage().ShouldContain("*loop");
    }

    [Fact]
    public void AliasBomb_IsVae0005()
    {
        // nine levels of ten aliases each: 10⁹ nodes once expanded, in a few hundred bytes
        var text = new StringBuilder(Head).Append("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 1; level < 10; level++)
        {
            var previous = "*l" + (level - 1);
            text.Append($"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat(previous, 10))}]\n");
        }

        text.Length.ShouldBeLessThan(1000);
        Single(text.ToString()).Id.ShouldBe("VAE0005");
    }

    [Fact]
    public void HugeFile_IsVae0003_AtTheStartOfTheFile()
    {
        var text = Head + "description: " + new string('a', YamlLimits.MaxCharacters) + "\n" + Rest;
        var diagnostic = Single(text);
        diagnostic.Id.ShouldBe("VAE0003");
        diagnostic.Location.GetLineSpan().StartLinePosition.Line.ShouldBe(0);
    }

    [Fact]
    public void HugeList_IsVae0006()
    {
        var text = Head + "data: { features: 16 }\nencoder: { hidden: [" + string.Join(", ", Enumerable.Repeat("8", 20_000)) + "] }\n";
        Single(text).Id.ShouldBe("VAE0006");
    }

    [Fact]
    public void ManyMistakes_AreCappedWithOneThatCountsTheRest()
    {
        var text = new StringBuilder(Head);
        for (var i = 0; i < 200; i++)
        {
            text.Append($"unknown{i}: 1\n");
        }

        var diagnostics = Run(text.ToString());
        diagnostics.Length.ShouldBe(ReadContext.MaxDiagnostics + 1);
        diagnostics[^1].Id.ShouldBe("VAE0007");
    }

    [Fact]
    public void ShapeWhoseProductOverflows_IsRejected()
    {
        var diagnostics = Run(Head + "data: { shape: [4294967296, 4294967296] }\n" + Rest);
        diagnostics.ShouldNotBeEmpty();
        diagnostics.ShouldAllBe(d => d.Id.StartsWith("VAE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0.5")]
    [InlineData("1")]
    [InlineData("30397")]
    [InlineData("1e308")]
    public void LearnedScaleWithAnyFloor_GeneratesCodeThatCompiles(string minScale)
    {
        // once, a floor of 1 or more made the initial raw scale log(e^(1 - floor) - 1) = NaN, emitted as 'NaN'
        var text = Head + "data: { features: 4, values: real }\n" + Rest.Replace("family: bernoulli", $"family: gaussian, scale: learned, min-scale: {minScale}", StringComparison.Ordinal);
        var (result, output) = GeneratorHarness.Run(("/models/floor.vae.yaml", text));
        result.Diagnostics.ShouldBeEmpty();
        output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\u0085")]
    [InlineData("\u2028")]
    [InlineData("\u2029")]
    public void EveryLineTerminatorInTheFile_CompilesAndTheEmbeddedFileReadsBackExactly(string terminator)
    {
        // raw in the file, between two comments (YamlDotNet breaks the line there too) and at its end: C# once saw a
        // line end inside the embedded copy of the file
        var text = $"# a comment{terminator}# another\n" + Head + "data: { features: 4 }\n" + Rest + $"\n# end{terminator}";
        var (result, output) = GeneratorHarness.Run(("/models/terminators.vae.yaml", text));

        result.Diagnostics.ShouldBeEmpty();
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ShouldBeEmpty();
        EmbeddedSourceText(result).ShouldBe(text);
    }

    [Theory]
    [InlineData("u0085")]
    [InlineData("u2028")]
    [InlineData("u2029")]
    [InlineData("r")]
    public void ADescriptionThatCSharpReadsAsTwoLines_IsVae0109(string escape)
    {
        // "a\u2028b", a YAML escape in double quotes, is one line of YAML and two of C#: the doc comment it goes into
        // would end inside it
        var diagnostic = Single(Head + "description: \"a\\" + escape + "b\"\ndata: { features: 4 }\n" + Rest);

        diagnostic.Id.ShouldBe("VAE0109");
    }

    /// <summary>The model file's text as the generated VaeModelInfo holds it: the value of its SourceText literal.</summary>
    private static string EmbeddedSourceText(GeneratorDriverRunResult result)
    {
        var tree = result.GeneratedTrees.Single(t => t.FilePath.EndsWith("HostileVae.g.cs", StringComparison.Ordinal));
        var argument = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ArgumentSyntax>()
            .Single(a => a.NameColon?.Name.Identifier.ValueText == "SourceText");
        return argument.Expression.GetFirstToken().ValueText;
    }

    [Theory]
    [InlineData("model: \"Unclosed")]
    [InlineData("model: [a, b")]
    [InlineData("model: {a: b")]
    [InlineData("model: 'x\n\n\n")]
    [InlineData("model: A\ndata: |\n  x\n\t")]
    public void MalformedEnding_IsReportedInsideTheFile(string text) => Run(text).ShouldNotBeEmpty();

    /// <summary>The generator's diagnostics for one file; fails on a generator exception or a location outside the file.</summary>
    private static Diagnostic[] Run(string text)
    {
        const string path = "/models/hostile.vae.yaml";
        var (result, _) = GeneratorHarness.Run((path, text));
        result.Results.ShouldAllBe(r => r.Exception == null);
        var lines = text.Split('\n').Length;
        foreach (var diagnostic in result.Diagnostics)
        {
            diagnostic.Id.ShouldStartWith("VAE");
            var span = diagnostic.Location.GetLineSpan();
            span.Path.ShouldBe(path);
            span.StartLinePosition.Line.ShouldBeLessThan(lines, GeneratorHarness.Format(diagnostic));
            diagnostic.Location.SourceSpan.End.ShouldBeLessThanOrEqualTo(text.Length);
        }

        return result.Diagnostics.ToArray();
    }

    private static Diagnostic Single(string text) => Run(text).ShouldHaveSingleItem();
}
