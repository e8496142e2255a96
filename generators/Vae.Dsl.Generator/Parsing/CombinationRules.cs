using Microsoft.CodeAnalysis;
using Vae.Dsl.Generator.Specs;
using static Vae.Dsl.Generator.Diagnostics.DiagnosticDescriptors;

namespace Vae.Dsl.Generator.Parsing;

/// <summary>
/// The rules that relate one section of a model to another, checked once every section has been read: each
/// impossible combination is a diagnostic with its own id, at the key that makes it impossible.
/// </summary>
internal static class CombinationRules
{
    public static void Check(ModelSpec model, NodeLocator at)
    {
        LikelihoodFitsData(model, at);
        NetworkFitsData(model.Encoder, "encoder", model, at);
        NetworkFitsData(model.Decoder, "decoder", model, at);
        if (model.Prior is VampPriorSpec && model.IsConditional)
        {
            Report(at, VampPriorWithCondition, "prior.family");
        }
    }

    private static void LikelihoodFitsData(ModelSpec model, NodeLocator at)
    {
        var values = model.Data.Values;
        var problem = (model.Likelihood, values) switch
        {
            (CategoricalLikelihoodSpec, DataValues.Real) =>
                "a categorical likelihood models values in [0, 1] as classes, and 'data.values: real' data have no classes; use gaussian or laplace",
            (ContinuousBernoulliLikelihoodSpec, DataValues.Real) =>
                "a continuous-bernoulli likelihood models values in [0, 1], not 'data.values: real'; use gaussian or laplace",
            (BernoulliLikelihoodSpec, DataValues.Real) =>
                "a bernoulli likelihood models values 0 and 1, not 'data.values: real'; use gaussian or laplace",
            (BernoulliLikelihoodSpec, DataValues.UnitInterval) when model.Training.Binarize == Binarization.None =>
                "a bernoulli likelihood models values 0 and 1, and 'binarize: none' leaves grey values in [0, 1]; binarize them ('dynamic' or 'static'), declare 'data.values: binary', or use continuous-bernoulli",
            _ => null,
        };
        if (problem is not null)
        {
            Report(at, LikelihoodDoesNotFitData, "likelihood.family", problem);
        }
    }

    private static void NetworkFitsData(NetworkSpec network, string section, ModelSpec model, NodeLocator at)
    {
        if (network is not ConvNetworkSpec conv)
        {
            return;
        }

        var shape = model.Data.Shape;
        if (shape.Count != 3)
        {
            Report(at, ConvolutionDoesNotFit, $"{section}.network", $"'network: conv' needs images: 'data.shape' of [channels, height, width], not {shape.Count} dimension(s)");
            return;
        }

        var problem = ConvGeometry.Problem(shape[1], shape[2], conv.Channels.Count, conv.Kernel, conv.Stride, conv.Padding);
        if (problem is not null)
        {
            Report(at, ConvolutionDoesNotFit, $"{section}.channels", $"'{section}': {problem}");
        }
    }

    private static void Report(NodeLocator at, DiagnosticDescriptor descriptor, string path, params string[] args) =>
        at.Context.Report(descriptor, at.Locate(path), args);
}
