namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>log(1 + exp(βx)) / β, linear where βx exceeds threshold.</summary>
        public sealed class Softplus : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            private readonly double beta;
            private readonly double threshold;

            internal Softplus(double beta, double threshold) : base(nameof(Softplus))
            {
                this.beta = beta;
                this.threshold = threshold;
            }

            public override torch.Tensor forward(torch.Tensor tensor) => torch.nn.functional.softplus(tensor, beta, threshold);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>log(1 + exp(βx)) / β, linear where βx exceeds threshold.</summary>
            public static Modules.Softplus Softplus(double beta = 1, double threshold = 20) => new Modules.Softplus(beta, threshold);
        }
    }
}
