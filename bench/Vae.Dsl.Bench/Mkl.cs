using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;

namespace Vae.Dsl.Bench;

/// <summary>
/// The MKL that runs Vae.Dsl's matrix products: TorchSharp-cpu's libtorch_cpu carries it inside and exports its
/// service functions. libtorch's set_num_threads sizes MKL's threads with its OpenMP pool; <see cref="Threads"/> shows
/// that it did. Where libtorch_cpu lacks them (another build of libtorch), both are null.
/// </summary>
internal static class Mkl
{
    private const string Library = "libtorch_cpu.so";

    /// <summary>MKL's version, e.g. "MKL 2024.2".</summary>
    public static string? Version
    {
        get
        {
            try
            {
                var buffer = new byte[256];
                GetVersionString(buffer, buffer.Length);
                // "Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 ..."
                var text = Encoding.ASCII.GetString(buffer).TrimEnd('\0');
                var version = text.Split(' ').SkipWhile(word => word != "Version").Skip(1).FirstOrDefault()?.Split('-')[0];
                return version is null ? text.Trim() : $"MKL {version}";
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>The threads MKL would run a product on now (mkl_get_max_threads).</summary>
    public static int? Threads
    {
        get
        {
            try
            {
                return GetMaxThreads();
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                return null;
            }
        }
    }

    [DllImport(Library, EntryPoint = "MKL_Get_Version_String")]
    private static extern void GetVersionString(byte[] buffer, int length);

    [DllImport(Library, EntryPoint = "mkl_get_max_threads")]
    private static extern int GetMaxThreads();
}
