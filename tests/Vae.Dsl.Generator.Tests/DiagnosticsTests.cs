using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Shouldly;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;

namespace Vae.Dsl.Generator.Tests;

/// <summary>
/// The bad-model corpus: each Corpus/bad/*.vae.yaml must produce exactly the diagnostics in its
/// *.expected.txt, at the line and column written there. A file without expectations fails and writes
/// what it got to *.received.txt beside it, for review.
/// </summary>
public class DiagnosticsTests
{
    public static TheoryData<string> BadModels() => new(GeneratorHarness.CorpusFiles("bad"));

    [Theory]
    [MemberData(nameof(BadModels))]
    public void BadModel_ReportsExactlyTheExpectedDiagnostics(string fileName)
    {
        var file = GeneratorHarness.CorpusFile(Path.Combine("bad", fileName));
        var (result, output) = GeneratorHarness.Run(file);

        var actual = result.Diagnostics
            .OrderBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Select(GeneratorHarness.Format)
            .ToArray();
        var expectedPath = Path.Combine(SourceDirectory(), "Corpus", "bad", Path.ChangeExtension(fileName, null).Replace(".vae", string.Empty) + ".expected.txt");
        if (!File.Exists(expectedPath))
        {
            File.WriteAllLines(expectedPath.Replace(".expected.", ".received."), actual);
            throw new FileNotFoundException($"no expected diagnostics for {fileName}; the received ones were written beside it", expectedPath);
        }

        actual.ShouldBe(File.ReadAllLines(expectedPath).Where(line => line.Length > 0).ToArray());
        result.Diagnostics.ShouldAllBe(d => d.Location.GetLineSpan().Path == file.Path);
        output.SyntaxTrees.ShouldBeEmpty("a model with errors must generate no code");
    }

    [Fact]
    public void SameModelNameInTwoFiles_ReportsTheSecondAtItsName()
    {
        var first = ("/models/a.vae.yaml", GeneratorHarness.CorpusFile("good/minimal.vae.yaml").Text);
        var second = ("/models/b.vae.yaml", "# the same name again\n" + first.Item2);

        var (result, output) = GeneratorHarness.Run(first, second);

        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        GeneratorHarness.Format(diagnostic).ShouldBe("(3,8): error VAE0301: model name 'MinimalVae' in namespace 'Vae.Models' is already declared in a.vae.yaml");
        diagnostic.Location.GetLineSpan().Path.ShouldBe("/models/b.vae.yaml");
        output.SyntaxTrees.Count().ShouldBe(2, "the first model and the catalog are still generated");
    }

    [Fact]
    public void GoodModels_ReportNothing()
    {
        foreach (var fileName in GeneratorHarness.CorpusFiles("good"))
        {
            var (result, _) = GeneratorHarness.Run(GeneratorHarness.CorpusFile(Path.Combine("good", fileName)));
            result.Diagnostics.ShouldBeEmpty(fileName);
        }
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
