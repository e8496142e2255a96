using System;
using System.Runtime.InteropServices;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>
        /// Throws an <see cref="ExternalException"/> carrying libtorch's message if the last native call on this
        /// thread failed.
        /// </summary>
        public static void CheckForErrors()
        {
            var error = NativeMethods.THS_get_and_reset_last_error();
            if (error != IntPtr.Zero)
                throw new ExternalException(Marshal.PtrToStringUTF8(error));
        }

        /// <summary>Checks the status a void native function returned.</summary>
        internal static void CheckStatus(int status)
        {
            if (status != 0) {
                CheckForErrors();
                throw new ExternalException("A native libtorch call failed without a message.");
            }
        }
    }
}
