using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Vae.Dsl.Generator.Naming;

/// <summary>C# identifiers as the compiler compares them.</summary>
internal static class Identifiers
{
    /// <summary>A C# identifier that is no keyword, reserved or contextual ('record', 'var', 'async' ...).</summary>
    public static bool IsIdentifier(string name) =>
        SyntaxFacts.IsValidIdentifier(name) &&
        SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None &&
        SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;

    /// <summary>
    /// The name the compiler sees: formatting characters (Unicode category Cf, such as the soft hyphen U+00AD or the
    /// zero-width joiner U+200D) removed, as the C# compiler removes them from identifiers. The compiler does not apply
    /// Unicode normalisation (a composed 'Á' and 'A' with a combining accent are two names to it), so neither does
    /// this: the generator's answer must not depend on the globalization mode of the process that hosts it.
    /// </summary>
    public static string Comparable(string name)
    {
        var kept = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    /// <summary>"A.B.C" → "A", "A.B", "A.B.C".</summary>
    public static IEnumerable<string> Prefixes(string dotted)
    {
        for (var dot = dotted.IndexOf('.'); dot >= 0; dot = dotted.IndexOf('.', dot + 1))
        {
            yield return dotted.Substring(0, dot);
        }

        yield return dotted;
    }

    /// <summary>A name as a message shows it: each formatting character, which would not show, written as \uXXXX.</summary>
    public static string Visible(string name)
    {
        var shown = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                shown.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.ToString();
    }
}
