using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vae.Dsl.Generator.Tests.Infrastructure;

namespace Vae.Dsl.Generator.Tests.Fuzzing;

/// <summary>
/// The names the generated code itself declares, uses and inherits, for <see cref="ModelMutator"/> to name models and
/// namespaces after. Derived, not written down: the generator runs on the shipped models, and the names are read from
/// its output, so a name the emitters start using tomorrow is fuzzed tomorrow.
/// </summary>
/// <param name="Used">Every identifier in the generated code: declared types and members, parameters and locals,
/// simple names it uses, and the parts of the qualified names it writes.</param>
/// <param name="Inherited">The members (nested types too) of the generated types and of all their base types up to
/// <see cref="object"/> and their interfaces, as the output compilation's semantic model sees them.</param>
/// <param name="Namespaces">The namespaces the generated code declares, imports or looks names up in (and the
/// namespaces that enclose them), and those of its base types.</param>
/// <param name="Types">The full names (namespace and name) of the types the generated code declares at the top level.</param>
internal sealed record GeneratedCodeNames(
    IReadOnlyList<string> Used,
    IReadOnlyList<string> Inherited,
    IReadOnlyList<string> Namespaces,
    IReadOnlyList<string> Types)
{
    private static readonly Lazy<GeneratedCodeNames> Shipped = new(Collect);

    /// <summary>The names of the code generated for every model in models/, all at once (so the catalog is in it).</summary>
    public static GeneratedCodeNames FromShippedModels() => Shipped.Value;

    private static GeneratedCodeNames Collect()
    {
        var files = GeneratorHarness.CorpusFiles("models")
            .Select(file => GeneratorHarness.CorpusFile(Path.Combine("models", file)))
            .ToArray();
        var (_, compilation) = GeneratorHarness.Run(files);
        var (used, inherited, namespaces, types) = (new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal),
            new SortedSet<string>(StringComparer.Ordinal), new SortedSet<string>(StringComparer.Ordinal));

        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetRoot();
            used.UnionWith(root.DescendantTokens(descendIntoTrivia: true)
                .Where(token => token.IsKind(SyntaxKind.IdentifierToken))
                .Select(token => token.ValueText));

            namespaces.UnionWith(root.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>().Select(n => WithoutGlobal(n.Name)));
            namespaces.UnionWith(root.DescendantNodes().OfType<UsingDirectiveSyntax>()
                .Where(u => u.Name is not null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Alias is null)
                .Select(u => WithoutGlobal(u.Name!)));

            // The namespaces the code reaches through global:: ('global::System.Linq.Enumerable.First' looks up System
            // and System.Linq), which a model's namespace must not hide: every dotted prefix that is a namespace.
            foreach (var global in root.DescendantNodes().OfType<AliasQualifiedNameSyntax>())
            {
                var path = global.Name.Identifier.ValueText;
                for (var node = global.Parent; IsNamespace(compilation, path); node = node?.Parent)
                {
                    namespaces.Add(path);
                    var next = node switch
                    {
                        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        _ => null,
                    };
                    path = next is null ? string.Empty : path + "." + next;
                }
            }

            var semanticModel = compilation.GetSemanticModel(tree);
            foreach (var declaration in root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                if (semanticModel.GetDeclaredSymbol(declaration) is not { } symbol)
                {
                    continue;
                }

                if (symbol.ContainingType is null && !symbol.ContainingNamespace.IsGlobalNamespace)
                {
                    types.Add(symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", string.Empty, StringComparison.Ordinal));
                }

                for (var type = symbol; type is not null; type = type.BaseType)
                {
                    inherited.UnionWith(type.GetMembers().Select(member => member.Name));
                    inherited.Add(type.Name);
                    if (!type.ContainingNamespace.IsGlobalNamespace)
                    {
                        namespaces.Add(type.ContainingNamespace.ToDisplayString());
                    }
                }

                foreach (var implemented in symbol.AllInterfaces)
                {
                    inherited.UnionWith(implemented.GetMembers().Select(member => member.Name));
                    inherited.Add(implemented.Name);
                }
            }
        }

        var names = new GeneratedCodeNames(
            used.Where(IsIdentifier).ToArray(),
            inherited.Where(IsIdentifier).ToArray(),
            namespaces.Where(n => n.Split('.').All(IsIdentifier)).ToArray(),
            types.Where(n => n.Split('.').All(IsIdentifier)).ToArray());
        if (names.Used.Count == 0 || names.Inherited.Count == 0 || names.Namespaces.Count == 0 || names.Types.Count == 0)
        {
            throw new InvalidOperationException($"the shipped models generated no code to take names from: {names}");
        }

        return names;
    }

    /// <summary>Whether a dotted name is a namespace of the compilation (its own or one of its references').</summary>
    private static bool IsNamespace(Compilation compilation, string dotted)
    {
        INamespaceSymbol? ns = dotted.Length == 0 ? null : compilation.GlobalNamespace;
        foreach (var segment in dotted.Split('.'))
        {
            ns = ns?.GetNamespaceMembers().FirstOrDefault(member => member.Name == segment);
        }

        return ns is not null;
    }

    /// <summary>A name C# accepts as an identifier without '@': its characters are right, and it is no reserved keyword.</summary>
    public static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;

    private static string WithoutGlobal(NameSyntax name) =>
        name is AliasQualifiedNameSyntax aliased ? aliased.Name.ToString() : name.ToString().Replace("global::", string.Empty, StringComparison.Ordinal);

    /// <summary>The sizes of the lists, for the test's report.</summary>
    public override string ToString() =>
        $"{Used.Count} used, {Inherited.Count} inherited, {Namespaces.Count} namespaces, {Types.Count} types";
}
