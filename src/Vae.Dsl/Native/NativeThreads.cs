using System;
using static TorchSharp.torch;

namespace Vae.Dsl.Native;

/// <summary>
/// The two thread pools under a training run: libtorch's OpenMP threads (elementwise kernels, reductions)
/// and OpenBLAS's own pthreads (matrix products). With both running on a small machine they fight for the
/// cores. <see cref="Recommended"/> is the setting measured fastest here; docs/threads.md has the figures.
/// </summary>
public static class NativeThreads
{
    /// <summary>The measured choice: OpenBLAS on every core for the matrix products, ATen single-threaded.</summary>
    public static ThreadSettings Recommended => new(AtenThreads: 1, BlasThreads: Environment.ProcessorCount);

    /// <summary>Applies the settings; returns what OpenBLAS reports afterwards (null when the BLAS is not OpenBLAS).</summary>
    public static int? Apply(ThreadSettings settings)
    {
        set_num_threads(settings.AtenThreads);
        try
        {
            OpenBlasThreadServer.SetNumThreads(settings.BlasThreads);
            return OpenBlasThreadServer.GetNumThreads();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }
}
