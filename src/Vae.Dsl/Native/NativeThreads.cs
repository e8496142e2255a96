using System;
using static TorchSharp.torch;

namespace Vae.Dsl.Native;

/// <summary>
/// The thread pools under a training run: libtorch's OpenMP threads (elementwise kernels, reductions, the binding's
/// fused kernels) and OpenBLAS's (matrix products). With Debian's OpenMP build of OpenBLAS, which `vae` and the
/// benchmark load where it is installed (<see cref="OpenMpBlas"/>), they are one OpenMP pool; with its pthreads build
/// they are two pools that fight for the cores of a small machine. <see cref="Recommended"/> is the setting measured
/// fastest for each; docs/threads.md has the figures.
/// </summary>
public static class NativeThreads
{
    /// <summary>
    /// The measured choice: one OpenMP pool on every core (OpenBLAS's OpenMP build), or else OpenBLAS on every core
    /// and ATen single-threaded, so that ATen's OpenMP threads do not spin on the cores OpenBLAS's pthreads need.
    /// </summary>
    public static ThreadSettings Recommended => SharesOpenMpPool
        ? new(AtenThreads: Environment.ProcessorCount, BlasThreads: Environment.ProcessorCount)
        : new(AtenThreads: 1, BlasThreads: Environment.ProcessorCount);

    /// <summary>How the loaded OpenBLAS runs in parallel: OpenMP, pthreads or sequential; null when the BLAS is not OpenBLAS.</summary>
    public static string? BlasThreading
    {
        get
        {
            BlasKernels.Select();
            try
            {
                return OpenBlasThreadServer.GetParallel() switch
                {
                    2 => "OpenMP",
                    1 => "pthreads",
                    _ => "sequential",
                };
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>Whether OpenBLAS runs on OpenMP's pool, the one libtorch's threads are (its OpenMP build).</summary>
    public static bool SharesOpenMpPool => BlasThreading == "OpenMP";

    /// <summary>
    /// The settings in effect on the calling thread: ATen's thread count, and OpenBLAS's (ATen's where the BLAS is not
    /// OpenBLAS), so that <see cref="Apply"/> of it restores them.
    /// </summary>
    public static ThreadSettings Current
    {
        get
        {
            var aten = get_num_threads();
            try
            {
                return new(aten, OpenBlasThreadServer.GetNumThreads());
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return new(aten, aten);
            }
        }
    }

    /// <summary>
    /// Applies the settings; returns what OpenBLAS reports afterwards (null when the BLAS is not OpenBLAS). With
    /// OpenBLAS's OpenMP build both numbers set the one pool's size, the second last.
    /// </summary>
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
