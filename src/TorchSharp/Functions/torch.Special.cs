namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class special
        {
            /// <summary>log(softmax(x)) along dim, computed stably (in dtype, if given).</summary>
            public static Tensor log_softmax(Tensor input, long dim, ScalarType? dtype = null) => input.log_softmax(dim, dtype);

            /// <summary>exp(x) / Σ exp(x) along dim (computed in dtype, if given).</summary>
            public static Tensor softmax(Tensor input, long dim, ScalarType? dtype = null) => input.softmax(dim, dtype);
        }
    }
}
