using System;
using System.Threading;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

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
/// Denormal numbers cost a microcode assist, tens to hundreds of cycles, in every arithmetic instruction that meets
/// one. Training makes them: Adam's first moment decays by β₁ = 0.9 each step wherever a gradient stays 0 (a pixel
/// that is mostly background, a dead ReLU), and reaches 1e-38 within a few hundred steps. Flushing them changes only
/// numbers below 1.18e-38, which no quantity of a VAE's objective depends on (docs/threads.md, "Denormal numbers").
/// </summary>
/// <remarks>
/// The mode is per thread (the x86-64 MXCSR register). libtorch sets it with the static
/// <c>at::Context::setFlushDenormal(bool)</c> (PyTorch's torch.set_flush_denormal), on the calling thread only; TorchSharp does not bind it, so this calls
/// libtorch_cpu's export, found by name at run time. To reach the threads of libtorch's OpenMP pool, which run its
/// kernels, it runs that call once on every thread of the pool, in a parallel region (libgomp's GOMP_parallel, found
/// through libtorch_cpu's own dependencies). Where either export is missing (another platform, another libtorch) it
/// changes nothing and says so: it never calls a symbol the loaded library lacks.
/// </remarks>
public static unsafe class Denormals
{
    /// <summary>Applies <paramref name="mode"/> to the calling thread and libtorch's pool; returns a line saying what took effect.</summary>
    public static string Apply(DenormalMode mode)
    {
        if (LibTorch.Instance is not { } libtorch)
        {
            return "denormals: kept (libtorch_cpu's flush-denormal switch was not found)";
        }

        if (!libtorch.SetFlushDenormal(mode == DenormalMode.Flush))
        {
            return "denormals: kept (this processor has no flush-to-zero mode)";
        }

        var where = libtorch.RunOnEveryPoolThread(mode == DenormalMode.Flush) ? "this thread and libtorch's pool" : "this thread; libtorch's pool not reached";
        return mode == DenormalMode.Flush ? $"denormals: flushed to zero ({where})" : $"denormals: kept ({where})";
    }

    /// <summary>Applies <paramref name="mode"/> to the calling thread alone (a thread that runs kernels on its own, outside the pool).</summary>
    public static void ApplyToThisThread(DenormalMode mode) => LibTorch.Instance?.SetFlushDenormal(mode == DenormalMode.Flush);

    /// <summary>True when the calling thread flushes denormals to zero (the MXCSR's flush-to-zero bit).</summary>
    public static bool FlushedOnThisThread()
    {
        // 1e-30f * 1e-10f is 1e-40, a denormal: 0 exactly when results are flushed (fields, so the JIT cannot fold it)
        return Volatile.Read(ref small) * Volatile.Read(ref smaller) == 0f;
    }

    private static float small = 1e-30f;
    private static float smaller = 1e-10f;

    /// <summary>libtorch_cpu's exports that this uses, resolved once.</summary>
    private sealed class LibTorch
    {
        private readonly delegate* unmanaged<int, byte> setFlushDenormal;
        private readonly delegate* unmanaged<delegate* unmanaged<IntPtr, void>, IntPtr, uint, uint, void> parallel;

        private LibTorch(IntPtr setFlushDenormal, IntPtr parallel)
        {
            this.setFlushDenormal = (delegate* unmanaged<int, byte>)setFlushDenormal;
            this.parallel = (delegate* unmanaged<delegate* unmanaged<IntPtr, void>, IntPtr, uint, uint, void>)parallel;
        }

        public static LibTorch? Instance { get; } = Resolve();

        /// <summary><c>at::Context::setFlushDenormal(on)</c> on the calling thread; false where the processor cannot.</summary>
        /// <remarks>The bool goes as a whole 32-bit int, so that no upper bits of its register are left as they were.</remarks>
        public bool SetFlushDenormal(bool on) => setFlushDenormal(on ? 1 : 0) != 0;

        /// <summary>Sets the mode on every thread of the calling thread's OpenMP pool; false where libgomp was not found.</summary>
        public bool RunOnEveryPoolThread(bool on)
        {
            if (parallel is null)
            {
                return false;
            }

            // GOMP_parallel(fn, data, 0 threads = the pool's size, no flags) runs fn(data) on every thread of the team
            parallel(&SetOnPoolThread, on ? 1 : 0, 0, 0);
            return true;
        }

        [UnmanagedCallersOnly]
        private static void SetOnPoolThread(IntPtr on) => Instance?.SetFlushDenormal(on != 0);

        private static LibTorch? Resolve()
        {
            // TorchSharp loads libtorch_cpu when torch is first used; a name the process has loaded resolves to that copy
            _ = get_num_threads();
            if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libtorch_cpu.so", out var library))
            {
                return null;
            }

            if (!NativeLibrary.TryGetExport(library, "_ZN2at7Context16setFlushDenormalEb", out var setFlushDenormal))
            {
                return null;
            }

            // dlsym on libtorch_cpu's handle searches its dependencies too, its own libgomp among them
            NativeLibrary.TryGetExport(library, "GOMP_parallel", out var parallel);
            return new LibTorch(setFlushDenormal, parallel);
        }
    }
}
