using System.Globalization;
using static TorchSharp.torch;

namespace Vae.Dsl.Native;

/// <summary>The native settings a training run uses, in one place for every program that trains (docs/threads.md).</summary>
public static class NativeSettings
{
    /// <summary>
    /// Applies the thread settings, keeps freed memory for reuse, and sets how denormal numbers are treated on the
    /// calling thread (the one that then trains) and OpenBLAS's; returns a line saying what took effect.
    /// </summary>
    public static string Apply(ThreadSettings threads, DenormalMode denormals = DenormalMode.Flush)
    {
        // The denormal mode first: it restarts OpenBLAS's workers, which then get their number below
        var denormalLine = Denormals.Apply(denormals);
        var blas = NativeThreads.Apply(threads);
        var allocator = NativeAllocator.KeepFreedMemory() ? "freed memory kept for reuse" : "glibc defaults";
        var pools = NativeThreads.SharesOpenMpPool ? " (one OpenMP pool)" : "";
        return $"threads: ATen {get_num_threads()}, OpenBLAS {blas?.ToString(CultureInfo.InvariantCulture) ?? "n/a (not OpenBLAS)"}{pools}; OpenBLAS kernel: {BlasKernels.Description}; allocator: {allocator}; {denormalLine}";
    }
}
