using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Vae.Dsl.Generator.Diagnostics;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Naming;

namespace Vae.Dsl.Generator.Specs;

/// <summary>
/// The models of a compilation that generate code, in path order, and the collisions between files, each reported on
/// every file involved (which then generates nothing): two files declaring one type (compared as the compiler
/// compares names), a namespace of one file that is a type of another or the catalog's, a type of one file named like
/// a name another file's code looks up in the same namespace, and two models whose generated files' names differ only
/// in case.
/// </summary>
internal sealed record ModelSet(EquatableArray<ModelSpec> Models, EquatableArray<DiagnosticInfo> Collisions)
{
    private const string CatalogFile = "the model catalog";

    public static ModelSet From(ImmutableArray<ParseResult> results)
    {
        var models = results
            .Where(result => result.Model is not null)
            .OrderBy(result => result.FilePath, StringComparer.Ordinal)
            .ToArray();
        var collisions = new List<DiagnosticInfo>();
        var colliding = new HashSet<ParseResult>();
        void Report(ParseResult result, LocationInfo location, Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, params string[] args)
        {
            collisions.Add(DiagnosticInfo.Create(descriptor, location, args));
            colliding.Add(result);
        }

        // Every type a file declares, by the name the compiler sees; the catalog's too.
        var declaredBy = new Dictionary<string, List<(ParseResult? Result, string FullName)>>();
        foreach (var type in GeneratedNames.Catalog.TopLevelTypes)
        {
            declaredBy[Identifiers.Comparable(CatalogEmitter.Namespace + "." + type)] = [(null, CatalogEmitter.Namespace + "." + type)];
        }

        foreach (var result in models)
        {
            foreach (var fullName in result.GeneratedTypes)
            {
                var key = Identifiers.Comparable(fullName);
                if (!declaredBy.TryGetValue(key, out var owners))
                {
                    declaredBy[key] = owners = [];
                }

                owners.Add((result, fullName));
            }
        }

        // One diagnostic for each pair of files, at the first type they share.
        var reported = new HashSet<(ParseResult, ParseResult?)>();
        foreach (var owners in declaredBy.Values.Where(owners => owners.Count > 1))
        {
            foreach (var (result, fullName) in owners.Where(owner => owner.Result is not null))
            {
                foreach (var (other, otherName) in owners.Where(other => other.Result != result && reported.Add((result!, other.Result))))
                {
                    var where = otherName == fullName ? FileName(other) : $"{FileName(other)} (as '{Identifiers.Visible(otherName)}')";
                    Report(result!, result!.Model!.NameLocation, DiagnosticDescriptors.DuplicateType, Identifiers.Visible(fullName), where);
                }
            }
        }

        foreach (var result in models)
        {
            var model = result.Model!;
            foreach (var prefix in Identifiers.Prefixes(model.Namespace))
            {
                if (!declaredBy.TryGetValue(Identifiers.Comparable(prefix), out var owners))
                {
                    continue;
                }

                foreach (var (owner, fullName) in owners.Where(owner => owner.Result != result))
                {
                    Report(result, model.NamespaceLocation, DiagnosticDescriptors.NamespaceIsAType, Identifiers.Visible(model.Namespace), Identifiers.Visible(fullName), FileName(owner));
                    if (owner is not null)
                    {
                        Report(owner, owner.Model!.NameLocation, DiagnosticDescriptors.TypeIsANamespace, Identifiers.Visible(fullName), Identifiers.Visible(model.Namespace), FileName(result));
                    }
                }
            }
        }

        // Inside a namespace, its types come before the using directives of the code in it: a type one file generates
        // captures the same name where another file's code in that namespace looks it up.
        var lookedUpBy = models.ToDictionary(result => result, result => new HashSet<string>(result.LookedUpNames.Select(Identifiers.Comparable)));
        foreach (var result in models)
        {
            foreach (var other in models.Where(other => other != result))
            {
                var captured = result.GeneratedTypes.FirstOrDefault(fullName =>
                    Identifiers.Comparable(NamespaceOf(fullName)) == Identifiers.Comparable(other.Model!.Namespace) &&
                    lookedUpBy[other].Contains(Identifiers.Comparable(SimpleName(fullName))));
                if (captured is not null)
                {
                    Report(result, result.Model!.NameLocation, DiagnosticDescriptors.TypeCapturesAName, Identifiers.Visible(captured), FileName(other), Identifiers.Visible(SimpleName(captured)));
                    Report(other, other.Model!.NameLocation, DiagnosticDescriptors.NameCapturedByAType, Identifiers.Visible(SimpleName(captured)), Identifiers.Visible(captured), FileName(result));
                }
            }
        }

        // Generated files are named after the model, and Roslyn compares their names ignoring case (so would a
        // case-insensitive disk): names that differ only in case clash, with each other or with the catalog's.
        var generatedFiles = models
            .Select(result => (Result: (ParseResult?)result, Hint: Emitter.HintName(result.Model!), FullName: result.Model!.FullName))
            .Append((null, CatalogEmitter.HintName, CatalogEmitter.Namespace + "." + CatalogEmitter.TypeName));
        foreach (var group in generatedFiles.GroupBy(file => file.Hint, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            foreach (var (result, _, fullName) in group.Where(file => file.Result is not null))
            {
                var others = group
                    .Where(other => Identifiers.Comparable(other.FullName) != Identifiers.Comparable(fullName))
                    .Select(other => $"'{Identifiers.Visible(other.FullName)}' of {FileName(other.Result)}")
                    .ToArray();
                if (others.Length > 0)
                {
                    Report(result!, result!.Model!.NameLocation, DiagnosticDescriptors.ModelNamesDifferOnlyInCase, Identifiers.Visible(fullName), string.Join(", ", others));
                }
            }
        }

        var kept = models.Where(result => !colliding.Contains(result)).Select(result => result.Model!).ToEquatableArray();
        return new ModelSet(kept, collisions.Distinct().ToEquatableArray());
    }

    private static string NamespaceOf(string fullName) => fullName.Substring(0, fullName.LastIndexOf('.'));

    private static string SimpleName(string fullName) => fullName.Substring(fullName.LastIndexOf('.') + 1);

    private static string FileName(ParseResult? result) => result?.Model!.SourceFileName ?? CatalogFile;
}
