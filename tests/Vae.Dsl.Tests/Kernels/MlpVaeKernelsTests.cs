using System;
using System.Collections.Generic;
using System.Linq;
using Shouldly;
using TorchSharp.Modules;
using Vae.Dsl.Kernels;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Kernels;

/// <summary>
/// The MLP VAE's native call gives the loss, the ELBO terms and every parameter's gradient of the same objective
/// computed by TorchSharp's operations and autograd, within float32 rounding: each compared with
/// the same computation in float64, and allowed four times TorchSharp's own float32 error there (or a millionth of the
/// largest value, where TorchSharp's error happens to be smaller), on networks of no, one and two hidden layers a side,
/// with a diagonal posterior and with a full covariance.
/// </summary>
public class MlpVaeKernelsTests
{
    private const int Batch = 64;

    public static TheoryData<int[], int[], int, int, bool> Networks => new()
    {
        // encoder hidden widths, decoder hidden widths, latent size, features, full covariance
        { [400], [400], 20, 784, false },
        { [], [], 5, 30, false },
        { [48, 32], [32, 48], 7, 50, false },
        { [400], [400], 20, 784, true },
        { [], [], 5, 30, true },
        { [48, 32], [32, 48], 7, 50, true },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void LossTermsAndGradients_AreAutogradsWithinFloat32Rounding(int[] encoderHidden, int[] decoderHidden, int latent, int features, bool full)
    {
        NativeKernels.IsLoaded.ShouldBeTrue(NativeKernels.Status);
        using var network = new Network(encoderHidden, decoderHidden, latent, features, seed: 3, full);
        using var x = Data(features, seed: 4);
        const double beta = 0.7;

        manual_seed(11);
        var result = network.Elbo.TryLossAndGradients(x, beta);
        result.ShouldNotBeNull("the native passes take the network");
        var (loss, terms) = result.Value;
        using (loss)
        using (terms)
        {
            var native = network.Parameters.Select(p => p.grad!.clone()).ToList();

            manual_seed(11);
            using var eps = randn(Batch, latent);
            var single = network.Reference(x, eps, beta, ScalarType.Float32);
            var exact = network.Reference(x, eps, beta, ScalarType.Float64);

            Compare("loss", loss, single.Loss, exact.Loss);
            Compare("log p(x|z)", terms.Reconstruction, single.Reconstruction, exact.Reconstruction);
            Compare("KL", terms.Kl, single.Kl, exact.Kl);
            using var elbo = exact.Reconstruction - exact.Kl;
            using var singleElbo = single.Reconstruction - single.Kl;
            Compare("ELBO", terms.Elbo, singleElbo, elbo);
            for (var i = 0; i < native.Count; i++)
            {
                Compare(network.Names[i], native[i], single.Gradients[i], exact.Gradients[i]);
            }
        }
    }

    [Fact]
    public void Gradients_AreAddedToThoseThereAlready()
    {
        using var network = new Network([16], [16], 3, 10, seed: 5);
        using var x = Data(10, seed: 6);
        manual_seed(1);
        network.Elbo.TryLossAndGradients(x, 1.0).ShouldNotBeNull();
        var once = network.Parameters.Select(p => p.grad!.clone()).ToList();

        manual_seed(1);
        network.Elbo.TryLossAndGradients(x, 1.0).ShouldNotBeNull();

        for (var i = 0; i < once.Count; i++)
        {
            using var twice = once[i] * 2;
            network.Parameters[i].grad!.allclose(twice, rtol: 0, atol: 0).ShouldBeTrue(network.Names[i]);
        }
    }

    [Fact]
    public void Construction_RefusesABelowDiagonalHeadOfAnotherSize()
    {
        var encoder = nn.Sequential(nn.Linear(10, 8), nn.ReLU());
        var decoder = nn.Sequential(nn.Linear(4, 10));
        Should.Throw<ArgumentException>(() => new MlpVaeKernels(encoder, nn.Linear(8, 4), nn.Linear(8, 4), decoder, 1e-4, nn.Linear(8, 5))).Message.ShouldContain("6 entries");
    }

    [Fact]
    public void Construction_RefusesALayerOtherThanLinearOrRelu()
    {
        var encoder = nn.Sequential(nn.Linear(10, 8), nn.Tanh());
        var decoder = nn.Sequential(nn.Linear(3, 10));
        Should.Throw<ArgumentException>(() => new MlpVaeKernels(encoder, nn.Linear(8, 3), nn.Linear(8, 3), decoder, 1e-4)).Message.ShouldContain("Tanh");
    }

    [Fact]
    public void TryObjective_OnDataOfAnotherWidth_IsNull()
    {
        using var network = new Network([16], [16], 3, 10, seed: 5);
        using var x = Data(12, seed: 6);
        network.Elbo.TryLossAndGradients(x, 1.0).ShouldBeNull();
        network.Parameters.All(p => p.grad is null).ShouldBeTrue("nothing computed");
    }

    /// <summary>
    /// |native − exact| ≤ max(4 |TorchSharp's float32 − exact|, 1e-6 max |exact|) at the worst element.
    /// </summary>
    private static void Compare(string what, Tensor native, Tensor single, Tensor exact)
    {
        native.shape.ShouldBe(exact.shape, what);
        var nativeError = (native.to(ScalarType.Float64) - exact).abs().max().item<double>();
        var singleError = (single.to(ScalarType.Float64) - exact).abs().max().item<double>();
        var largest = exact.abs().max().item<double>();
        nativeError.ShouldBeLessThanOrEqualTo(Math.Max(4 * singleError, 1e-6 * largest), $"{what}: TorchSharp's float32 error {singleError:g3}, largest {largest:g3}");
    }

    /// <summary>Binary data, [Batch, features].</summary>
    private static Tensor Data(int features, int seed)
    {
        using var generator = new Generator((ulong)seed);
        using var p = rand(Batch, features, generator: generator);
        return bernoulli(p, generator);
    }

    /// <summary>An MLP VAE's layers, their objective, and the same objective in TorchSharp's operations.</summary>
    private sealed class Network : IDisposable
    {
        private const double MinScale = 1e-4;
        private readonly Sequential encoder;
        private readonly Linear mean;
        private readonly Linear scale;
        private readonly Linear? below;
        private readonly Sequential decoder;
        private readonly int latent;

        public Network(int[] encoderHidden, int[] decoderHidden, int latent, int features, int seed, bool full = false)
        {
            this.latent = latent;
            manual_seed(seed);
            encoder = nn.Sequential(Dense(features, encoderHidden).ToArray());
            var width = encoderHidden.Length == 0 ? features : encoderHidden[^1];
            mean = nn.Linear(width, latent);
            scale = nn.Linear(width, latent);
            below = full ? nn.Linear(width, latent * (latent - 1) / 2) : null;
            var decoderLayers = Dense(latent, decoderHidden).ToList();
            decoderLayers.Add(nn.Linear(decoderHidden.Length == 0 ? latent : decoderHidden[^1], features));
            decoder = nn.Sequential(decoderLayers.ToArray());
            Elbo = new MlpVaeKernels(encoder, mean, scale, decoder, MinScale, below);
            Linears = [.. encoder.children().OfType<Linear>(), mean, scale, .. below is null ? [] : new[] { below }, .. decoder.children().OfType<Linear>()];
            Parameters = Linears.SelectMany(l => new[] { l.weight!, l.bias! }).ToList();
            Names = Enumerable.Range(0, Linears.Count).SelectMany(i => new[] { $"W{i}", $"b{i}" }).ToList();
        }

        public MlpVaeKernels Elbo { get; }

        public IReadOnlyList<Linear> Linears { get; }

        public IReadOnlyList<Parameter> Parameters { get; }

        public IReadOnlyList<string> Names { get; }

        /// <summary>The objective in TorchSharp's operations with autograd, in <paramref name="dtype"/>.</summary>
        public (Tensor Loss, Tensor Reconstruction, Tensor Kl, List<Tensor> Gradients) Reference(Tensor x, Tensor eps, double beta, ScalarType dtype)
        {
            var weights = Parameters.Select(p => p.detach().to(dtype).requires_grad_()).ToList();
            var encoderCount = encoder.children().OfType<Linear>().Count();
            var h = x.to(dtype);
            for (var l = 0; l < encoderCount; l++)
            {
                h = nn.functional.relu(nn.functional.linear(h, weights[2 * l], weights[(2 * l) + 1]));
            }

            var mu = nn.functional.linear(h, weights[2 * encoderCount], weights[(2 * encoderCount) + 1]);
            var sigma = nn.functional.softplus(nn.functional.linear(h, weights[(2 * encoderCount) + 2], weights[(2 * encoderCount) + 3])) + MinScale;
            Tensor z, kl;
            if (below is null)
            {
                z = mu + (sigma * eps.to(dtype));
                kl = (0.5 * (sigma.square() + mu.square() - 1 - (2 * sigma.log()))).sum(-1);
            }
            else
            {
                // L: σ on the diagonal, the head's entries below it row by row (tril_indices' order), zeros above
                var entries = nn.functional.linear(h, weights[(2 * encoderCount) + 4], weights[(2 * encoderCount) + 5]);
                var indices = tril_indices(latent, latent, -1);
                var positions = (indices[0] * latent) + indices[1];
                var rows = x.shape[0];
                var scaleTril = zeros(rows, latent * latent, dtype: dtype).scatter(1, positions.expand(rows, -1), entries).view(rows, latent, latent) + diag_embed(sigma);
                // z = μ + L ε
                z = mu + scaleTril.matmul(eps.to(dtype).unsqueeze(-1)).squeeze(-1);
                // KL = ½ (‖L‖_F² + ‖μ‖² - d - 2 Σ_i log σ_i)
                kl = 0.5 * (scaleTril.square().sum([-2, -1]) + mu.square().sum(-1) - latent - (2 * sigma.log().sum(-1)));
            }

            var decoderCount = Linears.Count - encoderCount - (below is null ? 2 : 3);
            var g = z;
            for (var l = 0; l < decoderCount; l++)
            {
                var i = 2 * (Linears.Count - decoderCount + l);
                g = nn.functional.linear(g, weights[i], weights[i + 1]);
                g = l < decoderCount - 1 ? nn.functional.relu(g) : g;
            }

            var reconstruction = -nn.functional.binary_cross_entropy_with_logits(g, x.to(dtype), reduction: nn.Reduction.None).sum(-1);
            var loss = ((beta * kl) - reconstruction).mean();
            loss.backward();
            return (loss.detach(), reconstruction.detach(), kl.detach(), weights.Select(w => w.grad!).ToList());
        }

        public void Dispose()
        {
            encoder.Dispose();
            mean.Dispose();
            scale.Dispose();
            below?.Dispose();
            decoder.Dispose();
        }

        private static IEnumerable<nn.Module<Tensor, Tensor>> Dense(int width, int[] hidden)
        {
            foreach (var size in hidden)
            {
                yield return nn.Linear(width, size);
                yield return nn.ReLU();
                width = size;
            }
        }
    }
}
