using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Vae.Dsl.Generator.Diagnostics;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Naming;
using Vae.Dsl.Generator.Parsing;

namespace Vae.Dsl.Generator;

/// <summary>
/// Turns each *.vae.yaml AdditionalFiles item into a TorchSharp module and its trainer, and lists them all
/// in one catalog. The pipeline only wires the phases together: Parsing/ reads and checks a file, Emit/
/// writes C#, Naming/ checks the model's names against that C# and the classes it derives from, and nothing but
/// plain, equatable data passes between them.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class VaeModelGenerator : IIncrementalGenerator
{
    public const string ModelFileExtension = ".vae.yaml";

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var files = context.AdditionalTextsProvider
            .Where(static text => text.Path.EndsWith(ModelFileExtension, StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => new ModelFile(text.Path, text.GetText(cancellationToken)?.ToString() ?? string.Empty))
            .WithTrackingName(TrackingNames.ModelFiles);

        var rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var ns) ? ns : null);

        var parsed = files
            .Combine(rootNamespace)
            .Select(static (input, cancellationToken) => ModelParser.Parse(input.Left, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Parsed);

        // Only names are read from the compilation (what the generated types inherit, which namespaces exist): lists
        // that compare equal from one edit of the user's code to the next, so the steps after them do not run again.
        var compilationNames = context.CompilationProvider
            .Select(static (compilation, _) => CompilationNames.From(compilation))
            .WithTrackingName(TrackingNames.CompilationNames);

        var named = parsed
            .Combine(compilationNames)
            .Select(static (input, _) => NameRules.Check(input.Left, input.Right))
            .WithTrackingName(TrackingNames.Named);

        context.RegisterSourceOutput(named, static (output, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var models = named.Collect()
            .Select(static (results, _) => ModelSet.From(results))
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(models, static (output, set) =>
        {
            foreach (var collision in set.Collisions)
            {
                output.ReportDiagnostic(collision.ToDiagnostic());
            }

            if (set.Models.Count > 0)
            {
                output.AddSource(CatalogEmitter.HintName, CatalogEmitter.Emit(set.Models));
            }
        });

        context.RegisterSourceOutput(models.SelectMany(static (set, _) => set.Models), static (output, model) =>
            output.AddSource(Emitter.HintName(model), Emitter.Emit(model)));
    }
}
