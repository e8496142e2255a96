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
/// *.expected.txt, at the line and column written there, and each folder of Corpus/bad (files that collide with
/// each other) those of its expected.txt. Without expectations a test fails and writes what it got to
/// *.received.txt beside them, for review.
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

    public static TheoryData<string> CollidingModelSets() => new(
        Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "Corpus", "bad")).Select(Path.GetFileName).OrderBy(name => name, StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(CollidingModelSets))]
    public void CollidingModels_ReportEveryFileOfTheCollision(string folder)
    {
        var files = GeneratorHarness.CorpusFiles(Path.Combine("bad", folder))
            .Select(name => GeneratorHarness.CorpusFile(Path.Combine("bad", folder, name)))
            .ToArray();
        var (result, output) = GeneratorHarness.Run(files);

        var actual = result.Diagnostics
            .OrderBy(d => d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .Select(d => Path.GetFileName(d.Location.GetLineSpan().Path) + GeneratorHarness.Format(d))
            .ToArray();
        var expectedPath = Path.Combine(SourceDirectory(), "Corpus", "bad", folder, "expected.txt");
        if (!File.Exists(expectedPath))
        {
            File.WriteAllLines(expectedPath.Replace("expected.", "received."), actual);
            throw new FileNotFoundException($"no expected diagnostics for {folder}; the received ones were written beside them", expectedPath);
        }

        actual.ShouldBe(File.ReadAllLines(expectedPath).Where(line => line.Length > 0).ToArray());
        actual.Select(line => line.Split('(')[0]).Distinct().Count().ShouldBe(files.Length, "each file of a collision hears of it");
        output.SyntaxTrees.ShouldBeEmpty("colliding models generate no code");
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
