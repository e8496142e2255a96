using System.Runtime.InteropServices;

namespace Vae.Dsl.Tests.Training;

/// <summary>
/// The bytes the process's C heap has handed out, from glibc's mallinfo2: libtorch allocates every tensor with
/// malloc, so a native leak shows here.
/// </summary>
internal static class NativeHeap
{
    /// <summary>Bytes in use: allocated from the heap's arenas (uordblks) plus blocks mapped on their own (hblkhd).</summary>
    public static long BytesInUse()
    {
        var info = MallInfo2();
        return (long)(info.InUseInArenas + info.MappedBlocks);
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern Info MallInfo2();

    /// <summary>struct mallinfo2 (malloc.h): ten size_t fields.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly struct Info
    {
        public readonly nuint Arena;
        public readonly nuint FreeChunks;
        public readonly nuint FastbinBlocks;
        public readonly nuint MappedRegions;
        public readonly nuint MappedBlocks;
        public readonly nuint MaxTotalAllocated;
        public readonly nuint FastbinBytes;
        public readonly nuint InUseInArenas;
        public readonly nuint FreeInArenas;
        public readonly nuint Releasable;
    }
}
