using TorchSharp.PInvoke;

namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>Sets the number of threads libtorch uses for intra-op parallelism.</summary>
        public static void set_num_threads(int num) => CheckStatus(NativeMethods.THS_set_num_threads(num));

        /// <summary>The number of threads libtorch uses for intra-op parallelism.</summary>
        public static int get_num_threads() => NativeMethods.THS_get_num_threads();
    }
}
