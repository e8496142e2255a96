namespace Vae.Dsl.Generator.Specs;

/// <summary>
/// What reading one model file produced: the model (null when it has errors) and the diagnostics; once its names are
/// checked, the full names of the types its generated code declares and the simple names that code looks up.
/// </summary>
internal sealed record ParseResult(string FilePath, ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public EquatableArray<string> GeneratedTypes { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> LookedUpNames { get; init; } = EquatableArray<string>.Empty;
}
