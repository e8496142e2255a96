using System;
using System.Runtime.InteropServices;

namespace TorchSharp.PInvoke
{
    internal static partial class NativeMethods
    {
        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSAutograd_backward(IntPtr tensor, IntPtr* grads, int ngrads, int retainGraph, int createGraph, IntPtr* inputs, int ninputs);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr THSTensor_grad(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial int THSTensor_retain_grad(IntPtr tensor);

        [LibraryImport(LibraryName)]
        internal static partial int THSAutograd_is_enabled();

        [LibraryImport(LibraryName)]
        internal static partial int THSAutograd_set_enabled(int enabled);
    }
}
