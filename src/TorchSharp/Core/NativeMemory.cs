using TorchSharp.PInvoke;

namespace TorchSharp
{
    /// <summary>Diagnostics of the native heap, for tests that check tensors give their memory back.</summary>
    internal static class NativeMemory
    {
        /// <summary>Bytes the C heap currently holds for the process, small and mmapped blocks together.</summary>
        internal static long BytesInUse() => NativeMethods.THS_native_bytes_in_use();
    }
}
