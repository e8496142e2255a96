using System;
using System.Runtime.InteropServices;

namespace Vae.Dsl.Native;

/// <summary>
/// glibc's malloc, which libtorch allocates every tensor with, and TorchSharp every scalar argument
/// (docs/threads.md, "The allocator").
/// </summary>
/// <remarks>
/// <para>
/// By default glibc serves large blocks with mmap and hands freed memory straight back to the kernel, so a training
/// step that frees and re-allocates the same few hundred-kilobyte tensors pays for fresh zeroed pages every time.
/// <see cref="KeepFreedMemory"/> keeps freed memory in the heap for reuse instead.
/// </para>
/// <para>
/// That heap fragments unless small long-lived blocks have a place of their own. Every scalar argument of a tensor
/// operation in TorchSharp (<c>x * 0.5</c>, Adam's <c>mul_(β₁)</c>) is a 32-byte <c>at::Scalar</c> on the heap that
/// only the .NET finalizer frees, after the next garbage collection: about 90 a step on the default model, a few
/// hundred steps apart. With nothing free of their size, glibc cuts each from a freed tensor's block, which then no
/// longer holds the next tensor of that size, and the heap grew by 2.4 MiB a step until the first collection: 67 MiB to
/// about 800 MiB in the first epoch, with 77 MiB in use. <see cref="ReserveScalarBlocks"/> gives them a place
/// beforehand: it frees thousands of blocks of their size, each fenced in by a 1-byte block kept for good, so that
/// glibc can neither merge them back into larger free blocks nor need to cut scalars from tensors' blocks.
/// </para>
/// </remarks>
public static class NativeAllocator
{
    // mallopt parameters, from glibc's malloc.h.
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    /// <summary>glibc's ceiling for the mmap threshold on 64-bit systems: 32 MiB.</summary>
    private const int LargestMmapThreshold = 32 * 1024 * 1024;

    /// <summary>sizeof(at::Scalar) in libtorch 2.x, what TorchSharp's THSTorch_*_to_scalar allocate with new.</summary>
    public const int ScalarBytes = 32;

    /// <summary>
    /// Blocks <see cref="ReserveScalarBlocks"/> reserves: room for the scalars of about 2,900 steps of the default
    /// model (90 a step) between two collections; 20 MiB with their fences. 65,536 left the heap growing in 2 of 5
    /// benchmark runs (docs/threads.md, "The allocator").
    /// </summary>
    public const int ScalarBlocks = 262144;

    private static int reserved;

    /// <summary>Serves blocks below 32 MiB from the heap and never trims it; returns false where glibc refuses.</summary>
    public static bool KeepFreedMemory() =>
        Mallopt(MmapThreshold, LargestMmapThreshold) == 1 && Mallopt(TrimThreshold, int.MaxValue) == 1;

    /// <summary>
    /// Once per process, on the calling thread's heap (glibc gives each thread an arena: call it on the thread that
    /// trains, where the scalars are made), frees <paramref name="count"/> blocks
    /// of <see cref="ScalarBytes"/>, each between two 1-byte blocks that stay allocated, for the heap to hand out to
    /// scalars. Returns the blocks reserved (by the first call), 0 where this is not glibc on Linux.
    /// </summary>
    public static int ReserveScalarBlocks(int count = ScalarBlocks)
    {
        if (!OperatingSystem.IsLinux() || !IsGlibc())
        {
            return 0;
        }

        if (reserved > 0)
        {
            return reserved;
        }

        var blocks = new IntPtr[count];
        for (var i = 0; i < count; i++)
        {
            blocks[i] = Malloc(ScalarBytes);
            // The fence: allocated right after the block, never freed, so the block cannot merge with its neighbour
            _ = Malloc(1);
        }

        foreach (var block in blocks)
        {
            Free(block);
        }

        reserved = count;
        return count;
    }

    private static bool IsGlibc() => NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _);

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int parameter, int value);

    [DllImport("libc", EntryPoint = "malloc")]
    private static extern IntPtr Malloc(nuint size);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr block);
}
