namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Hyperbolic tangent.</summary>
        public sealed class Tanh : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            internal Tanh() : base(nameof(Tanh))
            {
            }

            public override torch.Tensor forward(torch.Tensor tensor) => tensor.tanh();
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Hyperbolic tangent.</summary>
            public static Modules.Tanh Tanh() => new Modules.Tanh();
        }
    }
}
