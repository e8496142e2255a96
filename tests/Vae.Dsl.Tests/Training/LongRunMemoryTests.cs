using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Shouldly;
using TorchSharp;
using Vae.Dsl.Data;
using Vae.Dsl.Native;
using Vae.Dsl.Tests.Models;
using Xunit;
using Xunit.Abstractions;

namespace Vae.Dsl.Tests.Training;

/// <summary>
/// 120 epochs of the generated trainer (960 steps) keep the number of live tensors where it was after 20, and neither
/// the native heap nor the process's resident memory grows from one stretch of 40 steps to the next.
/// </summary>
/// <remarks>
/// A leak grows with every step, so it shows in every stretch; the runtime itself (the JIT, a finalizer, a thread's
/// first buffer) allocates now and then, which shows in one stretch. The test therefore counts the stretches that
/// grew: a native leak of 2 KB per step or more grows all 20 by more than 64 KiB and fails; a one-off allocation
/// of any size grows one and passes.
/// </remarks>
[Collection(MemoryCollection.Name)]
public class LongRunMemoryTests(ITestOutputHelper output)
{
    private const int WarmUpEpochs = 20;
    private const int EpochsPerStretch = 5;
    private const int Stretches = 20;

    [Fact]
    public void HundredTwentyEpochs_KeepTensorsNativeHeapAndResidentMemoryFlat()
    {
        using var data = SyntheticData.Binary(256, seed: 9);
        using var trainer = TinyVaeTrainer.Create();
        var examples = new VaeData(data);

        // 20 epochs to warm up (caches, pools, MKL's buffers), then 20 stretches of 5 epochs (40 steps) each
        var epoch = 0;
        while (epoch < WarmUpEpochs)
        {
            trainer.TrainEpoch(examples, ++epoch);
        }

        var samples = new List<Sample> { Sample.Take(epoch) };
        for (var stretch = 0; stretch < Stretches; stretch++)
        {
            for (var i = 0; i < EpochsPerStretch; i++)
            {
                trainer.TrainEpoch(examples, ++epoch);
            }

            samples.Add(Sample.Take(epoch));
        }

        foreach (var s in samples)
        {
            output.WriteLine($"after {s.Epoch} epochs: {s.Tensors} tensors, native heap {s.NativeBytes / 1024} KiB, resident {s.Resident / (1024 * 1024)} MiB");
        }

        samples.ShouldAllBe(s => s.Tensors == samples[0].Tensors, "every step's tensors are released");
        var steps = samples.Zip(samples.Skip(1)).ToArray();
        steps.Count(p => p.Second.NativeBytes - p.First.NativeBytes > 64 << 10)
            .ShouldBeLessThan(Stretches / 2, "the native heap grows by more than 64 KiB in at most a few stretches of 40 steps");
        steps.Count(p => p.Second.Resident - p.First.Resident > 1 << 20)
            .ShouldBeLessThan(Stretches / 2, "resident memory grows by more than 1 MiB in at most a few stretches of 40 steps");
    }

    private sealed record Sample(int Epoch, long Tensors, long NativeBytes, long Resident)
    {
        public static Sample Take(int epoch)
        {
            ManagedHeap.Collect();
            return new Sample(epoch, torch.Tensor.TotalCount, NativeHeap.BytesInUse(), Process.GetCurrentProcess().WorkingSet64);
        }
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryCollection
{
    public const string Name = "memory";
}
