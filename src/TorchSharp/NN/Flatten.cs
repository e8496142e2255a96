namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Flattens dimensions startDim to endDim into one.</summary>
        public sealed class Flatten : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            private readonly long startDim;
            private readonly long endDim;

            internal Flatten(long startDim, long endDim) : base(nameof(Flatten))
            {
                this.startDim = startDim;
                this.endDim = endDim;
            }

            public override torch.Tensor forward(torch.Tensor tensor) => tensor.flatten(startDim, endDim);
        }

        /// <summary>Expands dimension dim into the given sizes.</summary>
        public sealed class Unflatten : torch.nn.Module<torch.Tensor, torch.Tensor>
        {
            private readonly long dim;
            private readonly long[] unflattenedSize;

            internal Unflatten(long dim, long[] unflattenedSize) : base(nameof(Unflatten))
            {
                this.dim = dim;
                this.unflattenedSize = (long[])unflattenedSize.Clone();
            }

            public override torch.Tensor forward(torch.Tensor tensor) => tensor.unflatten(dim, unflattenedSize);
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>Flattens dimensions startDim to endDim into one (by default every dimension but the batch one).</summary>
            public static Modules.Flatten Flatten(long startDim = 1, long endDim = -1) => new Modules.Flatten(startDim, endDim);

            /// <summary>Expands dimension dim into unflattenedSize.</summary>
            public static Modules.Unflatten Unflatten(long dim, long[] unflattenedSize) => new Modules.Unflatten(dim, unflattenedSize);
        }
    }
}
