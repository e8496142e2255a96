using System.Collections.Generic;
using System.Linq;
using Vae.Dsl.Generator.Specs;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Naming;

/// <summary>
/// Whether one model's names can stand in its generated code, asked of that code itself (<see cref="GeneratedNames"/>)
/// and of the compilation (<see cref="CompilationNames"/>); names are compared as the compiler compares
/// them (<see cref="Identifiers.Comparable"/>). A model passes with the full names of the types its file declares,
/// which <see cref="ModelSet"/> checks against the other files'.
/// <list type="bullet">
/// <item>Each type the file declares (the model, its trainer) is named like no member the code declares, no name it
/// looks up by scope and no member it inherits: inside the code, that name would mean the other thing.</item>
/// <item>No type's full name is one the code reaches with <c>global::</c> (a namespace or type it uses).</item>
/// <item>No namespace segment is a name the code looks up by scope, nor is any namespace N.S of the compilation inside
/// the model's namespace N, and no prefix of the namespace is a name the code
/// reaches with <c>global::</c> other than the namespaces it imports (those may be shared).</item>
/// </list>
/// </summary>
internal static class NameRules
{
    public static ParseResult Check(ParseResult parsed, CompilationNames compilation)
    {
        if (parsed.Model is not { } model)
        {
            return parsed;
        }

        var code = GeneratedNames.Of(model);
        var catalog = GeneratedNames.Catalog;
        var problems = new List<DiagnosticInfo>();
        var types = code.TopLevelTypes.Select(type => type.Replace(GeneratedNames.Placeholder, model.Name)).ToArray();

        var taken = new Dictionary<string, string>();
        Add(taken, compilation.Inherited, "inherits from its base classes");
        Add(taken, code.Declared, "declares");
        Add(taken, code.LookedUp, "looks up");
        foreach (var type in types)
        {
            if (taken.TryGetValue(Identifiers.Comparable(type), out var how))
            {
                var which = type == model.Name ? string.Empty : $"gives its type '{Identifiers.Visible(type)}' a name that ";
                problems.Add(DiagnosticInfo.Create(ReservedName, model.NameLocation, "model name", Identifiers.Visible(model.Name),
                    $"{which}is a name the generated code {how}; choose another, like 'My{Identifiers.Visible(model.Name)}'"));
            }
        }

        var referenced = new HashSet<string>(code.GloballyQualified.Concat(catalog.GloballyQualified).Select(Identifiers.Comparable));
        foreach (var type in types)
        {
            var fullName = model.Namespace + "." + type;
            if (referenced.Contains(Identifiers.Comparable(fullName)))
            {
                problems.Add(DiagnosticInfo.Create(ReservedName, model.NameLocation, "model name", Identifiers.Visible(model.Name),
                    $"makes the type '{Identifiers.Visible(fullName)}', a name the generated code refers to as 'global::{Identifiers.Visible(fullName)}'; choose another name or namespace"));
            }
        }

        var ns = Identifiers.Visible(model.Namespace);
        var lookedUp = new HashSet<string>(code.LookedUp.Select(Identifiers.Comparable));
        var segment = model.Namespace.Split('.').FirstOrDefault(part => lookedUp.Contains(Identifiers.Comparable(part)));
        if (segment is not null)
        {
            problems.Add(DiagnosticInfo.Create(ReservedName, model.NamespaceLocation, "namespace", ns,
                $"has the segment '{Identifiers.Visible(segment)}', a name the generated code looks up"));
        }

        var inner = Identifiers.Comparable(model.Namespace) + ".";
        var capturing = compilation.Namespaces.FirstOrDefault(other =>
            Identifiers.Comparable(other) is var candidate && candidate.StartsWith(inner, System.StringComparison.Ordinal) &&
            candidate.IndexOf('.', inner.Length) < 0 && lookedUp.Contains(candidate.Substring(inner.Length)));
        if (segment is null && capturing is not null)
        {
            problems.Add(DiagnosticInfo.Create(ReservedName, model.NamespaceLocation, "namespace", ns,
                $"holds the namespace '{Identifiers.Visible(capturing)}', and inside '{ns}' that would capture the name '{capturing.Substring(capturing.LastIndexOf('.') + 1)}', which the generated code looks up; choose another namespace"));
        }

        var namespaces = new HashSet<string>(code.ImportedNamespaces.Concat(catalog.ImportedNamespaces).Select(Identifiers.Comparable));
        var referencedType = Identifiers.Prefixes(model.Namespace).LastOrDefault(prefix =>
            referenced.Contains(Identifiers.Comparable(prefix)) && !namespaces.Contains(Identifiers.Comparable(prefix)));
        if (segment is null && capturing is null && referencedType is not null)
        {
            problems.Add(DiagnosticInfo.Create(ReservedName, model.NamespaceLocation, "namespace", ns,
                $"would make '{Identifiers.Visible(referencedType)}' a namespace, and the generated code means something else by 'global::{Identifiers.Visible(referencedType)}'"));
        }

        return problems.Count == 0
            ? parsed with { GeneratedTypes = types.Select(type => model.Namespace + "." + type).ToEquatableArray(), LookedUpNames = code.LookedUp }
            : parsed with { Model = null, Diagnostics = parsed.Diagnostics.Concat(problems).ToEquatableArray() };
    }

    private static void Add(Dictionary<string, string> taken, IEnumerable<string> names, string how)
    {
        foreach (var name in names)
        {
            var comparable = Identifiers.Comparable(name);
            if (!taken.ContainsKey(comparable))
            {
                taken[comparable] = how;
            }
        }
    }
}
