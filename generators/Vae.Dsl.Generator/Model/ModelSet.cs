using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Vae.Dsl.Generator.Diagnostics;

namespace Vae.Dsl.Generator.Model;

/// <summary>The valid models of a compilation, in path order, with one model per full type name (compared ignoring case).</summary>
internal sealed record ModelSet(EquatableArray<ModelSpec> Models, EquatableArray<DiagnosticInfo> Duplicates)
{
    public static ModelSet From(ImmutableArray<ParseResult> results)
    {
        var kept = new List<ModelSpec>();
        var duplicates = new List<DiagnosticInfo>();
        var firstFile = new Dictionary<string, (string Name, string File)>(StringComparer.OrdinalIgnoreCase);
        foreach (var result in results.OrderBy(r => r.FilePath, StringComparer.Ordinal))
        {
            if (result.Model is not { } model)
            {
                continue;
            }

            var fullName = model.Namespace + "." + model.Name;
            if (firstFile.TryGetValue(fullName, out var first))
            {
                // Names that differ only in case would give generated files whose names differ only in case.
                duplicates.Add(first.Name == fullName
                    ? DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateModelName, model.NameLocation, model.Name, model.Namespace, first.File)
                    : DiagnosticInfo.Create(DiagnosticDescriptors.ModelNamesDifferOnlyInCase, model.NameLocation, fullName, first.Name, first.File));
                continue;
            }

            firstFile[fullName] = (fullName, model.SourceFileName);
            kept.Add(model);
        }

        return new ModelSet(kept.ToEquatableArray(), duplicates.ToEquatableArray());
    }
}
