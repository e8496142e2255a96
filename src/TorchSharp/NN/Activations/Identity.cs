namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Returns its input (as a new reference).</summary>
        public sealed class Identity : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            internal Identity() : base(nameof(Identity))
            {
            }

            public override torch.Tensor forward(torch.Tensor tensor) => tensor.alias();
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Returns its input (as a new reference).</summary>
            public static Modules.Identity Identity() => new Modules.Identity();
        }
    }
}
