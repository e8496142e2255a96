using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Model;

namespace Vae.Dsl.Generator.Naming;

/// <summary>
/// The names the generated types inherit: every member and nested type, not private, of each class in
/// <see cref="BaseClasses"/> and its bases, of <c>object</c> and of <c>ValueType</c>, as the compilation's references
/// declare them. Inside a generated type such a name means the inherited member, so a model of that name could not
/// be named there.
/// </summary>
internal static class InheritedNames
{
    public static EquatableArray<string> From(Compilation compilation)
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
}
