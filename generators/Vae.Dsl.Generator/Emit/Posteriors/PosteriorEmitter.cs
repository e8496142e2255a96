namespace Vae.Dsl.Generator.Emit.Posteriors;

/// <summary>
/// What every posterior family shares: the members its generated code declares under the same names and signatures,
/// and so the calls the other emitters make on them. A family writes its fields, construction and members.
/// </summary>
internal abstract class PosteriorEmitter : IPosteriorEmitter
{
    public abstract string Description { get; }

    public abstract string ParametersType { get; }

    public abstract void WriteFields(SourceWriter w);

    public abstract void WriteConstruction(SourceWriter w);

    public abstract void WriteMembers(SourceWriter w);

    public string Reparameterize(string q, string eps) => $"Reparameterize({q}, {eps})";

    public string LogDensity(string q, string z) => $"LogPosterior({q}, {z})";

    public string LogDensityOfDraw(string q, string eps) => $"LogPosteriorOfDraw({q}, {eps})";
}
