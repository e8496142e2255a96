using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Vae.Dsl.Native;

/// <summary>
/// One thread pool for all native work. libtorch runs its elementwise kernels, and the binding its fused kernels, on
/// OpenMP's pool; Debian's default OpenBLAS keeps a pool of its own (pthreads), and two pools that spin while idle
/// fight for the cores. Debian's OpenMP build of OpenBLAS (libopenblas0-openmp) runs matrix products on OpenMP's
/// pool instead. Loaded before libtorch, it is the one libtorch links to: libtorch asks for libblas.so.3, which asks
/// for libopenblas.so.0, and the loader gives it the library already loaded under that name.
/// </summary>
/// <remarks>
/// A program opts in, because OpenBLAS 0.3.21's OpenMP build must not run matrix products for two threads at once (two
/// test classes doing so in parallel hung in its thread server): `vae` and the benchmark, which run every tensor
/// operation on one thread, set the switch <c>Vae.Dsl.OpenMpBlas</c> in their runtimeconfig.json (the project file's
/// RuntimeHostConfigurationOption). The environment variable VAE_DSL_OPENBLAS overrides it: <c>openmp</c> or
/// <c>system</c> (Debian's alternative, the pthreads build by default). docs/threads.md has the measurements.
/// </remarks>
public static class OpenMpBlas
{
    /// <summary>The runtimeconfig.json switch a program sets to run OpenBLAS on OpenMP's pool.</summary>
    public const string Switch = "Vae.Dsl.OpenMpBlas";

    private const string LibraryName = "libopenblas.so.0";

    // dlopen's flags: resolve lazily; only find a library that is already loaded.
    private const int RtldLazy = 0x1;
    private const int RtldNoLoad = 0x4;

    /// <summary>
    /// Loads the OpenMP build when the program asked for it, it is installed, and no OpenBLAS is loaded yet (once
    /// libtorch or OpenBLAS is loaded, the build is what it is). Runs before anything else here loads OpenBLAS.
    /// </summary>
    internal static void LoadIfChosen()
    {
        if (!Chosen() || InstalledPath is not { } path || IsLoaded())
        {
            return;
        }

        NativeLibrary.TryLoad(path, out _);
    }

    private static bool Chosen() => Environment.GetEnvironmentVariable("VAE_DSL_OPENBLAS") switch
    {
        "openmp" => true,
        "system" => false,
        _ => AppContext.TryGetSwitch(Switch, out var on) && on,
    };

    /// <summary>
    /// Where Debian's OpenMP build of OpenBLAS is installed (each build has a directory of its own under the multiarch
    /// library directory), or null where it is not.
    /// </summary>
    public static string? InstalledPath
    {
        get
        {
            var multiarch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "x86_64-linux-gnu",
                Architecture.Arm64 => "aarch64-linux-gnu",
                _ => null,
            };
            if (!OperatingSystem.IsLinux() || multiarch is null)
            {
                return null;
            }

            var path = Path.Combine("/usr/lib", multiarch, "openblas-openmp", LibraryName);
            return File.Exists(path) ? path : null;
        }
    }

    private static bool IsLoaded() => Dl.Open(LibraryName, RtldLazy | RtldNoLoad) != IntPtr.Zero;

    private static class Dl
    {
        [DllImport("libc", EntryPoint = "dlopen")]
        public static extern IntPtr Open([MarshalAs(UnmanagedType.LPStr)] string file, int mode);
    }
}
