using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static partial class functional
            {
                /// <summary>
                /// -[pos_weight · y · log σ(x) + (1 - y) · log(1 - σ(x))] · weight, computed stably from the logits x,
                /// then reduced.
                /// </summary>
                public static Tensor binary_cross_entropy_with_logits(Tensor input, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, Tensor? pos_weights = null)
                {
                    var result = NativeMethods.THSNN_binary_cross_entropy_with_logits(input.Handle, target.Handle,
                        weight?.Handle ?? IntPtr.Zero, pos_weights?.Handle ?? IntPtr.Zero, (long)reduction);
                    GC.KeepAlive(weight);
                    GC.KeepAlive(pos_weights);
                    return input.Wrap(result, target);
                }
            }
        }
    }
}
