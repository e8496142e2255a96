using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Vae.Dsl.Generator.Diagnostics;
using Vae.Dsl.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// The file being read and the diagnostics found in it so far: at most <see cref="MaxDiagnostics"/>, then one that
/// counts the rest. Every location is clamped inside the file's text.
/// </summary>
internal sealed class ReadContext
{
    public const int MaxDiagnostics = 50;

    private readonly List<DiagnosticInfo> diagnostics = [];
    private readonly string text;
    private int suppressed;
    private LocationInfo? firstSuppressed;

    public ReadContext(string filePath, string text)
    {
        FilePath = filePath;
        this.text = text;
    }

    public string FilePath { get; }

    public bool HasErrors => diagnostics.Count > 0;

    public EquatableArray<DiagnosticInfo> Diagnostics => suppressed == 0
        ? diagnostics.ToEquatableArray()
        : diagnostics.Append(DiagnosticInfo.Create(DiagnosticDescriptors.TooManyProblems, firstSuppressed!, suppressed.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToEquatableArray();

    public void Report(DiagnosticDescriptor descriptor, LocationInfo location, params string[] messageArgs)
    {
        if (diagnostics.Count < MaxDiagnostics)
        {
            diagnostics.Add(DiagnosticInfo.Create(descriptor, location, messageArgs));
            return;
        }

        firstSuppressed ??= location;
        suppressed++;
    }

    public void Report(DiagnosticDescriptor descriptor, YamlNode node, params string[] messageArgs) =>
        Report(descriptor, Locate(node.Start, node.End), messageArgs);

    public LocationInfo Locate(YamlNode node) => Locate(node.Start, node.End);

    /// <summary>
    /// YamlDotNet marks are 1-based lines and columns with a 0-based character index; a mark past the end of the text
    /// (YamlDotNet's end-of-stream mark sits on the line after the last) is moved back to the text's last character.
    /// </summary>
    public LocationInfo Locate(Mark start, Mark end)
    {
        var startIndex = (int)System.Math.Min(start.Index, text.Length);
        var endIndex = (int)System.Math.Min(System.Math.Max(start.Index, end.Index), text.Length);
        var span = TextSpan.FromBounds(startIndex, endIndex);
        return new LocationInfo(FilePath, span, new LinePositionSpan(PositionOf(startIndex), PositionOf(endIndex)));
    }

    /// <summary>The 0-based line and column of a character index, counting \n, \r\n and \r as line ends.</summary>
    private LinePosition PositionOf(int index)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < index && i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new LinePosition(line, index - lineStart);
    }

    /// <summary>The start of the file, for problems with the file as a whole.</summary>
    public LocationInfo FileStart => new(FilePath, new TextSpan(0, 0), new LinePositionSpan(default, default));

    /// <summary>How a node reads in a message: 'abc', the quoted text "10", a list, a mapping, an empty value.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "an empty value",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } quoted => $"the quoted text \"{quoted.Value}\"",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    public static string Join(IEnumerable<string> words) => string.Join(", ", words.ToArray());
}
