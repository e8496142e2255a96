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
/// 100 epochs of the generated trainer (800 steps) leave the number of live tensors, the native heap and the
/// process's resident memory where they were after the first 10: nothing accumulates from step to step.
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

        for (var epoch = 1; epoch <= 10; epoch++)
        {
            trainer.TrainEpoch(examples, epoch);
        }

        var warm = Measure();
        for (var epoch = 11; epoch <= 100; epoch++)
        {
            trainer.TrainEpoch(examples, epoch);
        }

        var end = Measure();
        output.WriteLine($"after 10 epochs: {warm.Tensors} tensors, native heap {warm.NativeBytes / 1024} KiB, resident {warm.Resident / (1024 * 1024)} MiB; " +
                         $"after 100: {end.Tensors} tensors, native heap {end.NativeBytes / 1024} KiB, resident {end.Resident / (1024 * 1024)} MiB");
        end.Tensors.ShouldBe(warm.Tensors, "every step's tensors are released");
        (end.NativeBytes - warm.NativeBytes).ShouldBeLessThan(1L << 20, "the native heap does not grow");
        (end.Resident - warm.Resident).ShouldBeLessThan(16L << 20, "resident memory does not grow");
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "memory";
}
