namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Logistic sigmoid 1 / (1 + exp(-x)).</summary>
        public sealed class Sigmoid : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            internal Sigmoid() : base(nameof(Sigmoid))
            {
            }

            public override torch.Tensor forward(torch.Tensor tensor) => tensor.sigmoid();
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Logistic sigmoid 1 / (1 + exp(-x)).</summary>
            public static Modules.Sigmoid Sigmoid() => new Modules.Sigmoid();
        }
    }
}
