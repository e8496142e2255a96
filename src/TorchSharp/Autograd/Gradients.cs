using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using TorchSharp.PInvoke;
using static TorchSharp.torch;

namespace TorchSharp
{
    /// <summary>What the optimizers' and modules' zero_grad share.</summary>
    internal static class Gradients
    {
        /// <summary>
        /// Zeroes the gradients of the parameters in one native call: a gradient nothing else references is released,
        /// not filled, and reads as zeros until backward gives it a new one (Native/released_grads.h).
        /// </summary>
        internal static unsafe void Zero(IEnumerable<Parameter> parameters)
        {
            var kept = parameters.ToArray();
            var handles = kept.Select(p => p.Handle).ToArray();
            fixed (IntPtr* h = handles) CheckStatus(NativeMethods.THSOptim_zero_grad(h, handles.Length));
            GC.KeepAlive(kept);
        }
    }
}
