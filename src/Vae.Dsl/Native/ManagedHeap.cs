using System;

namespace Vae.Dsl.Native;

/// <summary>
/// When a training program collects the managed heap's garbage: once after loading the data, and after every epoch.
/// </summary>
/// <remarks>
/// .NET sizes its youngest generation from the processor's last-level cache, and a VM can report a large one (300 MiB
/// on this project's machine): the collector then lets hundreds of MiB of garbage pile up before it runs, and loading
/// Fashion-MNIST leaves 235 MiB of arrays (the file's bytes and their float copy) that only a full collection frees.
/// Measured with `vae train` (2026-11-21): with no collection of our own, resident memory grew from 722 MiB after
/// epoch 1 by about 30 MiB an epoch, to 1,218 MiB after epoch 20; with a full collection after each epoch it fell to
/// 490 MiB and stayed there. A full collection of a heap that holds almost nothing live takes a few milliseconds.
/// The last collection is aggressive: it also returns the freed space to the system at once, which a normal
/// collection keeps committed until a later one in the first epoch (docs/threads.md, "The managed heap": 200 MiB of
/// the training peak).
/// </remarks>
public static class ManagedHeap
{
    /// <summary>A full, blocking collection, finalizers run, and a second, aggressive one for what they released.</summary>
    public static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
