using Vae.Dsl.Generator.Specs;

namespace Vae.Dsl.Generator.Emit;

/// <summary>What a family's emitter may need to know about the rest of the model.</summary>
internal sealed record EmitContext(ModelSpec Model)
{
    /// <summary>The width of the encoder's features h, which the posterior's heads read.</summary>
    public long EncoderWidth { get; init; }

    /// <summary>P, the likelihood's parameters per feature: the decoder gives P · FeatureCount values per example.</summary>
    public int DecodedParameters { get; init; } = 1;

    /// <summary>What the decoder's output holds, for Decode's XML doc.</summary>
    public string DecodedDescription { get; init; } = string.Empty;

    /// <summary>
    /// True when the likelihood reads the logits of a decoder's last Linear layer directly
    /// (<see cref="ILikelihoodEmitter.LogLikelihoodOfLinear"/>): a decoder that ends in one then keeps it apart.
    /// </summary>
    public bool LikelihoodReadsLinear { get; init; }

    /// <summary>The posterior's emitter, for a family whose code names q(z|x)'s parameters or calls its members (the encoder, the vamp prior).</summary>
    public IPosteriorEmitter? Posterior { get; init; }

    public int LatentSize => Model.LatentSize;

    public long FeatureCount => Model.FeatureCount;
}
