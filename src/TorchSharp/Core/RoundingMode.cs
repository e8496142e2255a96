namespace TorchSharp
{
    public static partial class torch
    {
        /// <summary>How div rounds its quotient.</summary>
        public enum RoundingMode
        {
            None,
            trunc,
            floor,
        }
    }
}
