using System;
using System.Collections.Generic;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        public partial class Tensor
        {
            /// <summary>Whether operations on this tensor are recorded for gradients.</summary>
            public bool requires_grad {
                get => NativeMethods.THSTensor_requires_grad(Handle) != 0;
                set {
                    CheckStatus(NativeMethods.THSTensor_set_requires_grad(Handle, value ? 1 : 0));
                    GC.KeepAlive(this);
                }
            }

            public Tensor requires_grad_(bool requires_grad = true)
            {
                this.requires_grad = requires_grad;
                return this;
            }

            /// <summary>The accumulated gradient (a new reference to it), or null if backward has not reached this tensor.</summary>
            public Tensor? grad()
            {
                var result = NativeMethods.THSTensor_grad(Handle);
                GC.KeepAlive(this);
                if (result == IntPtr.Zero) {
                    CheckForErrors();
                    return null;
                }
                return new Tensor(result);
            }

            /// <summary>Makes this (non-leaf) tensor keep its gradient, readable with grad(), after backward.</summary>
            public void retain_grad()
            {
                CheckStatus(NativeMethods.THSTensor_retain_grad(Handle));
                GC.KeepAlive(this);
            }

            /// <summary>Computes the gradients of this (scalar) tensor with respect to the graph leaves.</summary>
            public void backward() => backward(null);

            /// <summary>
            /// Computes the gradients of this tensor with respect to the graph leaves (or only inputs, if given),
            /// seeded with grad_tensors for a non-scalar tensor.
            /// </summary>
            public unsafe void backward(IList<Tensor>? grad_tensors = null, bool create_graph = false, bool retain_graph = false, IList<Tensor>? inputs = null)
            {
                var grads = Handles(grad_tensors);
                var leaves = Handles(inputs);
                fixed (IntPtr* g = grads, l = leaves) {
                    var status = NativeMethods.THSAutograd_backward(Handle, g, grads.Length, retain_graph ? 1 : 0, create_graph ? 1 : 0, l, leaves.Length);
                    GC.KeepAlive(this);
                    GC.KeepAlive(grad_tensors);
                    GC.KeepAlive(inputs);
                    CheckStatus(status);
                }
            }

            internal static IntPtr[] Handles(IEnumerable<Tensor>? tensors)
            {
                if (tensors is null) return Array.Empty<IntPtr>();
                var result = new List<IntPtr>();
                foreach (var t in tensors) result.Add(t.Handle);
                return result.ToArray();
            }
        }
    }
}
