using System.Globalization;
using System.Linq;
using System.Security;

namespace Vae.Dsl.Generator.Emit;

/// <summary>Numbers and text as C# source: invariant culture, round-trip form.</summary>
internal static class Literals
{
    /// <summary>A double literal that reads back as the same double: 0.001, 1E-05, 1.0.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new System.ArgumentOutOfRangeException(nameof(value), value, "a generated constant must be finite; the parser should have rejected the model");
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E', 'e']) < 0 ? text + ".0" : text;
    }

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string LongArray(System.Collections.Generic.IEnumerable<long> values) =>
        "[" + string.Join(", ", values.Select(Integer)) + "]";

    /// <summary>
    /// The characters that end a line in C# source: CR, LF, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH
    /// SEPARATOR (U+2029). None may stand raw in a string literal or a // comment.
    /// </summary>
    public static readonly char[] LineTerminators = ['\r', '\n', '\u0085', '\u2028', '\u2029'];

    /// <summary>A C# string literal that reads back as exactly <paramref name="value"/>, whatever line terminators it holds.</summary>
    public static string String(string value)
    {
        var literal = new System.Text.StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            var escape = c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\u0085' => "\\u0085",
                '\u2028' => "\\u2028",
                '\u2029' => "\\u2029",
                _ => null,
            };
            if (escape is null)
            {
                literal.Append(c);
            }
            else
            {
                literal.Append(escape);
            }
        }

        return literal.Append('"').ToString();
    }

    /// <summary>Text for an XML doc comment, on one line: line terminators become character references.</summary>
    public static string Xml(string value)
    {
        var escaped = SecurityElement.Escape(value) ?? string.Empty;
        foreach (var terminator in LineTerminators)
        {
            escaped = escaped.Replace(terminator.ToString(), $"&#x{(int)terminator:X};");
        }

        return escaped;
    }
}
