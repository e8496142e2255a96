namespace Vae.Dsl.Native;

/// <summary>The native settings a training run uses, in one place for every program that trains (docs/threads.md).</summary>
public static class NativeSettings
{
    /// <summary>
    /// Sets how denormal numbers are treated (before the thread pool starts, so that its threads inherit it), sizes
    /// libtorch's pool, keeps freed memory for reuse and reserves the scalars' blocks on the calling thread's heap;
    /// makes MKL choose its code paths by the processor's features (docs/threads.md); returns what took effect, a line
    /// for each (threads, matrix products, allocator, denormals), short enough that a terminal does not wrap them.
    /// </summary>
    public static string Apply(int threads, DenormalMode denormals = DenormalMode.Flush)
    {
        // first, before anything reaches MKL: once libtorch_cpu has asked MKL's own answer, its binding stays
        var mkl = Kernels.NativeKernels.TryMklDispatchByFeatures()
            ? "MKL's code paths chosen by the processor's features"
            : "MKL's code paths as it chooses them";
        var denormalLine = Denormals.Apply(denormals);
        var inUse = NativeThreads.Apply(threads);
        var allocator = NativeAllocator.KeepFreedMemory() ? "freed memory kept for reuse" : "glibc defaults";
        var scalars = NativeAllocator.ReserveScalarBlocks();
        var reserve = scalars > 0 ? $", {scalars} scalar blocks reserved" : string.Empty;
        return $"threads: libtorch {inUse} (OpenMP, MKL on the same pool)\nmatrix products: {mkl}\nallocator: {allocator}{reserve}\n{denormalLine}";
    }
}
