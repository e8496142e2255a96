namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Gaussian error linear unit x Φ(x).</summary>
        public sealed class GELU : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            internal GELU() : base(nameof(GELU))
            {
            }

            public override torch.Tensor forward(torch.Tensor tensor) => torch.nn.functional.gelu(tensor);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Gaussian error linear unit x Φ(x).</summary>
            public static Modules.GELU GELU() => new Modules.GELU();
        }
    }
}
