namespace Vae.Dsl.Generator.Emit.Networks;

/// <summary>Whether a network maps x to the posterior's features (encoder) or z to the likelihood's parameters (decoder).</summary>
internal enum NetworkRole
{
    Encoder,
    Decoder,
}
