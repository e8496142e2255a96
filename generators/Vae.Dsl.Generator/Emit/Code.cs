namespace Vae.Dsl.Generator.Emit;

/// <summary>Small helpers for splicing multi-line fragments into raw string templates.</summary>
internal static class Code
{
    /// <summary>Indents every line after the first by <paramref name="levels"/> steps, for a fragment spliced into an indented template.</summary>
    public static string Indent(string lines, int levels) => lines.Replace("\n", "\n" + new string(' ', 4 * levels));
}
