using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Vae.Dsl.Native;

/// <summary>
/// The right OpenBLAS kernels on every CPU. Debian's OpenBLAS 0.3.21 does not know recent Intel CPUs and falls back
/// to its oldest x86-64 kernels ("Prescott"), about 4x slower for matrix products than the AVX-512 ones. When OpenBLAS
/// chose such a generic kernel and the CPU has AVX-512 (or AVX2 with FMA), this selects SkylakeX (or Haswell)
/// kernels: it sets OPENBLAS_CORETYPE in the process's native environment (Environment.SetEnvironmentVariable would
/// not reach getenv) and has OpenBLAS choose again (gotoblas_dynamic_quit, then gotoblas_dynamic_init, which reads
/// OPENBLAS_CORETYPE), before any matrix product has run. A user's own OPENBLAS_CORETYPE wins: then nothing changes.
/// It runs once, when this assembly loads; <see cref="Description"/> says what happened.
/// </summary>
public static class BlasKernels
{
    private static readonly object Gate = new();
    private static string? description;

    /// <summary>The OpenBLAS kernel in use and why: "SkylakeX (selected for AVX-512; OpenBLAS chose Prescott)".</summary>
    public static string Description => Select();

    /// <summary>The kernel name this process chose for OpenBLAS, or null where it kept OpenBLAS's own choice.</summary>
    public static string? Selected { get; private set; }

#pragma warning disable CA2255 // A library's initializer is the point: the kernels must be chosen before any matrix product runs.
    [ModuleInitializer]
    internal static void SelectWhenLoaded() => Select();
#pragma warning restore CA2255

    /// <summary>Selects the kernels once (later calls return the first result).</summary>
    public static string Select()
    {
        lock (Gate)
        {
            return description ??= SelectOnce();
        }
    }

    private static string SelectOnce()
    {
        // Which OpenBLAS build is loaded must be settled before this class loads OpenBLAS for itself
        OpenMpBlas.LoadIfChosen();
        try
        {
            var chosen = OpenBlas.CoreName();
            var requested = Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE");
            if (!string.IsNullOrEmpty(requested))
            {
                return $"{chosen} (OPENBLAS_CORETYPE={requested})";
            }

            if (chosen is not ("Prescott" or "Core2" or "Unknown") || Better() is not { } better)
            {
                return $"{chosen} (OpenBLAS's choice)";
            }

            if (Libc.SetEnv("OPENBLAS_CORETYPE", better.Kernel, overwrite: 1) != 0)
            {
                return $"{chosen} (OpenBLAS's choice; OPENBLAS_CORETYPE could not be set)";
            }

            OpenBlas.DynamicQuit();
            OpenBlas.DynamicInit();
            Selected = better.Kernel;
            return $"{OpenBlas.CoreName()} (selected for {better.Feature}; OpenBLAS chose {chosen})";
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return "n/a (the BLAS is not OpenBLAS)";
        }
    }

    /// <summary>The best OpenBLAS kernel family the CPU can run, by its instruction sets.</summary>
    private static (string Kernel, string Feature)? Better() =>
        Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported ? ("SkylakeX", "AVX-512")
        : Avx2.IsSupported && Fma.IsSupported ? ("Haswell", "AVX2")
        : null;

    private static class OpenBlas
    {
        private const string Library = "libopenblas.so.0";

        public static string CoreName() => Marshal.PtrToStringAnsi(GetCoreName()) ?? "Unknown";

        [DllImport(Library, EntryPoint = "openblas_get_corename")]
        private static extern IntPtr GetCoreName();

        [DllImport(Library, EntryPoint = "gotoblas_dynamic_quit")]
        public static extern void DynamicQuit();

        [DllImport(Library, EntryPoint = "gotoblas_dynamic_init")]
        public static extern void DynamicInit();
    }

    private static class Libc
    {
        [DllImport("libc", EntryPoint = "setenv")]
        public static extern int SetEnv([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);
    }
}
