using System;
using System.Runtime.InteropServices;

namespace Vae.Dsl.Native;

/// <summary>What float arithmetic does with denormal numbers, those below 2⁻¹²⁶ ≈ 1.18e-38 in float32.</summary>
public enum DenormalMode
{
    /// <summary>Flush to zero: such results become 0 and such inputs read as 0 (no slow microcode assist).</summary>
    Flush,

    /// <summary>IEEE 754 gradual underflow, the processor's default.</summary>
    Keep,
}

/// <summary>
/// Denormal numbers cost a microcode assist, tens to hundreds of cycles, in every arithmetic instruction that
/// meets one. Training makes them: Adam's first moment decays by β₁ = 0.9 each step wherever a gradient stays 0 (a
/// pixel that is mostly background, a dead ReLU), and reaches 1e-38 within a few hundred steps. An epoch of the
/// default model then slows from about 2.7 s to over 4 s, with the same results (docs/threads.md, "Denormal
/// numbers"). Flushing them changes only numbers below 1.18e-38, which no quantity of a VAE's objective depends on.
/// </summary>
/// <remarks>
/// The mode is per thread (the x86-64 MXCSR register), and a thread inherits it from the thread that creates it.
/// <see cref="Apply"/> sets it on the calling thread and on OpenMP's pool threads (the shim runs a parallel region for
/// it), which run libtorch's kernels, and OpenBLAS's too where it is the OpenMP build; with OpenBLAS's pthreads build it
/// then has OpenBLAS replace its worker threads (blas_thread_shutdown_, blas_thread_init) so they inherit it.
/// PyTorch's torch.set_flush_denormal sets the calling thread only; TorchSharp 0.99.6 has no such call, so this
/// uses the binding's native library directly.
/// </remarks>
public static class Denormals
{
    /// <summary>Applies <paramref name="mode"/> to the calling thread, OpenMP's pool and OpenBLAS's workers; returns a line saying what took effect.</summary>
    /// <remarks>Call it while no other thread runs a matrix product: OpenBLAS's workers are stopped and started again.</remarks>
    public static string Apply(DenormalMode mode)
    {
        if (Shim.SetFlushDenormal(mode == DenormalMode.Flush ? 1 : 0) < 0)
        {
            return "denormals: kept (this processor has no flush-to-zero mode)";
        }

        // The shim sets the mode of OpenMP's pool too, which runs OpenBLAS where it is the OpenMP build; OpenBLAS's own
        // pthreads take the mode of the thread that starts them
        var where = NativeThreads.SharesOpenMpPool ? "this thread and the OpenMP pool's, OpenBLAS's among them"
            : RestartBlasWorkers() ? "this thread and OpenBLAS's"
            : "this thread; the BLAS is not OpenBLAS";
        return mode == DenormalMode.Flush ? $"denormals: flushed to zero ({where})" : $"denormals: kept ({where})";
    }

    /// <summary>Applies <paramref name="mode"/> to the calling thread alone (a thread that runs kernels on its own, outside OpenMP's pool).</summary>
    public static void ApplyToThisThread(DenormalMode mode) => Shim.SetFlushDenormal(mode == DenormalMode.Flush ? 1 : 0);

    /// <summary>True when the calling thread flushes denormals to zero.</summary>
    public static bool FlushedOnThisThread()
    {
        // Setting the mode returns the previous one: set it back at once
        var previous = Shim.SetFlushDenormal(1);
        Shim.SetFlushDenormal(previous);
        return previous == 1;
    }

    private static bool RestartBlasWorkers()
    {
        try
        {
            OpenBlasThreadServer.Shutdown();
            OpenBlasThreadServer.Start();
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>The binding's native library (the shim over libtorch).</summary>
    private static class Shim
    {
        [DllImport("LibTorchSharp", EntryPoint = "THS_set_flush_denormal")]
        public static extern int SetFlushDenormal(int on);
    }
}
