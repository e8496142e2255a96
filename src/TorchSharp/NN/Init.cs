using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    /// <summary>The parameter initializations the built-in modules use (torch.nn.init's formulas).</summary>
    internal static class Init
    {
        /// <summary>
        /// kaiming_uniform_(tensor, a) for a 2-D weight of fan_in columns: U(-bound, bound) with
        /// bound = √3 · √(2 / (1 + a²)) / √fan_in, computed in the same order as PyTorch so the draws match it.
        /// </summary>
        internal static void KaimingUniform(torch.Tensor tensor, double a, long fanIn)
        {
            var gain = Math.Sqrt(2.0 / (1 + a * a));
            var std = gain / Math.Sqrt(fanIn);
            var bound = Math.Sqrt(3.0) * std;
            Uniform(tensor, -bound, bound);
        }

        internal static void Uniform(torch.Tensor tensor, double from, double to)
        {
            torch.CheckStatus(NativeMethods.THSTensor_uniform_(tensor.Handle, from, to, IntPtr.Zero));
            GC.KeepAlive(tensor);
        }
    }
}
