using TorchSharp.PInvoke;

namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Exponential linear unit: x for x > 0, α (exp(x) - 1) otherwise.</summary>
        public sealed class ELU : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            private readonly double alpha;
            private readonly bool inplace;

            internal ELU(double alpha, bool inplace) : base(nameof(ELU))
            {
                this.alpha = alpha;
                this.inplace = inplace;
            }

            public override torch.Tensor forward(torch.Tensor tensor) => tensor.Wrap(NativeMethods.THSNN_elu(tensor.Handle, alpha, inplace ? 1 : 0));
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Exponential linear unit: x for x > 0, α (exp(x) - 1) otherwise.</summary>
            public static Modules.ELU ELU(double alpha = 1, bool inplace = false) => new Modules.ELU(alpha, inplace);
        }
    }
}
