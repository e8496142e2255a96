using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Vae.Dsl.Generator.Diagnostics;
using Vae.Dsl.Generator.Specs;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// The file being read and the diagnostics found in it so far: at most <see cref="MaxDiagnostics"/>, then one that
/// counts the rest. Every location is clamped inside the file's text, and its line and column are Roslyn's own
/// (<see cref="SourceText.Lines"/>), so that the reported position is always where the span starts.
/// </summary>
internal sealed class ReadContext
{
    public const int MaxDiagnostics = 50;

    private readonly List<DiagnosticInfo> diagnostics = [];
    private readonly SourceText text;
    private int suppressed;
    private LocationInfo? firstSuppressed;

    public ReadContext(string filePath, string text)
    {
        FilePath = filePath;
        this.text = SourceText.From(text);
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
    /// YamlDotNet's marks carry a 0-based character index, which is all this uses: its own lines and columns count
    /// line breaks differently from Roslyn. A mark past the end of the text (the end-of-stream mark) is moved back to
    /// the end, and one between the two characters of a "\r\n" back to the line's end.
    /// </summary>
    public LocationInfo Locate(Mark start, Mark end)
    {
        var startIndex = OnALine(start.Index);
        var endIndex = OnALine(System.Math.Max(start.Index, end.Index));
        var span = TextSpan.FromBounds(startIndex, endIndex);
        return new LocationInfo(FilePath, span, text.Lines.GetLinePositionSpan(span));
    }

    private int OnALine(long index)
    {
        var position = (int)System.Math.Min(System.Math.Max(index, 0), text.Length);
        var line = text.Lines.GetLineFromPosition(position);
        return System.Math.Min(position, line.End);
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
