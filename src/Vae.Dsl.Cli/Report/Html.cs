using System.Text;

namespace Vae.Dsl.Cli.Report;

/// <summary>Text placed in HTML.</summary>
internal static class Html
{
    /// <summary>
    /// The text with the five characters that HTML reads as markup replaced by their character references:
    /// &amp; → &amp;amp;, &lt; → &amp;lt;, &gt; → &amp;gt;, " → &amp;quot;, ' → &amp;#39;. Safe in element content and in
    /// quoted attribute values.
    /// </summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var reference = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            };
            if (reference is null)
            {
                escaped.Append(c);
            }
            else
            {
                escaped.Append(reference);
            }
        }

        return escaped.ToString();
    }
}
