using System;
using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Vae.Dsl.Kernels;

/// <summary>
/// The step of <see cref="FusedAdam.Adam"/> and <see cref="FusedAdam.AdamW"/>: every parameter's update in one native
/// pass, over each one's weight, gradient and both moments (docs/kernels.md), with the scalars rounded to float32 as
/// libtorch rounds them in TorchSharp's <c>Adam.step</c> and <c>AdamW.step</c>.
/// </summary>
internal static class AdamPass
{
    /// <summary>A parameter group's hyperparameters; <paramref name="Decoupled"/> for AdamW's weight decay.</summary>
    private readonly record struct Settings(double LearningRate, double Beta1, double Beta2, double Eps, double WeightDecay, bool Decoupled);

    /// <summary>A parameter's moments in the optimizer's state, and how to count one more step (it returns the new count).</summary>
    private readonly record struct Moments(Tensor ExpAvg, Tensor ExpAvgSq, Func<long> CountStep);

    /// <summary>
    /// The step of an optimizer derived from TorchSharp's Adam or AdamW: runs the loss closure with gradients on, as
    /// TorchSharp's optimizers do, then steps every parameter that has a gradient in one native pass where the pass
    /// takes them all, and by <paramref name="torchSharpStep"/> otherwise; returns the closure's loss, and whether the
    /// step was native.
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

        var steps = NativeKernels.IsLoaded ? StepsOf(groups, stateOf) : null;
        if (steps is null)
        {
            torchSharpStep();
            return (loss, false);
        }

        try
        {
            Run(steps);
        }
        finally
        {
            DisposeGradients(steps);
        }

        return (loss, true);
    }

    /// <summary>What one parameter's step reads and writes, and its group's settings.</summary>
    private readonly record struct ParameterStep(Tensor Parameter, Tensor Gradient, Moments Moments, Settings Settings);

    /// <summary>
    /// The step of every parameter that has a gradient, or null where the pass does not take them all (a group's
    /// settings it does not apply to, a tensor not CPU float32 contiguous, another optimizer's state).
    /// </summary>
    private static List<ParameterStep>? StepsOf(IEnumerable<ParamGroup> groups, Func<Parameter, OptimizerState> stateOf)
    {
        var steps = new List<ParameterStep>();
        foreach (var group in groups)
        {
            var settings = SettingsOf(group);
            foreach (var parameter in group.Parameters)
            {
                var gradient = parameter.grad;
                if (gradient is null)
                {
                    continue;
                }

                if (settings is { } taken && MomentsOf(stateOf(parameter)) is { } moments && Takes(parameter, gradient, moments))
                {
                    steps.Add(new(parameter, gradient, moments, taken));
                    continue;
                }

                gradient.Dispose();
                DisposeGradients(steps);
                return null;
            }
        }

        return steps;
    }

    /// <summary>Releases the handles of the gradients the steps took (the gradients stay with their parameters).</summary>
    private static void DisposeGradients(List<ParameterStep> steps)
    {
        foreach (var step in steps)
        {
            step.Gradient.Dispose();
        }
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

    /// <summary>True when the pass takes the four tensors: all CPU float32 contiguous, of one size.</summary>
    private static bool Takes(Tensor parameter, Tensor gradient, Moments moments)
    {
        var count = parameter.numel();
        return NativeKernels.Takes(parameter) && NativeKernels.Takes(gradient) && NativeKernels.Takes(moments.ExpAvg) && NativeKernels.Takes(moments.ExpAvgSq) &&
            gradient.numel() == count && moments.ExpAvg.numel() == count && moments.ExpAvgSq.numel() == count;
    }

    /// <summary>One step of every parameter in <paramref name="steps"/>, in place, in one native pass; counts each one's step.</summary>
    private static unsafe void Run(List<ParameterStep> steps)
    {
        var parameters = stackalloc NativeKernels.AdamParameter[steps.Count];
        for (var i = 0; i < steps.Count; i++)
        {
            var (parameter, gradient, moments, settings) = steps[i];
            parameters[i] = new NativeKernels.AdamParameter
            {
                Weight = NativeKernels.Address(parameter),
                Gradient = NativeKernels.Address(gradient),
                FirstMoment = NativeKernels.Address(moments.ExpAvg),
                SecondMoment = NativeKernels.Address(moments.ExpAvgSq),
                Count = parameter.numel(),
                Scalars = ScalarsOf(settings, moments.CountStep()),
            };
        }

        NativeKernels.AdamStep(parameters, steps.Count);
    }

    /// <summary>The scalars of step <paramref name="step"/> (counted from 1), rounded to float32 as libtorch rounds them.</summary>
    private static NativeKernels.AdamScalars ScalarsOf(Settings settings, long step)
    {
        var (lr, beta1, beta2, decay) = (settings.LearningRate, settings.Beta1, settings.Beta2, settings.WeightDecay);
        return new NativeKernels.AdamScalars
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
    }
}
