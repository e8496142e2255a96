using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Vae.Dsl.Generator.Bench;

/// <summary>
/// Prints which of the generator's steps re-ran, by IncrementalStepRunReason, when a driver over every file of models/
/// already run once is re-run after editing one model, and after editing nothing.
/// </summary>
internal static class IncrementalCheck
{
    private static readonly IncrementalStepRunReason[] Reasons =
    [
        IncrementalStepRunReason.New, IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged,
        IncrementalStepRunReason.Cached, IncrementalStepRunReason.Removed,
    ];

    public static void Run(string editedModel)
    {
        var compilation = Drivers.EmptyCompilation();
        var files = ModelFiles.LoadAll();
        var warm = Drivers.Create(files, trackSteps: true).RunGenerators(compilation);
        var index = Array.IndexOf(ModelFiles.Names.ToArray(), editedModel);

        Console.WriteLine($"Steps re-run over the {files.Length} files of models/ after editing {editedModel}{VaeModelGenerator.ModelFileExtension} (its seed):");
        Print(warm.ReplaceAdditionalText(files[index], ModelFiles.Edited(files[index])).RunGenerators(compilation));
        Console.WriteLine("... and after editing nothing:");
        Print(warm.RunGenerators(compilation.Clone()));
        Console.WriteLine($"(SourceOutput: each file's diagnostics ({files.Length}), each model's source ({files.Length}) and the catalog of them all (1).)");
        Console.WriteLine();
    }

    private static void Print(GeneratorDriver driver)
    {
        var result = driver.GetRunResult().Results.Single();
        Console.WriteLine($"  {"step",-28}{string.Join(string.Empty, Reasons.Select(r => $"{r,11}"))}");
        // The named steps, Roslyn's input steps (AdditionalTexts, AnalyzerConfigOptions) and the source outputs, each once.
        var steps = result.TrackedSteps.Concat(result.TrackedOutputSteps.Where(s => !result.TrackedSteps.ContainsKey(s.Key)));
        foreach (var (name, runs) in steps.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var counts = Reasons.Select(reason => Count(runs, reason));
            Console.WriteLine($"  {name,-28}{string.Join(string.Empty, counts.Select(c => $"{c,11}"))}");
        }
    }

    /// <summary>How many outputs of the step's runs had <paramref name="reason"/>.</summary>
    private static int Count(ImmutableArray<IncrementalGeneratorRunStep> runs, IncrementalStepRunReason reason) =>
        runs.SelectMany(run => run.Outputs).Count(output => output.Reason == reason);
}
