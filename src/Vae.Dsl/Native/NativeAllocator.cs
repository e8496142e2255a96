using System.Runtime.InteropServices;

namespace Vae.Dsl.Native;

/// <summary>
/// glibc's malloc, which libtorch allocates every tensor with. By default it serves large blocks with mmap and
/// hands freed memory straight back to the kernel, so a training step that frees and re-allocates the same few
/// hundred-kilobyte tensors pays for fresh zeroed pages (page faults, clear_page) every time.
/// <see cref="KeepFreedMemory"/> keeps freed memory in the heap for reuse: measured 15–25% off an epoch of the
/// default model (docs/threads.md). The cost: the process keeps its peak memory until it exits.
/// </summary>
public static class NativeAllocator
{
    // mallopt parameters, from glibc's malloc.h.
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    /// <summary>glibc's ceiling for the mmap threshold on 64-bit systems: 32 MiB.</summary>
    private const int LargestMmapThreshold = 32 * 1024 * 1024;

    /// <summary>Serves blocks below 32 MiB from the heap and never trims it; returns false where glibc refuses.</summary>
    public static bool KeepFreedMemory() =>
        Mallopt(MmapThreshold, LargestMmapThreshold) == 1 && Mallopt(TrimThreshold, int.MaxValue) == 1;

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);
}
