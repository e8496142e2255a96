using TorchSharp.PInvoke;

namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Sigmoid-weighted linear unit x σ(x).</summary>
        public sealed class SiLU : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            internal SiLU() : base(nameof(SiLU))
            {
            }

            public override torch.Tensor forward(torch.Tensor tensor) => tensor.Wrap(NativeMethods.THSTensor_unary(tensor.Handle, UnaryOp.Silu));
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Sigmoid-weighted linear unit x σ(x).</summary>
            public static Modules.SiLU SiLU() => new Modules.SiLU();
        }
    }
}
