using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TorchSharp.Modules;
using Vae.Dsl.Objectives;
using static TorchSharp.torch;

namespace Vae.Dsl.Kernels;

/// <summary>
/// The native calls of an MLP VAE (ReLU layers, a Gaussian posterior with σ = softplus(s) + min_scale, diagonal or
/// full through its Cholesky factor L, a Bernoulli likelihood with logits, a standard normal prior), each over the
/// whole network at once (docs/kernels.md, "The whole ELBO of an MLP VAE" and "The evaluation of an MLP VAE"):
/// training's loss and gradient, forward and backward, loss = (1/B) Σ_b [β KL_b − log p(x_b|z_b)] with one draw
/// z_b = μ_b + σ_b ⊙ ε_b (or μ_b + L_b ε_b) and the KL in closed form (<see cref="TryLossAndGradients"/>); and the
/// evaluation's IWAE_k per example (<see cref="TryIwae"/>). The generated models and trainers call them; where they
/// return null the same formulas run in TorchSharp's operations (and autograd), which they equal within float32
/// rounding (the same ε, drawn from the same generator).
/// </summary>
/// <remarks>
/// The layers are the model's own modules: each call reads their current weights. <see cref="TryLossAndGradients"/>
/// adds each gradient to its parameter's <c>grad</c>, as <c>loss.backward()</c> would, and records no autograd graph:
/// the loss it returns requires no gradient; one call at a time, as its activations go to a workspace of this object.
/// <see cref="TryIwae"/> runs on any number of threads at once (the evaluation's batch workers), each with a
/// workspace of its own.
/// </remarks>
public sealed class MlpVaeKernels
{
    [ThreadStatic]
    private static bool lastCallNative;

    [ThreadStatic]
    private static bool lastIwaeNative;

    private static long nativeIwaeCalls;

    /// <summary>Each thread's IWAE workspace, kept: the evaluation calls it thousands of times.</summary>
    [ThreadStatic]
    private static float[]? iwaeWorkspace;

    private readonly Linear[] layers;

    /// <summary>The layers' parameters in the module's order, each weight then its bias.</summary>
    private readonly Parameter[] parameters;
    private readonly int encoderLayers;
    private readonly int decoderLayers;
    private readonly float minScale;
    private readonly bool fullCovariance;
    private float[] workspace = [];

    /// <summary>Whether the native calls run here: the library loaded, and libtorch_cpu exporting MKL's sgemm.</summary>
    public static bool IsAvailable { get; } = NativeKernels.IsLoaded && NativeKernels.MlpVaeAvailable() != 0;

    /// <summary>
    /// Whether the native IWAE runs here: <see cref="IsAvailable"/>, and a processor the fused Linear + Bernoulli pass
    /// runs on (<see cref="LinearBernoulliLogLikelihood.NativeInstructions"/>).
    /// </summary>
    public static bool IwaeIsAvailable { get; } = IsAvailable && LinearBernoulliLogLikelihood.NativeInstructions is not null;

    /// <summary>True when this thread's last <see cref="TryLossAndGradients"/> ran the native call, false when it returned null.</summary>
    public static bool LastCallNative => lastCallNative;

    /// <summary>True when this thread's last <see cref="TryIwae"/> ran the native call, false when it returned null.</summary>
    public static bool LastIwaeNative => lastIwaeNative;

    /// <summary>The native IWAE calls this process has run, on every thread (the evaluation's run on its batch workers).</summary>
    public static long NativeIwaeCalls => Interlocked.Read(ref nativeIwaeCalls);

    /// <summary>
    /// The loss of the network whose encoder (Linear and ReLU layers, or none), heads and decoder (Linear and ReLU
    /// layers ending in the Linear that gives the logits) these are, with σ = softplus(s) + <paramref name="minScale"/>;
    /// with <paramref name="belowDiagonalHead"/>, a full covariance: L lower-triangular with diagonal σ and below it
    /// that head's d (d − 1) / 2 outputs, row by row (L_10, L_20, L_21, L_30, ...).
    /// </summary>
    public MlpVaeKernels(nn.Module encoder, Linear meanHead, Linear scaleHead, nn.Module decoder, double minScale, Linear? belowDiagonalHead = null)
    {
        var latent = meanHead.out_features;
        if (belowDiagonalHead is not null && belowDiagonalHead.out_features != latent * (latent - 1) / 2)
        {
            throw new ArgumentException($"The below-diagonal head must give {latent * (latent - 1) / 2} entries for a latent of {latent}.", nameof(belowDiagonalHead));
        }

        var encoderLinears = LinearsOf(encoder, nameof(encoder));
        var decoderLinears = LinearsOf(decoder, nameof(decoder));
        if (decoderLinears.Count == 0 || (decoder is not Linear && decoder.children().Last() is not Linear))
        {
            throw new ArgumentException("The decoder must end in the Linear layer that gives the logits.", nameof(decoder));
        }

        layers = [.. encoderLinears, meanHead, scaleHead, .. belowDiagonalHead is null ? [] : new[] { belowDiagonalHead }, .. decoderLinears];
        parameters = [.. layers.SelectMany(layer => new[] { layer.weight!, layer.bias! })];
        fullCovariance = belowDiagonalHead is not null;
        encoderLayers = encoderLinears.Count;
        decoderLayers = decoderLinears.Count;
        this.minScale = (float)minScale;
    }

    /// <summary>
    /// The loss of a batch x of [batch, features] with the KL weighed by <paramref name="beta"/>, and its per-example
    /// ELBO terms, with the gradient of the loss added to the <c>grad</c> of every parameter that requires one (which
    /// becomes that gradient where it was null); null, with nothing computed, where the native passes do not take the
    /// batch (the library or libtorch's sgemm missing, a parameter or x not CPU float32 contiguous, x requiring a
    /// gradient, a shape they do not fit). ε ~ N(0, I) is drawn from the default generator, as the model's <c>Elbo</c> draws it.
    /// </summary>
    public unsafe (Tensor Loss, ElboTerms Terms)? TryLossAndGradients(Tensor x, double beta)
    {
        lastCallNative = false;
        if (!Takes(x))
        {
            return null;
        }

        var rows = x.shape[0];
        var gradients = parameters.Select(parameter => empty_like(parameter)).ToList();
        var linears = stackalloc NativeKernels.MlpVaeLinear[layers.Length];
        var network = Network(linears, gradients);
        var length = NativeKernels.MlpVaeWorkspace(&network, rows);
        if (length < 0 || length > Array.MaxLength)
        {
            gradients.ForEach(gradient => gradient.Dispose());
            return null;
        }

        if (workspace.Length < length)
        {
            workspace = GC.AllocateUninitializedArray<float>((int)length, pinned: true);
        }

        // ε ~ N(0, I): [batch, latent]
        var eps = randn(rows, LatentSize, dtype: ScalarType.Float32);
        var terms = new ElboTerms(empty(rows, dtype: ScalarType.Float32), empty(rows, dtype: ScalarType.Float32), empty(rows, dtype: ScalarType.Float32));
        var loss = empty([], dtype: ScalarType.Float32);
        int ran;
        fixed (float* buffer = workspace)
        {
            ran = NativeKernels.MlpVaeElboGradients(&network, NativeKernels.Address(x), NativeKernels.Address(eps), rows, (float)beta, buffer,
                NativeKernels.Address(terms.Reconstruction), NativeKernels.Address(terms.Kl), NativeKernels.Address(terms.Elbo), NativeKernels.Address(loss));
        }

        eps.Dispose();
        if (ran == 0)
        {
            // Takes and the workspace's size check what the call checks, so this is a mismatch between the two sides
            gradients.ForEach(gradient => gradient.Dispose());
            throw new InvalidOperationException("The native MLP VAE call refused a network its managed side accepted; no gradient was written.");
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            using var gradient = gradients[i];
            if (!parameters[i].requires_grad)
            {
                continue;
            }

            if (parameters[i].grad is { } accumulated)
            {
                accumulated.add_(gradient);
            }
            else
            {
                parameters[i].grad = gradient;
            }
        }

        lastCallNative = true;
        return (loss, terms);
    }

    /// <summary>
    /// IWAE_k of each example of a batch x of [batch, features], [batch]: IWAE_k = logsumexp_j log w_j − log k,
    /// log w_j = log p(x|z_j) + log p(z_j) − log q(z_j|x), with k draws z_j = μ + σ ⊙ ε_j (or μ + L ε_j), ε of
    /// [k, batch, latent] drawn from <paramref name="generator"/> (the default one where null), as the model's own
    /// <c>Iwae</c> draws it; null, with nothing drawn, where the native call does not take the batch (see
    /// <see cref="TryLossAndGradients"/>, the fused likelihood pass missing on this processor, or a gradient to record).
    /// </summary>
    public unsafe Tensor? TryIwae(Tensor x, int k, Generator? generator = null)
    {
        lastIwaeNative = false;
        if (k < 1 || !IwaeIsAvailable || !Takes(x) || x.shape[0] * k > int.MaxValue || (is_grad_enabled() && parameters.Any(parameter => parameter.requires_grad)))
        {
            return null;
        }

        var batch = x.shape[0];
        var linears = stackalloc NativeKernels.MlpVaeLinear[layers.Length];
        var network = Network(linears, gradients: null);
        var length = NativeKernels.MlpVaeIwaeWorkspace(&network, batch, k);
        if (length < 0 || length > Array.MaxLength)
        {
            return null;
        }

        if (iwaeWorkspace is null || iwaeWorkspace.LongLength < length)
        {
            iwaeWorkspace = GC.AllocateUninitializedArray<float>((int)length);
        }

        // ε_j ~ N(0, I), j = 1..k: [k, batch, latent]
        using var eps = randn(k, batch, LatentSize, dtype: ScalarType.Float32, generator: generator);
        var iwae = empty(batch, dtype: ScalarType.Float32);
        int ran;
        fixed (float* buffer = iwaeWorkspace)
        {
            ran = NativeKernels.MlpVaeIwae(&network, NativeKernels.Address(x), NativeKernels.Address(eps), batch, k, buffer, NativeKernels.Address(iwae));
        }

        if (ran == 0)
        {
            iwae.Dispose();
            throw new InvalidOperationException("The native MLP VAE IWAE refused a batch its managed side accepted.");
        }

        lastIwaeNative = true;
        Interlocked.Increment(ref nativeIwaeCalls);
        return iwae;
    }

    /// <summary>The latent dimension: the mean head's outputs.</summary>
    private long LatentSize => layers[encoderLayers].out_features;

    /// <summary>
    /// The network as the native calls take it, its layers written to <paramref name="linears"/> (one per layer), with
    /// each parameter's gradient buffer from <paramref name="gradients"/> (in <see cref="parameters"/>' order) or none.
    /// </summary>
    private unsafe NativeKernels.MlpVae Network(NativeKernels.MlpVaeLinear* linears, IReadOnlyList<Tensor>? gradients)
    {
        for (var i = 0; i < layers.Length; i++)
        {
            linears[i] = new NativeKernels.MlpVaeLinear
            {
                Weight = NativeKernels.Address(layers[i].weight!),
                Bias = NativeKernels.Address(layers[i].bias!),
                WeightGradient = gradients is null ? null : NativeKernels.Address(gradients[2 * i]),
                BiasGradient = gradients is null ? null : NativeKernels.Address(gradients[(2 * i) + 1]),
                Inputs = layers[i].in_features,
                Outputs = layers[i].out_features,
            };
        }

        return new NativeKernels.MlpVae
        {
            Layers = linears, EncoderLayers = encoderLayers, DecoderLayers = decoderLayers, MinScale = minScale, FullCovariance = fullCovariance ? 1 : 0,
        };
    }

    /// <summary>The Linear layers of an encoder or decoder, which must hold nothing else but ReLUs.</summary>
    private static List<Linear> LinearsOf(nn.Module network, string name)
    {
        var linears = new List<Linear>();
        foreach (var layer in network is Linear ? [network] : network.children())
        {
            switch (layer)
            {
                case Linear linear when linear.bias is not null:
                    linears.Add(linear);
                    break;
                case ReLU:
                    break;
                default:
                    throw new ArgumentException($"The {name} may hold only Linear layers with a bias and ReLUs, not {layer.GetType().Name}.", name);
            }
        }

        return linears;
    }

    /// <summary>Whether the native passes take x and the layers as they are now.</summary>
    private bool Takes(Tensor x)
    {
        if (!IsAvailable || x.dim() != 2 || x.requires_grad || !NativeKernels.Takes(x) || x.shape[0] == 0 || x.shape[0] > int.MaxValue ||
            x.shape[1] != layers[0].in_features)
        {
            return false;
        }

        return parameters.All(NativeKernels.Takes);
    }
}
