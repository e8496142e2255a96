using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Naming;

/// <summary>
/// What the generator reads from the compilation, for the name rules: two sorted lists, which compare equal from one
/// edit of the user's code to the next, so that nothing after them runs again.
/// </summary>
/// <param name="Inherited">
/// The names the generated types inherit: every member and nested type, not private, of each class in
/// <see cref="BaseClasses"/> and its bases, of <c>object</c> and of <c>ValueType</c>. Inside a generated type such a
/// name means the inherited member, so a model of that name could not be named there.
/// </param>
/// <param name="Namespaces">
/// Every namespace of the compilation and its references, by full name. Inside the model's namespace N, a namespace
/// N.S comes before the code's own using directives, so it captures a name S the code looks up.
/// </param>
internal sealed record CompilationNames(EquatableArray<string> Inherited, EquatableArray<string> Namespaces)
{
    public static CompilationNames From(Compilation compilation) => new(InheritedNames(compilation), NamespaceNames(compilation));

    private static EquatableArray<string> InheritedNames(Compilation compilation)
    {
        var classes = BaseClasses.All
            .Select(baseClass => compilation.GetTypeByMetadataName(baseClass.MetadataName))
            .Append(compilation.GetSpecialType(SpecialType.System_Object))
            .Append(compilation.GetSpecialType(SpecialType.System_ValueType));
        var names = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var type in classes)
        {
            for (var current = type; current is not null && current.TypeKind != TypeKind.Error; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    if (member.DeclaredAccessibility != Accessibility.Private && member.CanBeReferencedByName)
                    {
                        names.Add(member.Name);
                    }
                }
            }
        }

        return names.ToEquatableArray();
    }

    private static EquatableArray<string> NamespaceNames(Compilation compilation)
    {
        var names = new SortedSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<INamespaceSymbol>(compilation.GlobalNamespace.GetNamespaceMembers());
        while (pending.Count > 0)
        {
            var ns = pending.Pop();
            names.Add(ns.ToDisplayString());
            foreach (var child in ns.GetNamespaceMembers())
            {
                pending.Push(child);
            }
        }

        return names.ToEquatableArray();
    }
}
