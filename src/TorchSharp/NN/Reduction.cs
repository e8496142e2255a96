namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>How a loss reduces its per-element values (numbered as at::Reduction).</summary>
            public enum Reduction : long
            {
                None = 0,
                Mean = 1,
                Sum = 2,
            }
        }
    }
}
