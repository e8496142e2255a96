using System;
using System.Linq;
using Shouldly;
using Vae.Dsl.Kernels;
using Vae.Dsl.Models;
using Vae.Dsl.Tests.Models;
using Vae.Dsl.Training;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Training;

/// <summary>
/// A generated trainer whose model the whole-network native ELBO computes (a ReLU MLP VAE with a Bernoulli likelihood:
/// tiny-relu.vae.yaml, diagonal; tiny-relu-full.vae.yaml, full covariance) trains on it: its LossAndGradients is the native one, and gives the loss, the terms and every
/// gradient of the module's own Elbo in TorchSharp's operations and autograd from the same seed, within float32
/// rounding.
/// </summary>
public class NativeElboTrainingTests
{
    [Fact]
    public void LossAndGradients_AreTheModulesElboInOneNativeCall()
    {
        using var trainer = TinyReluVaeTrainer.Create();
        Compare(trainer, trainer.Model, trainer.Model.Native, beta: 0.5);
    }

    [Fact]
    public void LossAndGradients_OfAFullCovariance_AreTheModulesElboInOneNativeCall()
    {
        using var trainer = TinyReluFullVaeTrainer.Create();
        Compare(trainer, trainer.Model, trainer.Model.Native, beta: 1.0);
    }

    private static void Compare<TModel>(VaeTrainer<TModel> trainer, TModel model, MlpVaeKernels nativeElbo, double beta)
        where TModel : nn.Module, IVaeModel
    {
        NativeKernels.IsLoaded.ShouldBeTrue(NativeKernels.Status);
        using var x = SyntheticData.Binary(48, seed: 5);
        var parameters = model.parameters().ToList();

        manual_seed(9);
        using (var probe = nativeElbo.TryLossAndGradients(x, beta)?.Terms)
        {
            probe.ShouldNotBeNull("the native passes take the model");
        }

        foreach (var p in parameters)
        {
            p.grad = null;
        }

        manual_seed(9);
        var (loss, terms) = trainer.LossAndGradients(x, null, beta);
        loss.requires_grad.ShouldBeFalse("no graph: the gradients are computed");
        var native = parameters.Select(p => p.grad!.clone()).ToList();
        foreach (var p in parameters)
        {
            p.grad = null;
        }

        manual_seed(9);
        var plain = model.Elbo(x, null);
        // loss = mean over the batch of [ β · KL - log p(x|z) ]
        var plainLoss = ((beta * plain.Kl) - plain.Reconstruction).mean();
        plainLoss.backward();

        Close(loss, plainLoss, "loss");
        Close(terms.Reconstruction, plain.Reconstruction, "log p(x|z)");
        Close(terms.Kl, plain.Kl, "KL");
        Close(terms.Elbo, plain.Elbo, "ELBO");
        for (var i = 0; i < parameters.Count; i++)
        {
            Close(native[i], parameters[i].grad!, $"gradient {i}");
        }
    }

    /// <summary>Equal within float32 rounding of values of this size: 1e-5 of the largest magnitude, absolute.</summary>
    private static void Close(Tensor actual, Tensor expected, string what)
    {
        actual.shape.ShouldBe(expected.shape, what);
        var scale = Math.Max(expected.abs().max().item<float>(), 1e-3f);
        var error = (actual - expected).abs().max().item<float>();
        error.ShouldBeLessThanOrEqualTo(1e-5f * scale, what);
    }
}
