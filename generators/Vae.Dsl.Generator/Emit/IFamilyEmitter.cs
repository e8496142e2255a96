namespace Vae.Dsl.Generator.Emit;

/// <summary>What one family contributes to the generated module: its fields, their construction, and its methods.</summary>
internal interface IFamilyEmitter
{
    /// <summary>One line on what the family computes, for the XML doc and <c>vae models</c>.</summary>
    string Description { get; }

    /// <summary>Constants, submodules and parameters (may write nothing).</summary>
    void WriteFields(SourceWriter w);

    /// <summary>Statements in the constructor that build the fields, before RegisterComponents().</summary>
    void WriteConstruction(SourceWriter w);

    /// <summary>The methods the family contributes to the module.</summary>
    void WriteMembers(SourceWriter w);
}

/// <summary>
/// q(z|x): <c>PosteriorFrom(h)</c> from the encoder's features, giving the runtime's record of the family's parameters
/// (<see cref="ParametersType"/>, with <c>Mean</c> and <c>Detach()</c>), <c>Reparameterize</c>, <c>LogPosterior</c> for
/// any z and <c>LogPosteriorOfDraw</c> for a z drawn from ε. The other emitters (the networks, the bounds, the vamp
/// prior) reach these members through the names and calls below.
/// </summary>
internal interface IPosteriorEmitter : IFamilyEmitter
{
    /// <summary>The runtime's record of q(z|x)'s parameters for a batch (Vae.Dsl.Models): "DiagonalPosterior".</summary>
    string ParametersType { get; }

    /// <summary>The call giving z = Reparameterize(q, ε) for the posterior <paramref name="q"/> and draws <paramref name="eps"/>.</summary>
    string Reparameterize(string q, string eps);

    /// <summary>The call giving log q(z|x) per example for the posterior <paramref name="q"/> at any <paramref name="z"/>.</summary>
    string LogDensity(string q, string z);

    /// <summary>The call giving log q(z|x) at the z that <paramref name="eps"/> reparameterizes to.</summary>
    string LogDensityOfDraw(string q, string eps);
}

/// <summary>p(x|z): <c>LogLikelihood(x, decoded)</c>, <c>ExpectedData(decoded)</c>, <c>SampleData(decoded)</c>.</summary>
internal interface ILikelihoodEmitter : IFamilyEmitter
{
    /// <summary>P: the decoder gives P values per feature, laid out parameter-major, [..., P · FeatureCount].</summary>
    int ParametersPerFeature { get; }

    /// <summary>What the decoder's output holds, for Decode's XML doc.</summary>
    string DecodedDescription { get; }

    /// <summary>
    /// log p(x|z) straight from the logits of a decoder's last Linear layer: the statements giving <c>reconstruction</c>
    /// from the features <paramref name="h"/> that layer reads and the layer <paramref name="layer"/> itself, for the
    /// module's Iwae (docs/kernels.md); null where the family has no such pass.
    /// </summary>
    string? LogLikelihoodOfLinear(string h, string layer);
}

/// <summary>p(z): <c>LogPrior(z)</c> and <c>SamplePrior(n)</c>.</summary>
internal interface IPriorEmitter : IFamilyEmitter
{
}

/// <summary>An encoder (<c>Encode</c>: x → q(z|x)) or a decoder (<c>Decode</c>: z → the likelihood's parameters).</summary>
internal interface INetworkEmitter : IFamilyEmitter
{
    /// <summary>The encoder's feature width h, or the decoder's P · FeatureCount.</summary>
    long OutputWidth { get; }

    /// <summary>
    /// For a decoder that ends in a Linear layer whose logits the likelihood reads directly
    /// (<see cref="EmitContext.LikelihoodReadsLinear"/>): the expression of the features the last Linear reads, for the
    /// draws <paramref name="z"/>, and the expression of that Linear; else null.
    /// </summary>
    (string Features, string Layer)? LinearHead(string z);
}

/// <summary>A closed-form KL(q || p) for one (posterior, prior) pair: <c>KlToPrior(q)</c>, and per dimension where it decomposes.</summary>
internal interface IKlEmitter
{
    void WriteMembers(SourceWriter w);
}
