using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp.Modules;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            public static partial class utils
            {
                /// <summary>
                /// Scales the gradients in place so that their norm_type-norm, taken over all of them together as one
                /// vector, is at most max_norm: each is multiplied by min(1, max_norm / (total + 1e-6)). Returns the total
                /// norm before clipping. Parameters without a gradient are ignored.
                /// </summary>
                public static unsafe double clip_grad_norm_(IEnumerable<Parameter> tensors, double max_norm, double norm_type = 2.0)
                {
                    var list = tensors.ToList();
                    var handles = list.Select(p => p.Handle).ToArray();
                    double total;
                    fixed (IntPtr* h = handles) {
                        var status = NativeMethods.THSOptim_clip_grad_norm_(h, handles.Length, max_norm, norm_type, out total);
                        GC.KeepAlive(list);
                        CheckStatus(status);
                    }
                    return total;
                }

                /// <summary>Clamps every gradient in place into [-clip_value, clip_value].</summary>
                public static unsafe void clip_grad_value_(IEnumerable<Parameter> tensors, double clip_value)
                {
                    var list = tensors.ToList();
                    var handles = list.Select(p => p.Handle).ToArray();
                    fixed (IntPtr* h = handles) {
                        var status = NativeMethods.THSOptim_clip_grad_value_(h, handles.Length, clip_value);
                        GC.KeepAlive(list);
                        CheckStatus(status);
                    }
                }
            }
        }
    }
}
