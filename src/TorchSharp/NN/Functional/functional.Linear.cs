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
                /// <summary>input Wᵀ + b for weights W of shape (out, in) and an optional bias of shape (out).</summary>
                public static Tensor linear(Tensor input, Tensor weights, Tensor? bias = null) =>
                    input.Wrap(NativeMethods.THSNN_linear(input.Handle, weights.Handle, bias?.Handle ?? IntPtr.Zero), weights, bias);
            }
        }
    }
}
