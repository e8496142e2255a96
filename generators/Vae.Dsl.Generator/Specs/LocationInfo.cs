using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Vae.Dsl.Generator.Specs;

/// <summary>
/// Where a diagnostic points inside a model file. Kept as plain data (a Roslyn <see cref="Location"/>
/// does not compare by value) and turned into a Location only when the diagnostic is reported.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan Lines)
{
    public Location ToLocation() => Location.Create(FilePath, Span, Lines);
}
