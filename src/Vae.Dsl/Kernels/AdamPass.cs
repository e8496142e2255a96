using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Dsl.Kernels;

/// <summary>
/// The step of <see cref="FusedAdam.Adam"/> and <see cref="FusedAdam.AdamW"/>: each parameter's update as one native pass
/// over its weight, gradient and both moments (docs/kernels.md), with the scalars rounded to float32 as libtorch rounds
/// them in TorchSharp's <c>Adam.step</c> and <c>AdamW.step</c>.
/// </summary>
internal static class AdamPass
{
    /// <summary>A parameter group's hyperparameters; <paramref name="Decoupled"/> for AdamW's weight decay.</summary>
    private readonly record struct Settings(double LearningRate, double Beta1, double Beta2, double Eps, double WeightDecay, bool Decoupled);

    /// <summary>A parameter's moments in the optimizer's state, and how to count one more step (it returns the new count).</summary>
    private readonly record struct Moments(Tensor ExpAvg, Tensor ExpAvgSq, Func<long> CountStep);

    /// <summary>
    /// The step of an optimizer derived from TorchSharp's Adam or AdamW: runs the loss closure with gradients on, as
    /// TorchSharp's optimizers do, then steps every parameter that has a gradient natively where the pass takes them all,
    /// and by <paramref name="torchSharpStep"/> otherwise; returns the closure's loss, and whether the step was native.
    /// </summary>
    /// <param name="stateOf">A parameter's entry in the optimizer's state.</param>
    public static (Tensor? Loss, bool Native) Step(Func<Tensor>? closure, IEnumerable<ParamGroup> groups, Func<Parameter, OptimizerState> stateOf, Action torchSharpStep)
    {
        Tensor? loss = null;
        if (closure is not null)
        {
            using var _ = enable_grad();
            loss = closure();
        }

        if (!NativeKernels.IsLoaded || !groups.All(group => SettingsOf(group) is not null && group.Parameters.All(parameter => Takes(parameter, stateOf(parameter)))))
        {
            torchSharpStep();
            return (loss, false);
        }

        foreach (var group in groups)
        {
            var settings = SettingsOf(group)!.Value;
            foreach (var parameter in group.Parameters)
            {
                using var gradient = parameter.grad;
                if (gradient is not null)
                {
                    var moments = MomentsOf(stateOf(parameter))!.Value;
                    Run(parameter, gradient, moments.ExpAvg, moments.ExpAvgSq, moments.CountStep(), settings);
                }
            }
        }

        return (loss, true);
    }

    /// <summary>A group's settings, or null where the pass does not apply to it (amsgrad, maximize, another optimizer).</summary>
    private static Settings? SettingsOf(ParamGroup group) => group.Options switch
    {
        TorchSharp.Modules.Adam.Options { amsgrad: false, maximize: false } o =>
            new(o.LearningRate!.Value, o.beta1!.Value, o.beta2!.Value, o.eps!.Value, o.weight_decay!.Value, Decoupled: false),
        TorchSharp.Modules.AdamW.Options { amsgrad: false, maximize: false } o =>
            new(o.LearningRate!.Value, o.beta1!.Value, o.beta2!.Value, o.eps!.Value, o.weight_decay!.Value, Decoupled: true),
        _ => null,
    };

    /// <summary>The moments in a parameter's state, or null for another optimizer's state.</summary>
    private static Moments? MomentsOf(OptimizerState state) => state switch
    {
        TorchSharp.Modules.Adam.State adam => new(adam.exp_avg, adam.exp_avg_sq, () => ++adam.step),
        TorchSharp.Modules.AdamW.State adamW => new(adamW.exp_avg, adamW.exp_avg_sq, () => ++adamW.step),
        _ => null,
    };

    /// <summary>True when the parameter has no gradient, or the pass takes it: all four tensors CPU float32 contiguous, of one size.</summary>
    private static bool Takes(Parameter parameter, OptimizerState state)
    {
        using var gradient = parameter.grad;
        if (gradient is null)
        {
            return true;
        }

        if (MomentsOf(state) is not { } moments)
        {
            return false;
        }

        var count = parameter.numel();
        return NativeKernels.Takes(parameter) && NativeKernels.Takes(gradient) && NativeKernels.Takes(moments.ExpAvg) && NativeKernels.Takes(moments.ExpAvgSq) &&
            gradient.numel() == count && moments.ExpAvg.numel() == count && moments.ExpAvgSq.numel() == count;
    }

    /// <summary>Step <paramref name="step"/> (counted from 1) of one parameter, in place.</summary>
    private static unsafe void Run(Tensor parameter, Tensor gradient, Tensor expAvg, Tensor expAvgSq, long step, Settings settings)
    {
        var (lr, beta1, beta2, decay) = (settings.LearningRate, settings.Beta1, settings.Beta2, settings.WeightDecay);
        var scalars = new NativeKernels.AdamScalars
        {
            // AdamW: w ← w (1 − lr wd) first
            WeightScale = settings.Decoupled ? (float)(1 - (lr * decay)) : 1f,
            // Adam: g ← g + wd w
            GradientDecay = settings.Decoupled ? 0f : (float)decay,
            Beta1 = (float)beta1,
            OneMinusBeta1 = (float)(1 - beta1),
            Beta2 = (float)beta2,
            OneMinusBeta2 = (float)(1 - beta2),
            // the bias corrections: v / (1 − β₂ᵗ) under the square root, m / (1 − β₁ᵗ) in the step size
            SqrtBiasCorrection2 = (float)Math.Sqrt(1 - Math.Pow(beta2, step)),
            Eps = (float)settings.Eps,
            NegativeStepSize = (float)(-lr / (1 - Math.Pow(beta1, step))),
        };
        NativeKernels.AdamStep(NativeKernels.Address(parameter), NativeKernels.Address(gradient), NativeKernels.Address(expAvg),
            NativeKernels.Address(expAvgSq), parameter.numel(), &scalars);
    }
}
