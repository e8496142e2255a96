using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Vae.Dsl.Bench;

/// <summary>
/// The OpenBLAS the PyTorch reference runs its matrix products on, chosen through its process's environment so that
/// it runs at its best (docs/threads.md). Debian's python3-torch (libtorch 1.13.1) calls Debian's OpenBLAS 0.3.21:
/// <list type="bullet">
/// <item>Its OpenMP build (libopenblas0-openmp), where installed, preloaded (LD_PRELOAD): libtorch's libblas.so.3 asks
/// for libopenblas.so.0 and gets the library already loaded under that name, so the matrix products run on the one
/// OpenMP pool with torch's threads, all the cores. Debian's default, the pthreads build, keeps a pool of its own
/// that fights torch's for the cores: with it PyTorch is fastest on one torch thread.</item>
/// <item>The kernels for the CPU's widest vectors: OpenBLAS 0.3.21 does not know recent CPUs and falls back to its
/// generic Prescott kernels, about 4x slower for matrix products. OPENBLAS_CORETYPE names the family instead:
/// SkylakeX where the CPU has AVX-512 (F, BW, DQ, VL), Haswell where it has AVX2 with FMA, also where OpenBLAS knows
/// the CPU (its Zen kernels are Haswell's single-precision ones, with the same blocking). A user's own
/// OPENBLAS_CORETYPE reaches the script unchanged.</item>
/// </list>
/// </summary>
internal static class ReferenceOpenBlas
{
    /// <summary>Where Debian's OpenMP build of OpenBLAS is installed, or null where it is not.</summary>
    public static string? OpenMpBuild { get; } = FindOpenMpBuild();

    /// <summary>torch.set_num_threads for the script: every core on the one OpenMP pool, or 1 beside the pthreads build.</summary>
    public static int Threads => OpenMpBuild is null ? 1 : Environment.ProcessorCount;

    /// <summary>
    /// Sets the OpenBLAS build and kernels in the script's environment; returns why the kernels are what they are,
    /// e.g. "OPENBLAS_CORETYPE=Haswell, set for AVX2 with FMA".
    /// </summary>
    public static string Configure(ProcessStartInfo start)
    {
        if (OpenMpBuild is { } library)
        {
            var preloaded = Environment.GetEnvironmentVariable("LD_PRELOAD");
            start.Environment["LD_PRELOAD"] = string.IsNullOrEmpty(preloaded) ? library : $"{library}:{preloaded}";
        }

        if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is { Length: > 0 } requested)
        {
            return $"OPENBLAS_CORETYPE={requested}, yours";
        }

        var (kernel, feature) =
            Avx512F.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported && Avx512F.VL.IsSupported ? ("SkylakeX", "AVX-512")
            : Avx2.IsSupported && Fma.IsSupported ? ("Haswell", "AVX2 with FMA")
            : (null, null);
        if (kernel is null)
        {
            return "OpenBLAS's own choice: the CPU has neither AVX-512 nor AVX2 with FMA";
        }

        start.Environment["OPENBLAS_CORETYPE"] = kernel;
        return $"OPENBLAS_CORETYPE={kernel}, set for {feature}";
    }

    private static string? FindOpenMpBuild()
    {
        // Each of Debian's OpenBLAS builds has a directory of its own under the multiarch library directory
        var multiarch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x86_64-linux-gnu",
            Architecture.Arm64 => "aarch64-linux-gnu",
            _ => null,
        };
        var path = $"/usr/lib/{multiarch}/openblas-openmp/libopenblas.so.0";
        return OperatingSystem.IsLinux() && multiarch is not null && File.Exists(path) ? path : null;
    }
}
