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

    /// <summary>A C# string literal.</summary>
    public static string String(string value) =>
        "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "\\r") + "\"";

    /// <summary>Text for an XML doc comment.</summary>
    public static string Xml(string value) => SecurityElement.Escape(value) ?? string.Empty;
}
