using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using Vae.Dsl.Objectives;
using static TorchSharp.torch;

namespace Vae.Dsl.Training;

/// <summary>What a training step does with a non-finite loss or gradient (<c>training.on-non-finite</c>).</summary>
public enum NonFiniteAction
{
    /// <summary>Stop training with a <see cref="NonFiniteLossException"/> that names the term, the epoch and the step.</summary>
    Stop,

    /// <summary>Leave the parameters as they are, count the step as skipped, and go on with the next batch.</summary>
    Skip,
}

/// <summary>
/// The checks a generated training step makes before it changes any parameter: the loss, then the gradient, must be
/// finite. The loss is one number; each gradient is summed (one read-only pass), which costs a few percent of a step
/// where a gradient norm with its rescaling pass cost about 13% of an epoch of the default model.
/// </summary>
public static class NumericalGuard
{
    /// <summary>True when the loss is finite; else stops (throws) or returns false to skip, as <paramref name="action"/> says.</summary>
    public static bool LossIsFinite(Tensor loss, ElboTerms terms, int epoch, int step, NonFiniteAction action)
    {
        var value = loss.dtype == ScalarType.Float64 ? loss.item<double>() : loss.item<float>();
        if (double.IsFinite(value))
        {
            return true;
        }

        return action == NonFiniteAction.Skip
            ? false
            : throw new NonFiniteLossException($"the loss is {value} at epoch {epoch}, step {step}: {Culprit(terms)}", epoch, step);
    }

    /// <summary>True when the gradient of every parameter is finite; else stops or returns false to skip.</summary>
    public static bool GradientIsFinite(IEnumerable<Parameter> parameters, int epoch, int step, NonFiniteAction action)
    {
        using var noGrad = no_grad();
        foreach (var parameter in parameters)
        {
            using var scope = NewDisposeScope();
            // Σ_i g_i, accumulated in float64 (no overflow from finite float32 values), is finite exactly when every g_i
            // is: one read-only pass over the gradient, and nothing written
            var gradient = parameter.grad();
            var total = gradient?.sum(ScalarType.Float64).item<double>() ?? 0;
            if (!double.IsFinite(total))
            {
                return action == NonFiniteAction.Skip
                    ? false
                    : throw new NonFiniteLossException($"a gradient is not finite (its sum is {total}) at epoch {epoch}, step {step} while the loss is finite: the backward pass overflowed", epoch, step);
            }
        }

        return true;
    }

    /// <summary>Which term of the objective went wrong first: the reconstruction log p(x|z), or the KL to the prior.</summary>
    private static string Culprit(ElboTerms terms)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var reconstruction = terms.Reconstruction.isfinite().all().item<bool>();
        var kl = terms.Kl.isfinite().all().item<bool>();
        return (reconstruction, kl) switch
        {
            (false, false) => "both the reconstruction term log p(x|z) and the KL term (posterior against prior) are not finite",
            (false, true) => "the reconstruction term log p(x|z) is not finite (the likelihood: a scale or logit out of range?)",
            (true, false) => "the KL term is not finite (the posterior against the prior: a scale that collapsed or exploded?)",
            _ => "both terms are finite, so the weighting made it so (β, free bits, or the importance weights)",
        };
    }
}

/// <summary>Training stopped on a non-finite loss or gradient (<c>training.on-non-finite: stop</c>), before any parameter changed.</summary>
public sealed class NonFiniteLossException(string message, int epoch, int step) : Exception(message)
{
    public int Epoch => epoch;

    public int Step => step;
}
