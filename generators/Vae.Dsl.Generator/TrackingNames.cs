namespace Vae.Dsl.Generator;

/// <summary>Names of the pipeline's steps, for the incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string ModelFiles = nameof(ModelFiles);
    public const string Parsed = nameof(Parsed);
    public const string CompilationNames = nameof(CompilationNames);
    public const string Named = nameof(Named);
    public const string Models = nameof(Models);
}
