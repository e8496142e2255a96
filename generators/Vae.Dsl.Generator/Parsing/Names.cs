using System.Linq;
using Vae.Dsl.Generator.Naming;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// The model's type name and namespace as the file gives them: C# identifiers that are no keywords (contextual ones
/// too), the model's starting with an upper-case letter. Whether the generated code can use them is
/// <see cref="NameRules"/>' question, asked once the whole model is known.
/// </summary>
internal static class Names
{
    public static string? ReadModelName(SectionReader root)
    {
        var name = root.Text("model", required: true, "the C# type name of the generated module");
        if (name is null)
        {
            return null;
        }

        var node = root.Node("model")!;
        if (!Identifiers.IsIdentifier(name))
        {
            root.Context.Report(InvalidIdentifier, node, "model name", name, "type name");
            return null;
        }

        if (!char.IsUpper(name[0]))
        {
            root.Context.Report(ReservedName, node, "model name", name, "must start with an upper-case letter (a C# type name, like 'FashionVae')");
            return null;
        }

        return name;
    }

    /// <summary>The 'namespace' key, else the project's RootNamespace, else <see cref="ModelParser.FallbackNamespace"/>.</summary>
    public static string? ReadNamespace(SectionReader root, string? rootNamespace)
    {
        if (!root.Has("namespace"))
        {
            var fallback = string.IsNullOrWhiteSpace(rootNamespace) ? ModelParser.FallbackNamespace : rootNamespace!;
            if (IsNamespace(fallback))
            {
                return fallback;
            }

            var anchor = root.Node("model") is { } model ? root.Context.Locate(model) : root.Context.FileStart;
            root.Context.Report(InvalidIdentifier, anchor, "namespace (the project's RootNamespace, as no 'namespace' key is given)", fallback, "namespace");
            return null;
        }

        var ns = root.Text("namespace", required: false, "a C# namespace");
        if (ns is null)
        {
            return null;
        }

        if (!IsNamespace(ns))
        {
            root.Context.Report(InvalidIdentifier, root.Node("namespace")!, "namespace", ns, "namespace");
            return null;
        }

        return ns;
    }

    private static bool IsNamespace(string ns) => ns.Split('.').All(Identifiers.IsIdentifier);
}
