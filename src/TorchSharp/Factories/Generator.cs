using System;
using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>A random number generator (libtorch's CPU generator, mt19937 based).</summary>
        public class Generator : IDisposable
        {
            public IntPtr Handle { get; private set; }

            /// <summary>The device of the generator (always the CPU here).</summary>
            public Device device { get; private set; }

            // The marker parameter keeps this constructor out of overload resolution for new Generator(7)
            // (an int converts implicitly to IntPtr) where internals are visible.
            private Generator(IntPtr nativeHandle, bool ownsNativeHandle)
            {
                if (nativeHandle == IntPtr.Zero) {
                    CheckForErrors();
                    throw new System.Runtime.InteropServices.ExternalException("No generator was created.");
                }
                Handle = nativeHandle;
                device = CPU;
            }

            /// <summary>A new generator seeded with seed.</summary>
            public Generator(ulong seed = 0, Device? device = null) : this(NativeMethods.THSGenerator_new(seed), ownsNativeHandle: true)
            {
                ValidateDevice(device);
            }

            /// <summary>The process-wide default CPU generator, the one manual_seed seeds.</summary>
            public static Generator Default => new Generator(NativeMethods.THSGenerator_default(), ownsNativeHandle: true);

            public Generator manual_seed(long seed)
            {
                CheckStatus(NativeMethods.THSGenerator_manual_seed(Handle, seed));
                return this;
            }

            /// <summary>Seeds the generator from the clock and returns the seed.</summary>
            public long seed()
            {
                var seed = DateTime.UtcNow.Ticks;
                manual_seed(seed);
                return seed;
            }

            public long initial_seed() => NativeMethods.THSGenerator_initial_seed(Handle);

            /// <summary>The generator state as a byte tensor.</summary>
            public Tensor get_state() => Tensor.FromNative(NativeMethods.THSGenerator_get_state(Handle));

            public void set_state(Tensor value)
            {
                CheckStatus(NativeMethods.THSGenerator_set_state(Handle, value.Handle));
                GC.KeepAlive(value);
            }

            protected virtual void Dispose(bool disposing)
            {
                var h = Handle;
                Handle = IntPtr.Zero;
                if (h != IntPtr.Zero) NativeMethods.THSGenerator_dispose(h);
            }

            ~Generator() => Dispose(false);

            public void Dispose()
            {
                Dispose(true);
                GC.SuppressFinalize(this);
            }
        }

        public static partial class random
        {
            /// <summary>Seeds the default generator and returns it.</summary>
            public static Generator manual_seed(long seed) => Generator.Default.manual_seed(seed);
        }

        /// <summary>Seeds the default generator (every random function without an explicit generator) and returns it.</summary>
        public static Generator manual_seed(long seed) => random.manual_seed(seed);
    }
}
