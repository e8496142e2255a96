using System;
using static TorchSharp.torch;

namespace Vae.Dsl.Native;

/// <summary>
/// The threads under a training run. libtorch 2.10 runs its elementwise kernels and MKL's matrix products on one
/// OpenMP pool (its own libgomp); <c>torch.set_num_threads</c> sizes it, and MKL follows it (docs/threads.md).
/// </summary>
public static class NativeThreads
{
    /// <summary>The measured choice: the pool on every core.</summary>
    public static int Recommended => Environment.ProcessorCount;

    /// <summary>The threads libtorch's pool runs on now.</summary>
    public static int Current => get_num_threads();

    /// <summary>Sizes libtorch's pool (and so MKL's); returns the size that took effect.</summary>
    public static int Apply(int threads)
    {
        set_num_threads(threads);
        return get_num_threads();
    }
}
