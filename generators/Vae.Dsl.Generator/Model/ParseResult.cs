namespace Vae.Dsl.Generator.Model;

/// <summary>
/// What reading one model file produced: the model (null when it has errors) and the diagnostics; once its names are
/// checked, the full names of the types its generated code declares.
/// </summary>
internal sealed record ParseResult(string FilePath, ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public EquatableArray<string> GeneratedTypes { get; init; } = EquatableArray<string>.Empty;
}
