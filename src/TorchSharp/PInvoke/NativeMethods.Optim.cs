using System;
using System.Runtime.InteropServices;

namespace TorchSharp.PInvoke
{
    internal static partial class NativeMethods
    {
        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSOptim_adam_step(IntPtr* parameters, IntPtr* expAvg, IntPtr* expAvgSq, IntPtr* maxExpAvgSq,
            long* steps, int count, double lr, double beta1, double beta2, double eps, double weightDecay,
            int amsgrad, int maximize, int decoupled);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSOptim_sgd_step(IntPtr* parameters, IntPtr* momentumBuffer, byte* bufferReady, int count,
            double lr, double momentum, double dampening, double weightDecay, int nesterov, int maximize);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSOptim_zero_grad(IntPtr* parameters, int count);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSOptim_clip_grad_norm_(IntPtr* parameters, int count, double maxNorm, double normType, out double totalNorm);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int THSOptim_clip_grad_value_(IntPtr* parameters, int count, double clipValue);
    }
}
