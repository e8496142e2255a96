using Vae.Dsl.Generator.Families;
using Vae.Dsl.Generator.Specs;
using Vae.Dsl.Generator.Emit.Networks;

namespace Vae.Dsl.Generator.Emit;

/// <summary>The emitters of one model's families, built from the registries in the order their contexts need.</summary>
internal sealed record ModelParts(
    INetworkEmitter Encoder,
    IPosteriorEmitter Posterior,
    INetworkEmitter Decoder,
    ILikelihoodEmitter Likelihood,
    IPriorEmitter Prior,
    IKlEmitter? Kl)
{
    public static ModelParts For(ModelSpec model)
    {
        var start = new EmitContext(model);
        var likelihood = LikelihoodFamilies.Registry.Emitter(model.Likelihood, start);
        var decoded = start with
        {
            DecodedParameters = likelihood.ParametersPerFeature,
            DecodedDescription = likelihood.DecodedDescription,
            LikelihoodReadsLinear = likelihood.LogLikelihoodOfLinear("h", "layer") is not null,
        };
        // the posterior's heads read the encoder's features, and the encoder returns the posterior's parameters
        var encoderWidth = NetworkFamilies.Registry.Emitter(model.Encoder, decoded)(NetworkRole.Encoder).OutputWidth;
        var context = decoded with { EncoderWidth = encoderWidth };
        var posterior = PosteriorFamilies.Registry.Emitter(model.Posterior, context);
        var withPosterior = context with { Posterior = posterior };
        return new ModelParts(
            NetworkFamilies.Registry.Emitter(model.Encoder, withPosterior)(NetworkRole.Encoder),
            posterior,
            NetworkFamilies.Registry.Emitter(model.Decoder, context)(NetworkRole.Decoder),
            likelihood,
            PriorFamilies.Registry.Emitter(model.Prior, withPosterior),
            KlTable.ClosedForm(context));
    }

    /// <summary>One line on the model's families.</summary>
    public string Summary =>
        $"q(z|x): {Posterior.Description}; p(x|z): {Likelihood.Description}; p(z): {Prior.Description}; encoder: {Encoder.Description}; decoder: {Decoder.Description}";
}
