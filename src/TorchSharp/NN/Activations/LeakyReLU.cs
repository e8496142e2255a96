namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>x for x > 0, negative_slope · x otherwise.</summary>
        public sealed class LeakyReLU : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            private readonly double negativeSlope;
            private readonly bool inplace;

            internal LeakyReLU(double negative_slope, bool inplace) : base(nameof(LeakyReLU))
            {
                negativeSlope = negative_slope;
                this.inplace = inplace;
            }

            public override torch.Tensor forward(torch.Tensor tensor) => torch.nn.functional.leaky_relu(tensor, negativeSlope, inplace);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>x for x > 0, negative_slope · x otherwise.</summary>
            public static Modules.LeakyReLU LeakyReLU(double negative_slope = 0.01, bool inplace = false) => new Modules.LeakyReLU(negative_slope, inplace);
        }
    }
}
