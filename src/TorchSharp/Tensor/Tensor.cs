using System;
using System.Runtime.InteropServices;
using System.Threading;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>
        /// A tensor: owns one reference to a native at::Tensor, released by Dispose, by the dispose scope that
        /// registered it, or by the finalizer.
        /// </summary>
        public partial class Tensor : IDisposable
        {
            internal IntPtr handle;

            private static long totalCount;

            /// <summary>
            /// Tensors of at least this many bytes that no dispose scope owns tell the garbage collector about their
            /// native memory, so that a loop which forgets to dispose them makes the collector run (and their
            /// finalizers free them) long before the native heap grows without bound. Smaller ones are not worth the
            /// bookkeeping.
            /// </summary>
            /// <remarks>
            /// A tensor a scope owns is freed by the scope, so it reports nothing: reporting every tensor made the
            /// runtime start a full collection at almost every training step (572 gen-2 collections in an epoch of
            /// the default model, about 10% of its time), although the scopes freed all of it.
            /// </remarks>
            private const long PressureThreshold = 16 * 1024;

            /// <summary>The native bytes reported to the garbage collector for this tensor, 0 if none.</summary>
            private long memoryPressure;

            private DisposeScope? owningDisposeScope;

            internal Tensor(IntPtr handle)
            {
                this.handle = handle;
                Interlocked.Increment(ref totalCount);
                OwningDisposeScope = DisposeScopeManager.ThreadSingleton.RegisterOnCurrentDisposeScope(this);
            }

            /// <summary>Reports the tensor's native memory while no scope owns it, and withdraws it once one does.</summary>
            private void UpdateMemoryPressure()
            {
                if (owningDisposeScope is not null) {
                    ReleaseMemoryPressure();
                    return;
                }

                var h = handle;
                if (h == IntPtr.Zero || Interlocked.Read(ref memoryPressure) != 0) return;
                var bytes = NativeMethods.THSTensor_nbytes(h);
                if (bytes >= PressureThreshold && Interlocked.CompareExchange(ref memoryPressure, bytes, 0) == 0) {
                    GC.AddMemoryPressure(bytes);
                }
            }

            private void ReleaseMemoryPressure()
            {
                var bytes = Interlocked.Exchange(ref memoryPressure, 0);
                if (bytes > 0) GC.RemoveMemoryPressure(bytes);
            }

            /// <summary>Wraps the handle a native call returned; a zero handle raises the call's libtorch error.</summary>
            internal static Tensor FromNative(IntPtr result)
            {
                if (result == IntPtr.Zero) {
                    CheckForErrors();
                    throw new ExternalException("A native libtorch call returned no tensor.");
                }
                return new Tensor(result);
            }

            /// <summary>
            /// Wraps the result of a native call that received this tensor's handle. Being an instance call made after
            /// the native one, it also keeps this tensor (and the other inputs given) from being finalized mid-call.
            /// </summary>
            internal Tensor Wrap(IntPtr result)
            {
                GC.KeepAlive(this);
                return FromNative(result);
            }

            internal Tensor Wrap(IntPtr result, Tensor? other)
            {
                GC.KeepAlive(this);
                GC.KeepAlive(other);
                return FromNative(result);
            }

            internal Tensor Wrap(IntPtr result, Tensor? first, Tensor? second)
            {
                GC.KeepAlive(this);
                GC.KeepAlive(first);
                GC.KeepAlive(second);
                return FromNative(result);
            }

            internal DisposeScope? OwningDisposeScope {
                get => owningDisposeScope;
                set {
                    owningDisposeScope = value;
                    UpdateMemoryPressure();
                }
            }

            /// <summary>The number of live managed tensors (diagnostics).</summary>
            internal static long TotalCount => Interlocked.Read(ref totalCount);

            ~Tensor() => Dispose(false);

            public void Dispose()
            {
                // Released first, so that leaving the scope reports no memory
                var scope = OwningDisposeScope;
                Dispose(true);
                scope?.MarkAsDisposed(this);
                GC.SuppressFinalize(this);
            }

            private void Dispose(bool disposing)
            {
                var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
                if (h != IntPtr.Zero) {
                    Interlocked.Decrement(ref totalCount);
                    NativeMethods.THSTensor_dispose(h);
                    ReleaseMemoryPressure();
                }
            }

            /// <summary>True once the tensor has been disposed.</summary>
            public bool IsInvalid => handle == IntPtr.Zero;

            /// <summary>The native handle; throws if the tensor has been disposed.</summary>
            public IntPtr Handle {
                get {
                    var h = handle;
                    if (h == IntPtr.Zero) throw new InvalidOperationException("Tensor invalid -- empty handle.");
                    return h;
                }
            }

            /// <summary>Moves the tensor to the outer dispose scope (or out of every scope if there is none).</summary>
            public Tensor MoveToOuterDisposeScope()
            {
                OwningDisposeScope?.MoveToOuter(this);
                return this;
            }

            /// <summary>Takes the tensor out of every dispose scope.</summary>
            internal Tensor DetachFromDisposeScope()
            {
                OwningDisposeScope?.Detach(this);
                return this;
            }

            /// <summary>A new reference to the same native tensor, to be disposed independently.</summary>
            public Tensor alias() => Wrap(NativeMethods.THSTensor_alias(Handle));

            /// <summary>Takes the native handle away from this wrapper, leaving it invalid.</summary>
            internal IntPtr MoveHandle()
            {
                var h = Interlocked.Exchange(ref handle, IntPtr.Zero);
                if (h == IntPtr.Zero) throw new InvalidOperationException("Tensor invalid -- empty handle.");
                Interlocked.Decrement(ref totalCount);
                ReleaseMemoryPressure();
                GC.SuppressFinalize(this);
                return h;
            }

            public override string ToString()
            {
                if (IsInvalid) return "Tensor (disposed)";
                return $"[{string.Join("x", shape)}], type = {dtype}, device = {device}";
            }
        }
    }
}
