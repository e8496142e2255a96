using System;
using Shouldly;
using TorchSharp;
using Vae.Dsl.Kernels;
using Vae.Dsl.Tests.Models;
using Vae.Dsl.Tests.Training;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Evaluation;

/// <summary>
/// A generated model whose IWAE the whole-network native call computes (a ReLU MLP VAE with a Bernoulli likelihood:
/// tiny-relu.vae.yaml, diagonal, two hidden layers each side; tiny-relu-full.vae.yaml, full covariance) runs it in its
/// Iwae where nothing records a gradient, and it gives, from the same generator's draws, what the module's own
/// densities give in TorchSharp's operations: IWAE_k = logsumexp_j [log p(x|z_j) + log p(z_j) − log q(z_j|x)] − log k.
/// </summary>
public class NativeIwaeTests
{
    private const int Samples = 37;

    [Fact]
    public void Iwae_IsTheModulesDensitiesInOneNativeCall()
    {
        using var model = new TinyReluVae();
        Compare(x => model.Iwae(x, Samples, Generator(11)), x =>
        {
            var q = model.Encode(x);
            var eps = randn(Samples, x.shape[0], TinyReluVae.LatentSize, generator: Generator(11));
            var z = model.Reparameterize(q, eps);
            return (model.LogLikelihood(x, model.Decode(z)), model.LogPrior(z), model.LogPosteriorOfDraw(q, eps));
        });
    }

    [Fact]
    public void Iwae_OfAFullCovariance_IsTheModulesDensitiesInOneNativeCall()
    {
        using var model = new TinyReluFullVae();
        Compare(x => model.Iwae(x, Samples, Generator(11)), x =>
        {
            var q = model.Encode(x);
            var eps = randn(Samples, x.shape[0], TinyReluFullVae.LatentSize, generator: Generator(11));
            var z = model.Reparameterize(q, eps);
            return (model.LogLikelihood(x, model.Decode(z)), model.LogPrior(z), model.LogPosteriorOfDraw(q, eps));
        });
    }

    [Fact]
    public void TryIwae_WhereAGradientIsRecorded_IsNullAndIwaeRunsTorchSharpsOperations()
    {
        using var model = new TinyReluVae();
        using var x = SyntheticData.Binary(6, seed: 2);
        model.Native.TryIwae(x, 5).ShouldBeNull("the parameters require gradients and grad mode is on");

        using var iwae = model.Iwae(x, 5, Generator(3));
        MlpVaeKernels.LastIwaeNative.ShouldBeFalse();
        iwae.requires_grad.ShouldBeTrue("TorchSharp's operations record the graph the IWAE objective needs");
    }

    private static torch.Generator Generator(long seed) => new torch.Generator((ulong)seed, CPU);

    /// <summary>The model's Iwae against its densities at the same draws, for 9 examples.</summary>
    private static void Compare(Func<Tensor, Tensor> iwae, Func<Tensor, (Tensor LogLikelihood, Tensor LogPrior, Tensor LogPosterior)> densities)
    {
        NativeKernels.IsLoaded.ShouldBeTrue(NativeKernels.Status);
        MlpVaeKernels.IwaeIsAvailable.ShouldBeTrue("libtorch_cpu exports sgemm and the processor runs the fused likelihood pass");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = SyntheticData.Binary(9, seed: 5);
        var native = iwae(x);
        MlpVaeKernels.LastIwaeNative.ShouldBeTrue("the model's Iwae ran the native call");

        var (logLikelihood, logPrior, logPosterior) = densities(x);
        // log w_j = log p(x|z_j) + log p(z_j) - log q(z_j|x); IWAE_k = logsumexp_j log w_j - log k
        var logWeights = (logLikelihood + logPrior - logPosterior).to_type(ScalarType.Float64);
        var expected = logWeights.logsumexp(0) - Math.Log(Samples);

        native.shape.ShouldBe([x.shape[0]]);
        var scale = Math.Max(logWeights.abs().max().item<double>(), 1.0);
        var error = (native.to_type(ScalarType.Float64) - expected).abs().max().item<double>();
        error.ShouldBeLessThanOrEqualTo(1e-5 * scale, "within float32 rounding of the log-weights' size");
        // the estimate is not the same for every example: the data and the draws reach it
        (expected.max() - expected.min()).item<double>().ShouldBeGreaterThan(1e-3);
    }
}
