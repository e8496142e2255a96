using System;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Dsl.Kernels;

/// <summary>
/// The Bernoulli log-likelihood of a Linear layer's logits η = h Wᵀ + b, summed over the features (docs/math.md,
/// "bernoulli"): log p(x|z) = Σ_j [x_j η_j − softplus(η_j)], for a decoder whose last layer is that Linear. Where no
/// gradient is recorded (the evaluation), on CPU float32 contiguous tensors with the native library loaded and a
/// processor with AVX2 and FMA, it is one native pass that multiplies tile by tile and never stores η
/// (docs/kernels.md); elsewhere it is TorchSharp's <c>linear</c> and <see cref="BernoulliLogLikelihood.Of"/>.
/// </summary>
public static class LinearBernoulliLogLikelihood
{
    /// <summary>The workspace of the native pass, one per thread, kept: the evaluation calls it thousands of times.</summary>
    [ThreadStatic]
    private static float[]? workspace;

    [ThreadStatic]
    private static bool lastCallNative;

    /// <summary>The native pass's path on this processor (0: none), asked once.</summary>
    private static readonly Lazy<int> NativePath = new(() => NativeKernels.IsLoaded ? NativeKernels.LinearBernoulliLogLikelihoodAvailable() : 0);

    private static readonly Lazy<bool> Available = new(() => NativePath.Value != 0);

    /// <summary>
    /// The instructions the native pass runs with on this processor ("AVX-512" or "AVX2 and FMA"), or null where it
    /// does not run (then every call is TorchSharp's operations).
    /// </summary>
    public static string? NativeInstructions => NativePath.Value switch
    {
        NativeKernels.LinearBernoulliAvx512 => "AVX-512",
        NativeKernels.LinearBernoulliAvx2 => "AVX2 and FMA",
        _ => null,
    };

    /// <summary>True when this thread's last call ran the native pass, false when it was TorchSharp's operations.</summary>
    public static bool LastCallNative => lastCallNative;

    /// <summary>log p(x|z) per example for the logits η = <paramref name="layer"/>(h): see <see cref="Of(Tensor, Tensor, Tensor?, Tensor)"/>.</summary>
    public static Tensor Of(Tensor h, Linear layer, Tensor x) => Of(h, layer.weight!, layer.bias, x);

    /// <summary>
    /// log p(x|z) per example for h of [..., batch, inputs], a weight W of [F, inputs], a bias b of [F] or null, and data
    /// x of [batch, F] (broadcast over η's leading dimensions, e.g. importance samples) or of η's shape; returns
    /// [..., batch]. Gradients flow to every input that requires one (through TorchSharp's operations).
    /// </summary>
    public static Tensor Of(Tensor h, Tensor weight, Tensor? bias, Tensor x)
    {
        lastCallNative = NativeApplies(h, weight, bias, x);
        return lastCallNative ? Fused(h, weight, bias, x) : Plain(h, weight, bias, x);
    }

    /// <summary>The same log-likelihood in TorchSharp's operations: η = h Wᵀ + b, then <see cref="BernoulliLogLikelihood.Of"/>.</summary>
    public static Tensor Plain(Tensor h, Tensor weight, Tensor? bias, Tensor x)
    {
        using var scope = NewDisposeScope();
        // η = h Wᵀ + b
        var logits = nn.functional.linear(h, weight, bias);
        return BernoulliLogLikelihood.Of(logits, x).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// True when the native pass takes the call: no gradient to record, the pass available, every tensor CPU float32
    /// contiguous, W of [F, inputs] matching h's last dimension, b of [F], and x's shape the trailing dimensions of η's.
    /// </summary>
    private static bool NativeApplies(Tensor h, Tensor weight, Tensor? bias, Tensor x)
    {
        if (!Available.Value || h.dim() == 0 || weight.dim() != 2 || x.dim() == 0 || x.dim() > h.dim())
        {
            return false;
        }

        if (is_grad_enabled() && (h.requires_grad || weight.requires_grad || (bias?.requires_grad ?? false) || x.requires_grad))
        {
            return false;
        }

        var features = weight.shape[0];
        var inputs = weight.shape[1];
        if (features == 0 || inputs == 0 || h.shape[^1] != inputs || x.shape[^1] != features ||
            (bias is not null && (bias.dim() != 1 || bias.shape[0] != features)))
        {
            return false;
        }

        // x's leading dimensions are the trailing ones of η's leading dimensions, h's
        var offset = h.dim() - x.dim();
        for (var d = 0; d < x.dim() - 1; d++)
        {
            if (x.shape[d] != h.shape[offset + d])
            {
                return false;
            }
        }

        return NativeKernels.Takes(h) && NativeKernels.Takes(weight) && (bias is null || NativeKernels.Takes(bias)) && NativeKernels.Takes(x) &&
               NativeKernels.LinearBernoulliLogLikelihoodWorkspace(h.numel() / inputs, inputs, features) <= Array.MaxLength;
    }

    /// <summary>The native pass: log p per row of h, in this thread's workspace.</summary>
    private static unsafe Tensor Fused(Tensor h, Tensor weight, Tensor? bias, Tensor x)
    {
        var features = weight.shape[0];
        var inputs = weight.shape[1];
        var rows = h.numel() / inputs;
        var size = NativeKernels.LinearBernoulliLogLikelihoodWorkspace(rows, inputs, features);
        if (workspace is null || workspace.LongLength < size)
        {
            workspace = GC.AllocateUninitializedArray<float>((int)size);
        }

        var logP = empty(h.shape[..^1], ScalarType.Float32);
        fixed (float* space = workspace)
        {
            var done = NativeKernels.LinearBernoulliLogLikelihood(NativeKernels.Address(h), NativeKernels.Address(weight),
                bias is null ? null : NativeKernels.Address(bias), NativeKernels.Address(x), NativeKernels.Address(logP), space,
                rows, inputs, features, x.numel() / features);
            if (done != 1)
            {
                throw new InvalidOperationException("The native linear Bernoulli pass declined a call it reported it takes.");
            }
        }

        return logP;
    }
}
