using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            /// <summary>Fills this tensor in place with draws from U(from, to), from generator or the default one.</summary>
            public Tensor uniform_(double from, double to, Generator? generator = null)
            {
                CheckStatus(NativeMethods.THSTensor_uniform_(Handle, from, to, generator?.Handle ?? IntPtr.Zero));
                GC.KeepAlive(generator);
                GC.KeepAlive(this);
                return this;
            }

            /// <summary>
            /// Draws 0 or 1 for each element, 1 with the element's probability; the result has this tensor's shape and type.
            /// </summary>
            public Tensor bernoulli(Generator? generator = null)
            {
                var result = NativeMethods.THSTensor_bernoulli(Handle, generator?.Handle ?? IntPtr.Zero);
                GC.KeepAlive(generator);
                return Wrap(result);
            }
        }
    }
}
