using System.Runtime.InteropServices;

namespace Vae.Dsl.Native;

/// <summary>
/// OpenBLAS's thread server, from the BLAS library libtorch links (Debian's libblas.so.3 alternative): how many threads
/// run a matrix product, and stopping and starting the worker threads. Each call throws DllNotFoundException or
/// EntryPointNotFoundException where that library is not OpenBLAS.
/// </summary>
internal static class OpenBlasThreadServer
{
    private const string Library = "libblas.so.3";

    [DllImport(Library, EntryPoint = "openblas_set_num_threads")]
    public static extern void SetNumThreads(int count);

    [DllImport(Library, EntryPoint = "openblas_get_num_threads")]
    public static extern int GetNumThreads();

    /// <summary>How this OpenBLAS was built to run in parallel: 0 sequential, 1 its own pthreads, 2 OpenMP.</summary>
    [DllImport(Library, EntryPoint = "openblas_get_parallel")]
    public static extern int GetParallel();

    /// <summary>Stops and joins the worker threads (the next matrix product would start them again).</summary>
    [DllImport(Library, EntryPoint = "blas_thread_shutdown_")]
    public static extern int Shutdown();

    /// <summary>Starts the worker threads from the calling thread, if they are not running.</summary>
    [DllImport(Library, EntryPoint = "blas_thread_init")]
    public static extern int Start();
}
