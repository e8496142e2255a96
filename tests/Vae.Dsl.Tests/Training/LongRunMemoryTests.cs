using System;
using System.Diagnostics;
using Shouldly;
using TorchSharp;
using Vae.Dsl.Data;
using Vae.Dsl.Tests.Models;
using Xunit;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Vae.Dsl.Tests.Training;

/// <summary>
/// 100 epochs of the generated trainer (800 steps) keep the number of live tensors where it was after 20, and the
/// native heap and the process's resident memory where they were after 60: nothing accumulates from step to step.
/// </summary>
[Collection(MemoryCollection.Name)]
public class LongRunMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public void HundredEpochs_KeepTensorsNativeHeapAndResidentMemoryFlat()
    {
        using var data = SyntheticData.Binary(256, seed: 9);
        using var trainer = TinyVaeTrainer.Create();
        var examples = new VaeData(data);

        (long Tensors, long NativeBytes, long Resident) Measure()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return (torch.Tensor.TotalCount, TorchSharp.NativeMemory.BytesInUse(), Process.GetCurrentProcess().WorkingSet64);
        }

        // 20 epochs to warm up (caches, pools, OpenBLAS's buffers), then two stretches of 40: a leak grows with steps
        for (var epoch = 1; epoch <= 20; epoch++)
        {
            trainer.TrainEpoch(examples, epoch);
        }

        var warm = Measure();
        for (var epoch = 21; epoch <= 60; epoch++)
        {
            trainer.TrainEpoch(examples, epoch);
        }

        var middle = Measure();
        for (var epoch = 61; epoch <= 100; epoch++)
        {
            trainer.TrainEpoch(examples, epoch);
        }

        var end = Measure();
        foreach (var (when, m) in new[] { ("20", warm), ("60", middle), ("100", end) })
        {
            output.WriteLine($"after {when} epochs: {m.Tensors} tensors, native heap {m.NativeBytes / 1024} KiB, resident {m.Resident / (1024 * 1024)} MiB");
        }

        middle.Tensors.ShouldBe(warm.Tensors, "every step's tensors are released");
        end.Tensors.ShouldBe(warm.Tensors, "every step's tensors are released");
        (end.NativeBytes - middle.NativeBytes).ShouldBeLessThan(1L << 20, "the native heap does not grow over the last 320 steps");
        (end.Resident - middle.Resident).ShouldBeLessThan(16L << 20, "resident memory does not grow over the last 320 steps");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "memory";
}
