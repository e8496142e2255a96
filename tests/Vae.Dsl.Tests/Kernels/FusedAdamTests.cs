using System;
using System.IO;
using System.Linq;
using Shouldly;
using TorchSharp;
using TorchSharp.Modules;
using Vae.Dsl.Kernels;
using Xunit;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Kernels;

/// <summary>
/// FusedAdam's native step follows TorchSharp's Adam and AdamW, weight decay included, within float32 rounding over
/// several steps; it takes TorchSharp's step where the native pass does not apply; and the optimizer state of either
/// loads into the other. "Within float32 rounding": each step rounds the weight and both moments once more than the
/// other implementation might (one multiply-add fused in libtorch and not here, or the other way round), half an ulp
/// each, and a difference carries into the next steps through the gradient: after t steps the two may differ by
/// t ulps of the largest magnitude of the tensor compared.
/// </summary>
public class FusedAdamTests
{
    private const int Steps = 12;

    [Theory]
    [InlineData(false, 0.0)]
    [InlineData(false, 0.05)]
    [InlineData(true, 0.0)]
    [InlineData(true, 0.05)]
    public void NativeSteps_FollowTorchSharpsWithinRounding(bool decoupled, double weightDecay)
    {
        using var fused = new Problem();
        using var plain = new Problem();
        var fusedOptimizer = Fused(fused.Parameters, 0.02, weightDecay, decoupled);
        var plainOptimizer = Plain(plain.Parameters, 0.02, weightDecay, decoupled);

        for (var step = 0; step < Steps; step++)
        {
            fused.Step(fusedOptimizer);
            plain.Step(plainOptimizer);
            NativeLastStep(fusedOptimizer).ShouldBeTrue(NativeKernels.Status);
        }

        AssertClose(fusedOptimizer, fused, plainOptimizer, plain, Steps);
        using var initial = new Problem();
        using var unchanged = fused.Parameters[^1] == initial.Parameters[^1];
        unchanged.all().item<bool>().ShouldBeTrue("a parameter without a gradient is not stepped");
    }

    [Theory]
    [InlineData("amsgrad")]
    [InlineData("maximize")]
    [InlineData("float64")]
    public void WhereThePassDoesNotApply_TheStepIsTorchSharps(string reason)
    {
        var dtype = reason == "float64" ? ScalarType.Float64 : ScalarType.Float32;
        using var fused = new Problem(dtype);
        using var plain = new Problem(dtype);
        var fusedOptimizer = new FusedAdam.Adam(fused.Parameters, 0.02, weight_decay: 0.05, amsgrad: reason == "amsgrad", maximize: reason == "maximize");
        var plainOptimizer = torch.optim.Adam(plain.Parameters, 0.02, weight_decay: 0.05, amsgrad: reason == "amsgrad", maximize: reason == "maximize");

        for (var step = 0; step < 3; step++)
        {
            fused.Step(fusedOptimizer);
            plain.Step(plainOptimizer);
            fusedOptimizer.LastStepNative.ShouldBeFalse();
        }

        for (var i = 0; i < fused.Parameters.Length; i++)
        {
            using var equal = fused.Parameters[i] == plain.Parameters[i];
            equal.all().item<bool>().ShouldBeTrue($"parameter {i}: the same operations give the same numbers");
        }
    }

    [Theory]
    [InlineData(false, "fused to TorchSharp")]
    [InlineData(false, "TorchSharp to fused")]
    [InlineData(true, "fused to TorchSharp")]
    [InlineData(true, "TorchSharp to fused")]
    public void SavedState_LoadsIntoTheOtherOptimizer_WhichContinuesTheRun(bool decoupled, string direction)
    {
        var fusedFirst = direction == "fused to TorchSharp";
        using var first = new Problem();
        var firstOptimizer = fusedFirst ? Fused(first.Parameters, 0.02, 0.05, decoupled) : Plain(first.Parameters, 0.02, 0.05, decoupled);
        for (var step = 0; step < Steps / 2; step++)
        {
            first.Step(firstOptimizer);
        }

        // what Checkpoint writes and reads: the parameters, then the optimizer's state dictionary
        using var saved = new MemoryStream();
        using (var writer = new BinaryWriter(saved, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            firstOptimizer.save_state_dict(writer);
        }

        using var second = new Problem();
        second.CopyParametersFrom(first);
        var secondOptimizer = fusedFirst ? Plain(second.Parameters, 0.02, 0.05, decoupled) : Fused(second.Parameters, 0.02, 0.05, decoupled);
        saved.Position = 0;
        using (var reader = new BinaryReader(saved))
        {
            secondOptimizer.load_state_dict(reader);
        }

        for (var step = Steps / 2; step < Steps; step++)
        {
            first.Step(firstOptimizer);
            second.Step(secondOptimizer);
        }

        StepsTaken(secondOptimizer).ShouldBe(Steps, "the step count came with the state, and went on");
        AssertClose(firstOptimizer, first, secondOptimizer, second, Steps);
    }

    private static OptimizerHelper Fused(Parameter[] parameters, double lr, double weightDecay, bool decoupled) =>
        decoupled ? new FusedAdam.AdamW(parameters, lr, weight_decay: weightDecay) : new FusedAdam.Adam(parameters, lr, weight_decay: weightDecay);

    private static OptimizerHelper Plain(Parameter[] parameters, double lr, double weightDecay, bool decoupled) =>
        decoupled ? torch.optim.AdamW(parameters, lr, weight_decay: weightDecay) : torch.optim.Adam(parameters, lr, weight_decay: weightDecay);

    private static bool NativeLastStep(OptimizerHelper optimizer) => optimizer switch
    {
        FusedAdam.Adam adam => adam.LastStepNative,
        FusedAdam.AdamW adamW => adamW.LastStepNative,
        _ => false,
    };

    /// <summary>The step count of the first parameter's state.</summary>
    private static long StepsTaken(OptimizerHelper optimizer) => optimizer.state_dict().State[0] switch
    {
        TorchSharp.Modules.Adam.State adam => adam.step,
        TorchSharp.Modules.AdamW.State adamW => adamW.step,
        var other => throw new InvalidOperationException(other.GetType().Name),
    };

    /// <summary>Every parameter and both moments of two runs agree within <paramref name="steps"/> ulps of their largest magnitude.</summary>
    private static void AssertClose(OptimizerHelper aOptimizer, Problem a, OptimizerHelper bOptimizer, Problem b, int steps)
    {
        var aStates = aOptimizer.state_dict().State;
        var bStates = bOptimizer.state_dict().State;
        for (var i = 0; i < a.Parameters.Length - 1; i++)
        {
            WithinUlps(a.Parameters[i], b.Parameters[i], steps, $"parameter {i}");
            var (aFirst, aSecond) = MomentsOf(aStates[i]);
            var (bFirst, bSecond) = MomentsOf(bStates[i]);
            WithinUlps(aFirst, bFirst, steps, $"exp_avg {i}");
            WithinUlps(aSecond, bSecond, steps, $"exp_avg_sq {i}");
        }
    }

    private static (Tensor First, Tensor Second) MomentsOf(TorchSharp.Modules.OptimizerState state) => state switch
    {
        TorchSharp.Modules.Adam.State adam => (adam.exp_avg, adam.exp_avg_sq),
        TorchSharp.Modules.AdamW.State adamW => (adamW.exp_avg, adamW.exp_avg_sq),
        var other => throw new InvalidOperationException(other.GetType().Name),
    };

    /// <summary>|a − b| ≤ ulps · 2⁻²³ · max |b|, element by element, and the two not equal to a constant.</summary>
    private static void WithinUlps(Tensor a, Tensor b, int ulps, string what)
    {
        using var difference = (a.detach().to(ScalarType.Float64) - b.detach().to(ScalarType.Float64)).abs().max();
        var largest = b.detach().abs().max().to(ScalarType.Float64).item<double>();
        largest.ShouldBeGreaterThan(0, what);
        difference.item<double>().ShouldBeLessThanOrEqualTo(ulps * Math.ScaleB(1, -23) * largest, what);
    }

    /// <summary>
    /// A small network's parameters ([24, 16], [24], [3, 24], and [5], which the loss leaves without a gradient), the
    /// same for every instance, and a loss of them with gradients of many sizes.
    /// </summary>
    private sealed class Problem : IDisposable
    {
        private readonly Tensor input;
        private readonly Tensor target;

        public Problem(ScalarType dtype = ScalarType.Float32)
        {
            var generator = new Generator(17);
            Parameters =
            [
                new Parameter(randn(24, 16, dtype: dtype, generator: generator) * 0.3),
                new Parameter(randn(24, dtype: dtype, generator: generator) * 0.1),
                new Parameter(randn(3, 24, dtype: dtype, generator: generator) * 0.3),
                new Parameter(randn(5, dtype: dtype, generator: generator)),
            ];
            input = randn(32, 16, dtype: dtype, generator: generator);
            target = randn(32, 3, dtype: dtype, generator: generator);
        }

        public Parameter[] Parameters { get; }

        /// <summary>One step: the gradients of Σ (W₂ tanh(W₁ x + b) − y)², then the optimizer's step.</summary>
        public void Step(OptimizerHelper optimizer)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var hidden = (input.matmul(Parameters[0].t()) + Parameters[1]).tanh();
            var loss = (hidden.matmul(Parameters[2].t()) - target).square().sum();
            loss.backward();
            optimizer.step();
        }

        public void CopyParametersFrom(Problem other)
        {
            using var _ = no_grad();
            for (var i = 0; i < Parameters.Length; i++)
            {
                Parameters[i].copy_(other.Parameters[i]);
            }
        }

        public void Dispose()
        {
            foreach (var parameter in Parameters)
            {
                parameter.Dispose();
            }

            input.Dispose();
            target.Dispose();
        }
    }
}
