using System;
using System.Linq;
using Shouldly;
using TorchSharp;
using Vae.Dsl.Kernels;
using Vae.Dsl.Tests.Models;
using Xunit;
using static TorchSharp.torch;
using static Vae.Dsl.Tests.TensorTestData;

namespace Vae.Dsl.Tests.Densities;

/// <summary>
/// The generated Iwae of a model with an MLP decoder and a Bernoulli likelihood reads log p(x|z) straight from the
/// decoder's last Linear (LinearBernoulliLogLikelihood, docs/kernels.md): under no_grad the fused pass, which gives
/// what Decode and LogLikelihood give within float32 rounding, and the decoder's parameters keep their names.
/// </summary>
public class FusedIwaeTests : IDisposable
{
    private const int Examples = 5;
    private const int Samples = 37;
    private readonly TinyVae model;
    private readonly Tensor x;

    public FusedIwaeTests()
    {
        manual_seed(321);
        model = new TinyVae();
        x = bernoulli(full(Examples, TinyVae.FeatureCount, 0.4f));
    }

    [Fact]
    public void UnderNoGrad_IsTheFusedPass_AndTheComposedBoundWithinRounding()
    {
        using var noGrad = no_grad();
        Tensor fused;
        using (var generator = new Generator(77))
        {
            fused = model.Iwae(x, Samples, generator);
        }

        LinearBernoulliLogLikelihood.LastCallNative.ShouldBeTrue(NativeKernels.Status);
        using (fused)
        using (var generator = new Generator(77))
        using (var composed = ComposedIwae(x, generator))
        {
            // the same draws; log w differs by the rounding of the logits' sums and of the terms (16 features)
            fused.shape.ShouldBe([(long)Examples]);
            fused.ToDoubles().Zip(composed.ToDoubles(), (a, b) => Math.Abs(a - b)).Max().ShouldBeLessThan(1e-4);
        }
    }

    [Fact]
    public void WithAGraph_IsTorchSharps_AndGradientsReachTheDecoder()
    {
        using var iwae = model.Iwae(x, Samples);

        LinearBernoulliLogLikelihood.LastCallNative.ShouldBeFalse();
        iwae.sum().backward();
        var decoderWeights = model.named_parameters().Where(p => p.name.StartsWith("decoder.", StringComparison.Ordinal)).ToList();
        decoderWeights.Count.ShouldBe(4);
        foreach (var (name, parameter) in decoderWeights)
        {
            parameter.grad.ShouldNotBeNull(name);
            using var size = parameter.grad.abs().sum();
            size.item<float>().ShouldBeGreaterThan(0, name);
        }
    }

    [Fact]
    public void TheDecodersParameters_KeepTheirNames()
    {
        var names = model.state_dict().Keys.Where(k => k.StartsWith("decoder", StringComparison.Ordinal)).ToArray();

        names.ShouldBe(["decoder.0.weight", "decoder.0.bias", "decoder.2.weight", "decoder.2.bias"]);
    }

    [Fact]
    public void InFloat64_TheDecodersLayersFollowTheModule()
    {
        using var noGrad = no_grad();
        model.to(ScalarType.Float64);
        using var x64 = x.to(ScalarType.Float64);
        Tensor iwae;
        using (var generator = new Generator(5))
        {
            iwae = model.Iwae(x64, Samples, generator);
        }

        LinearBernoulliLogLikelihood.LastCallNative.ShouldBeFalse("float64 takes TorchSharp's operations");
        using (iwae)
        using (var generator = new Generator(5))
        using (var composed = ComposedIwae(x64, generator))
        {
            iwae.dtype.ShouldBe(ScalarType.Float64);
            iwae.ToDoubles().Zip(composed.ToDoubles(), (a, b) => Math.Abs(a - b)).Max().ShouldBeLessThan(1e-9);
        }
    }

    public void Dispose()
    {
        x.Dispose();
        model.Dispose();
    }

    /// <summary>IWAE_k as the generated code composed it before the fused pass: Decode, then LogLikelihood.</summary>
    private Tensor ComposedIwae(Tensor x, Generator generator)
    {
        using var scope = NewDisposeScope();
        var q = model.Encode(x);
        var eps = randn(Samples, x.shape[0], TinyVae.LatentSize, dtype: q.Mean.dtype, generator: generator);
        var z = model.Reparameterize(q, eps);
        var logWeights = model.LogLikelihood(x, model.Decode(z)) + model.LogPrior(z) - model.LogPosteriorOfDraw(q, eps);
        var iwae = logWeights.logsumexp(0) - Math.Log(Samples);
        return iwae.MoveToOuterDisposeScope();
    }
}
