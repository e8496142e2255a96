using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Shouldly;
using Vae.Dsl.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Vae.Dsl.Generator.Tests.Fuzzing;

/// <summary>
/// Mutated model files (every shipped, good, bad and run-time test model, through <see cref="ModelMutator"/>), one to
/// three files at a time, through the generator as the compiler runs it. For every input: no exception escapes the
/// generator, every diagnostic lies inside its file, and an input without errors generates code that compiles. The
/// slowest input is reported. The suite runs 1,500 inputs; <c>scripts/fuzz N</c> runs N (docs/fuzzing.md has the
/// last long run).
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private const int DefaultInputs = 1500;

    [Fact]
    public void MutatedModels_NeverBreakTheGenerator()
    {
        var inputs = int.TryParse(Environment.GetEnvironmentVariable("VAE_FUZZ_INPUTS"), out var n) ? n : DefaultInputs;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("VAE_FUZZ_SEED"), out var s) ? s : 1;
        var sources = new[] { "models", "good", "bad", "runtime" }
            .SelectMany(folder => GeneratorHarness.CorpusFiles(folder).Select(f => GeneratorHarness.CorpusFile(Path.Combine(folder, f)).Text))
            .ToArray();
        var random = new Random(seed);
        var mutator = new ModelMutator(random);
        var compiled = new HashSet<string>(StringComparer.Ordinal);
        var (withCode, withDiagnostics, slowest, slowestInput) = (0, 0, TimeSpan.Zero, string.Empty);
        var total = Stopwatch.StartNew();

        for (var i = 0; i < inputs; i++)
        {
            var fileCount = random.Next(10) == 0 ? 2 + random.Next(2) : 1;
            var files = Enumerable.Range(0, fileCount)
                .Select(f => ($"/models/fuzz{f}.vae.yaml", mutator.Mutate(sources[random.Next(sources.Length)])))
                .ToArray();

            var clock = Stopwatch.StartNew();
            var (result, compilation) = GeneratorHarness.Run(files);
            clock.Stop();
            if (clock.Elapsed > slowest)
            {
                (slowest, slowestInput) = (clock.Elapsed, string.Join("\n#---- next file\n", files.Select(f => f.Item2)));
            }

            var context = $"input {i} (seed {seed}):\n{string.Join("\n#---- next file\n", files.Select(f => f.Item2))}";
            result.Results.ShouldAllBe(r => r.Exception == null, context);
            foreach (var diagnostic in result.Diagnostics)
            {
                var path = diagnostic.Location.GetLineSpan().Path;
                var file = files.SingleOrDefault(f => f.Item1 == path);
                file.Item1.ShouldNotBeNull($"{diagnostic} is not in an input file; {context}");
                diagnostic.Location.SourceSpan.End.ShouldBeLessThanOrEqualTo(file.Item2.Length, context);
            }

            if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                withDiagnostics++;
                continue;
            }

            withCode++;
            var generated = string.Concat(compilation.SyntaxTrees.Select(t => t.ToString()));
            if (compiled.Add(generated))
            {
                var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
                errors.ShouldBeEmpty($"generated code does not compile; {context}");
            }
        }

        var report = string.Create(CultureInfo.InvariantCulture,
            $"{inputs} inputs (seed {seed}) in {total.Elapsed.TotalSeconds:F0} s: {withDiagnostics} with diagnostics, {withCode} generating code ({compiled.Count} distinct outputs compiled); slowest input {slowest.TotalMilliseconds:F0} ms, {slowestInput.Length} characters");
        output.WriteLine(report);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "vae-fuzz-report.txt"), report + "\n\nslowest input:\n" + slowestInput);
        (withCode + withDiagnostics).ShouldBe(inputs);
        withCode.ShouldBeGreaterThan(0, "some mutations should leave a valid model");
    }
}
