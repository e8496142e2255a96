using System;
using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Dsl.Kernels;

/// <summary>
/// Adam and AdamW whose step is one native pass per parameter (docs/kernels.md): TorchSharp's optimizers, with their
/// options, their state (<c>exp_avg</c>, <c>exp_avg_sq</c>, <c>step</c>) and its saved format, and <c>step</c> replaced.
/// Where the pass does not apply (the library not loaded, a parameter, gradient or moment not CPU float32 contiguous,
/// amsgrad, maximize) the step is TorchSharp's own.
/// </summary>
/// <remarks>
/// TorchSharp writes the optimizer's type name into its saved state and refuses to load another's: the classes are
/// named <see cref="Adam"/> and <see cref="AdamW"/>, as TorchSharp's are, so that a checkpoint written with
/// <c>torch.optim.Adam</c> loads into <see cref="Adam"/>, and the other way round.
/// </remarks>
public static class FusedAdam
{
    /// <summary>TorchSharp's Adam (weight decay as an L2 term added to the gradient) with the native step.</summary>
    public sealed class Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : TorchSharp.Modules.Adam(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
        /// <summary>True when the last step ran the native pass, false when it was TorchSharp's.</summary>
        public bool LastStepNative { get; private set; }

        public override Tensor step(Func<Tensor>? closure = null)
        {
            (var loss, LastStepNative) = AdamPass.Step(closure, _parameter_groups, parameter => _state[parameter.Handle], () => base.step());
            return loss!;
        }
    }

    /// <summary>TorchSharp's AdamW (weight decay applied to the weight, scaled by the learning rate) with the native step.</summary>
    public sealed class AdamW(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weight_decay = 0, bool amsgrad = false, bool maximize = false)
        : TorchSharp.Modules.AdamW(parameters, lr, beta1, beta2, eps, weight_decay, amsgrad, maximize)
    {
        /// <summary>True when the last step ran the native pass, false when it was TorchSharp's.</summary>
        public bool LastStepNative { get; private set; }

        public override Tensor step(Func<Tensor>? closure = null)
        {
            (var loss, LastStepNative) = AdamPass.Step(closure, _parameter_groups, parameter => _state[parameter.Handle], () => base.step());
            return loss!;
        }
    }
}
