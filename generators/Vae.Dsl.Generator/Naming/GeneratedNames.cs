using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vae.Dsl.Generator.Emit;
using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Naming;

/// <summary>
/// The names in a model's generated code, read from that code itself: the emitter writes the file with a placeholder
/// for the model's name, and the syntax tree of the result says which names it declares, which it looks up by scope
/// and which it reaches with <c>global::</c>. Whatever the emitters write next, these lists follow.
/// </summary>
internal sealed record GeneratedNames(
    EquatableArray<string> TopLevelTypes,
    EquatableArray<string> Declared,
    EquatableArray<string> LookedUp,
    EquatableArray<string> GloballyQualified,
    EquatableArray<string> ImportedNamespaces)
{
    /// <summary>Stands for the model's name while its code is read; no name the code uses contains it.</summary>
    public const string Placeholder = "VaeDslModelNamePlaceholder";

    /// <summary>The names of <paramref name="model"/>'s code, with the model's name still a placeholder.</summary>
    public static GeneratedNames Of(ModelSpec model) => FromSource(Emitter.Emit(model with { Name = Placeholder }));

    /// <summary>The names of the catalog, which every compilation with a model has once.</summary>
    public static GeneratedNames Catalog { get; } = FromSource(CatalogEmitter.Emit([]));

    /// <summary>
    /// Reads generated source. <see cref="Declared"/>: every identifier a declaration introduces (types, members,
    /// parameters, locals). <see cref="LookedUp"/>: every simple name resolved by scope, the names a type or namespace
    /// of the same name would capture. <see cref="GloballyQualified"/>: each <c>global::A.B.C</c> and its prefixes.
    /// <see cref="ImportedNamespaces"/>: the namespaces of the <c>using global::N;</c> directives and their prefixes.
    /// Names holding the placeholder are the model's own and are left out; top-level types keep it.
    /// </summary>
    public static GeneratedNames FromSource(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetCompilationUnitRoot();
        var topLevel = root.DescendantNodes()
            .OfType<BaseTypeDeclarationSyntax>()
            .Where(type => type.Parent is BaseNamespaceDeclarationSyntax or CompilationUnitSyntax)
            .Select(type => type.Identifier.ValueText);
        var declared = root.DescendantTokens()
            .Where(token => token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is not SimpleNameSyntax)
            .Select(token => token.ValueText);
        var lookedUp = root.DescendantNodes()
            .OfType<SimpleNameSyntax>()
            .Where(name => IsLookedUp(name) && !name.Ancestors().Any(node => node is BaseNamespaceDeclarationSyntax ns && ns.Name.Span.Contains(name.Span)))
            .Select(name => name.Identifier.ValueText);
        var globallyQualified = root.DescendantNodes()
            .OfType<AliasQualifiedNameSyntax>()
            .Where(alias => alias.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword))
            .SelectMany(alias => Prefixes(Outermost(alias).ToString().Substring("global::".Length)));
        var imported = root.DescendantNodes()
            .OfType<UsingDirectiveSyntax>()
            .Where(directive => directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Alias is null && directive.Name is not null)
            .SelectMany(directive => Prefixes(directive.Name!.ToString().Replace("global::", string.Empty)));

        return new GeneratedNames(
            Sorted(topLevel, keepPlaceholder: true),
            Sorted(declared),
            Sorted(lookedUp),
            Sorted(globallyQualified),
            Sorted(imported));
    }

    /// <summary>A simple name is looked up by scope unless it follows a dot or <c>::</c>, or names an argument or a member.</summary>
    private static bool IsLookedUp(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name != name,
        QualifiedNameSyntax qualified => qualified.Right != name,
        AliasQualifiedNameSyntax => false,
        MemberBindingExpressionSyntax => false,
        NameColonSyntax or NameEqualsSyntax => false,
        _ => true,
    };

    /// <summary>The whole dotted name an alias-qualified name starts: <c>global::A</c> in <c>global::A.B.C</c> gives the latter.</summary>
    private static SyntaxNode Outermost(SyntaxNode node)
    {
        while (node.Parent is QualifiedNameSyntax qualified && qualified.Left == node ||
               node.Parent is MemberAccessExpressionSyntax access && access.Expression == node)
        {
            node = node.Parent;
        }

        return node;
    }

    /// <summary>"A.B&lt;T&gt;" → "A", "A.B": the dotted prefixes, type arguments and spaces dropped.</summary>
    private static IEnumerable<string> Prefixes(string dotted) => Identifiers.Prefixes(dotted.Split('<')[0].Replace(" ", string.Empty));

    private static EquatableArray<string> Sorted(IEnumerable<string> names, bool keepPlaceholder = false) =>
        names.Where(name => keepPlaceholder || name.IndexOf(Placeholder, StringComparison.Ordinal) < 0)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(name => name, StringComparer.Ordinal)
            .ToEquatableArray();
}
