using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Vae.Dsl.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>The file being read and the diagnostics found in it so far.</summary>
internal sealed class ReadContext
{
    private readonly List<DiagnosticInfo> diagnostics = [];

    public ReadContext(string filePath) => FilePath = filePath;

    public string FilePath { get; }

    public bool HasErrors => diagnostics.Count > 0;

    public EquatableArray<DiagnosticInfo> Diagnostics => diagnostics.ToEquatableArray();

    public void Report(DiagnosticDescriptor descriptor, LocationInfo location, params string[] messageArgs) =>
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, messageArgs));

    public void Report(DiagnosticDescriptor descriptor, YamlNode node, params string[] messageArgs) =>
        Report(descriptor, Locate(node.Start, node.End), messageArgs);

    public LocationInfo Locate(YamlNode node) => Locate(node.Start, node.End);

    /// <summary>YamlDotNet marks are 1-based lines and columns with a 0-based character index.</summary>
    public LocationInfo Locate(Mark start, Mark end)
    {
        var startPosition = new LinePosition((int)start.Line - 1, (int)start.Column - 1);
        var endPosition = new LinePosition((int)end.Line - 1, (int)end.Column - 1);
        var span = TextSpan.FromBounds((int)start.Index, (int)System.Math.Max(start.Index, end.Index));
        return new LocationInfo(FilePath, span, new LinePositionSpan(startPosition, endPosition));
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
