using System.Collections.Generic;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Vae.Dsl.Kernels;

/// <summary>
/// The Bernoulli log-likelihood with logits, summed over the last dimension (docs/math.md, "bernoulli"):
/// log p(x|η) = Σ_j [x_j η_j − softplus(η_j)] = −Σ_j BCE(η_j, x_j). On CPU float32 contiguous tensors, with the native
/// library loaded, the forward pass and the gradient are each one native pass (docs/kernels.md); elsewhere it is
/// TorchSharp's <c>binary_cross_entropy_with_logits</c>.
/// </summary>
public static class BernoulliLogLikelihood
{
    /// <summary>
    /// log p(x|η) per example, for logits η of [..., batch, F] and data x of [batch, F] (broadcast over η's leading
    /// dimensions, e.g. importance samples) or of η's shape; returns [..., batch]. The gradient flows to η, and to x
    /// where x requires it.
    /// </summary>
    public static Tensor Of(Tensor logits, Tensor x)
    {
        var recording = is_grad_enabled();
        if (!NativeApplies(logits, x) || (recording && x.requires_grad))
        {
            return Plain(logits, x);
        }

        if (!recording || !logits.requires_grad)
        {
            return Forward(logits, x);
        }

        // the function's node, its outputs' wrappers and its cached output shape stay in this scope; the result moves out
        using var scope = NewDisposeScope();
        var logP = NativeFunction.apply(logits, x);
        return logP.MoveToOuterDisposeScope();
    }

    /// <summary>The same log-likelihood in TorchSharp's operations, η and x broadcast against each other.</summary>
    public static Tensor Plain(Tensor logits, Tensor x)
    {
        using var scope = NewDisposeScope();
        var logitsAndData = broadcast_tensors(logits, x);
        // log p(x|η) = −Σ_j BCE(η_j, x_j), BCE(η, x) = softplus(η) − x η
        var logP = -binary_cross_entropy_with_logits(logitsAndData[0], logitsAndData[1], reduction: nn.Reduction.None).sum(-1);
        return logP.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// True when the native pass takes both tensors: the library loaded, both of them CPU float32 contiguous, at least
    /// one feature, and x's shape the trailing dimensions of η's.
    /// </summary>
    private static bool NativeApplies(Tensor logits, Tensor x)
    {
        if (!NativeKernels.IsLoaded || logits.dim() == 0 || x.dim() == 0 || x.dim() > logits.dim() || logits.shape[^1] == 0)
        {
            return false;
        }

        var offset = logits.dim() - x.dim();
        for (var d = 0; d < x.dim(); d++)
        {
            if (x.shape[d] != logits.shape[offset + d])
            {
                return false;
            }
        }

        return NativeKernels.Takes(logits) && NativeKernels.Takes(x);
    }

    /// <summary>The native forward pass, one sum per row of η; with <paramref name="sigmoid"/>, sigmoid(η) for the backward pass too.</summary>
    private static unsafe Tensor Forward(Tensor logits, Tensor x, Tensor? sigmoid = null)
    {
        var features = logits.shape[^1];
        var logP = empty(logits.shape[..^1], ScalarType.Float32);
        NativeKernels.BernoulliLogLikelihood(NativeKernels.Address(logits), NativeKernels.Address(x), NativeKernels.Address(logP),
            sigmoid is null ? null : NativeKernels.Address(sigmoid), logits.numel() / features, x.numel() / features, features);
        return logP;
    }

    /// <summary>The native gradient: ∂ log p / ∂η_j = (x_j − sigmoid(η_j)) · the gradient of its row's log p.</summary>
    private static unsafe Tensor Backward(Tensor sigmoid, Tensor x, Tensor gradLogP)
    {
        var features = sigmoid.shape[^1];
        using var upstream = gradLogP.contiguous();
        var gradLogits = empty_like(sigmoid);
        NativeKernels.BernoulliLogLikelihoodBackward(NativeKernels.Address(sigmoid), NativeKernels.Address(x), NativeKernels.Address(upstream),
            NativeKernels.Address(gradLogits), sigmoid.numel() / features, x.numel() / features, features);
        return gradLogits;
    }

    /// <summary>The autograd node: keeps sigmoid(η) and x for the backward pass, and gives x no gradient (it requires none).</summary>
    internal sealed class NativeFunction : autograd.SingleTensorFunction<NativeFunction>
    {
        public override string Name => nameof(BernoulliLogLikelihood);

        public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var logits = (Tensor)vars[0];
            var x = (Tensor)vars[1];
            var sigmoid = empty_like(logits);
            var logP = Forward(logits, x, sigmoid);
            ctx.save_for_backward([sigmoid, x]);
            return logP;
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
        {
            var saved = ctx.get_saved_variables();
            using var sigmoid = saved[0];
            using var x = saved[1];
            return [Backward(sigmoid, x, grad_output), null!];
        }
    }
}
