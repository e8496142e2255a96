namespace Vae.Dsl.Generator.Model;

/// <summary>What reading one model file produced: the model (null when it has errors) and the diagnostics.</summary>
internal sealed record ParseResult(string FilePath, ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);
