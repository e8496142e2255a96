namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Rectified linear unit: max(0, x).</summary>
        public sealed class ReLU : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            private readonly bool inplace;

            internal ReLU(bool inplace) : base(nameof(ReLU))
            {
                this.inplace = inplace;
            }

            public override torch.Tensor forward(torch.Tensor tensor) => torch.nn.functional.relu(tensor, inplace);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Rectified linear unit: max(0, x).</summary>
            public static Modules.ReLU ReLU(bool inplace = false) => new Modules.ReLU(inplace);
        }
    }
}
