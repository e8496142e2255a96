using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    /// <summary>Sets the calling thread's grad mode for its lifetime and restores the previous mode on Dispose.</summary>
    internal sealed class AutoGradMode : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        internal AutoGradMode(bool enabled)
        {
            previous = NativeMethods.THSAutograd_set_enabled(enabled ? 1 : 0) != 0;
        }

        internal static bool IsEnabled => NativeMethods.THSAutograd_is_enabled() != 0;

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            NativeMethods.THSAutograd_set_enabled(previous ? 1 : 0);
        }
    }
}
