using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Shouldly;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Vae.Dsl.Generator.Tests.Fuzzing;

/// <summary>
/// Mutated model files (every shipped, good, bad and run-time test model, through <see cref="ModelMutator"/>), one to
/// three files at a time, through the generator as the compiler runs it. For every input: no exception escapes the
/// generator; every diagnostic lies inside its file, at the line and column Roslyn's own line counting gives its span
/// (<see cref="SourceText.Lines"/>), never past the end of its line; and an input without errors generates code that
/// compiles. The run goes on after a failure and reports every kind of failure it saw, each with its shortest input
/// cut down line by line (<see cref="FuzzFailures"/>), and the slowest input. The suite runs 1,500 inputs;
/// <c>scripts/fuzz N</c> runs N (docs/fuzzing.md has the last long run).
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultInputs = 1500;

    /// <summary>
    /// The compilation every input is generated into, as <see cref="GeneratorHarness.Run"/> does, but one for all
    /// inputs: it is immutable, and its references, once bound, stay bound (a quarter of the generator's time saved).
    /// </summary>
    private static readonly Lazy<Compilation> EmptyCompilation = new(GeneratorHarness.EmptyCompilation);

    [Fact]
    public void MutatedModels_NeverBreakTheGenerator()
    {
        var inputs = int.TryParse(Environment.GetEnvironmentVariable("VAE_FUZZ_INPUTS"), out var n) ? n : DefaultInputs;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("VAE_FUZZ_SEED"), out var s) ? s : 1;
        var sources = Sources("models", "good", "bad", "runtime");
        var validSources = Sources("models", "good", "runtime");
        var codeNames = GeneratedCodeNames.FromShippedModels();
        var random = new Random(seed);
        var mutator = new ModelMutator(random, codeNames);
        var compiled = new HashSet<string>(StringComparer.Ordinal);
        var failures = new FuzzFailures();
        var (withCode, withDiagnostics, withException, slowest, slowestInput) = (0, 0, 0, TimeSpan.Zero, string.Empty);
        var (generating, compiling) = (TimeSpan.Zero, TimeSpan.Zero);
        var total = Stopwatch.StartNew();

        for (var i = 0; i < inputs; i++)
        {
            var files = NextInput(random, mutator, sources, validSources);
            var outcome = Generate(files);
            generating += outcome.Elapsed;
            if (outcome.Elapsed > slowest)
            {
                (slowest, slowestInput) = (outcome.Elapsed, string.Join("\n#---- next file\n", files.Select(f => f.Text)));
            }

            foreach (var sighting in outcome.Failures)
            {
                failures.Add(sighting, i, files);
            }

            switch (outcome.Result)
            {
                case InputResult.Exception:
                    withException++;
                    break;
                case InputResult.Diagnostics:
                    withDiagnostics++;
                    break;
                default:
                    withCode++;
                    if (compiled.Add(string.Concat(outcome.Output!.SyntaxTrees.Select(t => t.ToString()))))
                    {
                        var clock = Stopwatch.StartNew();
                        var errors = CompileErrors(outcome.Output).ToList();
                        compiling += clock.Elapsed;
                        errors.ForEach(sighting => failures.Add(sighting, i, files));
                    }

                    break;
            }
        }

        var fuzzing = total.Elapsed;
        failures.Shrink(Check, perKind: TimeSpan.FromSeconds(1), total: TimeSpan.FromSeconds(10));
        var report = string.Create(CultureInfo.InvariantCulture,
            $"{inputs} inputs (seed {seed}) in {fuzzing.TotalSeconds:F0} s (generator {generating.TotalSeconds:F0} s, compiling {compiling.TotalSeconds:F0} s): {withDiagnostics} with diagnostics, {withCode} generating code ({compiled.Count} distinct outputs compiled), {withException} throwing; slowest input {slowest.TotalMilliseconds:F0} ms, {slowestInput.Length} characters; names from the generated code: {codeNames}");
        if (failures.KindCount > 0)
        {
            report += string.Create(CultureInfo.InvariantCulture, $"; {FuzzFailures.Kinds(failures.KindCount)} of failure, examples shrunk in {(total.Elapsed - fuzzing).TotalSeconds:F0} s");
        }

        var failureReport = failures.KindCount == 0 ? string.Empty : failures.Report(seed);
        var reportFile = Path.Combine(Path.GetTempPath(), "vae-fuzz-report.txt");
        output.WriteLine(report);
        output.WriteLine(failureReport);
        File.WriteAllText(reportFile, report + "\n\n" + failureReport + "\nslowest input:\n" + FuzzFailures.Escape(slowestInput));
        (withCode + withDiagnostics + withException).ShouldBe(inputs);
        failures.KindCount.ShouldBe(0, $"the inputs and their failures are in {reportFile} too\n{failureReport}");
        withCode.ShouldBeGreaterThan(0, "some mutations should leave a valid model");
    }

    /// <summary>How an input went through the generator: it threw, it gave error diagnostics, or it generated code.</summary>
    private enum InputResult
    {
        Exception,
        Diagnostics,
        Code,
    }

    /// <summary>
    /// Runs the generator on one input and checks what it gave: no exception escapes; every diagnostic's location is
    /// right (<see cref="LocationProblems"/>). Without errors, the output compilation is returned for
    /// <see cref="CompileErrors"/>.
    /// </summary>
    private static (InputResult Result, List<FailureSighting> Failures, TimeSpan Elapsed, Compilation? Output) Generate(
        (string Path, string Text)[] files)
    {
        var failures = new List<FailureSighting>();
        var clock = Stopwatch.StartNew();
        var driver = GeneratorHarness.CreateDriver(files).RunGeneratorsAndUpdateCompilation(EmptyCompilation.Value, out var compilation, out _);
        var result = driver.GetRunResult();
        clock.Stop();

        if (result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null) is { } exception)
        {
            failures.Add(new(
                $"exception escapes the generator: {exception.GetType().Name}: {FuzzFailures.Generalize(exception.Message)}",
                string.Empty,
                $"{exception.GetType().FullName}: {exception.Message}\n{exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}"));
            return (InputResult.Exception, failures, clock.Elapsed, null);
        }

        var texts = files.Select(f => SourceText.From(f.Text)).ToArray();
        failures.AddRange(result.Diagnostics.SelectMany(diagnostic => LocationProblems(diagnostic, files, texts)));
        return result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error)
            ? (InputResult.Diagnostics, failures, clock.Elapsed, null)
            : (InputResult.Code, failures, clock.Elapsed, compilation);
    }

    /// <summary>
    /// The compiler's errors in the generated code (the first five, in file and position order, which unlike the
    /// compiler's own order does not depend on its threads), one failure per error ID.
    /// </summary>
    private static IEnumerable<FailureSighting> CompileErrors(Compilation generated)
    {
        var errors = generated.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .Take(5)
            .ToList();
        return errors.DistinctBy(e => e.Id).Select(error => new FailureSighting(
            $"generated code does not compile: {error.Id}: {FuzzFailures.Generalize(error.GetMessage(CultureInfo.InvariantCulture))}",
            string.Empty,
            string.Join("\n", errors.OrderBy(e => e.Id != error.Id).Select(e => $"{e} in: {GeneratedLine(e)}"))));
    }

    /// <summary>Every failure of one input, its generated code compiled whatever came before: for shrinking an example.</summary>
    private static IEnumerable<FailureSighting> Check((string Path, string Text)[] files)
    {
        var outcome = Generate(files);
        return outcome.Output is null ? outcome.Failures : outcome.Failures.Concat(CompileErrors(outcome.Output));
    }

    private static string[] Sources(params string[] folders) => folders
        .SelectMany(folder => GeneratorHarness.CorpusFiles(folder).Select(f => GeneratorHarness.CorpusFile(Path.Combine(folder, f)).Text))
        .ToArray();

    /// <summary>
    /// One input: a mutated file; or (one input in sixteen) a valid model renamed after the generated code's names and
    /// nothing else, so whether a name the generator accepts compiles is asked often; or (one in eight) two or three
    /// files, either each mutated on its own or valid models made to collide with each other's names
    /// (<see cref="ModelMutator.CollideFiles"/>).
    /// </summary>
    private static (string Path, string Text)[] NextInput(Random random, ModelMutator mutator, string[] sources, string[] validSources)
    {
        switch (random.Next(16))
        {
            case 0:
                return [("/models/fuzz0.vae.yaml", mutator.RenameAfterGeneratedCode(validSources[random.Next(validSources.Length)]))];
            case 1 or 2:
                var count = 2 + random.Next(2);
                var texts = random.Next(2) == 0
                    ? mutator.MutateFiles(Enumerable.Range(0, count).Select(_ => sources[random.Next(sources.Length)]).ToArray())
                    : mutator.CollideFiles(Enumerable.Range(0, count).Select(_ => validSources[random.Next(validSources.Length)]).ToArray());
                return texts.Select((text, f) => ($"/models/fuzz{f}.vae.yaml", text)).ToArray();
            default:
                return [("/models/fuzz0.vae.yaml", mutator.Mutate(sources[random.Next(sources.Length)]))];
        }
    }

    /// <summary>
    /// What is wrong with where a diagnostic says it is (its location and any additional ones), as kinds of failure
    /// with their details; nothing for a right one. Right is: in one of the input files, its span inside that file, its
    /// start and end line and column those Roslyn's line counting of the file's text gives the span's start and end,
    /// and no column past the end of its line (a position between a '\r' and its '\n' is past it).
    /// </summary>
    private static IEnumerable<FailureSighting> LocationProblems(
        Diagnostic diagnostic, IReadOnlyList<(string Path, string Text)> files, IReadOnlyList<SourceText> texts)
    {
        foreach (var location in new[] { diagnostic.Location }.Concat(diagnostic.AdditionalLocations))
        {
            var reported = location.GetLineSpan();
            var file = files.Select(f => f.Path).ToList().IndexOf(reported.Path);
            if (file < 0)
            {
                yield return new("diagnostic not in an input file", diagnostic.Id, $"{diagnostic}");
                continue;
            }

            var (span, text) = (location.SourceSpan, texts[file]);
            if (span.End > text.Length)
            {
                yield return new("diagnostic's span past the end of its file", diagnostic.Id, $"{Describe(diagnostic)}: span {span}, file of {text.Length} characters");
                continue;
            }

            var expected = text.Lines.GetLinePositionSpan(span);
            if (reported.Span != expected)
            {
                yield return new("diagnostic's line/column is not Roslyn's", diagnostic.Id,
                    $"{Describe(diagnostic)}: reported {Show(reported.Span)}, Roslyn's line counting puts characters {span.Start}-{span.End} at {Show(expected)}");
            }

            foreach (var (position, which) in new[] { (reported.StartLinePosition, "start"), (reported.EndLinePosition, "end") })
            {
                if (position.Line < 0 || position.Line >= text.Lines.Count)
                {
                    yield return new("diagnostic's line past the last line", diagnostic.Id,
                        $"{Describe(diagnostic)}: {which} {Show(position)}, file of {text.Lines.Count} lines");
                    continue;
                }

                var line = text.Lines[position.Line];
                if (position.Character < 0 || position.Character > line.End - line.Start)
                {
                    yield return new("diagnostic's column past the end of its line", diagnostic.Id,
                        $"{Describe(diagnostic)}: {which} {Show(position)}, line {position.Line + 1} has {line.End - line.Start} characters before its line break");
                }
            }
        }
    }

    /// <summary>A diagnostic as "file(line,column): error ID: message", line and column counted from 1.</summary>
    private static string Describe(Diagnostic diagnostic) =>
        Path.GetFileName(diagnostic.Location.GetLineSpan().Path) + GeneratorHarness.Format(diagnostic);

    private static string Show(LinePosition position) => $"({position.Line + 1},{position.Character + 1})";

    private static string Show(LinePositionSpan span) => $"{Show(span.Start)}-{Show(span.End)}";

    /// <summary>The line of generated code a compiler error is on, trimmed.</summary>
    private static string GeneratedLine(Diagnostic error) =>
        error.Location.SourceTree is { } tree
            ? tree.GetText().Lines.GetLineFromPosition(error.Location.SourceSpan.Start).ToString().Trim()
            : "(no source)";
}
